namespace ServicePortal.Core.Cmdb;

/// <summary>
/// Working arrays of one traversal, sized to one <see cref="GraphIndex"/> and reused through its pool. "Visited"
/// is an epoch stamp per node (<c>Seen[n] == epoch</c>), so starting a traversal costs nothing instead of clearing
/// arrays of the whole graph. Node-indexed: <see cref="Seen"/>, <see cref="Flags"/>,
/// <see cref="SeedMark"/>, <see cref="SeedLevel"/>. Entry-indexed (discovery order of a traversal): <see cref="Entries"/>.
/// Slot-indexed: <see cref="SlotMark"/>, <see cref="SlotDown"/>, <see cref="SlotFaultMark"/>, <see cref="SlotFault"/>.
/// </summary>
internal sealed class TraversalScratch(int nodeCount, int slotCount)
{
    private int _epoch;

    /// <summary>Epoch stamp per node for the simple walks.</summary>
    public int[] Seen { get; } = new int[nodeCount];

    /// <summary>
    /// For the impact walk, one byte per node: <see cref="DownFlag"/>, <see cref="SeenFlag"/> and <see cref="FaultFlag"/>. Cleared at the start
    /// of each walk (100 KB for 100k nodes, microseconds) rather than epoch-stamped: a quarter of the size of a stamp
    /// array, so it stays in cache while the walk streams through the edges.
    /// </summary>
    public byte[] Flags { get; } = new byte[nodeCount];

    public const byte DownFlag = 1;

    public const byte SeenFlag = 2;

    /// <summary>A fault lies below the node (or it failed itself): it passes a risk on over hard dependencies.</summary>
    public const byte FaultFlag = 4;

    public int[] SeedMark { get; } = new int[nodeCount];

    public byte[] SeedLevel { get; } = new byte[nodeCount];

    /// <summary>The impact walk's queue of Down nodes (pass 1; node indexes only).</summary>
    public int[] DownQueue { get; } = new int[nodeCount];

    /// <summary>The impact walk's queue of faulty nodes that are not Down (pass 2).</summary>
    public int[] FaultQueue { get; } = new int[nodeCount];

    /// <summary>The reached nodes of a walk in the order reached (the walk's queue), with how each was reached.</summary>
    public WalkEntry[] Entries { get; } = new WalkEntry[nodeCount];

    public int[] SlotMark { get; } = new int[slotCount];

    public int[] SlotDown { get; } = new int[slotCount];

    /// <summary>Per slot: members with a fault (Down, Degraded, or at risk because of a fault below), counted in the impact walk's fault pass.</summary>
    public int[] SlotFault { get; } = new int[slotCount];

    public int[] SlotFaultMark { get; } = new int[slotCount];

    /// <summary>Starts a traversal: every stamp of an earlier one becomes stale at once.</summary>
    public int NextEpoch()
    {
        if (_epoch == int.MaxValue)
        {
            Array.Clear(Seen);
            Array.Clear(SeedMark);
            Array.Clear(SlotMark);
            Array.Clear(SlotFaultMark);
            _epoch = 0;
        }

        return ++_epoch;
    }
}

/// <summary>
/// One reached node of a walk: the node index, the entry it was reached from (-1 for a start node), the edge it was
/// reached by (an edge index; during an impact walk a reverse position as its complement), its distance and its
/// level. One struct instead of five arrays keeps a walk's writes together; distance and level share one int, so an
/// entry is 16 bytes, not 20 (the worst hub of 100k nodes reaches 92k: 1.5 MB written, copied and read per walk).
/// </summary>
internal struct WalkEntry
{
    public int Node;
    public int Parent;
    public int Via;

    // Distance in the low 28 bits (a walk is shorter than the 2^27 nodes an index holds), level above them.
    private int _distanceAndLevel;

    private const int DistanceBits = 28;
    private const int DistanceMask = (1 << DistanceBits) - 1;

    public int Distance
    {
        readonly get => _distanceAndLevel & DistanceMask;
        set => _distanceAndLevel = (_distanceAndLevel & ~DistanceMask) | value;
    }

    public byte Level
    {
        readonly get => (byte)(_distanceAndLevel >>> DistanceBits);
        set => _distanceAndLevel = (_distanceAndLevel & DistanceMask) | (value << DistanceBits);
    }
}
