using Grader.Core.Diagnostics;

namespace Grader.Core.Configuration;

/// <summary>
/// The keys only a trusted source (flags, environment, <c>--config</c>) may set. A <c>.grader.yaml</c> found next to
/// the answers is written by whoever submitted them: it may tune feedback, never where answers and keys are sent,
/// which rubric grades them, what an answer scores, or whether a gate or an integrity check holds.
/// </summary>
internal static class TrustedKeys
{
    public const string Code = "config.trusted-only";

    /// <summary>The DTO with every trusted-only setting removed, and one notice per setting removed.</summary>
    public static (ConfigDto Dto, List<ConfigNotice> Notices, List<string> Keys) Strip(ConfigDto dto, string file, ConfigMarks marks, bool gateOnCommandLine)
    {
        var notices = new List<ConfigNotice>();
        var keys = new List<string>();
        void Refuse(string key, string reason, params string[] path)
        {
            var (line, column) = marks.Key(path.Length == 0 ? [key] : path);
            notices.Add(new ConfigNotice(file, line, column, Code, $"'{key}' is ignored in a discovered config: {reason}; set it with a flag or in the file given to --config"));
            keys.Add(key);
        }

        var safe = new ConfigDto
        {
            FailUnder = dto.FailUnder,
            Problems = dto.Problems,
            Start = dto.Start,
        };
        if (dto.Root is not null)
        {
            Refuse("root", "it would drop the configs above it (discovery stops at the repository root instead)");
        }

        if (dto.Rubrics is not null)
        {
            Refuse("rubrics", "a rubric folder next to the answers could grade them");
        }

        if (dto.SuppressionsRestorePoints is not null)
        {
            Refuse("suppressionsRestorePoints", "an answer's own comments would give back the points it lost");
        }

        if (dto.Llm is not null)
        {
            Refuse("llm", "it could send the API key and every answer to another endpoint");
        }

        if (dto.Rules is not null)
        {
            safe.Rules = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (id, severity) in dto.Rules)
            {
                var descriptor = DescriptorCatalog.Find(id.ToUpperInvariant());
                var floor = descriptor?.DefaultSeverity ?? Severity.Warning;
                if (descriptor?.Category == Categories.Integrity && Rank(severity) < Rank(floor))
                {
                    Refuse(id, "integrity checks cannot be turned off or lowered by a file among the answers", "rules", id);
                }
                else if (descriptor is null && severity == "none")
                {
                    Refuse(id, "turning a rubric criterion off gives its points back, and only a trusted config may change a score", "rules", id);
                }
                else if (gateOnCommandLine && Rank(severity) < Rank(floor))
                {
                    Refuse(id, "it would weaken the gate given on the command line", "rules", id);
                }
                else
                {
                    safe.Rules[id] = severity;
                }
            }
        }

        if (dto.Categories is not null)
        {
            safe.Categories = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (category, severity) in dto.Categories)
            {
                var floor = DescriptorCatalog.All.Where(d => d.Category == category).Select(d => d.DefaultSeverity).DefaultIfEmpty(Severity.Info).Max();
                if (category == Categories.Integrity && Rank(severity) < Rank(floor))
                {
                    Refuse(category, "integrity checks cannot be turned off or lowered by a file among the answers", "categories", category);
                }
                else if (gateOnCommandLine && Rank(severity) < Rank(floor))
                {
                    Refuse(category, "it would weaken the gate given on the command line", "categories", category);
                }
                else
                {
                    safe.Categories[category] = severity;
                }
            }
        }

        return (safe, notices, keys);
    }

    private static int Rank(string severity) => severity switch
    {
        "error" => 3,
        "warning" => 2,
        "info" => 1,
        _ => 0,
    };

    private static int Rank(Severity severity) => severity switch
    {
        Severity.Error => 3,
        Severity.Warning => 2,
        _ => 1,
    };
}
