using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Suppliers;
using ServicePortal.Core.Tests.Slas;

namespace ServicePortal.Core.Tests.Suppliers;

public sealed class ContractEditorTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private SlaScenario _scenario = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(clock: new FixedClock(new DateOnly(2026, 11, 21)));
        _scenario = await SlaScenario.SeedAsync(_database);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private ContractEditor Editor => new(_database);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ContractForm NewForm() => new()
    {
        Reference = "C-NEW", Title = "New deal", SupplierId = _scenario.ShipCoId, StartDate = new DateOnly(2026, 1, 1), EndDate = new DateOnly(2028, 12, 31),
        NoticePeriodDays = 60, AnnualValue = 1000m, Currency = "usd", ServiceIds = [_scenario.TrackingId, _scenario.FraudCheckId],
    };

    [Fact]
    public async Task Save_CreatesAContractWithItsServices_AndUppercasesTheCurrency()
    {
        var result = await Editor.SaveAsync(NewForm(), Ct);

        Assert.True(result.Succeeded, result.Summary);
        await using var db = _database.CreateDbContext();
        var stored = await db.Contracts.Include(c => c.Services).SingleAsync(c => c.Reference == "C-NEW", Ct);
        Assert.Equal("USD", stored.Currency);
        Assert.Equal(new[] { _scenario.FraudCheckId, _scenario.TrackingId }.Order(), stored.Services.Select(s => s.Id).Order());
    }

    [Fact]
    public async Task Save_RefusesEndBeforeStart_NegativeNotice_AndABadCurrency_PerField()
    {
        var form = NewForm();
        form.EndDate = form.StartDate!.Value.AddDays(-1);
        form.NoticePeriodDays = -1;
        form.Currency = "EURO";

        var result = await Editor.SaveAsync(form, Ct);

        Assert.False(result.Succeeded);
        Assert.Contains(nameof(ContractForm.EndDate), result.Errors.Keys);
        Assert.Contains(nameof(ContractForm.NoticePeriodDays), result.Errors.Keys);
        Assert.Contains(nameof(ContractForm.Currency), result.Errors.Keys);
    }

    [Fact]
    public async Task Save_NamesTheContractThatAlreadyUsesTheReference()
    {
        var form = NewForm();
        form.Reference = "C-PAY";

        var result = await Editor.SaveAsync(form, Ct);

        var message = Assert.Single(result.Errors[nameof(ContractForm.Reference)]);
        Assert.Contains("'Payment gateway' with PayCo", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_RefusesServicesThatDoNotExist()
    {
        var form = NewForm();
        form.ServiceIds = [_scenario.TrackingId, 987654];

        var result = await Editor.SaveAsync(form, Ct);

        Assert.Contains(nameof(ContractForm.ServiceIds), result.Errors.Keys);
    }

    [Fact]
    public async Task Save_KeepsServicesThatHaveSlaTargetsUnderTheContract()
    {
        var form = await FormAsync(_scenario.PayContractId);
        form.ServiceIds = [_scenario.CheckoutId];

        var result = await Editor.SaveAsync(form, Ct);

        Assert.Contains("Reporting (PAY-RESP)", Assert.Single(result.Errors[nameof(ContractForm.ServiceIds)]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_OfAStaleVersion_ReturnsTheirValues_AndOverwritesNothing()
    {
        var mine = await FormAsync(_scenario.ShipContractId);
        var theirs = mine.Copy();
        theirs.Title = "Their title";
        Assert.True((await Editor.SaveAsync(theirs, Ct)).Succeeded);
        mine.Title = "My title";

        var result = await Editor.SaveAsync(mine, Ct);

        Assert.True(result.Conflict);
        Assert.Equal("Their title", result.Value!.Title);
        Assert.Equal("Their title", (await FormAsync(_scenario.ShipContractId)).Title);
    }

    [Fact]
    public async Task Edit_ChangesTermsAndCoveredServices_AndIsAudited()
    {
        var form = await FormAsync(_scenario.ShipContractId);
        form.EndDate = new DateOnly(2029, 6, 30);
        form.ServiceIds = [.. form.ServiceIds, _scenario.FraudCheckId];

        var result = await Editor.SaveAsync(form, Ct);

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(form.Version + 1, result.Value!.Version);
        Assert.Contains(_scenario.FraudCheckId, result.Value.ServiceIds);
        await using var db = _database.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Contract) && a.EntityId == _scenario.ShipContractId.ToString(), Ct));
    }

    [Fact]
    public async Task Delete_IsRefusedWhileSlaTargetsMeasureUnderTheContract()
    {
        var form = await FormAsync(_scenario.PayContractId);

        var result = await Editor.DeleteAsync(_scenario.PayContractId, form.Version, Ct);

        Assert.False(result.Deleted);
        Assert.Contains(result.Blockers, b => b.Contains(SlaScenario.AvailabilityKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_RemovesAContractWithoutTargets()
    {
        var created = (await Editor.SaveAsync(NewForm(), Ct)).Value!;

        var result = await Editor.DeleteAsync(created.Id!.Value, created.Version, Ct);

        Assert.True(result.Deleted);
        await using var db = _database.CreateDbContext();
        Assert.False(await db.Contracts.AnyAsync(c => c.Reference == "C-NEW", Ct));
    }

    private async Task<ContractForm> FormAsync(int id) => (await new SupplierSlaQueries(_database).ContractFormAsync(id, Ct))!;
}
