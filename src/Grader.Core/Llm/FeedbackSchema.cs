using System.Collections.Immutable;
using System.Text.Json;

namespace Grader.Core.Llm;

/// <summary>
/// The JSON schema the model is asked to follow, and the strict check of what comes back. A reply that fails
/// the check is not guessed at: it is retried once, then reported.
/// </summary>
public static class FeedbackSchema
{
    public static readonly string[] Areas = ["scoping", "data", "monitoring"];

    // One object per area, not an array of three: structured-output servers (OpenAI strict mode, Ollama's grammar)
    // enforce required properties, while an array's size survives their schema transformation only as a description.
    private const string AreaSchema = """
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["rating", "strengths", "gaps", "lines"],
          "properties": {
            "rating": { "type": "integer", "minimum": 1, "maximum": 5 },
            "strengths": { "type": "array", "items": { "type": "string" }, "maxItems": 8 },
            "gaps": { "type": "array", "items": { "type": "string" }, "maxItems": 8 },
            "lines": { "type": "array", "items": { "type": "integer", "minimum": 1 }, "maxItems": 20 }
          }
        }
        """;

    public static JsonElement Schema { get; } = JsonDocument.Parse($$"""
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["scoping", "data", "monitoring"],
          "properties": { "scoping": {{AreaSchema}}, "data": {{AreaSchema}}, "monitoring": {{AreaSchema}} }
        }
        """).RootElement.Clone();

    /// <summary>The areas, or what is wrong with the reply. Line numbers must exist in the answer.</summary>
    public static (ImmutableArray<FeedbackArea> Areas, string? Error) Parse(string? reply, int lineCount)
    {
        if (string.IsNullOrWhiteSpace(reply))
        {
            return ([], "the reply was empty");
        }

        try
        {
            using var document = JsonDocument.Parse(reply);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !OnlyKeys(root, Areas))
            {
                return ([], "the reply is not an object with exactly 'scoping', 'data' and 'monitoring'");
            }

            var result = ImmutableArray.CreateBuilder<FeedbackArea>();
            foreach (var area in Areas)
            {
                var item = root.GetProperty(area);
                if (item.ValueKind != JsonValueKind.Object || !OnlyKeys(item, "rating", "strengths", "gaps", "lines"))
                {
                    return ([], $"the {area} area has missing or unexpected fields");
                }

                if (item.GetProperty("rating").ValueKind != JsonValueKind.Number || !item.GetProperty("rating").TryGetInt32(out var rating) || rating is < 1 or > 5)
                {
                    return ([], $"the {area} rating is not a whole number from 1 to 5");
                }

                var lines = Ints(item.GetProperty("lines"));
                if (lines is null || lines.Value.Any(l => l < 1 || l > lineCount))
                {
                    return ([], $"the {area} line numbers are not lines of the answer (1 to {lineCount})");
                }

                var strengths = Strings(item.GetProperty("strengths"));
                var gaps = Strings(item.GetProperty("gaps"));
                if (strengths is null || gaps is null)
                {
                    return ([], $"the {area} strengths and gaps must be lists of text");
                }

                result.Add(new FeedbackArea(area, rating, strengths.Value, gaps.Value, lines.Value));
            }

            return (result.ToImmutable(), null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return ([], "the reply is not valid JSON of the requested shape");
        }
    }

    private static bool OnlyKeys(JsonElement element, params string[] keys) =>
        element.EnumerateObject().All(p => keys.Contains(p.Name)) && keys.All(k => element.TryGetProperty(k, out _));

    private static ImmutableArray<string>? Strings(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array && element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
            ? [.. element.EnumerateArray().Select(e => e.GetString()!)]
            : null;

    private static ImmutableArray<int>? Ints(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array && element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out _))
            ? [.. element.EnumerateArray().Select(e => e.GetInt32())]
            : null;
}
