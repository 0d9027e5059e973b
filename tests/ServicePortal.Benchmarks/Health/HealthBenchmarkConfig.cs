using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ServicePortal.Benchmarks.Health;

/// <summary>
/// Short runs in process: BenchmarkDotNet's generated out-of-process project cannot restore here (the registry lacks
/// some of the shared framework's packages), and in process the generated CMDB is built once per benchmark class.
/// 1 launch, 3 warm-ups, 15 iterations, allocations and p95.
/// </summary>
public sealed class HealthBenchmarkConfig : ManualConfig
{
    public HealthBenchmarkConfig()
    {
        AddJob(Job.ShortRun.WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.P95);
    }
}
