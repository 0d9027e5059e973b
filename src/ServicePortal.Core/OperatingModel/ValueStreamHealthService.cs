using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Slas;

namespace ServicePortal.Core.OperatingModel;

/// <summary>
/// Loads <see cref="ValueStreamHealth"/> from the database: the KPIs of a score version (by default the current one:
/// latest published, else the draft), their measurements over the last 12 periods, and each practice's accountable
/// owners (practice owner, RACI Accountable, people who have not left). The roll-up itself is pure.
/// <para>With a <see cref="ChangeFeed"/> (as registered), a result is kept per month asked, score version and day
/// until the feed reports a change to what it is judged from (<see cref="SourceTypes"/>): the dashboard asks on every
/// view, twice (prerender and circuit).</para>
/// </summary>
public sealed class ValueStreamHealthService(IDbContextFactory<PortalDbContext> factory, TimeProvider clock, ChangeFeed? feed = null)
{
    /// <summary>The audit types a value-stream roll-up is judged from.</summary>
    public static readonly IReadOnlySet<string> SourceTypes = new HashSet<string>
    {
        nameof(KpiMeasurement), nameof(PracticeKpi), nameof(Practice), nameof(ScoreVersion), nameof(ValueStreamStage), nameof(RoleAssignment),
        nameof(Person), nameof(GovernanceRole),
    };

    private readonly ChangeWatch? _sources = feed is null ? null : new ChangeWatch(feed, SourceTypes);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(DateOnly? AsOf, int? VersionId, DateOnly Today), (long Version, ValueStreamHealth Health)> _cache = new();

    /// <param name="asOf">Any day of the last month looked at; default: the latest month with a KPI measurement, never after this month.</param>
    /// <param name="versionId">The score version whose KPI targets judge the measurements (a draft shows how its new targets would judge the same data).</param>
    public async Task<ValueStreamHealth> GetAsync(DateOnly? asOf = null, int? versionId = null, CancellationToken cancellationToken = default)
    {
        if (_sources is null)
        {
            return await LoadAsync(asOf, versionId, cancellationToken);
        }

        var key = (asOf, versionId, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
        var version = await _sources.VersionAsync(cancellationToken);
        if (_cache.TryGetValue(key, out var cached) && cached.Version == version)
        {
            return cached.Health;
        }

        var health = await LoadAsync(asOf, versionId, cancellationToken);
        if (_cache.Count > 256)
        {
            _cache.Clear();
        }

        _cache[key] = (version, health);
        return health;
    }

    private async Task<ValueStreamHealth> LoadAsync(DateOnly? asOf, int? versionId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var thisMonth = SlaPeriods.StartOf(today, MeasurementPeriod.Monthly);
        var month = asOf is { } given
            ? SlaPeriods.StartOf(given, MeasurementPeriod.Monthly)
            : await db.KpiMeasurements.AsNoTracking().Where(m => m.PeriodStart <= thisMonth).MaxAsync(m => (DateOnly?)m.PeriodStart, cancellationToken) is { } latest
                ? SlaPeriods.StartOf(latest, MeasurementPeriod.Monthly)
                : thisMonth.AddMonths(-1);

        var version = versionId;
        if (version is null)
        {
            var versions = await db.ScoreVersions.AsNoTracking().Select(v => new ScoreVersionFacts(v.Id, v.Number, v.Title, v.Status)).ToListAsync(cancellationToken);
            version = GovernanceSnapshotLoader.CurrentScoreVersion(versions)?.Id;
        }

        var stages = await db.Stages.AsNoTracking().OrderBy(s => s.Order).Select(s => new StageInput(s.Key, s.Name, s.Order)).ToListAsync(cancellationToken);
        if (version is null)
        {
            return ValueStreamHealth.Compute(new ValueStreamInput(month, stages, [], []));
        }

        var practices = await db.Practices.AsNoTracking().Include(p => p.Kpis).Include(p => p.Stage)
            .Where(p => p.ScoreVersionId == version).ToListAsync(cancellationToken);
        var ids = practices.Select(p => p.Id).ToList();
        var owners = (await db.RoleAssignments.AsNoTracking()
                .Where(a => a.PracticeId != null && ids.Contains(a.PracticeId.Value) && a.Raci == Raci.Accountable)
                .Select(a => new { PracticeId = a.PracticeId!.Value, RoleKey = a.Role!.Key, a.Person!.Name, a.Person.LeftOn })
                .ToListAsync(cancellationToken))
            .Where(a => string.Equals(a.RoleKey, GovernanceRoleKeys.PracticeOwner, StringComparison.OrdinalIgnoreCase) && !Person.HasLeft(a.LeftOn, today))
            .ToLookup(a => a.PracticeId, a => a.Name);

        var keys = practices.SelectMany(p => p.Kpis).Select(k => k.Key).Distinct().ToList();
        var from = month.AddMonths(-3 * ValueStreamHealth.TrendPeriods);
        var values = keys.Count == 0
            ? []
            : await db.KpiMeasurements.AsNoTracking()
                .Where(m => keys.Contains(m.KpiKey) && m.PeriodStart >= from && m.PeriodStart <= month)
                .Select(m => new KpiValue(m.KpiKey, m.PeriodStart, m.Value))
                .ToListAsync(cancellationToken);

        var input = new ValueStreamInput(
            month,
            stages,
            practices.Select(p => new PracticeInput(
                p.Key, p.Name, p.Stage!.Key, p.Order, p.Kpis.OrderBy(k => k.Order).ThenBy(k => k.Id).Select(KpiLine.From).ToList(),
                owners[p.Id].Distinct().Order(StringComparer.OrdinalIgnoreCase).ToList())).ToList(),
            values);
        return ValueStreamHealth.Compute(input);
    }
}
