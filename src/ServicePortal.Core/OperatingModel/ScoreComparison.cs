using ServicePortal.Core.Governance;

namespace ServicePortal.Core.OperatingModel;

/// <summary>One version of the score as plain values, matched across versions by practice key.</summary>
public sealed record ScoreSnapshot(
    int VersionId,
    int Number,
    string Title,
    ScoreVersionStatus Status,
    IReadOnlyList<PracticeSnapshot> Practices,
    IReadOnlyList<PracticeAssignmentSnapshot> Assignments);

public sealed record PracticeSnapshot(string Key, string Name, string Stage, int Order, string? Purpose, string? Policies, IReadOnlyList<KpiLine> Kpis);

public sealed record PracticeAssignmentSnapshot(string PracticeKey, string RoleKey, string RoleName, int PersonId, string PersonName, Raci Raci);

/// <summary>A practice named in a comparison.</summary>
public sealed record PracticeRef(string Key, string Name, string Stage);

public sealed record PracticeMove(string Key, string Name, string FromStage, string ToStage);

public sealed record FieldDifference(string Field, string? Before, string? After);

public sealed record PracticeChange(string Key, string Name, IReadOnlyList<FieldDifference> Fields);

public enum ChangeKind
{
    Added,
    Removed,

    /// <summary>Present in both versions with different values (KPIs).</summary>
    Changed,
}

/// <summary>
/// A KPI added, removed or changed between two versions, matched by practice key and KPI key. <see cref="Fields"/>
/// names what changed (target, direction, warning band, unit, metric, period, name); empty for added or removed KPIs.
/// </summary>
public sealed record KpiChange(
    ChangeKind Kind, string PracticeKey, string PracticeName, string KpiKey, string KpiName, KpiLine? Before, KpiLine? After, IReadOnlyList<FieldDifference> Fields);

public sealed record AssignmentChange(ChangeKind Kind, string PracticeKey, string PracticeName, string RoleName, string PersonName, Raci Raci);

