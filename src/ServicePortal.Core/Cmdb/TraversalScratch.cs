namespace ServicePortal.Core.Cmdb;

/// <summary>
/// Working arrays of one traversal, sized to one <see cref="GraphIndex"/> and reused through its pool. "Visited"
/// is an epoch stamp per node (<c>Seen[n] == epoch</c>), so starting a traversal costs nothing instead of clearing
/// arrays of the whole graph. Node-indexed: <see cref="Seen"/>, <see cref="Down"/>, <see cref="EntryOf"/>,
/// <see cref="SeedMark"/>, <see cref="SeedLevel"/>. Entry-indexed (discovery order of a traversal):
/// <see cref="Queue"/> (the node of each entry), <see cref="Parent"/>, <see cref="Via"/>, <see cref="Distance"/>,
/// <see cref="Level"/>. Slot-indexed: <see cref="SlotMark"/>, <see cref="SlotDown"/>.
/// </summary>
internal sealed class TraversalScratch(int nodeCount, int slotCount)
{
    private int _epoch;

    public int[] Seen { get; } = new int[nodeCount];

    public int[] Down { get; } = new int[nodeCount];

    public int[] EntryOf { get; } = new int[nodeCount];

    public int[] SeedMark { get; } = new int[nodeCount];

    public byte[] SeedLevel { get; } = new byte[nodeCount];

    public int[] Queue { get; } = new int[nodeCount];

    public int[] Parent { get; } = new int[nodeCount];

    public int[] Via { get; } = new int[nodeCount];

    public int[] Distance { get; } = new int[nodeCount];

    public byte[] Level { get; } = new byte[nodeCount];

    public int[] SlotMark { get; } = new int[slotCount];

    public int[] SlotDown { get; } = new int[slotCount];

    /// <summary>Starts a traversal: every stamp of an earlier one becomes stale at once.</summary>
    public int NextEpoch()
    {
        if (_epoch == int.MaxValue)
        {
            Array.Clear(Seen);
            Array.Clear(Down);
            Array.Clear(SeedMark);
            Array.Clear(SlotMark);
            _epoch = 0;
        }

        return ++_epoch;
    }
}
