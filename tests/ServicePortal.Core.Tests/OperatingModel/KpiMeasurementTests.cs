using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Seeding;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Targets;

namespace ServicePortal.Core.Tests.OperatingModel;

/// <summary>Recording and importing KPI measurements on the sample enterprise (real SQLite), on 3 December 2026.</summary>
public sealed class KpiMeasurementTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 12, 3);
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(clock: new FixedClock(Today));
        _database.Actor = "governance@demo.local";
        await using var db = _database.CreatePlainContext();
        await SeedLoader.LoadAsync(db, SeedFolder.Sample, Ct);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private KpiMeasurementRecorder Recorder => new(_database, new NamedActor("governance@demo.local"), _database.Clock);

    private KpiMeasurementCsvImport Import => new(_database, new NamedActor("governance@demo.local"), _database.Clock);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly December = new(2026, 12, 1);

    [Fact]
    public async Task Record_IsIdempotentByKpiAndPeriod_AndACorrectionIsAudited()
    {
        KpiMeasurementEntry[] batch = [new("KPI-DEVELOPMENT-CFR", December, 9.5), new("kpi-change-success", December, 98)];

        var first = await Recorder.RecordAsync(batch, Ct);
        var again = await Recorder.RecordAsync(batch, Ct);
        var corrected = await Recorder.RecordAsync([new("KPI-DEVELOPMENT-CFR", December, 10.5, "recount")], Ct);

        Assert.Equal((true, 2, 0), (first.Saved, first.Added, first.Updated));
        Assert.Equal([TargetOutcome.AtRisk, TargetOutcome.Met], first.Items.Select(i => i.Outcome!.Value));
        Assert.Equal((true, 0, 0, 2), (again.Saved, again.Added, again.Updated, again.Unchanged));
        Assert.Equal((1, (double?)9.5, (TargetOutcome?)TargetOutcome.Missed), (corrected.Updated, corrected.Items.Single().PreviousValue, corrected.Items.Single().Outcome));
        await using var db = _database.CreateDbContext();
        Assert.Equal(2, await db.KpiMeasurements.CountAsync(m => m.PeriodStart == December, Ct));
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(KpiMeasurement) && a.Action == AuditAction.Updated, Ct);
        var value = JsonDocument.Parse(audit.Changes!).RootElement.GetProperty(nameof(KpiMeasurement.Value));
        Assert.Equal(("9.5", "10.5", "governance@demo.local"), (value.GetProperty("Old").GetString(), value.GetProperty("New").GetString(), audit.UserName));
    }

    [Fact]
    public async Task Record_SavesNothingWhenAnyEntryIsInvalid()
    {
        var result = await Recorder.RecordAsync(
        [
            new("KPI-DEVELOPMENT-CFR", December, 9.5),
            new("KPI-NOPE", December, 1),
            new("KPI-PORTFOLIO-ROI", December, 20),
            new("KPI-DEVELOPMENT-CFR", new DateOnly(2027, 1, 1), 9),
            new("KPI-CHANGE-SUCCESS", December, 101),
        ], Ct);

        Assert.False(result.Saved);
        Assert.Equal(
            [
                "",
                "Target: no KPI of the current score version has the key 'KPI-NOPE'",
                "Period: 2026-12 is not the start of a quarter (quarters start in January, April, July and October; this one starts 2026-10) (KPI-PORTFOLIO-ROI is measured quarterly)",
                "Period: 2027-01 has not started yet",
                "Value: is a percentage (Compliance) and must not exceed 100",
            ],
            result.Items.Select(i => string.Join("; ", i.Issues.Select(x => $"{x.Field}: {x.Reason}"))));
        await using var db = _database.CreateDbContext();
        Assert.False(await db.KpiMeasurements.AnyAsync(m => m.PeriodStart == December, Ct));
    }

    [Fact]
    public async Task CsvImport_PreviewsThenCommitsAllOrNothing_AndASecondRunChangesNothing()
    {
        const string good = "kpi key,period,value,note\r\nKPI-DEVELOPMENT-CFR,2026-12,7.5,\r\nKPI-DEVELOPMENT-CFR,2026-11,14.6,\r\nKPI-RELEASE-ROLLBACKS,2026-12,3.9,fewer rollbacks\r\n";
        const string bad = "kpi,period,value\r\nKPI-DEVELOPMENT-CFR,2026-12,8.5\r\nKPI-RELEASE-ROLLBACKS,2026-13,4\r\n";

        var preview = await Import.PreviewAsync(Csv(good), Ct);
        var refused = await Import.CommitAsync(Csv(bad), Ct);
        var committed = await Import.CommitAsync(Csv(good), Ct);
        var twice = await Import.CommitAsync(Csv(good), Ct);

        Assert.Equal((2, 0, 1, true), (preview.AddCount, preview.UpdateCount, preview.UnchangedCount, preview.CanCommit));
        Assert.Equal([TargetOutcome.Met, TargetOutcome.Missed, TargetOutcome.Met], preview.Rows.Select(r => r.Outcome!.Value));
        Assert.False(refused.Committed);
        Assert.Equal(new MeasurementImportError(3, "period", "'2026-13' is not a month written yyyy-MM, e.g. 2026-03"), Assert.Single(refused.Preview.Errors));
        Assert.Equal((true, 2), (committed.Committed, committed.Added));
        Assert.Equal((true, 0, 0, 3), (twice.Committed, twice.Added, twice.Updated, twice.Unchanged));
        await using var db = _database.CreateDbContext();
        Assert.Equal("fewer rollbacks", (await db.KpiMeasurements.SingleAsync(m => m.KpiKey == "KPI-RELEASE-ROLLBACKS" && m.PeriodStart == December, Ct)).Note);
    }

    [Fact]
    public async Task CsvImport_WithoutAKpiColumn_IsRefusedAsAWhole()
    {
        var preview = await Import.PreviewAsync(Csv("target key,period,value\r\nX,2026-11,1\r\n"), Ct);

        Assert.Equal("The header row lacks the column(s) kpi key. Found: target key, period, value.", preview.FileError);
    }

    [Fact]
    public async Task MeasurementsSurviveANewDraft_AndTheDraftsTargetsJudgeTheSameData()
    {
        var queries = new ScoreQueries(_database);
        var editor = new ScoreEditor(_database, new NamedActor("governance@demo.local"), _database.Clock);
        var draft = (await editor.NewDraftAsync(cancellationToken: Ct)).Value!;
        var definition = (await queries.KpiAsync("KPI-DEVELOPMENT-CFR", draft: true, Ct))!;
        var form = KpiForm.From(new PracticeKpi { Key = definition.Kpi.Key, Name = definition.Kpi.Name, Unit = definition.Kpi.Unit, Metric = definition.Kpi.Metric, Direction = definition.Kpi.Direction, Target = 15, WarningBand = 2 });
        var saved = await editor.SaveDraftKpiAsync("KPI-DEVELOPMENT-CFR", form, definition.Version, Ct);
        var stale = await editor.SaveDraftKpiAsync("KPI-DEVELOPMENT-CFR", form, definition.Version, Ct);
        var health = new ValueStreamHealthService(_database, _database.Clock);

        var published = await health.GetAsync(cancellationToken: Ct);
        var judgedByDraft = await health.GetAsync(versionId: draft.Id, cancellationToken: Ct);

        Assert.True(saved.Succeeded, saved.Summary);
        Assert.True(stale.Conflict);
        Assert.Equal((TargetOutcome.Missed, 14.6), (published.Kpi("KPI-DEVELOPMENT-CFR")!.Status, published.Kpi("KPI-DEVELOPMENT-CFR")!.Current.Value!.Value));
        Assert.Equal(TargetOutcome.AtRisk, judgedByDraft.Kpi("KPI-DEVELOPMENT-CFR")!.Status);
    }

    [Fact]
    public async Task ValueStream_IsKeptUntilTheChangeFeedReportsAMeasurement()
    {
        var health = new ValueStreamHealthService(_database, _database.Clock, Feeds.Eager(_database));

        var first = await health.GetAsync(December, cancellationToken: Ct);
        var again = await health.GetAsync(December, cancellationToken: Ct);
        await Recorder.RecordAsync([new("KPI-DEVELOPMENT-CFR", December, 30)], Ct);
        var after = await health.GetAsync(December, cancellationToken: Ct);

        Assert.Same(first, again);
        Assert.NotSame(first, after);
        Assert.Equal(30, after.Kpi("KPI-DEVELOPMENT-CFR")!.Current.Value);
    }

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    private sealed class NamedActor(string name) : ICurrentActor
    {
        public string Name => name;
    }
}
