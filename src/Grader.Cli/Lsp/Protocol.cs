using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grader.Cli.Lsp;

// The few Language Server Protocol 3.17 messages Grader's server reads and writes, written by hand: properties the
// server does not use are left out (System.Text.Json ignores them on input). Positions are 0-based, in UTF-16 code
// units, the protocol's default encoding and the one SourceSpan uses.

/// <summary>Serializer settings for the wire: camelCase names, nulls left out, every type from <see cref="LspJsonContext"/>.</summary>
internal static class LspJson
{
    /// <summary>
    /// Only the source-generated metadata, no reflection fallback: the native build has none, so a message type missing
    /// from the context fails the in-process tests too instead of only the shipped binary.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(LspJsonContext.Default.Options);
}

/// <summary>Compile-time JSON metadata for every type the server reads or writes (Native AOT has no reflection-based serializer).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonElement?))]
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(InitializeParams))]
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(DidOpenTextDocumentParams))]
[JsonSerializable(typeof(DidChangeTextDocumentParams))]
[JsonSerializable(typeof(DidSaveTextDocumentParams))]
[JsonSerializable(typeof(DidCloseTextDocumentParams))]
[JsonSerializable(typeof(DidChangeWatchedFilesParams))]
[JsonSerializable(typeof(TextDocumentPositionParams))]
[JsonSerializable(typeof(CodeActionParams))]
[JsonSerializable(typeof(CodeLensParams))]
[JsonSerializable(typeof(Hover))]
[JsonSerializable(typeof(IReadOnlyList<CodeAction>))]
[JsonSerializable(typeof(IReadOnlyList<CodeLens>))]
[JsonSerializable(typeof(PublishDiagnosticsParams))]
[JsonSerializable(typeof(LogMessageParams))]
[JsonSerializable(typeof(RegistrationParams))]
internal sealed partial class LspJsonContext : JsonSerializerContext;

/// <summary>JSON-RPC and LSP error codes the server answers with.</summary>
internal static class LspErrors
{
    public const int InvalidRequest = -32600;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int ServerNotInitialized = -32002;
}

internal sealed record Position(int Line, int Character);

internal sealed record LspRange(Position Start, Position End);

internal sealed record TextDocumentIdentifier(string Uri);

internal sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

internal sealed record TextDocumentItem(string Uri, string? LanguageId, int Version, string Text);

internal sealed record InitializeParams(int? ProcessId, string? RootUri, string? RootPath, JsonElement? Capabilities);

internal sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

internal sealed record TextDocumentContentChangeEvent(LspRange? Range, string Text);

internal sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, IReadOnlyList<TextDocumentContentChangeEvent> ContentChanges);

internal sealed record DidSaveTextDocumentParams(TextDocumentIdentifier TextDocument, string? Text);

internal sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

internal sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

internal sealed record CodeActionContext(IReadOnlyList<LspDiagnostic>? Diagnostics, IReadOnlyList<string>? Only);

internal sealed record CodeActionParams(TextDocumentIdentifier TextDocument, LspRange Range, CodeActionContext? Context);

internal sealed record CodeLensParams(TextDocumentIdentifier TextDocument);

internal sealed record FileEvent(string Uri, int Type);

internal sealed record DidChangeWatchedFilesParams(IReadOnlyList<FileEvent> Changes);

internal sealed record CodeDescription(string Href);

/// <summary>Severity: 1 error, 2 warning, 3 information, 4 hint.</summary>
internal sealed record LspDiagnostic(LspRange Range, int Severity, string? Code, CodeDescription? CodeDescription, string Source, string Message);

internal sealed record PublishDiagnosticsParams(string Uri, int? Version, IReadOnlyList<LspDiagnostic> Diagnostics);

internal sealed record MarkupContent(string Kind, string Value);

internal sealed record Hover(MarkupContent Contents, LspRange? Range);

internal sealed record TextEdit(LspRange Range, string NewText);

internal sealed record WorkspaceEdit(IReadOnlyDictionary<string, IReadOnlyList<TextEdit>> Changes);

internal sealed record CodeAction(string Title, string Kind, IReadOnlyList<LspDiagnostic>? Diagnostics, bool? IsPreferred, WorkspaceEdit Edit);

/// <summary>A command with no <see cref="Name"/> is shown as text and does nothing when clicked.</summary>
internal sealed record LensCommand(string Title, [property: JsonPropertyName("command")] string Name);

internal sealed record CodeLens(LspRange Range, LensCommand Command);

internal sealed record LogMessageParams(int Type, string Message);

internal sealed record FileSystemWatcher(string GlobPattern);

internal sealed record DidChangeWatchedFilesRegistrationOptions(IReadOnlyList<FileSystemWatcher> Watchers);

internal sealed record Registration(string Id, string Method, DidChangeWatchedFilesRegistrationOptions? RegisterOptions);

internal sealed record RegistrationParams(IReadOnlyList<Registration> Registrations);

internal sealed record ServerInfo(string Name, string Version);

/// <summary>Change 1: the client sends the full text on every change.</summary>
internal sealed record TextDocumentSyncOptions(bool OpenClose, int Change, SaveOptions Save);

internal sealed record SaveOptions(bool IncludeText);

internal sealed record CodeActionOptions(IReadOnlyList<string> CodeActionKinds);

internal sealed record CodeLensOptions(bool ResolveProvider);

internal sealed record ServerCapabilities(TextDocumentSyncOptions TextDocumentSync, bool HoverProvider, CodeActionOptions CodeActionProvider, CodeLensOptions CodeLensProvider);

internal sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);
