using System.Globalization;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Seeding;

/// <summary>Practice KPIs (in operating-model.json) and their measurements (kpi-measurements.json, optional).</summary>
internal sealed partial class SeedReader
{
    /// <summary>Measurements of the practice KPIs. Optional: a folder without it has no KPI measurements.</summary>
    public const string KpiMeasurementsFile = "kpi-measurements.json";

    /// <summary>KPI key → the KPI in the highest-numbered score version that has it (measurements are checked against it).</summary>
    private readonly Dictionary<string, PracticeKpi> _kpis = new(StringComparer.Ordinal);

    private PracticeKpi ReadKpi(string at, KpiFile k, int order)
    {
        var kpi = new PracticeKpi
        {
            Key = Required(at, "key", k.Key, FieldLengths.Key),
            Name = Required(at, "name", k.Name, FieldLengths.Name),
            Metric = Enum(at, "metric", k.Metric, KpiMetric.Custom, required: true),
            Unit = Optional(at, "unit", k.Unit, FieldLengths.Short) ?? "",
            Target = k.Target ?? RequiredValue<double>(at, "target (a number; direction and unit are fields of their own)"),
            Direction = Enum(at, "direction", k.Direction, TargetDirection.AtLeast, required: true),
            WarningBand = k.WarningBand ?? 0,
            Period = Enum(at, "period", k.Period, MeasurementPeriod.Monthly, required: false),
            Order = order,
        };
        if (kpi.Key.Length > 0 && !TextRules.IsKey(kpi.Key))
        {
            Problem(at, $"key '{kpi.Key}' is not valid: {TextRules.KeyMessage}");
        }

        if (k.Target is { } target && KpiRules.ValidateValue(kpi.Metric, target) is { } reason)
        {
            Problem(at, $"target {reason}");
        }

        if (!double.IsFinite(kpi.WarningBand) || kpi.WarningBand < 0)
        {
            Problem(at, "warningBand must be a number of 0 or more");
        }

        return kpi;
    }

    /// <summary>Every KPI key is unique within its version; the latest version's KPIs are the ones measurements name.</summary>
    private void IndexKpis(IEnumerable<ScoreVersion> versions)
    {
        foreach (var version in versions.OrderBy(v => v.Number))
        {
            var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var practice in version.Practices)
            {
                foreach (var kpi in practice.Kpis.Where(k => k.Key.Length > 0))
                {
                    if (!seen.TryAdd(kpi.Key, practice.Key))
                    {
                        Problem($"{OperatingModelFile} v{version.Number} practice {practice.Key}", $"KPI key '{kpi.Key}' is also used by practice {seen[kpi.Key]}; a KPI key is unique within a version");
                    }

                    _kpis[kpi.Key] = kpi;
                }
            }
        }
    }

    private void ReadKpiMeasurements(List<KpiMeasurementsFile> measurements)
    {
        IndexKpis(_graph.ScoreVersions);
        var seen = new HashSet<(string, DateOnly)>();
        foreach (var (m, at, _) in Items(measurements, KpiMeasurementsFile, m => m.Kpi))
        {
            if (string.IsNullOrWhiteSpace(m.Kpi))
            {
                Problem(at, $"kpi is required (a KPI key from {OperatingModelFile})");
                continue;
            }

            if (!_kpis.TryGetValue(m.Kpi, out var kpi))
            {
                Problem(at, $"kpi '{m.Kpi}' is not a KPI of any score version in {OperatingModelFile}");
                continue;
            }

            var recordedBy = Email(at, "recordedBy", m.RecordedBy, required: false);
            foreach (var (period, value) in m.Values ?? [])
            {
                if (!DateOnly.TryParseExact(period, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
                {
                    Problem(at, $"period '{period}' is not a month (use yyyy-MM)");
                    continue;
                }

                if (SlaPeriods.ValidatePeriodStart(start, kpi.Period) is { } periodProblem)
                {
                    Problem(at, $"period '{period}': {periodProblem} (KPI '{kpi.Key}' is measured {kpi.Period.ToString().ToLowerInvariant()})");
                }

                if (KpiRules.ValidateValue(kpi.Metric, value) is { } reason)
                {
                    Problem(at, $"value for {period} {reason}");
                }

                if (!seen.Add((kpi.Key, start)))
                {
                    Problem(at, $"KPI '{kpi.Key}' already has a value for {period}");
                    continue;
                }

                _graph.KpiMeasurements.Add(new KpiMeasurement
                {
                    KpiKey = kpi.Key,
                    PeriodStart = start,
                    Value = value,
                    RecordedBy = recordedBy,
                    Note = m.Notes is not null && m.Notes.TryGetValue(period, out var note)
                        ? Optional(at, $"notes.{period}", note, FieldLengths.Description)
                        : null,
                });
            }

            foreach (var period in (m.Notes ?? []).Keys.Where(p => m.Values is null || !m.Values.ContainsKey(p)))
            {
                Problem(at, $"notes has '{period}', which has no value in values");
            }
        }
    }
}
