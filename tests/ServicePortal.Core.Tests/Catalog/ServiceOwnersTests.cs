using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Governance;

namespace ServicePortal.Core.Tests.CatalogFeature;

/// <summary>The service list's owners: looked up for each page, by its ids.</summary>
public class ServiceOwnersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Owner_IsLookedUpForThePage_AndFollowsAChangeAtOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            var checkout = new Service { Key = "checkout", Name = "Checkout", Tier = 1 };
            var owner = new GovernanceRole { Key = GovernanceRoleKeys.ServiceOwner.ToUpperInvariant(), Name = "Service owner" };
            db.RoleAssignments.Add(new RoleAssignment
            {
                Person = new Person { Name = "Alice", Email = "alice@example.com" }, Role = owner, ScopeType = ScopeType.Service, Node = checkout, Raci = Raci.Accountable,
            });
            db.Add(new Service { Key = "reporting", Name = "Reporting", Tier = 3 });
            await db.SaveChangesAsync(Ct);
        }

        var queries = new CatalogQueries(database);

        var first = await queries.ServicesAsync(new ListRequest<ServiceRow>(), Ct);
        var secondPage = await queries.ServicesAsync(new ListRequest<ServiceRow>(Skip: 1, Take: 1), Ct);
        await using (var db = database.CreateContext())
        {
            var assignment = await db.RoleAssignments.SingleAsync(Ct);
            assignment.Person = new Person { Name = "Bob", Email = "bob@example.com" };
            await db.SaveChangesAsync(Ct);
        }

        var afterChange = await queries.ServicesAsync(new ListRequest<ServiceRow>(), Ct);

        Assert.Equal("Alice", first.Items.Single(r => r.Key == "checkout").Owner);
        Assert.Null(first.Items.Single(r => r.Key == "reporting").Owner);
        Assert.Null(secondPage.Items.Single().Owner); // "reporting": a page without the owned service
        Assert.Equal("Bob", afterChange.Items.Single(r => r.Key == "checkout").Owner);
    }

    [Fact]
    public async Task PageIds_GoToTheDatabaseAsOneJsonParameter_SoEveryPageSharesOneSql()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreatePlainContext();
        int[] ids = [1, 2, 3];

        var sql = db.RoleAssignments.Where(a => a.NodeId != null && ids.Contains(a.NodeId.Value)).ToQueryString();

        Assert.Contains("json_each(@ids)", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEarliestAccountableServiceOwnerIsShown_NotAResponsibleOneOrAnotherRole()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            var checkout = new Service { Key = "checkout", Name = "Checkout", Tier = 1 };
            var owner = new GovernanceRole { Key = GovernanceRoleKeys.ServiceOwner, Name = "Service owner" };
            var manager = new GovernanceRole { Key = GovernanceRoleKeys.SupplierManager, Name = "Supplier manager" };
            db.RoleAssignments.Add(new RoleAssignment { Person = new Person { Name = "Responsible Rita", Email = "r@example.com" }, Role = owner, ScopeType = ScopeType.Service, Node = checkout, Raci = Raci.Responsible });
            db.RoleAssignments.Add(new RoleAssignment { Person = new Person { Name = "Manager Max", Email = "m@example.com" }, Role = manager, ScopeType = ScopeType.Service, Node = checkout, Raci = Raci.Accountable });
            await db.SaveChangesAsync(Ct);
            db.RoleAssignments.Add(new RoleAssignment { Person = new Person { Name = "First Fay", Email = "f@example.com" }, Role = owner, ScopeType = ScopeType.Service, Node = checkout, Raci = Raci.Accountable });
            await db.SaveChangesAsync(Ct);
            db.RoleAssignments.Add(new RoleAssignment { Person = new Person { Name = "Second Sam", Email = "s@example.com" }, Role = owner, ScopeType = ScopeType.Service, Node = checkout, Raci = Raci.Accountable });
            await db.SaveChangesAsync(Ct);
        }

        var page = await new CatalogQueries(database).ServicesAsync(new ListRequest<ServiceRow>(), Ct);

        Assert.Equal("First Fay", page.Items.Single().Owner);
    }

    [Fact]
    public async Task APersonWhoHasLeft_IsNotShownAsOwner_TheNextAccountableOneIs()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            var checkout = new Service { Key = "checkout", Name = "Checkout", Tier = 1 };
            var solo = new Service { Key = "solo", Name = "Solo", Tier = 1 };
            var owner = new GovernanceRole { Key = GovernanceRoleKeys.ServiceOwner, Name = "Service owner" };
            db.RoleAssignments.Add(new RoleAssignment { Person = new Person { Name = "Gone Gus", Email = "g@example.com", LeftOn = new DateOnly(2020, 1, 31) }, Role = owner, ScopeType = ScopeType.Service, Node = checkout, Raci = Raci.Accountable });
            db.RoleAssignments.Add(new RoleAssignment { Person = new Person { Name = "Left Lena", Email = "l@example.com", LeftOn = new DateOnly(2020, 1, 31) }, Role = owner, ScopeType = ScopeType.Service, Node = solo, Raci = Raci.Accountable });
            await db.SaveChangesAsync(Ct);
            db.RoleAssignments.Add(new RoleAssignment { Person = new Person { Name = "Staying Stan", Email = "st@example.com" }, Role = owner, ScopeType = ScopeType.Service, Node = checkout, Raci = Raci.Accountable });
            await db.SaveChangesAsync(Ct);
        }

        var page = await new CatalogQueries(database).ServicesAsync(new ListRequest<ServiceRow>(), Ct);

        Assert.Equal("Staying Stan", page.Items.Single(r => r.Key == "checkout").Owner);
        Assert.Null(page.Items.Single(r => r.Key == "solo").Owner);
    }
}
