using System.Globalization;
using System.Text.Json;

namespace Grader.Core.Llm;

/// <summary>Shared wording for model-written feedback, so every report marks it the same way.</summary>
public static class FeedbackText
{
    public const string Notice = "Model-written feedback (advisory: it does not change the score, band or exit code)";

    public static string Header(LlmFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var tokens = feedback.InputTokens is null && feedback.OutputTokens is null
            ? "token usage not reported"
            : string.Create(CultureInfo.InvariantCulture, $"{feedback.InputTokens ?? 0} input + {feedback.OutputTokens ?? 0} output tokens");
        return $"{Notice}; model {feedback.Provider}/{feedback.Model}, {tokens}{(feedback.FromCache ? ", from cache" : "")}";
    }

    public static string Lines(FeedbackArea area)
    {
        ArgumentNullException.ThrowIfNull(area);
        return area.Lines.IsEmpty ? "" : " (lines " + string.Join(", ", area.Lines.Select(l => l.ToString(CultureInfo.InvariantCulture))) + ")";
    }

    public static void WriteJson(Utf8JsonWriter json, LlmFeedback? feedback)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (feedback is null)
        {
            json.WriteNull("feedback");
            return;
        }

        json.WriteStartObject("feedback");
        json.WriteBoolean("modelWritten", true);
        json.WriteString("notice", Notice);
        json.WriteString("provider", feedback.Provider);
        json.WriteString("model", feedback.Model);
        if (feedback.InputTokens is { } input)
        {
            json.WriteNumber("inputTokens", input);
        }
        else
        {
            json.WriteNull("inputTokens");
        }

        if (feedback.OutputTokens is { } output)
        {
            json.WriteNumber("outputTokens", output);
        }
        else
        {
            json.WriteNull("outputTokens");
        }

        json.WriteBoolean("fromCache", feedback.FromCache);
        json.WritePropertyName("review");
        FeedbackCache.WriteAreas(json, feedback.Areas);
        json.WriteEndObject();
    }
}
