using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;
using ServicePortal.Core.OperatingModel;

namespace ServicePortal.Core.Auditing;

/// <summary>
/// The one place that stamps timestamps, advances the concurrency <see cref="Entity.Version"/>, and writes the
/// audit trail (who, when, entity, action, old → new value per field) for every governed entity.
/// Ids of added rows are only known after the insert, so the audit rows are written in a second save
/// inside the same transaction: either the change and its audit entries are stored, or neither is.
/// </summary>
public sealed class AuditingInterceptor(ICurrentActor actor, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    /// <summary>
    /// A <see cref="PlannedCommit"/> that adds at least this many rows writes them through <see cref="BulkInsert"/>
    /// (prepared commands, audit rows built before the write transaction); smaller ones save through EF as usual.
    /// </summary>
    public int BulkInsertMinimum { get; init; } = BulkInsert.DefaultMinimum;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        using var _ = DetectOnce(eventData.Context);
        Prepare(eventData.Context, startTransaction: db => db.Database.BeginTransaction());
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        using var _ = DetectOnce(eventData.Context);
        if (eventData.Context is PortalDbContext { Database.CurrentTransaction: null } db && NeedsAudit(db))
        {
            db.PendingAudit = new PendingAudit(await db.Database.BeginTransactionAsync(cancellationToken), []);
        }

        Prepare(eventData.Context, startTransaction: null);
        return result;
    }

    /// <summary>
    /// Detects changes once, then reads the change tracker without detecting again until disposed: every
    /// <c>Entries()</c> call would otherwise scan all tracked entities anew (four scans per save; an import of 20,000
    /// rows spent seconds on them while holding the write lock). EF detects once more after this interceptor, so the
    /// stamps it sets below are saved.
    /// </summary>
    private static DetectionPause? DetectOnce(DbContext? context)
    {
        if (context is null || !context.ChangeTracker.AutoDetectChangesEnabled)
        {
            return null;
        }

        context.ChangeTracker.DetectChanges();
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        return new DetectionPause(context);
    }

    private sealed class DetectionPause(DbContext context) : IDisposable
    {
        public void Dispose() => context.ChangeTracker.AutoDetectChangesEnabled = true;
    }

    /// <summary>
    /// Saves the audit rows of a save that just succeeded. Nothing else changed since EF accepted that save, so only
    /// the rows added here are new: no need to scan every tracked entity again.
    /// </summary>
    private static async Task SaveAuditAsync(PortalDbContext db, IEnumerable<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            db.AuditEntries.AddRange(entries);
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (TakePending(eventData.Context) is { } pending && eventData.Context is PortalDbContext db)
        {
            var detect = db.ChangeTracker.AutoDetectChangesEnabled;
            db.ChangeTracker.AutoDetectChangesEnabled = false; // as in SaveAuditAsync
            try
            {
                db.AuditEntries.AddRange(pending.Complete());
                db.SaveChanges();
            }
            finally
            {
                db.ChangeTracker.AutoDetectChangesEnabled = detect;
            }

            pending.Transaction?.Commit();
            pending.Transaction?.Dispose();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (TakePending(eventData.Context) is { } pending && eventData.Context is PortalDbContext db)
        {
            await SaveAuditAsync(db, pending.Complete(), cancellationToken);
            if (pending.Transaction is not null)
            {
                await pending.Transaction.CommitAsync(cancellationToken);
                await pending.Transaction.DisposeAsync();
            }
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Abandon(DbContext? context)
    {
        if (context is PortalDbContext db)
        {
            var pending = db.PendingAudit;
            db.PendingAudit = null;
            pending?.Transaction?.Dispose();
        }
    }

    private static bool NeedsAudit(PortalDbContext db) =>
        !db.SuppressAudit && (db.ChangeTracker.Entries<Entity>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                              || LinkChanges(db).Any());

    /// <summary>
    /// Rows of many-to-many join tables (a contract's services) added or removed: not entities of their own, but a
    /// change the audit trail, and so the change feed, must show.
    /// </summary>
    private static IEnumerable<EntityEntry> LinkChanges(PortalDbContext db) =>
        db.ChangeTracker.Entries().Where(e => e.Metadata.IsPropertyBag && e.State is EntityState.Added or EntityState.Deleted);

    private void Prepare(DbContext? context, Func<PortalDbContext, IDbContextTransaction>? startTransaction)
    {
        if (context is not PortalDbContext db)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var audited = new List<(EntityEntry Entry, AuditAction Action, Dictionary<string, FieldChange> Changes)>();
        foreach (var entry in db.ChangeTracker.Entries<Entity>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    audited.Add((entry, AuditAction.Created, StampAdded(entry, now)));
                    break;
                case EntityState.Modified:
                    var changes = Changes(entry, includeUnchanged: false);
                    if (changes.Count == 0)
                    {
                        break;
                    }

                    entry.Entity.UpdatedAt = now;
                    entry.Entity.Version++;
                    audited.Add((entry, ActionOf(entry), changes));
                    break;
                case EntityState.Deleted:
                    audited.Add((entry, AuditAction.Deleted, Changes(entry, includeUnchanged: true, deleted: true)));
                    break;
            }
        }

        foreach (var link in LinkChanges(db))
        {
            var deleted = link.State == EntityState.Deleted;
            audited.Add((link, deleted ? AuditAction.Deleted : AuditAction.Created, Changes(link, includeUnchanged: true, deleted: deleted)));
        }

        if (db.SuppressAudit || audited.Count == 0)
        {
            return;
        }

        var pending = db.PendingAudit;
        if (pending is null)
        {
            var transaction = db.Database.CurrentTransaction is null && startTransaction is not null ? startTransaction(db) : null;
            pending = new PendingAudit(transaction, []);
            db.PendingAudit = pending;
        }

        var user = actor.Name;
        foreach (var (entry, action, fieldChanges) in audited)
        {
            // A new row pointing at another new row holds a temporary (negative) id until the save: its audit row
            // is written after the save, with the real one (see PendingAudit.Complete).
            var pointsAtNew = action == AuditAction.Created && entry.Properties.Any(p => p.IsTemporary && !p.Metadata.IsPrimaryKey());
            pending.Items.Add(new PendingItem(entry, AuditOf(entry, action, fieldChanges, now, user), pointsAtNew));
        }
    }

    /// <summary>
    /// Stamps entities added outside a save (<see cref="BulkInsert"/>: an import's new rows, written with prepared
    /// commands instead of EF's per-row work) and builds their audit rows exactly as a save would; the caller fills
    /// in <see cref="AuditEntry.EntityId"/> once the database has handed out the ids. Runs before the write
    /// transaction begins, so the time it takes holds no lock.
    /// </summary>
    internal List<AuditEntry> StampAndAuditAdded(IReadOnlyList<EntityEntry> added)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var user = actor.Name;
        var audit = new List<AuditEntry>(added.Count);
        foreach (var entry in added)
        {
            audit.Add(AuditOf(entry, AuditAction.Created, StampAdded(entry, now), now, user));
        }

        return audit;
    }

    private static Dictionary<string, FieldChange> StampAdded(EntityEntry entry, DateTime now)
    {
        var entity = (Entity)entry.Entity;
        entity.CreatedAt = now;
        entity.UpdatedAt = now;
        entity.Version = 1;
        return Changes(entry, includeUnchanged: true);
    }

    private static AuditEntry AuditOf(EntityEntry entry, AuditAction action, Dictionary<string, FieldChange> changes, DateTime now, string user) => new()
    {
        At = now,
        UserName = user,
        EntityType = entry.Metadata.IsPropertyBag ? entry.Metadata.Name : entry.Metadata.ClrType.Name,
        EntityId = "",
        EntityName = NameOf(entry.Entity),
        Action = action,
        Changes = JsonSerializer.Serialize(changes, JsonOptions),
    };

    private static PendingAudit? TakePending(DbContext? context)
    {
        if (context is not PortalDbContext db)
        {
            return null;
        }

        var pending = db.PendingAudit;
        db.PendingAudit = null;
        return pending is { Items.Count: > 0 } ? pending : CommitEmpty(pending);
    }

    private static PendingAudit? CommitEmpty(PendingAudit? pending)
    {
        pending?.Transaction?.Commit();
        pending?.Transaction?.Dispose();
        return null;
    }

    private static AuditAction ActionOf(EntityEntry entry) => entry.Entity switch
    {
        Node when entry.Property(nameof(Node.Lifecycle)) is { IsModified: true, CurrentValue: Lifecycle.Retired } => AuditAction.Retired,
        ScoreVersion when entry.Property(nameof(ScoreVersion.Status)) is { IsModified: true, CurrentValue: ScoreVersionStatus.Published } => AuditAction.Published,
        _ => AuditAction.Updated,
    };

    private static readonly HashSet<string> Bookkeeping = [nameof(Entity.Version), nameof(Entity.CreatedAt), nameof(Entity.UpdatedAt)];

    private static Dictionary<string, FieldChange> Changes(EntityEntry entry, bool includeUnchanged, bool deleted = false)
    {
        var changes = new Dictionary<string, FieldChange>();
        foreach (var property in entry.Properties)
        {
            if (Bookkeeping.Contains(property.Metadata.Name) || property.Metadata.IsPrimaryKey() || property.Metadata.IsShadowProperty())
            {
                continue;
            }

            if (deleted)
            {
                changes[property.Metadata.Name] = new FieldChange(Format(property.OriginalValue), null);
            }
            else if (includeUnchanged)
            {
                // A new node's empty descriptor (no tags, links or annotations) is not worth a field in its audit row.
                if (property.CurrentValue is not (null or Catalog.NodeDescriptor { IsEmpty: true }))
                {
                    changes[property.Metadata.Name] = new FieldChange(null, Format(property.CurrentValue));
                }
            }
            else if (property.IsModified && !Equals(property.OriginalValue, property.CurrentValue))
            {
                changes[property.Metadata.Name] = new FieldChange(Format(property.OriginalValue), Format(property.CurrentValue));
            }
        }

        return changes;
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        Catalog.NodeDescriptor descriptor => descriptor.ToJson(),
        DateTime d => d.ToString("O"),
        DateOnly d => d.ToString("yyyy-MM-dd"),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string? NameOf(object entity) => entity switch
    {
        Node n => n.Key,
        Domain d => d.Name,
        Suppliers.Contract c => c.Reference,
        Slas.SlaTarget t => t.Key,
        ScoreVersion v => $"v{v.Number}",
        Practice p => p.Name,
        PracticeKpi k => k.Key,
        KpiMeasurement m => $"{m.KpiKey} {m.PeriodStart:yyyy-MM}",
        Governance.GovernanceRole r => r.Name,
        Governance.Person p => p.Name,
        _ => null,
    };

    internal sealed record PendingItem(EntityEntry Entry, AuditEntry Audit, bool PointsAtNew);

    internal sealed record PendingAudit(IDbContextTransaction? Transaction, List<PendingItem> Items)
    {
        public IEnumerable<AuditEntry> Complete()
        {
            foreach (var item in Items)
            {
                item.Audit.EntityId = item.Entry.Metadata.FindProperty(nameof(Entity.Id)) is null
                    ? string.Join("-", item.Entry.Properties.Select(p => Convert.ToString(p.CurrentValue, System.Globalization.CultureInfo.InvariantCulture)))
                    : Convert.ToString(item.Entry.Property(nameof(Entity.Id)).CurrentValue, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                if (item.PointsAtNew)
                {
                    item.Audit.Changes = JsonSerializer.Serialize(Changes(item.Entry, includeUnchanged: true), JsonOptions);
                }

                yield return item.Audit;
            }
        }
    }
}

/// <summary>A field's value before and after a change, as text.</summary>
public sealed record FieldChange(string? Old, string? New);
