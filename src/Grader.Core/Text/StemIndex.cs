using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Grader.Core.Text;

/// <summary>
/// Values keyed by stem, found from a token's id without hashing: a bit per id says whether the stem has a value, and
/// the number of set bits before it says where the value is. A token without an id is looked up by its text.
/// </summary>
internal sealed class StemIndex<TValue>
{
    private readonly ulong[] _has;

    // Per 64 ids, how many of the ids before them have a value.
    private readonly int[] _before;
    private readonly TValue[] _values;
    private readonly string[] _stems;
    private Dictionary<string, int>? _byStem;

    /// <summary>From entries with their stems' ids (<see cref="Stemmer.Intern"/>), ascending and distinct.</summary>
    internal StemIndex(List<(int Id, string Stem, TValue Value)> byId)
    {
        ArgumentNullException.ThrowIfNull(byId);
        var max = byId.Count == 0 ? -1 : byId[^1].Id;
        _has = new ulong[(max >> 6) + 1];
        _before = new int[_has.Length];
        _values = new TValue[byId.Count];
        _stems = new string[byId.Count];
        for (var i = 0; i < byId.Count; i++)
        {
            var (id, stem, value) = byId[i];
            _has[id >> 6] |= 1UL << id;
            _values[i] = value;
            _stems[i] = stem;
        }

        for (var w = 1; w < _has.Length; w++)
        {
            _before[w] = _before[w - 1] + BitOperations.PopCount(_has[w - 1]);
        }
    }

    public int Count => _values.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(StemmedText text, int index, [MaybeNullWhen(false)] out TValue value)
    {
        var id = text.Ids[index];
        if (id < 0)
        {
            return TryGetByText(text.Stems[index], out value);
        }

        if (!Has(id))
        {
            value = default;
            return false;
        }

        var word = id >> 6;
        value = _values[_before[word] + BitOperations.PopCount(_has[word] & ((1UL << id) - 1))];
        return true;
    }

    // The bit of an id (at least 0): whether a value is keyed by its stem.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Has(int id)
    {
        var word = id >> 6;
        return (uint)word < (uint)_has.Length && (_has[word] & (1UL << id)) != 0;
    }

    // Stems past the vocabulary's bound have no id; rare enough that the index by text is built only when one comes.
    private bool TryGetByText(string stem, [MaybeNullWhen(false)] out TValue value)
    {
        var byStem = Volatile.Read(ref _byStem);
        if (byStem is null)
        {
            byStem = new Dictionary<string, int>(_stems.Length, StringComparer.Ordinal);
            for (var i = 0; i < _stems.Length; i++)
            {
                byStem[_stems[i]] = i;
            }

            Volatile.Write(ref _byStem, byStem);
        }

        if (byStem.TryGetValue(stem, out var at))
        {
            value = _values[at];
            return true;
        }

        value = default;
        return false;
    }
}
