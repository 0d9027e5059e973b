using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Catalog;

/// <summary>The last step of a delete: save, and a row someone else changed or deleted meanwhile is a refusal, not an error.</summary>
internal static class DeleteSaver
{
    public static async Task<DeleteResult> SaveAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return DeleteResult.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            return DeleteResult.Stale();
        }
    }
}
