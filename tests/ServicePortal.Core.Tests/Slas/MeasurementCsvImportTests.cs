using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Tests.Slas;

public sealed class MeasurementCsvImportTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 7, 10);
    private TestDatabase _database = null!;
    private SlaScenario _scenario = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(clock: new FixedClock(Today));
        _scenario = await SlaScenario.SeedAsync(_database);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private MeasurementCsvImport Import => new(_database, new SystemActor(), _database.Clock);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Preview_ClassifiesEachRowAsAddUpdateOrUnchangedWithItsResult()
    {
        await SlaScenario.AddMeasurementsAsync(_database, _scenario.AvailabilityTargetId, (2026, 4, 99.5), (2026, 5, 99.95));
        var file = Csv(
            "target key,period,value,note",
            "PAY-AVAIL,2026-04,99.92,corrected by supplier",
            "PAY-AVAIL,2026-05,99.95,",
            "PAY-AVAIL,2026-06,99.1,\"incident 4711, fixed\"",
            "PAY-RESP,2026-04,20,");

        var preview = await Import.PreviewAsync(file, Ct);

        Assert.Null(preview.FileError);
        Assert.True(preview.CanCommit);
        Assert.Equal(
            [
                (2, MeasurementChange.Update, (double?)99.5, (SlaResult?)SlaResult.AtRisk),
                (3, MeasurementChange.Unchanged, 99.95, SlaResult.Met),
                (4, MeasurementChange.Add, null, SlaResult.Breached),
                (5, MeasurementChange.Add, null, SlaResult.Met),
            ],
            preview.Rows.Select(r => (r.Row, r.Change, r.PreviousValue, r.Result)));
        Assert.Equal((2, 1, 1, 0), (preview.AddCount, preview.UpdateCount, preview.UnchangedCount, preview.ErrorCount));
        Assert.Equal("incident 4711, fixed", preview.Rows[2].Note);
    }

    [Fact]
    public async Task Preview_ReportsRowColumnAndReasonOfEveryBadRow()
    {
        var file = Csv(
            "Target,Period,Value",
            "NOPE,2026-04,99",
            "PAY-AVAIL,April 2026,99",
            "PAY-AVAIL,2026-03,99,5",
            "PAY-RESP,2026-05,20",
            "PAY-AVAIL,2026-08,99.9",
            "PAY-AVAIL,2026-02,100.5",
            ",2026-02,",
            "PAY-AVAIL,2026-01,NaN");

        var preview = await Import.PreviewAsync(file, Ct);

        Assert.False(preview.CanCommit);
        Assert.All(preview.Rows, r => Assert.Equal(MeasurementChange.Error, r.Change));
        var errors = preview.Errors.Select(e => (e.Row, e.Column)).ToList();
        Assert.Equal(
            [(2, "Target"), (3, "Period"), (4, "Value"), (5, "Period"), (6, "Period"), (7, "Value"), (8, "Target"), (8, "Value"), (9, "Value")],
            errors);
        Assert.Contains("NOPE", preview.Rows[0].Errors[0].Reason);
        Assert.Contains("dot", preview.Rows[2].Errors[0].Reason);
        Assert.Contains("quarter", preview.Rows[3].Errors[0].Reason);
        Assert.Contains("not started", preview.Rows[4].Errors[0].Reason);
        Assert.Contains("100", preview.Rows[5].Errors[0].Reason);
    }

    [Fact]
    public async Task DuplicateTargetAndPeriod_IsAnErrorNamingBothRows()
    {
        var file = Csv(
            "target key,period,value",
            "PAY-AVAIL,2026-03,99.95",
            "PAY-RESP,2026-04,20",
            "pay-avail,2026-03,99.0");

        var preview = await Import.PreviewAsync(file, Ct);

        Assert.Equal([MeasurementChange.Error, MeasurementChange.Add, MeasurementChange.Error], preview.Rows.Select(r => r.Change));
        Assert.All(new[] { preview.Rows[0], preview.Rows[2] }, row => Assert.Contains("rows 2 and 4", Assert.Single(row.Errors).Reason));
    }

    [Fact]
    public async Task Commit_RefusesAFileWithAnyErrorAndSavesNothing()
    {
        var file = Csv(
            "target key,period,value",
            "PAY-AVAIL,2026-03,99.95",
            "PAY-AVAIL,2026-13,99.95");

        var result = await Import.CommitAsync(file, Ct);

        Assert.False(result.Committed);
        Assert.Equal(1, result.Preview.ErrorCount);
        Assert.Equal(0, await CountMeasurementsAsync());
    }

    [Fact]
    public async Task Commit_SavesEveryRowAndReimportingTheSameFileChangesNothing()
    {
        var lines = new[] { "target key,period,value,note", "PAY-AVAIL,2026-03,99.95,ok", "PAY-AVAIL,2026-04,98.5,outage", "PAY-RESP,2026-04,31," };

        var first = await Import.CommitAsync(Csv(lines), Ct);
        var auditAfterFirst = await CountAuditEntriesAsync();
        var second = await Import.CommitAsync(Csv(lines), Ct);

        Assert.True(first.Committed);
        Assert.Equal((3, 0, 0), (first.Added, first.Updated, first.Unchanged));
        Assert.True(second.Committed);
        Assert.Equal((0, 0, 3), (second.Added, second.Updated, second.Unchanged));
        Assert.Equal(3, await CountMeasurementsAsync());
        Assert.Equal(auditAfterFirst, await CountAuditEntriesAsync());
        await using var db = _database.CreateDbContext();
        var outage = await db.SlaMeasurements.SingleAsync(m => m.PeriodStart == new DateOnly(2026, 4, 1) && m.SlaTargetId == _scenario.AvailabilityTargetId, Ct);
        Assert.Equal((98.5, "outage", SystemActor.SystemName), (outage.Value, outage.Note, outage.RecordedBy));
    }

    [Fact]
    public async Task Commit_CorrectsTheExistingMeasurementAndTheAuditTrailKeepsTheOldValue()
    {
        await SlaScenario.AddMeasurementsAsync(_database, _scenario.AvailabilityTargetId, (2026, 4, 99.5));

        var result = await Import.CommitAsync(Csv("target key,period,value", "PAY-AVAIL,2026-04,99.97"), Ct);

        Assert.Equal(1, result.Updated);
        await using var db = _database.CreateDbContext();
        var measurement = await db.SlaMeasurements.SingleAsync(Ct);
        Assert.Equal(99.97, measurement.Value);
        var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(SlaMeasurement) && a.Action == AuditAction.Updated).SingleAsync(Ct);
        var change = JsonDocument.Parse(audit.Changes!).RootElement.GetProperty(nameof(SlaMeasurement.Value));
        Assert.Equal(("99.5", "99.97"), (change.GetProperty("Old").GetString(), change.GetProperty("New").GetString()));
    }

    [Fact]
    public async Task EmptyNote_KeepsTheStoredNote()
    {
        await using (var db = _database.CreateDbContext())
        {
            db.SlaMeasurements.Add(new SlaMeasurement { SlaTargetId = _scenario.AvailabilityTargetId, PeriodStart = new DateOnly(2026, 4, 1), Value = 99.5, Note = "typed in the grid" });
            await db.SaveChangesAsync(Ct);
        }

        var result = await Import.CommitAsync(Csv("target key,period,value", "PAY-AVAIL,2026-04,99.6"), Ct);

        Assert.Equal(1, result.Updated);
        await using var check = _database.CreateDbContext();
        Assert.Equal("typed in the grid", (await check.SlaMeasurements.SingleAsync(Ct)).Note);
    }

    [Fact]
    public async Task FileOverTheSizeLimit_IsRefusedBeforeReadingRows()
    {
        var file = new MemoryStream(new byte[MeasurementCsvImport.MaxFileBytes + 1]);

        var preview = await Import.PreviewAsync(file, Ct);

        Assert.Contains("MB", preview.FileError);
        Assert.Empty(preview.Rows);
    }

    [Fact]
    public async Task UnseekableFileOverTheSizeLimit_IsRefused()
    {
        var file = new ForwardOnlyStream(new byte[MeasurementCsvImport.MaxFileBytes + 10]);

        var result = await Import.CommitAsync(file, Ct);

        Assert.False(result.Committed);
        Assert.Contains("MB", result.Message);
    }

    [Fact]
    public async Task FileOverTheRowLimit_IsRefused()
    {
        var rows = Enumerable.Range(0, MeasurementCsvImport.MaxRows + 1).Select(i => $"T-{i},2026-01,1");

        var preview = await Import.PreviewAsync(Csv(["target key,period,value", .. rows]), Ct);

        Assert.Contains($"{MeasurementCsvImport.MaxRows:N0} rows", preview.FileError);
    }

    [Fact]
    public async Task FileAtTheRowLimit_IsRead()
    {
        var rows = Enumerable.Range(0, MeasurementCsvImport.MaxRows).Select(i => $"PAY-AVAIL,{2000 + (i / 12)}-{(i % 12) + 1:00},99.99");

        var preview = await Import.PreviewAsync(Csv(["target key,period,value", .. rows]), Ct);

        Assert.Null(preview.FileError);
        Assert.Equal(MeasurementCsvImport.MaxRows, preview.Rows.Count);
    }

    [Fact]
    public async Task MissingColumn_IsRefusedNamingWhatIsMissing()
    {
        var preview = await Import.PreviewAsync(Csv("target key,month,value", "PAY-AVAIL,2026-03,99.95"), Ct);
        var semicolons = await Import.PreviewAsync(Csv("target key;period;value", "PAY-AVAIL;2026-03;99.95"), Ct);

        Assert.Contains("period", preview.FileError);
        Assert.Contains("semicolon", semicolons.FileError);
    }

    [Fact]
    public async Task RowWithAStrayQuote_IsAnErrorAndTheOtherRowsAreStillRead()
    {
        var file = Csv("target key,period,value", "PAY-AVAIL,2026-03,99\"95", "PAY-AVAIL,2026-04,99.95");

        var preview = await Import.PreviewAsync(file, Ct);

        Assert.Equal([MeasurementChange.Error, MeasurementChange.Add], preview.Rows.Select(r => r.Change));
        Assert.Contains(preview.Rows[0].Errors, e => e.Reason.Contains("quote", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EmptyFileOrHeaderOnly_CannotBeCommitted()
    {
        var empty = await Import.PreviewAsync(Csv(), Ct);
        var headerOnly = await Import.PreviewAsync(Csv("target key,period,value", ",,"), Ct);

        Assert.NotNull(empty.FileError);
        Assert.NotNull(headerOnly.FileError);
        Assert.False(headerOnly.CanCommit);
    }

    private static MemoryStream Csv(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join("\r\n", lines)));

    private async Task<int> CountMeasurementsAsync()
    {
        await using var db = _database.CreateDbContext();
        return await db.SlaMeasurements.CountAsync(Ct);
    }

    private async Task<int> CountAuditEntriesAsync()
    {
        await using var db = _database.CreateDbContext();
        return await db.AuditEntries.CountAsync(Ct);
    }

    /// <summary>An upload stream that cannot tell its length up front, like a browser file stream.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
