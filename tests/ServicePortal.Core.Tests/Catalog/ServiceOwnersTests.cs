using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Governance;

namespace ServicePortal.Core.Tests.CatalogFeature;

/// <summary>The service list's owners come from a map kept until the audit trail moves on.</summary>
public class ServiceOwnersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Owner_FollowsAnAuditedChange_AndIsNotReloadedWithoutOne()
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

        var owners = new ServiceOwners(Feeds.Eager(database));
        var queries = new CatalogQueries(database, owners);

        var first = await queries.ServicesAsync(new ListRequest<ServiceRow>(), Ct);
        var again = await queries.ServicesAsync(new ListRequest<ServiceRow>(), Ct);
        var loadsBeforeChange = owners.LoadCount;
        await using (var db = database.CreateContext())
        {
            var assignment = await db.RoleAssignments.SingleAsync(Ct);
            assignment.Person = new Person { Name = "Bob", Email = "bob@example.com" };
            await db.SaveChangesAsync(Ct);
        }

        var afterChange = await queries.ServicesAsync(new ListRequest<ServiceRow>(), Ct);

        Assert.Equal("Alice", first.Items.Single(r => r.Key == "checkout").Owner);
        Assert.Null(first.Items.Single(r => r.Key == "reporting").Owner);
        Assert.Equal("Alice", again.Items.Single(r => r.Key == "checkout").Owner);
        Assert.Equal(1, loadsBeforeChange);
        Assert.Equal("Bob", afterChange.Items.Single(r => r.Key == "checkout").Owner);
        Assert.Equal(2, owners.LoadCount);
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
}
