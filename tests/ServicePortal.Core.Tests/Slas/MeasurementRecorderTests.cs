using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Tests.Slas;

public sealed class MeasurementRecorderTests : IAsyncLifetime
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

    private MeasurementRecorder Recorder => new(_database, new NamedActor("alice@example.com"), _database.Clock);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Record_AddsNewValuesAndCorrectsExistingOnesInPlace()
    {
        await SlaScenario.AddMeasurementsAsync(_database, _scenario.AvailabilityTargetId, (2026, 5, 99.0));
        var entries = new[]
        {
            new MeasurementEntry(_scenario.AvailabilityTargetId, new DateOnly(2026, 5, 1), 99.93, "recount"),
            new MeasurementEntry(_scenario.AvailabilityTargetId, new DateOnly(2026, 6, 1), 99.99),
        };

        var result = await Recorder.RecordMeasurementsAsync(entries, Ct);

        Assert.True(result.Saved);
        Assert.Equal([(MeasurementChange.Update, (double?)99.0, (SlaResult?)SlaResult.AtRisk), (MeasurementChange.Add, null, SlaResult.Met)],
            result.Items.Select(i => (i.Change, i.PreviousValue, i.Result)));
        await using var db = _database.CreateDbContext();
        var stored = await db.SlaMeasurements.OrderBy(m => m.PeriodStart).Select(m => new { m.Value, m.Note, m.RecordedBy }).ToListAsync(Ct);
        Assert.Equal([(99.93, "recount"), (99.99, (string?)null)], stored.Select(m => (m.Value, m.Note)));
        Assert.All(stored, m => Assert.Equal("alice@example.com", m.RecordedBy));
    }

    [Fact]
    public async Task Correction_IsAuditedWithTheOldAndNewValue()
    {
        await SlaScenario.AddMeasurementsAsync(_database, _scenario.AvailabilityTargetId, (2026, 5, 99.0));

        await Recorder.RecordMeasurementsAsync([new MeasurementEntry(_scenario.AvailabilityTargetId, new DateOnly(2026, 5, 1), 99.4)], Ct);

        await using var db = _database.CreateDbContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(SlaMeasurement) && a.Action == AuditAction.Updated, Ct);
        var value = JsonDocument.Parse(audit.Changes!).RootElement.GetProperty(nameof(SlaMeasurement.Value));
        Assert.Equal(("99", "99.4"), (value.GetProperty("Old").GetString(), value.GetProperty("New").GetString()));
    }

    [Fact]
    public async Task BatchWithAnInvalidEntry_SavesNothingAndSaysWhichEntryIsWrong()
    {
        var entries = new[]
        {
            new MeasurementEntry(_scenario.AvailabilityTargetId, new DateOnly(2026, 5, 1), 99.95),
            new MeasurementEntry(_scenario.ResponseTargetId, new DateOnly(2026, 5, 1), 12),
            new MeasurementEntry(-5, new DateOnly(2026, 5, 1), 12),
            new MeasurementEntry(_scenario.AvailabilityTargetId, new DateOnly(2026, 6, 1), double.NaN),
        };

        var result = await Recorder.RecordMeasurementsAsync(entries, Ct);

        Assert.False(result.Saved);
        Assert.Equal(
            [MeasurementChange.Add, MeasurementChange.Error, MeasurementChange.Error, MeasurementChange.Error],
            result.Items.Select(i => i.Change));
        Assert.Equal([MeasurementField.Period, MeasurementField.Target, MeasurementField.Value], result.Items.Skip(1).Select(i => Assert.Single(i.Issues).Field));
        await using var db = _database.CreateDbContext();
        Assert.Equal(0, await db.SlaMeasurements.CountAsync(Ct));
    }

    [Fact]
    public async Task SameTargetAndPeriodTwiceInOneBatch_IsRejected()
    {
        var entries = new[]
        {
            new MeasurementEntry(_scenario.AvailabilityTargetId, new DateOnly(2026, 5, 1), 99.95),
            new MeasurementEntry(_scenario.AvailabilityTargetId, new DateOnly(2026, 5, 1), 99.0),
        };

        var result = await Recorder.RecordMeasurementsAsync(entries, Ct);

        Assert.False(result.Saved);
        Assert.All(result.Items, i => Assert.Contains("rows 1 and 2", Assert.Single(i.Issues).Reason));
    }

    [Fact]
    public async Task EmptyNote_ClearsTheStoredNoteBecauseTheGridSendsWhatTheCellShows()
    {
        await Recorder.RecordMeasurementsAsync([new MeasurementEntry(_scenario.AvailabilityTargetId, new DateOnly(2026, 5, 1), 99.0, "first")], Ct);

        var result = await Recorder.RecordMeasurementsAsync([new MeasurementEntry(_scenario.AvailabilityTargetId, new DateOnly(2026, 5, 1), 99.0, null)], Ct);

        Assert.Equal(MeasurementChange.Update, Assert.Single(result.Items).Change);
        await using var db = _database.CreateDbContext();
        Assert.Null((await db.SlaMeasurements.SingleAsync(Ct)).Note);
    }

    private sealed class NamedActor(string name) : ICurrentActor
    {
        public string Name => name;
    }
}
