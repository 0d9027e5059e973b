using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;

namespace ServicePortal.DataGenerator;

public sealed record GeneratedStage(int Id, string Key, string Name, int Order);

public sealed record GeneratedPractice(int Id, string Key, string Name, int StageId, int Order);

public sealed record GeneratedKpi(int Id, int PracticeId, string Key, string Name, KpiMetric Metric, string Unit, double Target, TargetDirection Direction, double WarningBand, int Order);

public readonly record struct GeneratedKpiMeasurement(string KpiKey, DateOnly PeriodStart, double Value);

/// <summary>
/// The operating model at scale (issue 19): the four value-stream stages, one published score version with a practice
/// per thousand nodes (at least 8, at most 200), three KPIs each, and 24 months of measurements ending where the SLA
/// measurements end. Values wander around their targets; Build's error rates climb in the last months, as in the sample.
/// </summary>
public sealed record GeneratedScore(
    IReadOnlyList<GeneratedStage> Stages, IReadOnlyList<GeneratedPractice> Practices, IReadOnlyList<GeneratedKpi> Kpis, IReadOnlyList<GeneratedKpiMeasurement> Measurements)
{
    public const int Months = 24;

    public static readonly GeneratedScore Empty = new([], [], [], []);

    private static readonly (KpiMetric Metric, string Name, string Unit, double Target, TargetDirection Direction, double Band)[] Templates =
    [
        (KpiMetric.CycleTime, "Cycle time", "days", 5, TargetDirection.AtMost, 1),
        (KpiMetric.ErrorRate, "Error rate", "%", 10, TargetDirection.AtMost, 2),
        (KpiMetric.Utilisation, "Resource utilisation", "%", 75, TargetDirection.AtLeast, 5),
        (KpiMetric.Throughput, "Throughput", "items", 40, TargetDirection.AtLeast, 5),
        (KpiMetric.ReturnOnInvestment, "Return on investment", "%", 15, TargetDirection.AtLeast, 3),
    ];

    public static GeneratedScore Generate(int nodeCount, int seed, DateOnly lastMonth)
    {
        var random = new Random(seed);
        GeneratedStage[] stages =
        [
            new(1, "DEMAND", "Demand", 1), new(2, "PLAN", "Plan", 2), new(3, "BUILD", "Build", 3), new(4, "RUN", "Run", 4),
        ];
        var practiceCount = Math.Clamp(nodeCount / 1000, 8, 200);
        var practices = new List<GeneratedPractice>(practiceCount);
        var kpis = new List<GeneratedKpi>(practiceCount * 3);
        var measurements = new List<GeneratedKpiMeasurement>(practiceCount * 3 * Months);
        for (var p = 1; p <= practiceCount; p++)
        {
            var stage = stages[(p - 1) % stages.Length];
            var practiceKey = $"PRC-GEN-{p:D4}";
            practices.Add(new GeneratedPractice(p, practiceKey, $"{stage.Name} practice {p}", stage.Id, (p - 1) / stages.Length + 1));
            for (var k = 0; k < 3; k++)
            {
                var template = Templates[(p + k) % Templates.Length];
                var kpi = new GeneratedKpi(
                    kpis.Count + 1, p, $"{practiceKey}-K{k + 1}", $"{template.Name} ({stage.Name} {p})", template.Metric, template.Unit,
                    template.Target, template.Direction, template.Band, k + 1);
                kpis.Add(kpi);
                for (var m = 0; m < Months; m++)
                {
                    var month = lastMonth.AddMonths(m - Months + 1);
                    // Mostly on the right side of the target, one in six periods off; Build's error rates rise over the last quarter.
                    var side = random.Next(6) == 0 ? -1 : 1;
                    var better = template.Direction == TargetDirection.AtLeast ? 1 : -1;
                    var value = template.Target + (better * side * template.Band * (0.5 + random.NextDouble() * 2));
                    if (stage.Key == "BUILD" && template.Metric == KpiMetric.ErrorRate && m >= Months - 3)
                    {
                        value = template.Target + template.Band * (m - Months + 5);
                    }

                    var limit = KpiRules.IsPercentage(template.Metric) ? 100 : double.MaxValue;
                    measurements.Add(new GeneratedKpiMeasurement(kpi.Key, month, Math.Round(Math.Clamp(value, 0, limit), 1)));
                }
            }
        }

        return new GeneratedScore(stages, practices, kpis, measurements);
    }
}
