using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;
using ServicePortal.Core.Tests.Slas;

namespace ServicePortal.Core.Tests.Suppliers;

public sealed class SlaTargetEditorTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private SlaScenario _scenario = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(clock: new FixedClock(new DateOnly(2026, 11, 21)));
        _scenario = await SlaScenario.SeedAsync(_database);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private SlaTargetEditor Editor => new(_database);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SlaTargetForm NewForm() => new()
    {
        Key = "PAY-RESOL", Name = "Checkout resolution", ContractId = _scenario.PayContractId, ServiceId = _scenario.CheckoutId,
        Metric = SlaMetric.ResolutionTime, Unit = null, Target = 8, Direction = TargetDirection.AtMost, Period = MeasurementPeriod.Monthly,
        WarningBand = 1, ServiceCreditPercent = 2,
    };

    [Fact]
    public async Task Save_CreatesATargetWithTheMetricsUnit()
    {
        var result = await Editor.SaveAsync(NewForm(), Ct);

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal("h", result.Value!.Unit);
    }

    [Theory]
    [InlineData(SlaMetric.Availability, 100.5, 0, nameof(SlaTargetForm.Target))]
    [InlineData(SlaMetric.Availability, 99.9, 0.5, nameof(SlaTargetForm.WarningBand))]
    [InlineData(SlaMetric.ResponseTime, 0, 0, nameof(SlaTargetForm.Target))]
    [InlineData(SlaMetric.ResolutionTime, -4, 0, nameof(SlaTargetForm.Target))]
    [InlineData(SlaMetric.ResolutionTime, 4, 5, nameof(SlaTargetForm.WarningBand))]
    public async Task Save_RefusesTargetsOutsideTheMetricsRange(SlaMetric metric, double target, double band, string field)
    {
        var form = NewForm();
        form.Metric = metric;
        form.Direction = SlaTargetEditor.DirectionOf(metric)!.Value;
        form.Target = target;
        form.WarningBand = band;

        var result = await Editor.SaveAsync(form, Ct);

        Assert.Contains(field, result.Errors.Keys);
    }

    [Fact]
    public async Task Save_RequiresAPeriod_AUnitForACustomMetric_AndTheMetricsDirection()
    {
        var custom = NewForm();
        custom.Metric = SlaMetric.Custom;
        custom.Unit = " ";
        custom.Period = null;
        var availability = NewForm();
        availability.Metric = SlaMetric.Availability;
        availability.Target = 99;
        availability.Direction = TargetDirection.AtMost;

        var customResult = await Editor.SaveAsync(custom, Ct);
        var availabilityResult = await Editor.SaveAsync(availability, Ct);

        Assert.Contains(nameof(SlaTargetForm.Unit), customResult.Errors.Keys);
        Assert.Contains(nameof(SlaTargetForm.Period), customResult.Errors.Keys);
        Assert.Contains(nameof(SlaTargetForm.Direction), availabilityResult.Errors.Keys);
    }

    [Fact]
    public async Task Save_RefusesAServiceTheContractDoesNotCover()
    {
        var form = NewForm();
        form.ServiceId = _scenario.TrackingId;

        var result = await Editor.SaveAsync(form, Ct);

        Assert.Contains("C-PAY does not cover this service", Assert.Single(result.Errors[nameof(SlaTargetForm.ServiceId)]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_NamesTheTargetThatAlreadyUsesTheKey()
    {
        var form = NewForm();
        form.Key = SlaScenario.TrackingKey;

        var result = await Editor.SaveAsync(form, Ct);

        Assert.Contains("'Tracking availability' of contract C-SHIP", Assert.Single(result.Errors[nameof(SlaTargetForm.Key)]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_RefusesChangingThePeriodOnceMeasured()
    {
        await SlaScenario.AddMeasurementsAsync(_database, _scenario.AvailabilityTargetId, (2026, 10, 99.95));
        var form = (await new SupplierSlaQueries(_database).TargetFormAsync(_scenario.AvailabilityTargetId, Ct))!;
        form.Period = MeasurementPeriod.Quarterly;

        var result = await Editor.SaveAsync(form, Ct);

        Assert.Contains(nameof(SlaTargetForm.Period), result.Errors.Keys);
    }

    [Fact]
    public async Task Save_OfAStaleVersion_IsAConflict()
    {
        var queries = new SupplierSlaQueries(_database);
        var mine = (await queries.TargetFormAsync(_scenario.TrackingTargetId, Ct))!;
        var theirs = mine.Copy();
        theirs.Target = 99.6;
        Assert.True((await Editor.SaveAsync(theirs, Ct)).Succeeded);
        mine.Target = 99.7;

        var result = await Editor.SaveAsync(mine, Ct);

        Assert.True(result.Conflict);
        Assert.Equal(99.6, result.Value!.Target);
    }

    [Fact]
    public async Task Delete_IsRefusedOnceMeasured_AndAllowedBefore()
    {
        await SlaScenario.AddMeasurementsAsync(_database, _scenario.AvailabilityTargetId, (2026, 10, 99.95));
        var created = (await Editor.SaveAsync(NewForm(), Ct)).Value!;

        var refused = await Editor.DeleteAsync(_scenario.AvailabilityTargetId, 1, Ct);
        var deleted = await Editor.DeleteAsync(created.Id!.Value, created.Version, Ct);

        Assert.False(refused.Deleted);
        Assert.Contains("1 recorded measurement", refused.Message, StringComparison.Ordinal);
        Assert.True(deleted.Deleted);
        await using var db = _database.CreateDbContext();
        Assert.False(await db.SlaTargets.AnyAsync(t => t.Key == "PAY-RESOL", Ct));
    }
}
