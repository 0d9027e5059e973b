using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Seeding;

namespace ServicePortal.Core.Tests.Cmdb;

/// <summary>Saved what-if scenarios on the sample enterprise (issue 17): one engine, saved and compared, nothing else changed.</summary>
public sealed class ScenarioServiceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _database.Actor = "cio@demo.local";
        await using var db = _database.CreatePlainContext();
        await SeedLoader.LoadAsync(db, SeedFolder.Sample, Ct);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CmdbGraphService Graph() => new(new GraphIndexProvider(_database, Feeds.Eager(_database)), _database);

    private ScenarioService Service(CmdbGraphService? graph = null) => new(_database, graph ?? Graph());

    [Fact]
    public async Task BothCardGateways_TakePaymentsDown_WhereEitherAloneDoesNot()
    {
        var service = Service();

        var one = await service.TryAsync([new("SVC-PAYMENT-GATEWAY-NB")], Ct);
        var both = await service.TryAsync([new("SVC-PAYMENT-GATEWAY-NB"), new("svc-payment-gateway-sp")], Ct);

        Assert.True(one.Succeeded && both.Succeeded);
        Assert.DoesNotContain(one.Value!.Report.Summary.Services, s => s.Key == "SVC-PAYMENTS" && s.Level == ImpactLevel.Down);
        Assert.Contains(both.Value!.Report.Summary.Services, s => s.Key == "SVC-PAYMENTS" && s.Level == ImpactLevel.Down);
    }

    [Fact]
    public async Task NodeKeys_AreMatchedIgnoringCase_AlsoWhereTheStoredKeyIsNotInCapitals()
    {
        await using (var db = _database.CreatePlainContext())
        {
            db.ConfigurationItems.Add(new ConfigurationItem { Key = "CMP-shop..Cart", Name = "Shop cart (from Backstage)" });
            await db.SaveChangesAsync(Ct);
        }

        var tried = await Service().TryAsync([new("cmp-SHOP..cart"), new("sup-swiftline")], Ct);

        Assert.True(tried.Succeeded, string.Join("; ", tried.Errors.SelectMany(e => e.Value)));
        Assert.Equal(["CMP-shop..Cart", "SUP-SWIFTLINE"], tried.Value!.Marked.Select(m => m.Node.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ASavedScenario_GivesTheImpactEnginesAnswerForItsMarks()
    {
        var graph = Graph();
        var service = Service(graph);
        var saved = await service.SaveAsync(null, new ScenarioInput("Peak season", "Carrier and one gateway", [new("SUP-SWIFTLINE"), new("SVC-PAYMENT-GATEWAY-SP", ScenarioMark.Degraded)]), "cio@demo.local", Ct);

        var outcome = await service.OutcomeAsync(saved.Value!.Id, Ct);
        var ids = await IdsAsync("SUP-SWIFTLINE", "SVC-PAYMENT-GATEWAY-SP");
        var engine = await graph.WhatIfAsync([new ImpactSeed(ids[0], ImpactLevel.Down), new ImpactSeed(ids[1], ImpactLevel.Degraded)], Ct);

        Assert.True(saved.Succeeded);
        Assert.Equal(
            engine.Summary.Services.Select(s => (s.Key, s.Level)).Order(),
            outcome!.Report.Summary.Services.Select(s => (s.Key, s.Level)).Order());
        Assert.Equal(engine.Summary.AffectedCount, outcome.Report.Summary.AffectedCount);
        Assert.Equal(
            [("SUP-SWIFTLINE", ScenarioMark.Failed), ("SVC-PAYMENT-GATEWAY-SP", ScenarioMark.Degraded)],
            outcome.Marked.OrderBy(m => m.Node.Key, StringComparer.Ordinal).Select(m => (m.Node.Key, m.Mark)));
    }

    [Fact]
    public async Task Saving_ChangesNoCmdbData_AndIsAudited()
    {
        await using var before = _database.CreatePlainContext();
        var statuses = await before.Nodes.AsNoTracking().OrderBy(n => n.Id).Select(n => new { n.Id, n.Status, n.Version }).ToListAsync(Ct);

        var saved = await Service().SaveAsync(null, new ScenarioInput("Carrier down", null, [new("SUP-SWIFTLINE")]), "cio@demo.local", Ct);

        await using var after = _database.CreatePlainContext();
        Assert.True(saved.Succeeded);
        Assert.Equal(statuses, await after.Nodes.AsNoTracking().OrderBy(n => n.Id).Select(n => new { n.Id, n.Status, n.Version }).ToListAsync(Ct));
        Assert.True(await after.AuditEntries.AnyAsync(a => a.EntityType == nameof(Scenario) && a.Action == AuditAction.Created && a.UserName == "cio@demo.local", Ct));
        Assert.Equal("cio@demo.local", saved.Value!.CreatedBy);
    }

    [Fact]
    public async Task BadInput_IsRefusedPerField_AndNothingIsSaved()
    {
        var service = Service();
        await service.SaveAsync(null, new ScenarioInput("Carrier down", null, [new("SUP-SWIFTLINE")]), "cio@demo.local", Ct);

        var noName = await service.SaveAsync(null, new ScenarioInput("  ", null, [new("SUP-SWIFTLINE")]), null, Ct);
        var unknown = await service.SaveAsync(null, new ScenarioInput("Other", null, [new("SUP-SWIFTLINE"), new("SUP-NOPE")]), null, Ct);
        var twice = await service.SaveAsync(null, new ScenarioInput("Other", null, [new("SUP-SWIFTLINE"), new("sup-swiftline")]), null, Ct);
        var empty = await service.SaveAsync(null, new ScenarioInput("Other", null, []), null, Ct);
        var duplicate = await service.SaveAsync(null, new ScenarioInput("CARRIER DOWN", null, [new("SUP-SWIFTLINE")]), null, Ct);
        var tooMany = await service.SaveAsync(null, new ScenarioInput("Other", null, [.. Enumerable.Range(0, ScenarioService.MaxNodes + 1).Select(i => new ScenarioMarkInput($"N-{i}"))]), null, Ct);

        Assert.Equal(SaveKind.Invalid, noName.Kind);
        Assert.Contains("Name", noName.Errors.Keys);
        Assert.Equal("No node has the key 'SUP-NOPE'.", Assert.Single(unknown.Errors["Nodes[1]"]));
        Assert.Contains("marked twice", Assert.Single(twice.Errors["Nodes[1]"]), StringComparison.Ordinal);
        Assert.Contains("Nodes", empty.Errors.Keys);
        Assert.Equal(SaveKind.Duplicate, duplicate.Kind);
        Assert.Contains("at most 50", Assert.Single(tooMany.Errors["Nodes"]), StringComparison.Ordinal);
        Assert.Single(await service.ListAsync(Ct));
    }

    [Fact]
    public async Task AStaleSave_OrDelete_IsRefusedWithTheirValues()
    {
        var service = Service();
        var saved = (await service.SaveAsync(null, new ScenarioInput("Carrier down", null, [new("SUP-SWIFTLINE")]), "cio@demo.local", Ct)).Value!;
        var theirs = await service.SaveAsync(saved.Id, new ScenarioInput("Carrier and gateway", null, [new("SUP-SWIFTLINE"), new("SVC-PAYMENT-GATEWAY-SP")], saved.Version), null, Ct);

        var mine = await service.SaveAsync(saved.Id, new ScenarioInput("Mine", null, [new("SUP-SWIFTLINE")], saved.Version), null, Ct);
        var delete = await service.DeleteAsync(saved.Id, saved.Version, Ct);

        Assert.True(theirs.Succeeded);
        Assert.Equal(2, theirs.Value!.Nodes.Count);
        Assert.Equal(SaveKind.Conflict, mine.Kind);
        Assert.Equal("Carrier and gateway", mine.Value!.Name);
        Assert.Equal(SaveKind.Conflict, delete.Kind);
        Assert.True((await service.DeleteAsync(saved.Id, theirs.Value.Version, Ct)).Succeeded);
        Assert.Empty(await service.ListAsync(Ct));
    }

    [Fact]
    public async Task Comparison_LinesUpWhatEachSideHits()
    {
        var service = Service();
        var carrier = (await service.SaveAsync(null, new ScenarioInput("Carrier down", null, [new("SUP-SWIFTLINE")]), null, Ct)).Value!;
        var gateways = (await service.SaveAsync(null, new ScenarioInput("Both gateways down", null, [new("SVC-PAYMENT-GATEWAY-NB"), new("SVC-PAYMENT-GATEWAY-SP")]), null, Ct)).Value!;

        var comparison = await service.CompareAsync(carrier.Id, gateways.Id, Ct);
        var withToday = await service.CompareAsync(null, carrier.Id, Ct);

        Assert.NotNull(comparison);
        var parcel = Assert.Single(comparison.Services, s => s.Key == "SVC-CARRIER-PARCEL");
        Assert.Equal((ImpactLevel.Down, ImpactLevel.None), (parcel.Left, parcel.Right));
        var payments = Assert.Single(comparison.Services, s => s.Key == "SVC-PAYMENTS");
        Assert.Equal((ImpactLevel.None, ImpactLevel.Down), (payments.Left, payments.Right));
        Assert.NotEmpty(comparison.Domains);
        Assert.NotEmpty(comparison.People);
        Assert.Equal(ScenarioService.TodayLabel, withToday!.Left.Label);
        Assert.Null(await service.CompareAsync(carrier.Id, 9999, Ct));
    }

    private async Task<int[]> IdsAsync(params string[] keys)
    {
        await using var db = _database.CreatePlainContext();
        var ids = await db.Nodes.Where(n => keys.Contains(n.Key)).ToDictionaryAsync(n => n.Key, n => n.Id, Ct);
        return [.. keys.Select(k => ids[k])];
    }
}
