using System.Collections.Immutable;
using System.Text.Json;
using Grader.Core.Diagnostics;

namespace Grader.Core.Comparison;

/// <summary>
/// The findings of an earlier run (Grader's JSON or SARIF), by answer path and fingerprint. Applied to a new run,
/// it keeps only the findings that are new since then and marks them <c>baselineState: new</c>.
/// </summary>
public sealed class Baseline
{
    private readonly Dictionary<string, Dictionary<string, int>> _byPath;

    private Baseline(Dictionary<string, Dictionary<string, int>> byPath) => _byPath = byPath;

    /// <summary>Reads a JSON or SARIF report; the error says what is wrong with the file.</summary>
    public static (Baseline? Baseline, string? Error) Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var byPath = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
            if (root.TryGetProperty("runs", out var runs))
            {
                foreach (var result in runs.EnumerateArray().SelectMany(r => r.TryGetProperty("results", out var rs) ? rs.EnumerateArray() : []))
                {
                    var uri = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;
                    if (result.TryGetProperty("partialFingerprints", out var fp) && fp.TryGetProperty(Fingerprints.Key, out var value))
                    {
                        Add(byPath, PathOf(uri), value.GetString()!);
                    }
                }
            }
            else if (root.TryGetProperty("documents", out var documents))
            {
                foreach (var doc in documents.EnumerateArray())
                {
                    var path = doc.GetProperty("path").GetString()!;
                    foreach (var d in doc.GetProperty("diagnostics").EnumerateArray())
                    {
                        if (d.TryGetProperty("fingerprint", out var value))
                        {
                            Add(byPath, path, value.GetString()!);
                        }
                    }
                }
            }
            else
            {
                return (null, "is neither a Grader JSON report nor a SARIF log");
            }

            return (new Baseline(byPath), null);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return (null, $"is not a readable JSON or SARIF report ({ex.GetType().Name})");
        }
    }

    public GradeResult Apply(GradeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var known = _byPath.TryGetValue(result.Path, out var counts) ? new Dictionary<string, int>(counts, StringComparer.Ordinal) : [];
        var fingerprints = Fingerprints.Of(result);
        var kept = ImmutableArray.CreateBuilder<Diagnostic>();
        for (var i = 0; i < result.Diagnostics.Length; i++)
        {
            if (known.TryGetValue(fingerprints[i], out var n) && n > 0)
            {
                known[fingerprints[i]] = n - 1;
                continue;
            }

            kept.Add(result.Diagnostics[i] with { BaselineState = "new" });
        }

        return result with { Diagnostics = kept.ToImmutable() };
    }

    // SARIF holds relative paths as percent-encoded references and rooted ones as file: URIs.
    private static string PathOf(string uri) =>
        uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(uri, UriKind.Absolute, out var absolute)
            ? absolute.LocalPath.Replace('\\', '/')
            : Uri.UnescapeDataString(uri);

    private static void Add(Dictionary<string, Dictionary<string, int>> byPath, string path, string fingerprint)
    {
        if (!byPath.TryGetValue(path, out var counts))
        {
            byPath[path] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        counts[fingerprint] = counts.GetValueOrDefault(fingerprint) + 1;
    }
}
