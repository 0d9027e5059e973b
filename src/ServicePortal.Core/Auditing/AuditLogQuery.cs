using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Auditing;

/// <summary>Filters of the audit log page and its CSV export.</summary>
public sealed record AuditFilter(string? User = null, string? EntityType = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>One audit entry as the audit log shows it.</summary>
public sealed class AuditRow
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public string UserName { get; set; } = "";

    public string EntityType { get; set; } = "";

    public string EntityId { get; set; } = "";

    public string? EntityName { get; set; }

    public AuditAction Action { get; set; }

    public string? Changes { get; set; }
}

/// <summary>The audit log: who changed what and when, filtered in the database, newest first.</summary>
public sealed class AuditLogQuery(IDbContextFactory<PortalDbContext> factory)
{
    public const int MaxExportRows = 100_000;

    public async Task<Page<AuditRow>> PageAsync(AuditFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = Apply(db, filter);
        var total = await rows.CountAsync(cancellationToken);
        var items = await rows.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, ListRequest<AuditRow>.MaxTake)).ToListAsync(cancellationToken);
        return new Page<AuditRow>(items, total);
    }

    /// <summary>The entity types and users that occur in the log, for the filter pickers.</summary>
    public async Task<(IReadOnlyList<string> EntityTypes, IReadOnlyList<string> Users)> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var types = await db.AuditEntries.AsNoTracking().Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        var users = await db.AuditEntries.AsNoTracking().Select(a => a.UserName).Distinct().OrderBy(u => u).ToListAsync(cancellationToken);
        return (types, users);
    }

    /// <summary>Writes the filtered log as CSV (at most <see cref="MaxExportRows"/> rows, newest first).</summary>
    public async Task WriteCsvAsync(AuditFilter filter, TextWriter writer, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var csv = new CsvExportWriter(writer);
        csv.Row(["At (UTC)", "User", "Entity type", "Entity id", "Entity", "Action", "Changes"]);
        await foreach (var row in Apply(db, filter).Take(MaxExportRows).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            csv.Row([row.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), row.UserName, row.EntityType, row.EntityId, row.EntityName, row.Action.ToString(), row.Changes]);
        }

        await csv.FlushAsync();
    }

    private static IQueryable<AuditRow> Apply(PortalDbContext db, AuditFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            query = query.Where(a => a.UserName == filter.User);
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(a => a.EntityType == filter.EntityType);
        }

        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.At < end);
        }

        return query.OrderByDescending(a => a.Id).Select(a => new AuditRow
        {
            Id = a.Id, At = a.At, UserName = a.UserName, EntityType = a.EntityType, EntityId = a.EntityId,
            EntityName = a.EntityName, Action = a.Action, Changes = a.Changes,
        });
    }
}
