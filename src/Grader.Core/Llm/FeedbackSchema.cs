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

    public static JsonElement Schema { get; } = JsonDocument.Parse("""
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["areas"],
          "properties": {
            "areas": {
              "type": "array",
              "minItems": 3,
              "maxItems": 3,
              "items": {
                "type": "object",
                "additionalProperties": false,
                "required": ["area", "rating", "strengths", "gaps", "lines"],
                "properties": {
                  "area": { "type": "string", "enum": ["scoping", "data", "monitoring"] },
                  "rating": { "type": "integer", "minimum": 1, "maximum": 5 },
                  "strengths": { "type": "array", "items": { "type": "string" }, "maxItems": 8 },
                  "gaps": { "type": "array", "items": { "type": "string" }, "maxItems": 8 },
                  "lines": { "type": "array", "items": { "type": "integer", "minimum": 1 }, "maxItems": 20 }
                }
              }
            }
          }
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
            if (root.ValueKind != JsonValueKind.Object || !OnlyKeys(root, "areas") || !root.TryGetProperty("areas", out var areas) || areas.ValueKind != JsonValueKind.Array)
            {
                return ([], "the reply is not an object with exactly an 'areas' array");
            }

            var result = ImmutableArray.CreateBuilder<FeedbackArea>();
            foreach (var item in areas.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !OnlyKeys(item, "area", "rating", "strengths", "gaps", "lines"))
                {
                    return ([], "an area has missing or unexpected fields");
                }

                var area = item.GetProperty("area").GetString();
                if (!Areas.Contains(area))
                {
                    return ([], $"unknown area '{area}'");
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

                result.Add(new FeedbackArea(area!, rating, strengths.Value, gaps.Value, lines.Value));
            }

            if (result.Count != 3 || result.Select(a => a.Area).Distinct(StringComparer.Ordinal).Count() != 3)
            {
                return ([], "the reply must cover scoping, data and monitoring once each");
            }

            return ([.. result.OrderBy(a => Array.IndexOf(Areas, a.Area))], null);
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
