using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Grader.Core.IO;

namespace Grader.Core.Llm;

/// <summary>
/// Feedback on disk, keyed by provider, endpoint, model, prompt templates, rubric version and the answer's text, so a re-run
/// on unchanged input makes no network call. Only the feedback is stored: never a key or a request.
/// </summary>
public sealed class FeedbackCache(string folder)
{
    public string Folder { get; } = folder;

    public static string Key(string provider, string endpoint, string model, string promptHash, string rubricId, int rubricVersion, string answer) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\u0000', "v2", provider, endpoint, model, promptHash, rubricId, rubricVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), answer))));

    public LlmFeedback? TryGet(string key)
    {
        var path = Path.Combine(Folder, key + ".json");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var (areas, error) = FeedbackSchema.Parse(root.GetProperty("reply").GetRawText(), int.MaxValue);
            return error is null
                ? new LlmFeedback(root.GetProperty("provider").GetString()!, root.GetProperty("model").GetString()!, areas,
                    Number(root, "inputTokens"), Number(root, "outputTokens"), FromCache: true)
                : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null; // a damaged entry is a miss, not a failure
        }
    }

    public void Put(string key, LlmFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        Directory.CreateDirectory(Folder);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("provider", feedback.Provider);
            json.WriteString("model", feedback.Model);
            if (feedback.InputTokens is { } input)
            {
                json.WriteNumber("inputTokens", input);
            }

            if (feedback.OutputTokens is { } output)
            {
                json.WriteNumber("outputTokens", output);
            }

            // Kept in the shape the model replies in, so an entry is checked by the same schema as a fresh reply (an
            // entry of an older shape is a miss).
            json.WritePropertyName("reply");
            json.WriteStartObject();
            foreach (var area in feedback.Areas)
            {
                json.WritePropertyName(area.Area);
                WriteArea(json, area, withName: false);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        AtomicFile.Write(Path.Combine(Folder, key + ".json"), buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    public static void WriteAreas(Utf8JsonWriter json, ImmutableArray<FeedbackArea> areas)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteStartArray("areas");
        foreach (var area in areas)
        {
            WriteArea(json, area, withName: true);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteArea(Utf8JsonWriter json, FeedbackArea area, bool withName)
    {
        json.WriteStartObject();
        if (withName)
        {
            json.WriteString("area", area.Area);
        }

        json.WriteNumber("rating", area.Rating);
        json.WriteStartArray("strengths");
        area.Strengths.ToList().ForEach(json.WriteStringValue);
        json.WriteEndArray();
        json.WriteStartArray("gaps");
        area.Gaps.ToList().ForEach(json.WriteStringValue);
        json.WriteEndArray();
        json.WriteStartArray("lines");
        area.Lines.ToList().ForEach(json.WriteNumberValue);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static long? Number(JsonElement root, string name) => root.TryGetProperty(name, out var v) && v.TryGetInt64(out var n) ? n : null;
}
