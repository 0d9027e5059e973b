using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Governance;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Tests.OperatingModel;

public class ScoreEditorTests
{
    [Fact]
    public async Task NewDraft_CopiesTheLatestPublishedPracticesKpisAndPracticeAssignments()
    {
        await using var database = await ScoreTestDatabase.CreateAsync();
        var published = (await database.Queries.VersionsAsync()).Single(v => v.Status == ScoreVersionStatus.Published);

        var draft = await database.DraftAsync();

        Assert.Equal(ScoreVersionStatus.Draft, draft.Status);
        Assert.Equal(published.Number + 1, draft.Number);
        Assert.Equal(published.Number, draft.BasedOnNumber);
        Assert.Equal(published.Practices, draft.Practices);
        Assert.Equal(20, draft.Practices);
        await using var db = database.CreateContext();
        var before = await db.Practices.Include(p => p.Kpis).Where(p => p.ScoreVersionId == published.Id).OrderBy(p => p.Key).ToListAsync();
        var after = await db.Practices.Include(p => p.Kpis).Where(p => p.ScoreVersionId == draft.Id).OrderBy(p => p.Key).ToListAsync();
        Assert.Equal(before.Select(p => (p.Key, p.Name, p.StageId, p.Order, p.Purpose, p.Kpis.Count)), after.Select(p => (p.Key, p.Name, p.StageId, p.Order, p.Purpose, p.Kpis.Count)));
        int Assignments(int versionId) => db.RoleAssignments.Count(a => a.Practice!.ScoreVersionId == versionId);
        Assert.True(Assignments(published.Id) > 0);
        Assert.Equal(Assignments(published.Id), Assignments(draft.Id));
    }

    [Fact]
    public async Task NewDraft_IsRefusedWhileADraftExists()
    {
        await using var database = await ScoreTestDatabase.CreateAsync();
        var draft = await database.DraftAsync();

        var second = await database.Editor.NewDraftAsync();

        Assert.False(second.Succeeded);
        Assert.Contains($"Version {draft.Number} is already a draft", second.Summary, StringComparison.Ordinal);
        Assert.Single(await database.Queries.VersionsAsync(), v => v.Status == ScoreVersionStatus.Draft);
    }

