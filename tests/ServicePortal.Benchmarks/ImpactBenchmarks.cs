using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using ServicePortal.Core.Cmdb;

namespace ServicePortal.Benchmarks;

/// <summary>
/// The worst hub's full blast radius: the engine (levels, redundancy groups and shortest paths) against the same
/// walk as a recursive CTE in SQLite over the same rows (reachability only, UNION dedups, so cycles end).
/// </summary>
[Config(typeof(GraphBenchmarkConfig))]
public class ImpactBenchmarks
{
    private const string BlastRadiusCte = """
        WITH RECURSIVE impacted(id) AS (
            SELECT $hub
            UNION
            SELECT r.SourceId FROM Relationships r JOIN impacted i ON r.TargetId = i.id WHERE r.Type <> 'PartOf'
            UNION
            SELECT r.TargetId FROM Relationships r JOIN impacted i ON r.SourceId = i.id WHERE r.Type = 'PartOf'
        )
        SELECT COUNT(*) FROM impacted;
        """;

    private ImpactAnalyzer _analyzer = null!;
    private int _hub;
    private int _businessService;
    private SqliteConnection _connection = null!;
    private SqliteCommand _cte = null!;

    [GlobalSetup]
    public void Setup()
    {
        _analyzer = new ImpactAnalyzer(CmdbFixture.Index);
        _hub = CmdbFixture.WorstHub;
        _businessService = CmdbFixture.Cmdb.Nodes.First(n => n.Kind == Core.Catalog.ServiceKind.Business).Id;
        _connection = new SqliteConnection(CmdbFixture.Database.Settings.ConnectionString);
        _connection.Open();
        _cte = _connection.CreateCommand();
        _cte.CommandText = BlastRadiusCte;
        _cte.Parameters.AddWithValue("$hub", _hub);
        _cte.Prepare();

        using var version = _connection.CreateCommand();
        version.CommandText = "SELECT sqlite_version()";
        var engineCount = _analyzer.Analyze([_hub]).Count;
        var cteCount = SqliteCte_WorstHubBlastRadius();
        Console.WriteLine($"// SQLite {version.ExecuteScalar()}; engine reaches {engineCount} nodes, the CTE {cteCount}.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cte.Dispose();
        _connection.Dispose();
    }

    [Benchmark]
    public int Engine_WorstHubBlastRadius() => _analyzer.Analyze([_hub]).Count;

    [Benchmark]
    public int Engine_BusinessServiceSupplyChain() => _analyzer.SupplyChain(_businessService).ExternalSuppliers.Count;

    [Benchmark(Baseline = true)]
    public long SqliteCte_WorstHubBlastRadius() => (long)_cte.ExecuteScalar()!;
}