/// <summary>
/// What changed from one score version to another: practices added, removed, moved between stages, changed fields
/// (name, purpose, policies, KPIs), and the role assignments over practices that were added or removed. Practices are
/// matched by their stable key; assignments by practice key, role, person and RACI letter. Pure: no database.
/// </summary>
public sealed record ScoreComparison(
    ScoreSnapshot From,
    ScoreSnapshot To,
    IReadOnlyList<PracticeRef> Added,
    IReadOnlyList<PracticeRef> Removed,
    IReadOnlyList<PracticeMove> Moved,
    IReadOnlyList<PracticeChange> Changed,
    IReadOnlyList<AssignmentChange> Assignments,
    IReadOnlyList<KpiChange> KpiChanges)
{
    public bool HasChanges => Added.Count + Removed.Count + Moved.Count + Changed.Count + Assignments.Count + KpiChanges.Count > 0;

    public static ScoreComparison Compare(ScoreSnapshot from, ScoreSnapshot to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var before = from.Practices.ToDictionary(p => p.Key, StringComparer.OrdinalIgnoreCase);
        var after = to.Practices.ToDictionary(p => p.Key, StringComparer.OrdinalIgnoreCase);

        var added = to.Practices.Where(p => !before.ContainsKey(p.Key)).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Select(p => new PracticeRef(p.Key, p.Name, p.Stage)).ToList();
        var removed = from.Practices.Where(p => !after.ContainsKey(p.Key)).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Select(p => new PracticeRef(p.Key, p.Name, p.Stage)).ToList();
        var moved = new List<PracticeMove>();
        var changed = new List<PracticeChange>();
        foreach (var now in to.Practices.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase))
        {
            if (!before.TryGetValue(now.Key, out var was))
            {
                continue;
            }

            if (!string.Equals(was.Stage, now.Stage, StringComparison.Ordinal))
            {
                moved.Add(new PracticeMove(now.Key, now.Name, was.Stage, now.Stage));
            }

            var fields = new List<FieldDifference>();
            Field(fields, "Name", was.Name, now.Name);
            Field(fields, "Purpose", was.Purpose, now.Purpose);
            Field(fields, "Policies", was.Policies, now.Policies);
            Field(fields, "KPIs", Kpis(was.Kpis), Kpis(now.Kpis));
            if (fields.Count > 0)
            {
                changed.Add(new PracticeChange(now.Key, now.Name, fields));
            }
        }

        return new ScoreComparison(from, to, added, removed, moved, changed, AssignmentChanges(from, to, before, after), KpiChangesOf(from, to));
    }

    /// <summary>KPIs of practices present in both versions; KPIs of an added or removed practice come with the practice.</summary>
    private static List<KpiChange> KpiChangesOf(ScoreSnapshot from, ScoreSnapshot to)
    {
        var before = from.Practices.ToDictionary(p => p.Key, StringComparer.OrdinalIgnoreCase);
        var changes = new List<KpiChange>();
        foreach (var now in to.Practices.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase))
        {
            if (!before.TryGetValue(now.Key, out var was))
            {
                continue;
            }

            var old = was.Kpis.ToDictionary(k => k.Key, StringComparer.OrdinalIgnoreCase);
            var current = now.Kpis.ToDictionary(k => k.Key, StringComparer.OrdinalIgnoreCase);
            foreach (var kpi in now.Kpis)
            {
                if (!old.TryGetValue(kpi.Key, out var previous))
                {
                    changes.Add(new KpiChange(ChangeKind.Added, now.Key, now.Name, kpi.Key, kpi.Name, null, kpi, []));
                    continue;
                }

                var fields = new List<FieldDifference>();
                Field(fields, "Name", previous.Name, kpi.Name);
                Field(fields, "Metric", previous.Metric.ToString(), kpi.Metric.ToString());
                Field(fields, "Target", previous.Target, kpi.Target);
                Field(fields, "Warning band", Number(previous.WarningBand), Number(kpi.WarningBand));
                Field(fields, "Period", previous.Period.ToString(), kpi.Period.ToString());
                if (fields.Count > 0)
                {
                    changes.Add(new KpiChange(ChangeKind.Changed, now.Key, now.Name, kpi.Key, kpi.Name, previous, kpi, fields));
                }
            }

            changes.AddRange(was.Kpis.Where(k => !current.ContainsKey(k.Key))
                .Select(k => new KpiChange(ChangeKind.Removed, now.Key, now.Name, k.Key, k.Name, k, null, [])));
        }

        return changes;
    }

    private static string Number(double value) => value.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);

    private static List<AssignmentChange> AssignmentChanges(
        ScoreSnapshot from, ScoreSnapshot to, Dictionary<string, PracticeSnapshot> before, Dictionary<string, PracticeSnapshot> after)
    {
        static (string, string, int, Raci) Identity(PracticeAssignmentSnapshot a) => (a.PracticeKey.ToUpperInvariant(), a.RoleKey.ToUpperInvariant(), a.PersonId, a.Raci);

        string NameOf(string key) => after.TryGetValue(key, out var p) ? p.Name : before.TryGetValue(key, out var q) ? q.Name : key;

        var was = from.Assignments.Select(Identity).ToHashSet();
        var now = to.Assignments.Select(Identity).ToHashSet();
        return to.Assignments.Where(a => !was.Contains(Identity(a))).Select(a => (ChangeKind.Added, a))
            .Concat(from.Assignments.Where(a => !now.Contains(Identity(a))).Select(a => (ChangeKind.Removed, a)))
            .DistinctBy(x => (x.Item1, Identity(x.a)))
            .Select(x => new AssignmentChange(x.Item1, x.a.PracticeKey, NameOf(x.a.PracticeKey), x.a.RoleName, x.a.PersonName, x.a.Raci))
            .OrderBy(c => c.PracticeName, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Kind).ThenBy(c => c.PersonName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private static void Field(List<FieldDifference> fields, string name, string? before, string? after)
    {
        if (!string.Equals(Normalise(before), Normalise(after), StringComparison.Ordinal))
        {
            fields.Add(new FieldDifference(name, before, after));
        }
    }

    private static string Normalise(string? text) => string.IsNullOrWhiteSpace(text) ? "" : text.Trim();

    private static string Kpis(IReadOnlyList<KpiLine> kpis) => string.Join("; ", kpis.Select(k => $"{k.Name}: {k.Target}"));
}
