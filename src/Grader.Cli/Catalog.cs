using System.CommandLine;
using Grader.Core.Configuration;
using Grader.Core.Diagnostics;
using Grader.Core.Reporting;
using Grader.Core.Rubrics;

namespace Grader.Cli;

/// <summary>Loads the rubric catalog once per command, reporting rubric errors the same way everywhere.</summary>
internal static class Catalog
{
    public static RubricCatalog? Load(TextWriter stderr, IEnumerable<string>? folders = null, Func<string, bool>? skip = null)
    {
        var (catalog, errors) = RubricCatalog.Load(DescriptorCatalog.Ids, folders, skip);
        foreach (var error in errors)
        {
            stderr.WriteLine(UntrustedText.Visible(error.ToString()));
        }

        return errors.Length == 0 ? catalog : null;
    }
}

/// <summary>
/// <c>--rubrics DIR</c> and the config options, for the commands that read rubrics without grading (<c>rubrics list</c>,
/// <c>rubrics show</c>, <c>explain</c>, <c>init</c>). They see what <c>check</c> would grade an answer in the working
/// directory with: the built-in rubrics, the folders of a config's <c>rubrics:</c> and <c>--rubrics</c>, under the same
/// trust rules (a discovered <c>.grader.yaml</c> may not name rubric folders; the file given to <c>--config</c> may).
/// </summary>
internal sealed class RubricOptions
{
    private readonly Option<string[]> _rubrics = new("--rubrics") { Description = "A folder of extra rubrics (repeatable)", Arity = ArgumentArity.ZeroOrMore };
    private readonly TrustOptions _trust = TrustOptions.Create();

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(_rubrics);
        _trust.AddConfigOptionsTo(command);
    }

    /// <summary>The catalog, or null after saying on stderr what is wrong (a config, a missing folder, a broken rubric).</summary>
    public RubricCatalog? Load(ParseResult parse, Func<string, string?> environment, TextWriter stderr)
    {
        var resolver = new ConfigResolver(_trust.Read(parse, environment, gateOnCommandLine: false).Policy);
        var (config, errors) = resolver.Resolve(Path.Combine(Directory.GetCurrentDirectory(), "answer.md"));
        foreach (var notice in resolver.Notices)
        {
            stderr.WriteLine(UntrustedText.Visible((notice with { File = TrustOptions.Shown(notice.File) }).ToString()));
        }

        if (!errors.IsEmpty)
        {
            foreach (var error in errors)
            {
                stderr.WriteLine(UntrustedText.Visible(error.ToString()));
            }

            return null;
        }

        var fromFlags = (parse.GetValue(_rubrics) ?? []).Select(Path.GetFullPath).ToList();
        var missing = config.RubricFolders.Where(f => !Directory.Exists(f)).Select(f => (From: config.Files.FirstOrDefault() ?? "config", Folder: f))
            .Concat(fromFlags.Where(f => !Directory.Exists(f)).Select(f => (From: "--rubrics", Folder: f)))
            .ToList();
        foreach (var (from, folder) in missing)
        {
            stderr.WriteLine(UntrustedText.Visible($"{TrustOptions.Shown(from)}: error config.rubrics-missing: rubric folder '{TrustOptions.Shown(folder)}' does not exist"));
        }

        return missing.Count > 0 ? null : Catalog.Load(stderr, config.RubricFolders.Concat(fromFlags).Distinct(StringComparer.Ordinal), config.IsConfigFile);
    }
}
