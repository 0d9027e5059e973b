using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Tests.Interop;

namespace ServicePortal.Core.Tests.Identity;

public class ApiTokenServiceTests
{
    private static async Task<string> UserAsync(InteropDatabase database)
    {
        await using var db = database.CreateDbContext();
        var user = new PortalUser { UserName = "token@demo.local", Email = "token@demo.local" };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    [Fact]
    public async Task Create_StoresOnlyTheHashAndAPrefix_AndTheTokenAuthenticates()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var userId = await UserAsync(database);
        var tokens = new ApiTokenService(database, TimeProvider.System);

        var created = await tokens.CreateAsync(userId, "monitoring", null);
        var token = created.Value!.Token;

        await using var db = database.CreateDbContext();
        var stored = await db.Set<ApiToken>().SingleAsync();
        Assert.StartsWith(ApiTokenService.TokenPrefix, token, StringComparison.Ordinal);
        Assert.True(token.Length > 40);
        Assert.Equal(ApiTokenService.HashOf(token), stored.Hash);
        Assert.DoesNotContain(token, stored.Hash, StringComparison.Ordinal);
        Assert.Equal(token[..ApiToken.PrefixLength], stored.Prefix);
        Assert.Equal(userId, (await tokens.FindActiveAsync(token))?.UserId);
        Assert.NotNull((await tokens.ListAsync(userId)).Single().LastUsedAt);
    }

    [Fact]
    public async Task RevokedExpiredAndUnknownTokens_DoNotAuthenticate()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var userId = await UserAsync(database);
        var tokens = new ApiTokenService(database, TimeProvider.System);
        var revoked = (await tokens.CreateAsync(userId, "old", null)).Value!;
        var expiring = (await tokens.CreateAsync(userId, "short", DateTime.UtcNow.AddMinutes(5))).Value!;
        await tokens.RevokeAsync(userId, revoked.Row.Id);
        await using (var db = database.CreateDbContext())
        {
            await db.Set<ApiToken>().Where(t => t.Id == expiring.Row.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
        }

        Assert.Null(await tokens.FindActiveAsync(revoked.Token));
        Assert.Null(await tokens.FindActiveAsync(expiring.Token));
        Assert.Null(await tokens.FindActiveAsync("sp_unknown"));
        Assert.Null(await tokens.FindActiveAsync("not even a token"));
    }

    [Fact]
    public async Task Create_RefusesABlankNameAndAPastExpiry_AndAnotherUsersTokenCannotBeRevoked()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var userId = await UserAsync(database);
        var tokens = new ApiTokenService(database, TimeProvider.System);
        var mine = (await tokens.CreateAsync(userId, "mine", null)).Value!;

        var blank = await tokens.CreateAsync(userId, "  ", null);
        var past = await tokens.CreateAsync(userId, "past", DateTime.UtcNow.AddDays(-1));
        var foreign = await tokens.RevokeAsync("someone-else", mine.Row.Id);

        Assert.Contains("Name", blank.Errors.Keys);
        Assert.Contains("ExpiresAt", past.Errors.Keys);
        Assert.False(foreign);
        Assert.Equal(userId, (await tokens.FindActiveAsync(mine.Token))?.UserId);
    }

    [Fact]
    public async Task Revoke_ForgetsTheTokenInTheCache_AndFindActiveReportsItsHashAndExpiry()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var userId = await UserAsync(database);
        var cache = new ApiTokenCache(TimeProvider.System, TimeSpan.FromMinutes(5));
        var tokens = new ApiTokenService(database, TimeProvider.System, cache);
        var expiry = DateTime.UtcNow.AddDays(1);
        var created = (await tokens.CreateAsync(userId, "ci", expiry)).Value!;
        var active = await tokens.FindActiveAsync(created.Token);
        cache.Set(active!.Hash, active.UserId, [new System.Security.Claims.Claim("sub", userId)], active.ExpiresAt);

        await tokens.RevokeAsync(userId, created.Row.Id);

        Assert.Equal(ApiTokenService.HashOf(created.Token), active.Hash);
        Assert.Equal(expiry, active.ExpiresAt!.Value, TimeSpan.FromSeconds(1));
        Assert.Null(cache.Get(active.Hash));
        Assert.Null(await tokens.FindActiveAsync(created.Token));
    }
}
