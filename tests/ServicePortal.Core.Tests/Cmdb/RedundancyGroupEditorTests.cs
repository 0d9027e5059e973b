using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.Cmdb;

public sealed class RedundancyGroupEditorTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private RedundancyGroupEditor Editor => new(_database);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Save_CreatesAGroup_AndRefusesAKeyOrNameUsedInAnotherCase()
    {
        var created = await Editor.SaveAsync(new RedundancyGroupForm { Key = "RG-A", Name = "Uplinks", MinimumUp = 1 }, Ct);

        var sameKey = await Editor.SaveAsync(new RedundancyGroupForm { Key = "rg-a", Name = "Other" }, Ct);
        var sameName = await Editor.SaveAsync(new RedundancyGroupForm { Key = "RG-B", Name = "UPLINKS" }, Ct);

        Assert.True(created.Succeeded, created.Summary);
        Assert.Equal((SaveKind.Duplicate, "Key"), (sameKey.Kind, sameKey.Errors.Keys.Single()));
        Assert.Equal((SaveKind.Duplicate, "Name"), (sameName.Kind, sameName.Errors.Keys.Single()));
    }

    [Fact]
    public async Task Save_RefusesAStaleVersion_WithTheCurrentValues()
    {
        var created = (await Editor.SaveAsync(new RedundancyGroupForm { Key = "RG-A", Name = "Uplinks" }, Ct)).Value!;
        var first = await Editor.SaveAsync(new RedundancyGroupForm { Id = created.Id, Version = created.Version, Key = "RG-A", Name = "Uplinks AMS" }, Ct);

        var stale = await Editor.SaveAsync(new RedundancyGroupForm { Id = created.Id, Version = created.Version, Key = "RG-A", Name = "Uplinks FRA" }, Ct);

        Assert.True(first.Succeeded, first.Summary);
        Assert.Equal(SaveKind.Conflict, stale.Kind);
        Assert.Equal("Uplinks AMS", stale.Value!.Name);
    }

    [Fact]
    public async Task MinimumUp_CannotExceedTheMembers_AndAGroupWithMembersIsNotDeleted()
    {
        var group = (await Editor.SaveAsync(new RedundancyGroupForm { Key = "RG-A", Name = "Gateways" }, Ct)).Value!;
        await using (var db = _database.CreateDbContext())
        {
            var checkout = Builders.Service();
            var gateway = Builders.Service();
            db.AddRange(checkout, gateway);
            await db.SaveChangesAsync(Ct);
            db.Relationships.Add(new Relationship { SourceId = checkout.Id, TargetId = gateway.Id, Type = RelationshipType.DependsOn, RedundancyGroupId = group.Id });
            await db.SaveChangesAsync(Ct);
        }

        var tooMany = await Editor.SaveAsync(new RedundancyGroupForm { Id = group.Id, Version = group.Version, Key = "RG-A", Name = "Gateways", MinimumUp = 2 }, Ct);
        var delete = await Editor.DeleteAsync(group.Id!.Value, group.Version, Ct);

        Assert.Equal((SaveKind.Invalid, "MinimumUp"), (tooMany.Kind, tooMany.Errors.Keys.Single()));
        Assert.False(delete.Deleted);
        Assert.Single(delete.Blockers);
        await using var check = _database.CreateDbContext();
        Assert.True(await check.RedundancyGroups.AnyAsync(g => g.Id == group.Id, Ct));
    }
}
