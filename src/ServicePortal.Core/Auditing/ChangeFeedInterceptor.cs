using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ServicePortal.Core.Auditing;

/// <summary>
/// Tells the <see cref="ChangeFeed"/> (through the <see cref="LocalCommits"/> they share) that this process committed
/// a change, so the next read of the feed looks at the audit trail at once instead of waiting for its poll interval:
/// an instance always sees its own saves. It notes a save once it is committed (right after the save, or when the
/// surrounding transaction commits); noting it earlier would let the feed look before the rows are visible.
/// </summary>
public sealed class ChangeFeedInterceptor(LocalCommits commits) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly object Marker = new();
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is not null && Changes(context))
        {
            _pending.AddOrUpdate(context, Marker);
        }
    }

    /// <summary>
    /// A write that bypassed SaveChanges but wrote its audit rows (<see cref="BulkInsert"/>) inside the context's
    /// transaction: noted when that transaction commits, like a save.
    /// </summary>
    internal void NoteWrite(DbContext context) => _pending.AddOrUpdate(context, Marker);

    private void Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out _))
        {
            return;
        }

        // Inside a transaction the rows are not visible to other connections yet: invalidate again on commit.
        commits.Note();
        if (context.Database.CurrentTransaction is null)
        {
            _pending.Remove(context);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out _))
        {
            _pending.Remove(context);
            commits.Note();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }

    private static bool Changes(DbContext context) =>
        context.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
}
