using System.Buffers;
using Grader.Core.Parsing;
using Grader.Core.Text;

namespace Grader.Core.Analysis;

/// <summary>
/// Decisions, not mentions. A sentence that names several of the rubric's concepts but gives no figure, no reason, no
/// alternative and no condition enumerates rather than decides ("We can use multi-task learning, dwell time, a
/// feature store and canaries"). Its mentions earn a fraction of their credit; hedged ("can", "could", "consider"),
/// even less.
/// </summary>
public static class Enumeration
{
    /// <summary>Distinct concepts, and list separators (commas, "or"), a sentence must have before it can count as an enumeration.</summary>
    public const int MinConcepts = 4;

    public const int MinSeparators = 3;

    /// <summary>An enumeration keeps this many concepts' worth of credit, shared among all it names.</summary>
    public const double ConceptsWorth = 2.5;

    /// <summary>Share a hedged enumeration ("we can use ...") keeps of that.</summary>
    public const double HedgedCredit = 0.3;

    /// <summary>
    /// 1 for a sentence that decides something or names one concept; <see cref="HedgedCredit"/> for one that names two or
    /// more and only offers them ("can", "should be", "could consider"); for an enumeration,
    /// <see cref="ConceptsWorth"/> / concepts, halved when it hedges: "Loss functions such as cross-entropy, MSE and
    /// Huber can be combined, and dropout, early stopping and tuning are relevant" keeps a sixth.
    /// </summary>
    public static double Credit(TextUnit unit, StemmedText stems, int concepts)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(stems);
        if (concepts < 2 || IsDecision(unit, stems))
        {
            return 1;
        }

        var hedged = Lexicons.Hedges.Contains(stems);
        if (concepts < MinConcepts || !HasSeparators(unit.Content.Span, MinSeparators))
        {
            // Not a list, but a duty or an option with nothing chosen: "the objective should be aligned with the business".
            return hedged ? HedgedCredit : 1;
        }

        return Math.Min(1, ConceptsWorth / concepts) * (hedged ? HedgedCredit : 1);
    }

    // Whether the text has `wanted` list separators, counting commas, semicolons, slashes and "or"s ("A, B, C or D"):
    // found by vectorised searches, and no further than needed.
    internal static bool HasSeparators(ReadOnlySpan<char> text, int wanted)
    {
        var count = 0;
        for (var rest = text; count < wanted && rest.IndexOfAny(SeparatorCharacters) is var at and >= 0; rest = rest[(at + 1)..])
        {
            count++;
        }

        for (var rest = text; count < wanted && rest.IndexOfAny(OrWord) is var at and >= 0; rest = rest[(at + OrLength)..])
        {
            count++;
        }

        return count >= wanted;
    }

    private static readonly SearchValues<char> SeparatorCharacters = SearchValues.Create(",;/");
    private static readonly SearchValues<string> OrWord = SearchValues.Create([" or "], StringComparison.OrdinalIgnoreCase);
    private const int OrLength = 4;

    /// <summary>A figure, a reason, an alternative or a condition.</summary>
    public static bool IsDecision(TextUnit unit, StemmedText stems)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (unit.Content.Span.ContainsAnyInRange('0', '9'))
        {
            return true;
        }

        return Lexicons.Decisions.Contains(stems);
    }
}
