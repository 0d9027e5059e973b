using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Auditing;

/// <summary>
/// The write path of a large <see cref="PlannedCommit"/>'s new rows (an import's 20,000 services): everything EF
/// would do per row inside the write transaction — stamping, building the audit rows, detecting changes, building
/// commands — is done in <see cref="Prepare"/>, before the transaction begins; <see cref="WriteAsync"/> then only runs
/// one prepared INSERT per row on the context's own connection and transaction (the database hands out the ids, read
/// back with RETURNING; the same SQL on SQLite and PostgreSQL), and the audit rows after them.
/// <para>The audit rows are the ones a save would write (<see cref="AuditingInterceptor.StampAndAuditAdded"/> builds
/// them with the interceptor's own code), so the change feed, and every cache and index reading it, sees the import as
/// if EF had saved it. Rows EF must save itself stay tracked and are saved after these, in the same transaction:
/// updates, deletions, and new rows that point at another new row (a new domain's services, a relationship).</para>
/// </summary>
internal sealed class BulkInsert
{
    /// <summary>Fewer new rows than this: EF's own save is quick enough, and the well-trodden path.</summary>
    public const int DefaultMinimum = 100;

    private readonly List<Table> _tables;
    private readonly Table _audit;
    private readonly List<AuditEntry> _auditRows;
    private readonly List<EntityEntry> _entries;
    private bool _settled;

    private BulkInsert(List<Table> tables, Table audit, List<AuditEntry> auditRows, List<EntityEntry> entries, bool leavesChanges)
    {
        _tables = tables;
        _audit = audit;
        _auditRows = auditRows;
        _entries = entries;
        LeavesChanges = leavesChanges;
    }

    /// <summary>How many new rows (not counting their audit rows) this writes.</summary>
    public int Count => _entries.Count;

    /// <summary>True when other changes are tracked, which EF saves after <see cref="WriteAsync"/>.</summary>
    public bool LeavesChanges { get; }

    /// <summary>
    /// The added entries of <paramref name="db"/> that can be written in bulk, stamped and with their audit rows and
    /// command parameters built; null when there are too few of them, or the context does not audit (a plain context,
    /// <see cref="PortalDbContext.SuppressAudit"/>): then EF saves everything, as before.
    /// </summary>
    public static BulkInsert? Prepare(PortalDbContext db)
    {
        var interceptor = FindInterceptor<AuditingInterceptor>(db);
        if (interceptor is null || db.SuppressAudit)
        {
            return null;
        }

        db.ChangeTracker.DetectChanges();
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var entries = new List<EntityEntry>();
            var leavesChanges = false;
            foreach (var entry in db.ChangeTracker.Entries())
            {
                if (entry.State == EntityState.Added && CanWrite(entry))
                {
                    entries.Add(entry);
                }
                else if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                {
                    leavesChanges = true;
                }
            }

            if (entries.Count < Math.Max(1, interceptor.BulkInsertMinimum))
            {
                return null;
            }

            // Grouped by type (one command each), first appearance first; the audit rows follow the same order.
            entries = [.. entries.GroupBy(e => e.Metadata).SelectMany(g => g)];
            var auditRows = interceptor.StampAndAuditAdded(entries);
            using var factory = db.Database.GetDbConnection().CreateCommand();
            var sql = db.GetService<ISqlGenerationHelper>();
            var tables = new List<Table>();
            foreach (var group in entries.GroupBy(e => e.Metadata))
            {
                var table = Table.For(group.Key, sql, returnId: true);
                foreach (var entry in group)
                {
                    table.Rows.Add(new Row(entry, table.Parameters(factory, p => entry.Property(p).CurrentValue)));
                }

                tables.Add(table);
            }

            var audit = Table.For(db.Model.FindEntityType(typeof(AuditEntry))!, sql, returnId: false);
            foreach (var row in auditRows)
            {
                audit.Rows.Add(new Row(null, audit.Parameters(factory, p => p.PropertyInfo!.GetValue(row))));
            }

            return new BulkInsert(tables, audit, auditRows, entries, leavesChanges);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>
    /// Inside the write transaction: inserts the rows, then their audit rows (each naming the id just handed out).
    /// Any failure (a unique index, a lost race for the lock) throws; the caller's transaction then rolls all back.
    /// </summary>
    public async Task WriteAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                          ?? throw new InvalidOperationException("A bulk insert runs inside the write transaction.");
        var connection = db.Database.GetDbConnection();
        var position = 0;
        foreach (var table in _tables)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = table.Sql;
            foreach (var row in table.Rows)
            {
                Bind(command, row);
                var id = await command.ExecuteScalarAsync(cancellationToken)
                         ?? throw new InvalidOperationException($"No id came back for a new {table.Name} row.");
                row.Id = Convert.ToInt64(id, CultureInfo.InvariantCulture);
                var audit = _audit.Rows[position];
                audit.Parameters[_audit.EntityIdIndex].Value = _auditRows[position].EntityId = row.Id.ToString(CultureInfo.InvariantCulture);
                position++;
            }
        }

        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = _audit.Sql;
            foreach (var row in _audit.Rows)
            {
                Bind(command, row);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        var changes = FindInterceptor<ChangeFeedInterceptor>(db);
        changes?.NoteWrite(db);
    }

