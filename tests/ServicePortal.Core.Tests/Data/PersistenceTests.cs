using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Suppliers;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.Data;

/// <summary>The data model on real databases: both providers, the constraints users rely on, concurrency and audit.</summary>
public class PersistenceTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Service_RoundTripsWithItsDomainAndEnumsStoredByName(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            var domain = new Domain { Key = "channels", Name = "Customer Channels" };
            db.Services.Add(new Service { Key = "SVC-SHOP", Name = "Web shop", Kind = ServiceKind.Business, Tier = 1, Sourcing = Sourcing.Hybrid, Domain = domain });
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var service = await read.Services.Include(s => s.Domain).SingleAsync();
        var storedKind = await read.Database.SqlQueryRaw<string>("SELECT \"Kind\" AS \"Value\" FROM \"Nodes\"").SingleAsync();

        Assert.Equal("Web shop", service.Name);
        Assert.Equal(NodeType.Service, service.NodeType);
        Assert.Equal("Customer Channels", service.Domain!.Name);
        Assert.Equal(Sourcing.Hybrid, service.Sourcing);
        Assert.Equal("Business", storedKind);
        Assert.Equal(1, service.Version);
        Assert.NotEqual(default, service.CreatedAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task NodeKey_IsUniqueAcrossServicesCisAndSuppliers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.Services.Add(new Service { Key = "X-1", Name = "A service" });
            await db.SaveChangesAsync();
        }

        await using var clash = database.CreateContext();
        clash.ConfigurationItems.Add(new ConfigurationItem { Key = "X-1", Name = "A server", CiType = CiType.Server });

        await Assert.ThrowsAsync<DbUpdateException>(() => clash.SaveChangesAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SupplierName_IsUniqueAmongSuppliersOnly(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.Suppliers.Add(new Supplier { Key = "SUP-1", Name = "Acme" });
            db.Services.Add(new Service { Key = "SVC-1", Name = "Acme" });
            await db.SaveChangesAsync();
        }

        await using var clash = database.CreateContext();
        clash.Suppliers.Add(new Supplier { Key = "SUP-2", Name = "Acme" });

        await Assert.ThrowsAsync<DbUpdateException>(() => clash.SaveChangesAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Relationship_OfTheSameTypeBetweenTheSameNodes_IsRefused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        int source, target;
        await using (var db = database.CreateContext())
        {
            var a = new Service { Key = "A", Name = "A" };
            var b = new ConfigurationItem { Key = "B", Name = "B" };
            db.AddRange(a, b);
            db.Relationships.Add(new Relationship { Source = a, Target = b, Type = RelationshipType.RunsOn });
            db.Relationships.Add(new Relationship { Source = a, Target = b, Type = RelationshipType.DependsOn });
            await db.SaveChangesAsync();
            (source, target) = (a.Id, b.Id);
        }

        await using var clash = database.CreateContext();
        clash.Relationships.Add(new Relationship { SourceId = source, TargetId = target, Type = RelationshipType.RunsOn });

        await Assert.ThrowsAsync<DbUpdateException>(() => clash.SaveChangesAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DeletingANodeThatOthersDependOn_IsRefusedByTheDatabase(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            var a = new Service { Key = "A", Name = "A" };
            var b = new Service { Key = "B", Name = "B" };
            db.Relationships.Add(new Relationship { Source = a, Target = b, Type = RelationshipType.DependsOn });
            await db.SaveChangesAsync();
        }

        await using var delete = database.CreateContext();
        var deleted = await delete.Services.Where(s => s.Key == "B").ExecuteDeleteAsync().ContinueWith(t => t.Exception);

        Assert.NotNull(deleted);
        await using var check = database.CreateContext();
        Assert.Equal(2, await check.Services.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task StaleUpdate_IsRefusedInsteadOfOverwritingAConcurrentEdit(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.Services.Add(new Service { Key = "SVC", Name = "Original" });
            await db.SaveChangesAsync();
        }

        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        var mine = await first.Services.SingleAsync();
        var theirs = await second.Services.SingleAsync();
        theirs.Name = "Saved first";
        await second.SaveChangesAsync();
        mine.Name = "Saved second";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.SaveChangesAsync());
        await using var check = database.CreateContext();
        var stored = await check.Services.SingleAsync();
        Assert.Equal("Saved first", stored.Name);
        Assert.Equal(2, stored.Version);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Update_IsAuditedWithWhoAndOldAndNewValues(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.Services.Add(new Service { Key = "SVC", Name = "Before", Tier = 3 });
            await db.SaveChangesAsync();
        }

        database.Actor = "governance@demo.local";
        await using (var db = database.CreateContext())
        {
            var service = await db.Services.SingleAsync();
            service.Name = "After";
            service.Tier = 1;
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateContext();
        var entries = await check.AuditEntries.OrderBy(a => a.Id).ToListAsync();
        var serviceId = (await check.Services.SingleAsync()).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([AuditAction.Created, AuditAction.Updated], entries.Select(e => e.Action));
        var update = entries[1];
        Assert.Equal("governance@demo.local", update.UserName);
        Assert.Equal(nameof(Service), update.EntityType);
        Assert.Equal(serviceId, update.EntityId);
        var changes = JsonSerializer.Deserialize<Dictionary<string, FieldChange>>(update.Changes!)!;
        Assert.Equal(new FieldChange("Before", "After"), changes[nameof(Service.Name)]);
        Assert.Equal(new FieldChange("3", "1"), changes[nameof(Service.Tier)]);
        Assert.DoesNotContain(nameof(Service.Key), changes.Keys);
    }

    [Fact]
    public async Task RetiringANode_IsAuditedAsRetired()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = database.CreateContext())
        {
            db.Services.Add(new Service { Key = "SVC", Name = "Old" });
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            (await db.Services.SingleAsync()).Lifecycle = Lifecycle.Retired;
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateContext();
        Assert.Equal(AuditAction.Retired, (await check.AuditEntries.OrderBy(a => a.Id).LastAsync()).Action);
    }

    [Fact]
    public async Task FailedSave_LeavesNeitherTheChangeNorItsAuditEntry()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = database.CreateContext())
        {
            db.Services.Add(new Service { Key = "SVC", Name = "One" });
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            db.Services.Add(new Service { Key = "OTHER", Name = "Fine" });
            db.Services.Add(new Service { Key = "SVC", Name = "Duplicate key" });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var check = database.CreateContext();
        Assert.Equal(1, await check.Services.CountAsync());
        Assert.Equal(1, await check.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Contract_CoversServicesThroughTheJoinTable()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = database.CreateContext())
        {
            var supplier = new Supplier { Key = "SUP", Name = "Carrier" };
            var service = new Service { Key = "SVC", Name = "Shipping" };
            db.Contracts.Add(new Contract
            {
                Reference = "C-1", Title = "Carrier API", Supplier = supplier, Services = [service],
                StartDate = new DateOnly(2025, 1, 1), EndDate = new DateOnly(2026, 12, 31), AnnualValue = 1234.50m,
            });
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateContext();
        var contract = await check.Contracts.Include(c => c.Services).Include(c => c.Supplier).SingleAsync();
        Assert.Equal("SVC", Assert.Single(contract.Services).Key);
        Assert.Equal(1234.50m, contract.AnnualValue);
        Assert.Equal(new DateOnly(2026, 12, 31), contract.EndDate);
    }
}
