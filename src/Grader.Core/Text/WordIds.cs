namespace Grader.Core.Text;

/// <summary>
/// Lower-cased word -> its stem's id, for stemming every word of every unit: open addressing over one array of small
/// slots, the words' characters side by side in one array. The stem cache's dictionary follows a reference to a node
/// and another to the key's string for each word, and with an answer's other data passing through the processor's
/// cache those were misses at nearly every word; here a look-up reads one slot and the word's characters. Written by
/// hand: no collection in the framework keeps its keys' characters inline.
/// Readers take no lock. A writer takes one, writes a slot's word, offset and id before its hash (which marks the slot
/// taken), and replaces the whole table when it grows, so a reader sees a slot either empty or complete.
/// </summary>
internal sealed class WordIds
{
    private sealed class Table(int slots, int characters)
    {
        public readonly Slot[] Slots = new Slot[slots];
        public readonly char[] Characters = new char[characters];
        public int Used;
        public int Count;
    }

    // Hash 0 marks an empty slot (a word's hash is never 0).
    private struct Slot
    {
        public int Hash;
        public int Offset;
        public int Length;
        public int Id;
    }

    private readonly Lock _lock = new();
    private Table _table;

    public WordIds(int slots, int characters)
    {
        _table = new Table(Math.Max(16, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)slots)), Math.Max(16, characters));
    }

    public int Count => Volatile.Read(ref _table).Count;

    /// <summary>The id kept for <paramref name="word"/>, if any.</summary>
    public bool TryGet(ReadOnlySpan<char> word, out int id) => TryGet(Volatile.Read(ref _table), word, HashOf(word), out id);

    /// <summary>
    /// The same for a word whose hash (<see cref="HashOf"/>) and first slot (<see cref="Probe"/>) were read before: an
    /// empty first slot means the word was not kept then, and is told without reading the table again.
    /// </summary>
    public bool TryGet(ReadOnlySpan<char> word, int hash, int firstSlot, out int id)
    {
        if (firstSlot == 0)
        {
            id = -1;
            return false;
        }

        return TryGet(Volatile.Read(ref _table), word, hash, out id);
    }

    /// <summary>
    /// Reads the first slot of each hash's word. Done for all of a text's words at once, in a loop that does nothing
    /// else, the slots' cache misses overlap instead of stalling one word at a time (most of a look-up was that miss).
    /// </summary>
    public void Probe(ReadOnlySpan<int> hashes, Span<int> firstSlots)
    {
        var slots = Volatile.Read(ref _table).Slots;
        var mask = slots.Length - 1;
        for (var k = 0; k < hashes.Length; k++)
        {
            firstSlots[k] = slots[hashes[k] & mask].Hash;
        }
    }

    /// <summary>Keeps <paramref name="word"/>'s id (a word already kept keeps its first).</summary>
    public void Add(ReadOnlySpan<char> word, int id)
    {
        var hash = HashOf(word);
        lock (_lock)
        {
            var table = _table;
            if (TryGet(table, word, hash, out _))
            {
                return;
            }

            if ((table.Count + 1) * 2 > table.Slots.Length || table.Used + word.Length > table.Characters.Length)
            {
                table = Grown(table, word.Length);
                Volatile.Write(ref _table, table);
            }

            Insert(table, word, hash, id);
        }
    }

    private static bool TryGet(Table table, ReadOnlySpan<char> word, int hash, out int id)
    {
        var slots = table.Slots;
        var mask = slots.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            ref var slot = ref slots[i];
            var taken = Volatile.Read(ref slot.Hash);
            if (taken == 0)
            {
                id = -1;
                return false;
            }

            if (taken == hash && slot.Length == word.Length && table.Characters.AsSpan(slot.Offset, slot.Length).SequenceEqual(word))
            {
                id = slot.Id;
                return true;
            }
        }
    }

    private static void Insert(Table table, ReadOnlySpan<char> word, int hash, int id)
    {
        var offset = table.Used;
        word.CopyTo(table.Characters.AsSpan(offset));
        table.Used += word.Length;
        var mask = table.Slots.Length - 1;
        var i = hash & mask;
        while (table.Slots[i].Hash != 0)
        {
            i = (i + 1) & mask;
        }

        ref var slot = ref table.Slots[i];
        (slot.Offset, slot.Length, slot.Id) = (offset, word.Length, id);
        Volatile.Write(ref slot.Hash, hash);
        table.Count++;
    }

    private static Table Grown(Table table, int more)
    {
        var slots = (table.Count + 1) * 2 > table.Slots.Length ? table.Slots.Length * 2 : table.Slots.Length;
        var characters = Math.Max(table.Characters.Length, table.Used + more);
        characters = table.Used + more > table.Characters.Length ? Math.Max(characters, table.Characters.Length * 2) : characters;
        var grown = new Table(slots, characters);
        foreach (var slot in table.Slots)
        {
            if (slot.Hash != 0)
            {
                Insert(grown, table.Characters.AsSpan(slot.Offset, slot.Length), slot.Hash, slot.Id);
            }
        }

        return grown;
    }

    // The string hash, seeded per process: a table an answer's words fill must not be made to collide on purpose.
    public static int HashOf(ReadOnlySpan<char> word) => string.GetHashCode(word) | 1;
}
