using ServicePortal.Core.Cmdb;

namespace ServicePortal.Benchmarks;

/// <summary>
/// The generated CMDB, its index, its SQLite copy and its worst hub, made once per process and shared by the
/// benchmark classes (they run in process, see <see cref="GraphBenchmarkConfig"/>).
/// </summary>
public static class CmdbFixture
{
    public const int NodeCount = 100_000;
    public const int EdgeCount = 500_000;

    private static readonly Lazy<SyntheticCmdb> LazyCmdb = new(() => SyntheticCmdb.Generate(NodeCount, EdgeCount));
    private static readonly Lazy<GraphIndex> LazyIndex = new(() => GraphIndex.Build(Cmdb.Nodes, Cmdb.Edges, Cmdb.Groups));
    private static readonly Lazy<int> LazyWorstHub = new(FindWorstHub);
    private static readonly Lazy<SyntheticDatabase> LazyDatabase = new(() =>
    {
        var database = SyntheticDatabase.Create(Cmdb);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => database.Dispose();
        return database;
    });

    public static SyntheticCmdb Cmdb => LazyCmdb.Value;

    public static GraphIndex Index => LazyIndex.Value;

    public static SyntheticDatabase Database => LazyDatabase.Value;

    /// <summary>The node whose failure has the largest blast radius, among the nodes with the most dependants.</summary>
    public static int WorstHub => LazyWorstHub.Value;

    private static int FindWorstHub()
    {
        var analyzer = new ImpactAnalyzer(Index);
        var candidates = Cmdb.Edges
            .GroupBy(e => e.Type == RelationshipType.PartOf ? e.SourceId : e.TargetId)
            .OrderByDescending(g => g.Count())
            .Take(40)
            .Select(g => g.Key);
        var worst = candidates.MaxBy(id => analyzer.Analyze([id]).Count);
        var result = analyzer.Analyze([worst]);
        Console.WriteLine(
            $"// Worst hub: {Index.Node(worst).Name} (id {worst}); blast radius {result.Count} nodes " +
            $"({result.DownCount} down, {result.DegradedCount} degraded), farthest {result.Affected[^1].Distance} hops.");
        return worst;
    }
}
