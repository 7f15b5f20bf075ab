namespace Grader.Core.Text;

/// <summary>
/// A text's stems, each with its id in the process-wide stem vocabulary (<see cref="Stemmer.Tokens(string)"/>): matchers
/// look tokens up and compare them by id, not by hashing and comparing their text. A stem the vocabulary has no id
/// for (-1: a word seen past its bound, or longer than it keeps) is compared by text.
/// </summary>
public sealed class StemmedText
{
    private string[]? _stems;

    public StemmedText(string[] stems, int[] ids)
    {
        ArgumentNullException.ThrowIfNull(stems);
        ArgumentNullException.ThrowIfNull(ids);
        if (stems.Length != ids.Length)
        {
            throw new ArgumentException("One id per stem.", nameof(ids));
        }

        _stems = stems;
        Ids = ids;
    }

    // Ids alone, every one of them a stem's (none -1): the stems are read from the vocabulary when asked for, which
    // matchers seldom do, so a unit's text keeps one array instead of two.
    internal StemmedText(int[] ids) => Ids = ids;

    public static StemmedText Empty { get; } = new([], []);

    public string[] Stems => _stems ??= Stemmer.StemsOf(Ids);

    public int[] Ids { get; }

    public int Length => Ids.Length;

    /// <summary>
    /// Which of the analyzers' lexicons the text meets, kept with it once found (0 until then; see Analysis.Lexicons):
    /// a unit's stems are made once per answer and asked of by several analyzers.
    /// </summary>
    internal uint LexiconMask { get; set; }

    /// <summary>
    /// A 64-bit summary of the text's stem ids (bit id mod 64 set for each; every bit when a token has no id), made on
    /// first use and kept in the text itself (an array per unit cost 9 KB an answer): "may this text hold the stem?" in
    /// one bit test instead of a pass over its tokens.
    /// </summary>
    internal bool MayHold(int id)
    {
        Summarise();
        return (_summary & (1UL << id)) != 0;
    }

    /// <summary>Whether a token has no id (-1), told with the summary: such a token may be any stem.</summary>
    internal bool HasTokenWithoutId
    {
        get
        {
            Summarise();
            return _withoutId;
        }
    }

    // The flag is written before the summary that says both are made, so a text read by two threads is never seen
    // with one and not the other.
    private void Summarise()
    {
        if (Volatile.Read(ref _summary) != 0)
        {
            return;
        }

        var (summary, withoutId) = (0UL, false);
        foreach (var known in Ids)
        {
            summary |= known < 0 ? ulong.MaxValue : 1UL << known;
            withoutId |= known < 0;
        }

        _withoutId = withoutId;
        Volatile.Write(ref _summary, summary);
    }

    // 0 until made (and for a text with no tokens, which holds nothing).
    private ulong _summary;
    private bool _withoutId;

    public string this[int index] => _stems is { } stems ? stems[index] : Stemmer.StemOf(Ids[index]);
}
