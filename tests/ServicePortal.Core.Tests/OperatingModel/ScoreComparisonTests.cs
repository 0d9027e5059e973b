using ServicePortal.Core.Governance;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Tests.OperatingModel;

public class ScoreComparisonTests
{
    [Fact]
    public async Task Compare_FindsAddedRemovedMovedChangedAndAssignmentChanges()
    {
        await using var database = await ScoreTestDatabase.CreateAsync();
        var v1 = (await database.Queries.VersionsAsync()).Single();
        var draft = await database.DraftAsync();
        var board = (await database.Queries.BoardAsync(draft.Id))!;
        var moved = board.Stages[0].Practices[0];
        var changed = board.Stages[3].Practices[0];
        var removed = board.Stages[2].Practices[0];
        Assert.True((await database.Editor.MoveAsync(moved.Id, MoveDirection.Right)).Succeeded);
        var form = (await database.Queries.PracticeAsync(changed.Id))!;
        form.Purpose = "A sharper purpose.";
        Assert.True((await database.Editor.SavePracticeAsync(form)).Succeeded);
        Assert.True((await database.Editor.DeletePracticeAsync(removed.Id, removed.Version)).Deleted);
        var added = await database.Editor.SavePracticeAsync(new PracticeForm { ScoreVersionId = draft.Id, Key = "PRC-NEW", Name = "New practice", StageId = board.Stages[1].Id });
        Assert.True(added.Succeeded, added.Summary);
        var roles = await database.Directory.RolesAsync();
        var owner = roles.Single(r => r.Key.Equals(GovernanceRoleKeys.PracticeOwner, StringComparison.OrdinalIgnoreCase));
        var person = (await database.Directory.PeopleAsync()).First(p => p.LeftOn is null);
        var assigned = await database.Directory.AddAssignmentAsync(new AssignmentForm { PersonId = person.Id, RoleId = owner.Id, ScopeType = ScopeType.Practice, ScopeId = added.Value!.Id, Raci = Raci.Accountable });
        Assert.True(assigned.Succeeded, assigned.Summary);

        var comparison = (await database.Queries.CompareAsync(v1.Id, draft.Id))!;

        Assert.Equal("PRC-NEW", Assert.Single(comparison.Added).Key);
        Assert.Equal(removed.Key, Assert.Single(comparison.Removed).Key);
        var move = Assert.Single(comparison.Moved);
        Assert.Equal((moved.Key, "Demand", "Plan"), (move.Key, move.FromStage, move.ToStage));
        var change = Assert.Single(comparison.Changed);
        Assert.Equal(changed.Key, change.Key);
        Assert.Equal(("Purpose", changed.Purpose, "A sharper purpose."), (change.Fields.Single().Field, change.Fields.Single().Before, change.Fields.Single().After));
        Assert.Contains(comparison.Assignments, a => a is { Kind: ChangeKind.Added, PracticeKey: "PRC-NEW", Raci: Raci.Accountable } && a.PersonName == person.Name);
        Assert.Contains(comparison.Assignments, a => a.Kind == ChangeKind.Removed && a.PracticeKey == removed.Key);
    }

    [Fact]
    public void Compare_OfIdenticalVersionsHasNoChanges()
    {
        var practice = new PracticeSnapshot("P", "Practice", "Run", 1, "Purpose", null, [Kpi("K", 1)]);
        var assignment = new PracticeAssignmentSnapshot("P", "practice-owner", "Practice owner", 1, "Ann", Raci.Accountable);
        var a = new ScoreSnapshot(1, 1, "v1", ScoreVersionStatus.Superseded, [practice], [assignment]);
        var b = a with { VersionId = 2, Number = 2, Practices = [practice with { Order = 5 }] };

        var comparison = ScoreComparison.Compare(a, b);

        Assert.False(comparison.HasChanges);
    }

    [Fact]
    public void Compare_ShowsKpisAddedRemovedAndTheirTargetChanges()
    {
        var before = new PracticeSnapshot("PRC-DEV", "Development", "Build", 1, null, null, [Kpi("KPI-CFR", 10), Kpi("KPI-OLD", 5)]);
        var after = before with { Kpis = [Kpi("KPI-CFR", 8) with { WarningBand = 1 }, Kpi("KPI-NEW", 3)] };
        var a = new ScoreSnapshot(1, 1, "v1", ScoreVersionStatus.Published, [before], []);
        var b = new ScoreSnapshot(2, 2, "v2", ScoreVersionStatus.Draft, [after], []);

        var comparison = ScoreComparison.Compare(a, b);

        Assert.True(comparison.HasChanges);
        var changed = Assert.Single(comparison.KpiChanges, k => k.Kind == ChangeKind.Changed);
        Assert.Equal("KPI-CFR", changed.KpiKey);
        Assert.Equal([("Target", "≤ 10%", "≤ 8%"), ("Warning band", "0", "1")], changed.Fields.Select(f => (f.Field, f.Before, f.After)));
        Assert.Equal("KPI-NEW", Assert.Single(comparison.KpiChanges, k => k.Kind == ChangeKind.Added).KpiKey);
        Assert.Equal("KPI-OLD", Assert.Single(comparison.KpiChanges, k => k.Kind == ChangeKind.Removed).KpiKey);
    }

    private static KpiLine Kpi(string key, double target) =>
        new(key, key, KpiMetric.ErrorRate, "%", target, TargetDirection.AtMost, 0, MeasurementPeriod.Monthly);
}
