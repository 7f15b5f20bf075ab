using System.Globalization;
using Grader.Core.Configuration;
using Grader.Core.Diagnostics;

namespace Grader.Core.Runs;

/// <summary>
/// When a graded answer fails a run: a finding at <paramref name="FailOn"/> or worse (null: never), a score under
/// <paramref name="FailUnder"/> (else the config's failUnder), or model feedback that was required and not had.
/// </summary>
public sealed record GatePolicy(Severity? FailOn = Severity.Error, double? FailUnder = null, bool LlmRequired = false)
{
    public static GatePolicy Default { get; } = new();

    /// <summary>The option value a severity gate is written as (error, warning, none).</summary>
    public static string Name(Severity? failOn) => failOn?.ToId() ?? "none";

    /// <summary>Why <paramref name="result"/> fails, or null when it passes.</summary>
    public string? Check(GraderConfig config, GradeResult result)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(result);

        // Model feedback never decides a run, unless --llm-required says a failed call should.
        if (LlmRequired && result.Diagnostics.Any(d => d.Id == DiagnosticIds.LlmFeedbackUnavailable))
        {
            return "model feedback was required (--llm-required) and could not be had";
        }

        if (FailOn is { } threshold)
        {
            var failing = result.Diagnostics.Where(d => !d.IsSuppressed && d.Severity >= threshold && d.Descriptor.Category != Categories.Llm).ToList();
            if (failing.Count > 0)
            {
                var name = Name(FailOn);
                return string.Create(CultureInfo.InvariantCulture,
                    $"{failing.Count} finding(s) at {name} or worse (--fail-on {name}), first {failing[0].Id} at line {failing[0].Span.Line}");
            }
        }

        var (minimum, from) = FailUnder is { } flag ? (flag, "--fail-under") : config.FailUnder is { } configured ? (configured, "failUnder in the config") : (-1, "");
        return result.Score.Total < minimum
            ? string.Create(CultureInfo.InvariantCulture, $"scored {result.Score.Total:0.0}, under {minimum:0.#} ({from})")
            : null;
    }
}
