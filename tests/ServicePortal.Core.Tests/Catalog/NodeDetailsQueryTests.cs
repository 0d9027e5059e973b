using ServicePortal.Core.Catalog;
using ServicePortal.Core.Governance;

namespace ServicePortal.Core.Tests.CatalogFeature;

public class NodeDetailsQueryTests
{
    [Fact]
    public async Task Owners_AreMarkedAsLeftOnlyFromTheirLeavingDay()
    {
        var clock = new FixedClock(new DateOnly(2026, 11, 21));
        await using var database = await TestDatabase.CreateAsync(clock: clock);
        await using (var db = database.CreateContext())
        {
            var service = new Service { Key = "SVC-1", Name = "Shop" };
            var role = new GovernanceRole { Key = GovernanceRoleKeys.ServiceOwner, Name = "Service owner" };
            db.RoleAssignments.AddRange(
                new RoleAssignment { Node = service, Role = role, Raci = Raci.Accountable, ScopeType = ScopeType.Service, Person = new Person { Name = "Gone", Email = "gone@x.test", LeftOn = new DateOnly(2026, 11, 21) } },
                new RoleAssignment { Node = service, Role = role, Raci = Raci.Responsible, ScopeType = ScopeType.Service, Person = new Person { Name = "Leaving", Email = "leaving@x.test", LeftOn = new DateOnly(2026, 12, 31) } });
            await db.SaveChangesAsync();
        }

        var details = await new NodeDetailsQuery(database, clock).GetAsync("SVC-1");

        Assert.True(details!.Owners.Single(o => o.Person == "Gone").HasLeft);
        Assert.False(details.Owners.Single(o => o.Person == "Leaving").HasLeft);
    }
}
