using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Tests.Support;

public static class Feeds
{
    /// <summary>
    /// A change feed that looks at the audit trail on every read: test contexts are not wired to nudge it, so a change
    /// saved by a test shows at the next read without moving a clock.
    /// </summary>
    public static ChangeFeed Eager(IDbContextFactory<PortalDbContext> factory) =>
        new(factory, TimeProvider.System, new ChangeFeedOptions { PollInterval = TimeSpan.Zero });
}