    /// <summary>
    /// Tells the change tracker what was stored: each written entity gets its id and is unchanged from now on (EF
    /// passes the id on to tracked rows that point at it). Before EF saves the rest, or after the commit.
    /// </summary>
    public void Settle()
    {
        if (_settled)
        {
            return;
        }

        _settled = true;
        foreach (var table in _tables)
        {
            var key = table.Key;
            foreach (var row in table.Rows)
            {
                var entry = row.Entry!;
                entry.Property(key).CurrentValue = Convert.ChangeType(row.Id, key.ClrType, CultureInfo.InvariantCulture);
                entry.State = EntityState.Unchanged;
                entry.OriginalValues.SetValues(entry.CurrentValues); // the stamps were set after EF last looked

            }
        }
    }

    private static void Bind(DbCommand command, Row row)
    {
        command.Parameters.Clear();
        command.Parameters.AddRange(row.Parameters);
    }

    /// <summary>
    /// An added entity of the portal's own (<see cref="Entity"/>) in one table, whose only database-made value is its
    /// id, and that points at nothing unsaved (a temporary key value in a foreign key means "a new row's id").
    /// </summary>
    private static bool CanWrite(EntityEntry entry)
    {
        var type = entry.Metadata;
        if (entry.Entity is not Entity || type.IsPropertyBag || type.IsOwned() || type.GetTableName() is null
            || type.GetTableMappings().Count() != 1 || type.GetComplexProperties().Any()
            || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned())
            || type.FindPrimaryKey() is not { Properties: [{ ValueGenerated: ValueGenerated.OnAdd } key] }
            || (key.ClrType != typeof(int) && key.ClrType != typeof(long)))
        {
            return false;
        }

        foreach (var property in entry.Properties)
        {
            if (property.Metadata.IsPrimaryKey())
            {
                continue;
            }

            if (property.IsTemporary || property.Metadata.GetComputedColumnSql() is not null)
            {
                return false;
            }

            // A column with a database default that EF leaves out when the value is the CLR default: EF's job.
            if (property.Metadata.ValueGenerated != ValueGenerated.Never && Equals(property.CurrentValue, property.Metadata.Sentinel))
            {
                return false;
            }
        }

        return true;
    }

    private static T? FindInterceptor<T>(DbContext db) where T : class =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<T>().FirstOrDefault();

    /// <summary>One INSERT: the columns of an entity type's table that the type maps (its key left to the database).</summary>
    private sealed class Table
    {
        private readonly IReadOnlyList<IProperty> _columns;

        private Table(string name, string sql, IProperty key, IReadOnlyList<IProperty> columns)
        {
            Name = name;
            Sql = sql;
            Key = key;
            _columns = columns;
            EntityIdIndex = columns.ToList().FindIndex(p => p.Name == nameof(AuditEntry.EntityId));
        }

        public string Name { get; }

        public string Sql { get; }

        public IProperty Key { get; }

        /// <summary>Where <see cref="AuditEntry.EntityId"/> sits among the parameters (audit rows only).</summary>
        public int EntityIdIndex { get; }

        public List<Row> Rows { get; } = [];

        public static Table For(IEntityType type, ISqlGenerationHelper sql, bool returnId)
        {
            var store = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var key = type.FindPrimaryKey()!.Properties[0];
            var columns = type.GetProperties().Where(p => !p.IsPrimaryKey()).ToList();
            var names = string.Join(", ", columns.Select(p => sql.DelimitIdentifier(p.GetColumnName(store)!)));
            var values = string.Join(", ", columns.Select((_, i) => sql.GenerateParameterNamePlaceholder("p" + i.ToString(CultureInfo.InvariantCulture))));
            var text = $"INSERT INTO {sql.DelimitIdentifier(store.Name, store.Schema)} ({names}) VALUES ({values})"
                       + (returnId ? $" RETURNING {sql.DelimitIdentifier(key.GetColumnName(store)!)}" : "");
            return new Table(type.DisplayName(), text, key, columns);
        }

        /// <summary>
        /// One row's parameters, made by EF's type mappings as EF's own commands make them (value converters: enums
        /// stored by name, dates as the provider stores them).
        /// </summary>
        public DbParameter[] Parameters(DbCommand factory, Func<IProperty, object?> value)
        {
            var parameters = new DbParameter[_columns.Count];
            for (var i = 0; i < _columns.Count; i++)
            {
                var column = _columns[i];
                parameters[i] = column.GetRelationalTypeMapping()
                    .CreateParameter(factory, "p" + i.ToString(CultureInfo.InvariantCulture), value(column), column.IsNullable);
            }

            return parameters;
        }
    }

    private sealed class Row(EntityEntry? entry, DbParameter[] parameters)
    {
        public EntityEntry? Entry { get; } = entry;

        public DbParameter[] Parameters { get; } = parameters;

        public long Id { get; set; }
    }
}
