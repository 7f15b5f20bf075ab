using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Grader.Core.Text;

/// <summary>
/// Function-word profiles of English and of the Latin-script languages Grader recognises. The foreign lists leave out
/// what an English answer also writes ("a", "no", "do", "as", "on", "per", "come", "car", "met", the "non" of
/// "non-linear", "ALS"), so a foreign word in an English sentence is not mistaken for grammar. <see cref="FunctionWords"/>
/// is a different list: English words that carry no topic in a heading.
/// </summary>
public static class LatinLanguages
{
    private static readonly FrozenSet<string> EnglishWords = new[]
    {
        "the", "and", "of", "to", "is", "are", "were", "be", "been", "being", "it", "its", "this", "that", "these",
        "those", "we", "our", "you", "your", "they", "their", "them", "which", "who", "what", "when", "where", "why",
        "how", "with", "from", "for", "by", "at", "or", "not", "but", "if", "then", "than", "would", "should", "can",
        "could", "must", "have", "has", "had", "does", "each", "every", "only", "more", "most", "into", "over",
        "because", "there", "here", "about", "after", "before", "while", "such", "both", "any", "all", "other", "it's",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Each language's name and its function words, in the order ties are broken.</summary>
    public static ImmutableArray<(string Name, FrozenSet<string> Words)> Languages { get; } =
    [
        ("Spanish", Set("el", "la", "los", "las", "de", "del", "que", "en", "y", "por", "con", "una", "unos", "unas", "para", "es",
            "se", "lo", "como", "más", "pero", "sus", "su", "ya", "este", "esta", "estos", "estas", "porque", "entre", "cuando",
            "muy", "sin", "sobre", "también", "hasta", "hay", "donde", "desde", "todo", "todos", "nos", "durante", "ni", "otros",
            "otra", "otro", "ese", "eso", "esa", "cada", "según", "puede", "pueden", "ser", "está", "están", "son", "tiene",
            "tienen", "usamos", "si", "un", "después", "luego", "hacemos")),
        ("Portuguese", Set("de", "que", "não", "uma", "os", "dos", "das", "da", "em", "na", "nas", "nos", "para", "com", "por",
            "mais", "como", "mas", "ao", "aos", "se", "é", "ser", "são", "também", "pelo", "pela", "seu", "sua", "isso", "este",
            "esta", "ele", "eles", "cada", "entre", "quando", "muito", "sem", "sobre", "até", "onde", "pode", "podem", "usamos",
            "está", "estão", "tem", "têm", "um", "ou", "nós", "já", "há", "depois", "então", "pois", "seus", "suas", "todos", "todas")),
        ("French", Set("le", "la", "les", "de", "des", "du", "et", "est", "une", "un", "que", "qui", "qu", "dans", "pour", "pas",
            "sur", "au", "aux", "avec", "ce", "cette", "ces", "nous", "vous", "sont", "par", "mais", "ou", "où", "leur", "leurs",
            "être", "été", "fait", "comme", "tout", "tous", "elle", "il", "ils", "se", "ne", "en", "peut", "chaque", "entre",
            "sans", "aussi", "donc", "très", "nos", "notre", "selon", "sera", "avons")),
        ("German", Set("der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "von", "zu", "für", "auf", "eine",
            "einen", "einem", "einer", "ein", "sich", "des", "auch", "wir", "werden", "wird", "sind", "oder", "aber", "nach",
            "bei", "aus", "wenn", "dass", "noch", "wie", "über", "nur", "diese", "dieser", "dieses", "durch", "kann", "können",
            "im", "zum", "zur", "jede", "jeder", "unser", "unsere", "sie", "es", "hat", "haben", "um", "vom")),
        ("Italian", Set("il", "di", "che", "è", "la", "le", "una", "un", "sono", "con", "del", "della", "delle", "dei",
            "degli", "nel", "nella", "alla", "alle", "anche", "più", "ma", "questo", "questa", "questi", "essere", "ha",
            "hanno", "gli", "lo", "si", "da", "su", "ogni", "tra", "fra", "quando", "molto", "senza", "dove", "può", "possono",
            "usiamo")),
        ("Dutch", Set("de", "het", "een", "en", "van", "op", "te", "dat", "die", "niet", "voor", "zijn", "worden",
            "wordt", "ook", "aan", "bij", "maar", "om", "uit", "naar", "dan", "nog", "wij", "onze", "deze", "dit", "kan",
            "kunnen", "elke", "welke", "wanneer")),
    ];

    private static readonly FrozenSet<string> AnyForeign = Languages.SelectMany(l => l.Words).ToFrozenSet(StringComparer.Ordinal);

    // Span lookups, so counting a long answer's function words allocates nothing per word.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> EnglishLookup = EnglishWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ForeignLookup = AnyForeign.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>[] LanguageLookups =
        [.. Languages.Select(l => l.Words.GetAlternateLookup<ReadOnlySpan<char>>())];

    /// <summary>Longest function word of any list: longer words are none.</summary>
    public static int LongestWord { get; } = EnglishWords.Concat(AnyForeign).Max(w => w.Length);

    // Which (length, first letter, last letter) a function word of any list has, for ASCII letters: most words of an
    // answer have a shape no function word has and are not lower-cased or looked up at all.
    private static readonly bool[] Shapes = ShapesOf(EnglishWords.Concat(AnyForeign));

    /// <summary>
    /// False when <paramref name="word"/> (any case) cannot be a function word of any list, judged from its length and
    /// its first and last letters; true when it may be.
    /// </summary>
    public static bool MayBeFunctionWord(ReadOnlySpan<char> word) =>
        word.Length <= LongestWord && (ShapeOf(word) is not { } shape || Shapes[shape]);

    private static int? ShapeOf(ReadOnlySpan<char> word)
    {
        var (first, last) = (word[0] | 0x20, word[^1] | 0x20);
        return char.IsAsciiLetter(word[0]) && char.IsAsciiLetter(word[^1])
            ? (((word.Length * 26) + (first - 'a')) * 26) + (last - 'a')
            : null;
    }

    private static bool[] ShapesOf(IEnumerable<string> words)
    {
        var shapes = new bool[(LongestWord + 1) * 26 * 26];
        foreach (var word in words)
        {
            if (ShapeOf(word) is { } shape)
            {
                shapes[shape] = true;
            }
        }

        return shapes;
    }

    /// <summary>True for an English function word (lower case).</summary>
    public static bool IsEnglish(ReadOnlySpan<char> lowerWord) => EnglishLookup.Contains(lowerWord);

    /// <summary>True for a function word of any recognised language other than English (lower case).</summary>
    public static bool IsForeign(ReadOnlySpan<char> lowerWord) => ForeignLookup.Contains(lowerWord);

    /// <summary>True when <paramref name="lowerWord"/> is a function word of <see cref="Languages"/>[<paramref name="language"/>].</summary>
    public static bool IsWordOf(int language, ReadOnlySpan<char> lowerWord) => LanguageLookups[language].Contains(lowerWord);

    private static FrozenSet<string> Set(params string[] words) => words.ToFrozenSet(StringComparer.Ordinal);
}
