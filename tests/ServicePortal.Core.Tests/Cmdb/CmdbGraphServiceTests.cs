using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Suppliers;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.Cmdb;

public sealed class CmdbGraphServiceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;
    private int _shopId;
    private int _gatewayId;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _database = await TestDatabase.CreateAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = _database.Settings.ConnectionString })
            .Build();
        _services = new ServiceCollection().AddServicePortalCore(configuration).AddCmdb().BuildServiceProvider();

        await using var db = await _services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        var shop = new Service { Key = "SHOP", Name = "Online shop", Kind = ServiceKind.Business, Tier = 1 };
        var gateway = new Supplier { Key = "PSP", Name = "Payment provider" };
        db.AddRange(shop, gateway);
        db.Relationships.Add(new Relationship { Source = shop, Target = gateway, Type = RelationshipType.ProvidedBy });
        await db.SaveChangesAsync(ct);
        (_shopId, _gatewayId) = (shop.Id, gateway.Id);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task WhatIfAsync_ReportsTheServicesHitByAFailedSupplier()
    {
        var service = _services.GetRequiredService<CmdbGraphService>();

        var report = await service.WhatIfAsync([_gatewayId], TestContext.Current.CancellationToken);

        Assert.Equal(ImpactLevel.Down, report.Result.LevelOf(_shopId));
        Assert.Equal("Online shop", Assert.Single(report.Summary.Services).Name);
    }

    [Fact]
    public async Task WhatIfAsync_ReusesItsLookupsUntilAChangeIsSaved_ThenShowsTheNewAccountablePerson()
    {
        var ct = TestContext.Current.CancellationToken;
        var service = _services.GetRequiredService<CmdbGraphService>();
        var lookups = _services.GetRequiredService<ImpactLookupsCache>();

        var before = await service.WhatIfAsync([_gatewayId], ct);
        await service.WhatIfAsync([_gatewayId], ct);
        var loadsBeforeChange = lookups.LoadCount;
        await using (var db = await _services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct))
        {
            db.RoleAssignments.Add(new RoleAssignment
            {
                Person = new Person { Name = "Olive Owner", Email = "olive@example.com" },
                Role = new GovernanceRole { Key = GovernanceRoleKeys.ServiceOwner, Name = "Service owner" },
                ScopeType = ScopeType.Service, NodeId = _shopId, Raci = Raci.Accountable,
            });
            await db.SaveChangesAsync(ct);
        }

        var after = await service.WhatIfAsync([_gatewayId], ct);

        Assert.Empty(before.Summary.AccountablePeople);
        Assert.Equal(1, loadsBeforeChange);
        Assert.Equal("Olive Owner", Assert.Single(after.Summary.AccountablePeople).PersonName);
        Assert.Equal(2, lookups.LoadCount);
        Assert.Same(before.Result, after.Result); // the graph did not change: the kept walk, a new summary
    }

    [Fact]
    public async Task ImpactLookups_AfterAChange_AreReadAgainOnlyInThePartsItTouched()
    {
        var ct = TestContext.Current.CancellationToken;
        var factory = _services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        using var feed = Feeds.Eager(factory);
        var cache = new ImpactLookupsCache(feed);
        int domainId;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var domain = new Domain { Key = "RETAIL", Name = "Retail" };
            db.Domains.Add(domain);
            await db.SaveChangesAsync(ct);
            domainId = domain.Id;
        }

        async Task<ImpactLookups> ReadAsync()
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            return await cache.GetAsync(db, ct);
        }

        var first = await ReadAsync();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            (await db.Domains.SingleAsync(d => d.Id == domainId, ct)).Name = "Retail banking";
            await db.SaveChangesAsync(ct);
        }

        var afterRename = await ReadAsync();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            db.RoleAssignments.Add(new RoleAssignment
            {
                Person = new Person { Name = "Olive Owner", Email = "olive@example.com" },
                Role = new GovernanceRole { Key = GovernanceRoleKeys.Conductor, Name = "Conductor" },
                ScopeType = ScopeType.Domain, DomainId = domainId, Raci = Raci.Accountable,
            });
            await db.SaveChangesAsync(ct);
        }

        var afterAssignment = await ReadAsync();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            db.RoleAssignments.Add(new RoleAssignment
            {
                Person = new Person { Name = "Pat Partner", Email = "pat@example.com" },
                RoleId = (await db.GovernanceRoles.SingleAsync(ct)).Id,
                ScopeType = ScopeType.Service, NodeId = _shopId, Raci = Raci.Accountable,
            });
            await db.SaveChangesAsync(ct);
        }

        var withPat = await ReadAsync();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            (await db.People.SingleAsync(p => p.Name == "Olive Owner", ct)).Name = "Olive Oakes";
            await db.SaveChangesAsync(ct);
        }

        var afterPersonRename = await ReadAsync();
        ImpactLookups whole;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            whole = await ImpactLookups.LoadAsync(db, ct);
        }

        Assert.Equal("Retail banking", Assert.Single(afterRename.Domains).Name);
        Assert.Same(first.Accountabilities, afterRename.Accountabilities);
        Assert.Same(first.ContractServices, afterRename.ContractServices);
        Assert.Same(first.SlaTargets, afterRename.SlaTargets);
        Assert.Same(afterRename.Domains, afterAssignment.Domains);
        Assert.Equal("Olive Owner", Assert.Single(afterAssignment.Accountabilities).PersonName);
        Assert.Equal(["Olive Owner", "Pat Partner"], withPat.Accountabilities.Select(a => a.PersonName));
        Assert.Same(withPat.Accountabilities[1], afterPersonRename.Accountabilities[1]); // Pat's assignment was not read again
        Assert.Equal(["Olive Oakes", "Pat Partner"], afterPersonRename.Accountabilities.Select(a => a.PersonName));
        Assert.Equal(whole.Domains, afterPersonRename.Domains);
        Assert.Equal(whole.Accountabilities, afterPersonRename.Accountabilities);
        Assert.Equal(5, cache.LoadCount);
    }

    [Fact]
    public async Task WhatIfAsync_KeepsTheReportUntilTheGraphChanges_ThenWalksTheNewGraph()
    {
        var ct = TestContext.Current.CancellationToken;
        var service = _services.GetRequiredService<CmdbGraphService>();

        var first = await service.WhatIfAsync([_gatewayId], ct);
        var again = await service.WhatIfAsync([_gatewayId, _gatewayId], ct);
        var madeBeforeChange = service.ReportsMade;
        await using (var db = await _services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct))
        {
            var app = new Service { Key = "APP", Name = "Mobile app", Kind = ServiceKind.Application, Tier = 2 };
            db.Services.Add(app);
            db.Relationships.Add(new Relationship { Source = app, TargetId = _shopId, Type = RelationshipType.DependsOn });
            await db.SaveChangesAsync(ct);
        }

        var after = await service.WhatIfAsync([_gatewayId], ct);
        service.ForgetReports();
        var forgotten = await service.WhatIfAsync([_gatewayId], ct);

        Assert.Same(first, again);
        Assert.Equal(1, madeBeforeChange);
        Assert.NotSame(first, after);
        Assert.Equal(["Online shop"], first.Summary.Services.Select(s => s.Name));
        Assert.Equal(["Online shop", "Mobile app"], after.Summary.Services.Select(s => s.Name));
        Assert.NotSame(after, forgotten);
        Assert.Equal(3, service.ReportsMade);
    }

    [Fact]
    public async Task NeighbourhoodAsync_LaysOutTheNodesAroundANode()
    {
        var service = _services.GetRequiredService<CmdbGraphService>();

        var diagram = await service.NeighbourhoodAsync(_shopId, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, diagram.Layout.Nodes.Count);
        Assert.Single(diagram.Layout.Edges);
    }

    [Fact]
    public async Task ValidateRelationshipAsync_RejectsADuplicate()
    {
        var service = _services.GetRequiredService<CmdbGraphService>();

        var problems = await service.ValidateRelationshipAsync(
            _shopId, _gatewayId, RelationshipType.ProvidedBy, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RelationshipProblemKind.Duplicate, Assert.Single(problems).Kind);
    }
}
