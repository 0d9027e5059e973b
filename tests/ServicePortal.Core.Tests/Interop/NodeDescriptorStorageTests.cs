using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;

namespace ServicePortal.Core.Tests.Interop;

public class NodeDescriptorStorageTests
{
    [Fact]
    public async Task ANodeStoredBeforeDescriptorsExisted_ReadsWithAnEmptyOne_AndCanBeGivenOne()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        await using (var db = database.CreateDbContext())
        {
            db.Nodes.Add(new Service { Key = "SVC-OLD", Name = "Old" });
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Nodes\" SET \"Descriptor\" = '{{}}'"); // what the migration gives existing rows
        }

        await using (var db = database.CreateDbContext())
        {
            var node = await db.Nodes.SingleAsync(n => n.Key == "SVC-OLD");
            Assert.True(node.Descriptor.IsEmpty);
            node.Descriptor = new NodeDescriptor { Tags = ["kept"], Annotations = [new NodeAnnotation { Key = "a", Value = "b" }] };
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateDbContext())
        {
            var node = await db.Nodes.AsNoTracking().SingleAsync(n => n.Key == "SVC-OLD");
            Assert.Equal(["kept"], node.Descriptor.Tags);
            Assert.Equal("b", Assert.Single(node.Descriptor.Annotations).Value);
        }
    }
}
