namespace Grader.Core.Text;

/// <summary>
/// A text's stems, each with its id in the process-wide stem vocabulary (<see cref="Stemmer.Tokens"/>): matchers
/// look tokens up and compare them by id, not by hashing and comparing their text. A stem the vocabulary has no id
/// for (-1: a word seen past its bound, or longer than it keeps) is compared by text.
/// </summary>
public sealed class StemmedText
{
    public StemmedText(string[] stems, int[] ids)
    {
        ArgumentNullException.ThrowIfNull(stems);
        ArgumentNullException.ThrowIfNull(ids);
        if (stems.Length != ids.Length)
        {
            throw new ArgumentException("One id per stem.", nameof(ids));
        }

        Stems = stems;
        Ids = ids;
    }

    public static StemmedText Empty { get; } = new([], []);

    public string[] Stems { get; }

    public int[] Ids { get; }

    public int Length => Stems.Length;

    public string this[int index] => Stems[index];
}