    [Fact]
    public async Task Publish_MakesTheDraftPublishedWithWhoWhenAndNote_AndSupersedesThePrevious()
    {
        await using var database = await ScoreTestDatabase.CreateAsync();
        var draft = await database.DraftAsync();
        database.Actor = "cio@demo.local";

        var result = await database.Editor.PublishAsync(new PublishForm { VersionId = draft.Id, Version = draft.Version, ChangeNote = "Clarified incident purpose." });

        Assert.True(result.Succeeded, result.Summary);
        var versions = await database.Queries.VersionsAsync();
        var published = Assert.Single(versions, v => v.Status == ScoreVersionStatus.Published);
        Assert.Equal(draft.Id, published.Id);
        Assert.Equal("cio@demo.local", published.PublishedBy);
        Assert.NotNull(published.PublishedAt);
        Assert.Equal("Clarified incident purpose.", published.ChangeNote);
        Assert.Equal(ScoreVersionStatus.Superseded, Assert.Single(versions, v => v.Number == 1).Status);
        await using var db = database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == nameof(ScoreVersion) && e.Action == AuditAction.Published && e.UserName == "cio@demo.local"));
    }

    [Fact]
    public async Task Publish_NeedsAChangeNote()
    {
        await using var database = await ScoreTestDatabase.CreateAsync();
        var draft = await database.DraftAsync();

        var result = await database.Editor.PublishAsync(new PublishForm { VersionId = draft.Id, ChangeNote = " " });

        Assert.False(result.Succeeded);
        Assert.Contains(nameof(PublishForm.ChangeNote), result.Errors.Keys);
    }

    [Fact]
    public async Task PublishedVersion_IsReadOnly_EditMoveDeleteAndAssignAreRefused()
    {
        await using var database = await ScoreTestDatabase.CreateAsync();
        var published = (await database.Queries.VersionsAsync()).Single(v => v.Status == ScoreVersionStatus.Published);
        var board = await database.Queries.BoardAsync(published.Id);
        var card = board!.Stages[0].Practices[0];
        var form = (await database.Queries.PracticeAsync(card.Id))!;
        form.Purpose = "Changed behind the UI's back.";

        var save = await database.Editor.SavePracticeAsync(form);
        var move = await database.Editor.MoveAsync(card.Id, MoveDirection.Right);
        var delete = await database.Editor.DeletePracticeAsync(card.Id, card.Version);
        var people = await database.Directory.PeopleAsync();
        var owner = (await database.Directory.RolesAsync()).Single(r => r.Key.Equals(GovernanceRoleKeys.PracticeOwner, StringComparison.OrdinalIgnoreCase));
        var assign = await database.Directory.AddAssignmentAsync(new AssignmentForm { PersonId = people[0].Id, RoleId = owner.Id, ScopeType = ScopeType.Practice, ScopeId = card.Id, Raci = Raci.Consulted });

        Assert.Contains("read-only", save.Summary, StringComparison.Ordinal);
        Assert.Contains("read-only", move.Summary, StringComparison.Ordinal);
        Assert.False(delete.Deleted);
        Assert.Contains("read-only", delete.Message, StringComparison.Ordinal);
        Assert.Contains("read-only", assign.Summary, StringComparison.Ordinal);
        Assert.Equal(card.Purpose, (await database.Queries.PracticeAsync(card.Id))!.Purpose);
    }

    [Fact]
    public async Task Draft_AddEditMoveAndDeletePractices()
    {
        await using var database = await ScoreTestDatabase.CreateAsync();
        var draft = await database.DraftAsync();
        var board = (await database.Queries.BoardAsync(draft.Id))!;
        var demand = board.Stages[0];

        var added = await database.Editor.SavePracticeAsync(new PracticeForm
        {
            ScoreVersionId = draft.Id, Key = "PRC-INNOVATION", Name = "Innovation management", StageId = demand.Id, Purpose = "Try new ideas.",
            Kpis = [new KpiForm { Name = "Experiments per quarter", Metric = KpiMetric.Throughput, Unit = "per quarter", Target = "4", Period = MeasurementPeriod.Quarterly }],
        });
        Assert.True(added.Succeeded, added.Summary);
        var right = await database.Editor.MoveAsync(added.Value!.Id!.Value, MoveDirection.Right);
        var up = await database.Editor.MoveAsync(added.Value.Id!.Value, MoveDirection.Up);
        var left = await database.Editor.MoveAsync(board.Stages[0].Practices[0].Id, MoveDirection.Left);

        Assert.True(right.Succeeded, right.Summary);
        Assert.True(up.Succeeded, up.Summary);
        Assert.Contains("first stage", left.Summary, StringComparison.Ordinal);
        var after = (await database.Queries.BoardAsync(draft.Id))!;
        var plan = after.Stages[1].Practices;
        Assert.Equal("PRC-INNOVATION", plan[^2].Key);
        Assert.Equal(Enumerable.Range(1, plan.Count), plan.Select(p => p.Order));
        Assert.Equal(("≥ 4 per quarter", "KPI-INNOVATION-EPQ"), (plan[^2].Kpis.Single().Target, plan[^2].Kpis.Single().Key));
        // The moves changed the practice: a delete at the version read before them is refused, at the current one done.
        var stale = await database.Editor.DeletePracticeAsync(added.Value.Id!.Value, added.Value.Version);
        Assert.False(stale.Deleted);
        Assert.Contains($"now version {plan[^2].Version}", stale.Message, StringComparison.Ordinal);
        Assert.True((await database.Editor.DeletePracticeAsync(added.Value.Id!.Value, plan[^2].Version)).Deleted);
        Assert.Equal(20, (await database.Queries.BoardAsync(draft.Id))!.Stages.Sum(s => s.Practices.Count));
    }

    [Fact]
    public async Task SavePractice_ReportsEachBadFieldAndADuplicateKey()
    {
        await using var database = await ScoreTestDatabase.CreateAsync();
        var draft = await database.DraftAsync();
        var existing = (await database.Queries.BoardAsync(draft.Id))!.Stages[0].Practices[0];

        var result = await database.Editor.SavePracticeAsync(new PracticeForm
        {
            ScoreVersionId = draft.Id, Key = existing.Key, Name = "", StageId = 0, Kpis = [new KpiForm { Name = "Lead time", Target = "" }, new KpiForm { Name = "Error rate", Metric = KpiMetric.ErrorRate, Target = "≤ 5%" }, new KpiForm { Name = "Utilisation", Metric = KpiMetric.Utilisation, Target = "120" }],
        });
        var duplicate = await database.Editor.SavePracticeAsync(new PracticeForm { ScoreVersionId = draft.Id, Key = existing.Key, Name = "Another", StageId = existing.StageId });

        Assert.Contains(nameof(PracticeForm.Name), result.Errors.Keys);
        Assert.Contains(nameof(PracticeForm.StageId), result.Errors.Keys);
        Assert.Equal(
            [
                "KPI 1: the target is required (a number; direction and unit are separate fields).",
                "KPI 2: the target '≤ 5%' is not a number (write 95 or 2.5; direction and unit are separate fields).",
                "KPI 3: the target is a percentage (Utilisation) and must not exceed 100.",
            ],
            result.Errors[nameof(PracticeForm.Kpis)]);
        Assert.Contains($"already used by practice '{existing.Name}'", duplicate.Errors[nameof(PracticeForm.Key)].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavePractice_RefusesAStaleVersion()
    {
        await using var database = await ScoreTestDatabase.CreateAsync();
        var draft = await database.DraftAsync();
        var card = (await database.Queries.BoardAsync(draft.Id))!.Stages[3].Practices[0];
        var mine = (await database.Queries.PracticeAsync(card.Id))!;
        var theirs = mine.Copy();
        theirs.Purpose = "Theirs";
        Assert.True((await database.Editor.SavePracticeAsync(theirs)).Succeeded);

        mine.Purpose = "Mine";
        var result = await database.Editor.SavePracticeAsync(mine);

        Assert.True(result.Conflict);
        Assert.Equal("Theirs", result.Value!.Purpose);
    }

    [Fact]
    public async Task SavePractice_ChangingOnlyKpis_StillAdvancesTheVersion()
    {
        await using var database = await ScoreTestDatabase.CreateAsync();
        var draft = await database.DraftAsync();
        var card = (await database.Queries.BoardAsync(draft.Id))!.Stages[3].Practices[0];
        var mine = (await database.Queries.PracticeAsync(card.Id))!;
        var theirs = mine.Copy();
        theirs.Kpis.Add(new KpiForm { Name = "Customer satisfaction", Metric = KpiMetric.Satisfaction, Unit = "/5", Target = "4" });
        Assert.True((await database.Editor.SavePracticeAsync(theirs)).Succeeded);

        mine.Kpis.Clear();
        var result = await database.Editor.SavePracticeAsync(mine);

        Assert.True(result.Conflict);
        Assert.Contains(result.Value!.Kpis, k => k.Name == "Customer satisfaction");
    }

    [Fact]
    public async Task DraftKpi_TargetChangesInPlace_AndThePublishedVersionKeepsItsTarget()
    {
        await using var database = await ScoreTestDatabase.CreateAsync();
        var published = (await database.Queries.VersionsAsync()).Single();
        var draft = await database.DraftAsync();
        var card = (await database.Queries.BoardAsync(draft.Id))!.Stages[2].Practices.Single(p => p.Key == "PRC-DEVELOPMENT");
        var form = (await database.Queries.PracticeAsync(card.Id))!;
        var cfr = form.Kpis.Single(k => k.Key == "KPI-DEVELOPMENT-CFR");
        cfr.Target = "8";
        cfr.WarningBand = 1.5;

        var saved = await database.Editor.SavePracticeAsync(form);

        Assert.True(saved.Succeeded, saved.Summary);
        await using var db = database.CreateContext();
        var kpis = await db.PracticeKpis.AsNoTracking().Where(k => k.Key == "KPI-DEVELOPMENT-CFR").Select(k => new { k.Practice!.ScoreVersionId, k.Target, k.WarningBand, k.Version }).ToListAsync();
        Assert.Equal((10.0, 2.0), kpis.Where(k => k.ScoreVersionId == published.Id).Select(k => (k.Target, k.WarningBand)).Single());
        Assert.Equal((8.0, 1.5, 2), kpis.Where(k => k.ScoreVersionId == draft.Id).Select(k => (k.Target, k.WarningBand, k.Version)).Single());
        Assert.Contains(await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(PracticeKpi)).Select(a => a.EntityName).ToListAsync(), n => n == "KPI-DEVELOPMENT-CFR");
    }

    [Fact]
    public async Task PublishedKpi_CannotBeChangedAddedOrRemoved()
    {
        await using var database = await ScoreTestDatabase.CreateAsync();
        var published = (await database.Queries.VersionsAsync()).Single();
        var card = (await database.Queries.BoardAsync(published.Id))!.Stages[2].Practices.Single(p => p.Key == "PRC-DEVELOPMENT");
        var changed = (await database.Queries.PracticeAsync(card.Id))!;
        changed.Kpis.Single(k => k.Key == "KPI-DEVELOPMENT-CFR").Target = "25";
        var removed = (await database.Queries.PracticeAsync(card.Id))!;
        removed.Kpis.RemoveAt(0);

        var change = await database.Editor.SavePracticeAsync(changed);
        var removal = await database.Editor.SavePracticeAsync(removed);

        Assert.Contains("read-only", change.Summary, StringComparison.Ordinal);
        Assert.Contains("read-only", removal.Summary, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        var stored = await db.PracticeKpis.AsNoTracking().Where(k => k.PracticeId == card.Id).OrderBy(k => k.Order).Select(k => new { k.Key, k.Target }).ToListAsync();
        Assert.Equal([("KPI-DEVELOPMENT-LEAD-TIME", 2.0), ("KPI-DEVELOPMENT-CFR", 10.0)], stored.Select(k => (k.Key, k.Target)));
    }

    [Fact]
    public async Task DraftKpi_KeyUsedByAnotherPracticeOfTheVersion_IsRefused()
    {
        await using var database = await ScoreTestDatabase.CreateAsync();
        var draft = await database.DraftAsync();
        var card = (await database.Queries.BoardAsync(draft.Id))!.Stages[3].Practices[0];
        var form = (await database.Queries.PracticeAsync(card.Id))!;
        form.Kpis.Add(new KpiForm { Key = "KPI-DEVELOPMENT-CFR", Name = "Borrowed", Metric = KpiMetric.ErrorRate, Unit = "%", Target = "5", Direction = TargetDirection.AtMost });

        var result = await database.Editor.SavePracticeAsync(form);

        Assert.Contains("KPI-DEVELOPMENT-CFR' is already used by a KPI of Software development and management", Assert.Single(result.Errors[nameof(PracticeForm.Kpis)]), StringComparison.Ordinal);
    }
}
