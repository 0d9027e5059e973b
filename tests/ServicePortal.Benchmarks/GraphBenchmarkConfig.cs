using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ServicePortal.Benchmarks;

/// <summary>
/// Short runs (1 launch, 3 warm-ups, 15 iterations: enough for a p95 column, the whole suite in a few minutes on
/// 2 cores), in process so the 100k-node CMDB and its SQLite file are generated once per run rather than once per
/// benchmark, with allocated memory and p95.
/// </summary>
public sealed class GraphBenchmarkConfig : ManualConfig
{
    public GraphBenchmarkConfig()
    {
        AddJob(Job.ShortRun
            .WithIterationCount(15)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("ShortRun-InProcess"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.P95);
    }
}
