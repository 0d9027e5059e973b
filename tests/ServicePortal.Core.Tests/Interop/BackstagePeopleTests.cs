using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Interop;

namespace ServicePortal.Core.Tests.Interop;

/// <summary>Backstage Users as the portal's people: the accountable owner, the owning team, and so the impact view's "who to call".</summary>
public sealed class BackstagePeopleTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = _database.Settings.ConnectionString })
            .Build();
        _services = new ServiceCollection().AddServicePortalCore(configuration).AddCmdb().AddInterop().BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private Task<ImportResult> ImportAsync(string yaml) =>
        _services.GetRequiredService<CatalogImport>().CommitAsync(ImportFormat.Backstage, [new ImportFile("catalog-info.yaml", Encoding.UTF8.GetBytes(yaml))], TestContext.Current.CancellationToken);

    [Fact]
    public async Task AUserOwner_IsTheAccountableServiceOwner_AndTheOwningGroupsMembersAreItsOwningTeam()
    {
        var result = await ImportAsync(BackstageExportTests.Catalog);

        Assert.True(result.Committed, result.Message + string.Join("; ", result.Preview.Errors));
        await using var db = await _services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var roles = await db.RoleAssignments.AsNoTracking()
            .Select(a => $"{a.Person!.Email} {a.Role!.Key} {a.Raci} {a.ScopeType} {a.Node!.Key}").ToListAsync(TestContext.Current.CancellationToken);
        Assert.Contains($"ada@harbour.example {GovernanceRoleKeys.ServiceOwner} Accountable Service CMP-legacy-search", roles);
        Assert.Contains($"ada@harbour.example {GovernanceRoleKeys.OwningTeam} Accountable Service CMP-booking-web", roles);
        Assert.Contains($"grace@harbour.example {GovernanceRoleKeys.OwningTeam} Accountable Service CMP-booking-web", roles); // a member by the group's spec.members
        Assert.DoesNotContain(roles, r => r.EndsWith("CI-BOOKINGS-DB", StringComparison.Ordinal)); // no role is held over a configuration item
        var grace = await db.People.AsNoTracking().Include(p => p.Supplier).SingleAsync(p => p.Email == "grace@harbour.example", TestContext.Current.CancellationToken);
        Assert.Equal(("Grace Hopper", "GRP-team-booking"), (grace.Name, grace.Supplier!.Key));
    }

    [Fact]
    public async Task WhoToCall_WhenAServiceFails_NamesItsOwnerAndTheOwningTeamsOfWhatItTakesDown()
    {
        await ImportAsync(BackstageExportTests.Catalog);
        await using var db = await _services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var legacy = await db.Nodes.Where(n => n.Key == "CMP-legacy-search").Select(n => n.Id).SingleAsync(TestContext.Current.CancellationToken);

        var report = await _services.GetRequiredService<CmdbGraphService>().WhatIfAsync([legacy], TestContext.Current.CancellationToken);

        var calls = report.Summary.AccountablePeople.Select(p => $"{p.PersonName}: {p.RoleName} of {p.ScopeName}").ToList();
        Assert.Contains("Ada Lovelace: Service owner of Legacy search", calls);
        Assert.Contains("Grace Hopper: Owning team of Booking web", calls); // booking-web depends on legacy-search
    }

    [Fact]
    public async Task ReimportingTheSameUsers_ChangesNothing()
    {
        await ImportAsync(BackstageExportTests.Catalog);

        var again = await ImportAsync(BackstageExportTests.Catalog);

        Assert.True(again.Committed);
        Assert.Equal(0, again.Preview.AddCount + again.Preview.UpdateCount);
        Assert.Contains(again.Preview.Items, i => i.EntityType == "Role assignment" && i.Change == ImportChange.Unchanged);
    }
}
