using System.Security.Claims;
using ServicePortal.Core.Identity;

namespace ServicePortal.Core.Tests.Identity;

public class ApiTokenCacheTests
{
    private static readonly Claim[] Claims = [new(ClaimTypes.NameIdentifier, "u1"), new(ClaimTypes.Role, "Viewer")];

    private sealed class MovableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset Start = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnEntryIsKeptForTheLifetime_ThenForgotten()
    {
        var clock = new MovableClock(Start);
        var cache = new ApiTokenCache(clock, TimeSpan.FromSeconds(30));
        cache.Set("hash", "u1", Claims, tokenExpiresAt: null);

        clock.Now = Start.AddSeconds(29);
        var within = cache.Get("hash");
        clock.Now = Start.AddSeconds(30);
        var after = cache.Get("hash");

        Assert.Equal(Claims, within);
        Assert.Null(after);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void AnEntryNeverOutlivesItsToken()
    {
        var clock = new MovableClock(Start);
        var cache = new ApiTokenCache(clock, TimeSpan.FromSeconds(30));
        cache.Set("hash", "u1", Claims, tokenExpiresAt: Start.UtcDateTime.AddSeconds(10));

        clock.Now = Start.AddSeconds(10);

        Assert.Null(cache.Get("hash"));
    }

    [Fact]
    public void ForgetAndForgetUser_DropOnlyTheirEntries()
    {
        var cache = new ApiTokenCache(new MovableClock(Start), TimeSpan.FromSeconds(30));
        cache.Set("a1", "alice", Claims, null);
        cache.Set("a2", "alice", Claims, null);
        cache.Set("b1", "bob", Claims, null);
        cache.Set("c1", "carol", Claims, null);

        cache.Forget("c1");
        cache.ForgetUser("alice");

        Assert.Null(cache.Get("a1"));
        Assert.Null(cache.Get("a2"));
        Assert.Null(cache.Get("c1"));
        Assert.NotNull(cache.Get("b1"));
    }

    [Fact]
    public void AZeroLifetimeKeepsNothing_AndAFullCacheMakesRoom()
    {
        var off = new ApiTokenCache(new MovableClock(Start), TimeSpan.Zero);
        var small = new ApiTokenCache(new MovableClock(Start), TimeSpan.FromSeconds(30), capacity: 2);

        off.Set("hash", "u1", Claims, null);
        small.Set("a", "u1", Claims, null);
        small.Set("b", "u1", Claims, null);
        small.Set("c", "u1", Claims, null);

        Assert.Null(off.Get("hash"));
        Assert.True(small.Count <= 2);
        Assert.NotNull(small.Get("c"));
    }

    [Fact]
    public void ARevocationDuringALookup_KeepsThatLookupOutOfTheCache()
    {
        var cache = new ApiTokenCache(new MovableClock(Start), TimeSpan.FromSeconds(30));
        var before = cache.Version;

        cache.Forget("hash");
        cache.Set("hash", "u1", Claims, null, versionBeforeLookup: before);
        cache.Set("other", "u2", Claims, null, versionBeforeLookup: cache.Version);

        Assert.Null(cache.Get("hash"));
        Assert.NotNull(cache.Get("other"));
    }
}
