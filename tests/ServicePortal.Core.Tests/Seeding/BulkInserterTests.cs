using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.DataGenerator;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.Seeding;

public sealed class BulkInserterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(500)]
    public async Task RowsWrittenInStatementsOfAnySize_ReadBackThroughEntityFramework(int rowsPerStatement)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreatePlainContext();
        var now = new DateTime(2026, 11, 21, 8, 30, 0, DateTimeKind.Utc);
        var bulk = new BulkInserter(db, rowsPerStatement);

        await db.Database.OpenConnectionAsync(Ct);
        await bulk.InsertAsync<Domain>(["Id", "Key", "Name", "Version", "CreatedAt", "UpdatedAt"], [[1, "DOM-1", "One", 1, now, now]], Ct);
        var written = await bulk.InsertAsync<Node>(
            ["Id", "Key", "Name", "NodeType", "Lifecycle", "Status", "DomainId", "Kind", "Tier", "Sourcing", "Deprecated", "Descriptor", "Version", "CreatedAt", "UpdatedAt"],
            Enumerable.Range(1, 7).Select(i => new object?[]
            {
                i, $"SVC-{i}", $"Service {i}", NodeType.Service, Lifecycle.Live, OperationalStatus.Degraded, 1, ServiceKind.Technical, i % 4 + 1, Sourcing.Hybrid, false, new NodeDescriptor(), 1, now, now,
            }),
            Ct);

        var services = await db.Services.AsNoTracking().OrderBy(s => s.Id).ToListAsync(Ct);
        Assert.Equal(7, written);
        Assert.Equal(Enumerable.Range(1, 7), services.Select(s => s.Id));
        Assert.All(services, s => Assert.Equal(
            (OperationalStatus.Degraded, ServiceKind.Technical, Sourcing.Hybrid, 1, now),
            (s.Status, s.Kind, s.Sourcing, s.DomainId!.Value, s.CreatedAt)));
        Assert.Equal([2, 3, 4, 1, 2, 3, 4], services.Select(s => s.Tier));
    }
}
