using System.Text;
using Grader.Core;
using Grader.Core.Configuration;
using Grader.Core.Reporting;
using Grader.Core.Rubrics;

namespace Grader.Cli.Lsp;

/// <summary>One graded version of an open answer: the result, or the one error that stands for it.</summary>
internal sealed record Graded(int Version, GradeResult? Result, GradingEngine? Engine, string? Error);

/// <summary>
/// The grading side of the server, with no protocol in it: the same configuration discovery, trust rules, rubric
/// folders, size limit and time budget as <c>check</c>. <see cref="Reload"/> forgets every config and rubric read,
/// for when one changes on disk. Thread-safe.
/// </summary>
internal sealed class LspWorkspace
{
    private readonly IReadOnlyList<string> _rubricFolders;
    private readonly TrustSettings _trust;
    private readonly Action<ConfigNotice> _notice;
    private readonly Lock _lock = new();
    private ConfigResolver _resolver;
    private BatchGrader _batch;
    private int _noticesShown;

    public LspWorkspace(IReadOnlyList<string> rubricFolders, TrustSettings trust, Action<ConfigNotice> notice)
    {
        _rubricFolders = rubricFolders;
        _trust = trust;
        _notice = notice;
        (_resolver, _batch) = Fresh();
    }

    /// <summary>How long one version may take to grade before it becomes an error, as <c>check --answer-timeout</c>'s default.</summary>
    public static TimeSpan Budget { get; } = BatchGrader.DefaultAnswerTimeout;

    public void Reload()
    {
        lock (_lock)
        {
            (_resolver, _batch) = Fresh();
            _noticesShown = 0;
        }
    }

    /// <summary>
    /// Grades <paramref name="text"/> as the answer at <paramref name="path"/>. Throws <see cref="OperationCanceledException"/>
    /// only when <paramref name="cancellationToken"/> is cancelled (a newer version arrived); every other failure is the
    /// result's <see cref="Graded.Error"/>.
    /// </summary>
    public Graded Grade(string path, string text, int version, CancellationToken cancellationToken)
    {
        var (item, setupError) = Prepare(path);
        if (item is null || setupError is not null)
        {
            return new Graded(version, null, null, $"grader could not read its configuration or rubrics: {setupError}");
        }

        if (Encoding.UTF8.GetByteCount(text) > AnswerReader.DefaultMaxBytes)
        {
            return new Graded(version, null, item.Engine, $"grader did not grade this answer: it is larger than {AnswerReader.DefaultMaxBytes / 1048576} MB");
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        try
        {
            return new Graded(version, item.Engine.Grade(path, text, null, item.Config, budget.Token), item.Engine, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Graded(version, null, item.Engine, $"grader did not finish grading this answer within {Budget.TotalSeconds:0} s");
        }
#pragma warning disable CA1031 // A bug in Grader costs the editor one diagnostic, never the session.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return new Graded(version, null, item.Engine, $"grader could not grade this answer ({ex.GetType().Name}); this is a bug in Grader, please report it with the answer");
        }
    }

    /// <summary>The engine for <paramref name="path"/>'s rubric folders and the catalog it grades with, for code actions and hover.</summary>
    private (BatchGrader.Item? Item, string? Error) Prepare(string path)
    {
        lock (_lock)
        {
            var (items, errors) = _batch.Prepare([path]);
            var notices = _resolver.Notices;
            for (; _noticesShown < notices.Length; _noticesShown++)
            {
                _notice(notices[_noticesShown] with { File = TrustOptions.Shown(notices[_noticesShown].File) });
            }

            return (items.FirstOrDefault(), errors.Count == 0 ? null : UntrustedText.Visible(string.Join("; ", errors)));
        }
    }

    private (ConfigResolver, BatchGrader) Fresh()
    {
        var resolver = new ConfigResolver(_trust.Policy);
        return (resolver, new BatchGrader(_rubricFolders, resolver));
    }

    /// <summary>The rubric an answer was graded with.</summary>
    public static Rubric? RubricOf(Graded graded) =>
        graded.Result is { } result && graded.Engine is { } engine && engine.Catalog.TryGet(result.Problem.Id, out var rubric) ? rubric : null;
}
