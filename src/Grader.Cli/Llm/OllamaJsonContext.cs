using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OllamaSharp.Models;
using OllamaSharp.Models.Chat;

namespace Grader.Cli.Llm;

/// <summary>
/// What OllamaSharp serialises on the chat path, described at compile time: without it OllamaSharp falls back on
/// reflection-based JSON, which the native build does not have (the Ollama loopback tests run against it).
/// </summary>
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ChatResponseStream))]
[JsonSerializable(typeof(ChatDoneResponseStream))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class OllamaJsonContext : JsonSerializerContext;
