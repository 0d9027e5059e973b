using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
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
/// commands — is done in <see cref="Prepare"/>, before the transaction begins; <see cref="WriteAsync"/> then only
/// sends the rows, on the context's own connection and transaction, and their audit rows after them.
/// <list type="bullet">
/// <item><b>SQLite</b> (one writer at a time, so this is the time other users' saves wait): each entity type's rows
/// go as one JSON array in one <c>INSERT … SELECT … FROM json_each(@rows)</c>, and their audit rows likewise; the ids
/// are handed out here, from the table's next id read inside the transaction (no other writer can take them). Rows
/// whose values JSON cannot carry exactly (floating point, decimals, binary) go by the prepared path below.</item>
/// <item><b>PostgreSQL</b> (row locks only: other users' saves do not wait): one prepared INSERT per row, the
/// identity read back with RETURNING.</item>
/// </list>
/// The values are the provider values of EF's own type mappings (enums by name, dates as the provider stores them),
/// and the audit rows the ones a save would write (<see cref="AuditingInterceptor.StampAndAuditAdded"/> builds them
/// with the interceptor's own code), so the change feed, and every cache and index reading it, sees the import as if
/// EF had saved it. Rows EF must save itself stay tracked and are saved after these, in the same transaction:
/// updates, deletions, and new rows that point at another new row (a new domain's services, a relationship); once this
/// round's ids are known (<see cref="Settle"/>), <see cref="PlannedCommit"/> prepares those as a further round.
/// </summary>
internal sealed class BulkInsert
{
    /// <summary>Fewer new rows than this: EF's own save is quick enough, and the well-trodden path.</summary>
    public const int DefaultMinimum = 100;

    private readonly List<Group> _groups;
    private bool _settled;

    private BulkInsert(List<Group> groups, bool leavesChanges)
    {
        _groups = groups;
        LeavesChanges = leavesChanges;
    }

    /// <summary>How many new rows (not counting their audit rows) this writes.</summary>
    public int Count => _groups.Sum(g => g.Entries.Count);

    /// <summary>True when other changes are tracked, which EF saves after <see cref="WriteAsync"/>.</summary>
    public bool LeavesChanges { get; private set; }

    /// <summary>True when the rows' ids were handed out before the write transaction (<see cref="PrepareRoundsAsync"/>).</summary>
    public bool Reserved => _groups.Any(g => g.ReservedFirst is not null);

    /// <summary>
    /// Every bulk round of <paramref name="db"/>'s new rows, prepared before the write transaction.
    /// <list type="bullet">
    /// <item><b>SQLite</b>: each round's ids are handed out here, from each table's next id (read now, outside the
    /// lock), and set on the entities, so EF passes them on to the rows that point at them; those rows (relationships
    /// between new nodes, a new domain's services) are then prepared as the next round, here too. Nothing is left to
    /// prepare inside the write transaction, where other users' saves wait. Whether the ids are still free is checked
    /// there (<see cref="IdsStillFreeAsync"/>): another writer may have added rows meanwhile.</item>
    /// <item><b>PostgreSQL</b> (row locks: other saves do not wait): the first round only; identities come back from
    /// the database and <see cref="PlannedCommit"/> prepares further rounds once they are known.</item>
    /// </list>
    /// Empty when EF saves everything (too few new rows, or a context that does not audit).
    /// </summary>
    public static async Task<IReadOnlyList<BulkInsert>> PrepareRoundsAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return Prepare(db) is { } first ? [first] : [];
        }

        var rounds = new List<BulkInsert>();
        var done = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var next = new Dictionary<string, long>(StringComparer.Ordinal);
        while (true)
        {
            BulkInsert? round;
            using (var activity = PortalTelemetry.Source.StartActivity("bulk prepare"))
            {
                // After the first round EF's state manager already knows every change: the ids were set through it.
                round = Prepare(db, done, detectChanges: rounds.Count == 0);
                activity?.SetTag("rows", round?.Count ?? 0);
            }

            if (round is null)
            {
                break;
            }

            using (PortalTelemetry.Source.StartActivity("bulk reserve ids"))
            {
                await round.ReserveAsync(db, next, cancellationToken);
            }

            rounds.Add(round);
            foreach (var entry in round._groups.SelectMany(g => g.Entries))
            {
                done.Add(entry.Entity);
            }
        }

        if (rounds.Count > 0)
        {
            // Without a scan for changes (Prepare made one): the entries' states are what EF already knows.
            var detect = db.ChangeTracker.AutoDetectChangesEnabled;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            rounds[^1].LeavesChanges = db.ChangeTracker.Entries().Any(e =>
                e.State is EntityState.Modified or EntityState.Deleted || (e.State == EntityState.Added && !done.Contains(e.Entity)));
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }

        return rounds;
    }

    /// <summary>
    /// Inside the write transaction: true when no row was added since <paramref name="rounds"/>' ids were handed out
    /// (each table's next id is still the first one reserved), so they can be written as prepared.
    /// </summary>
    public static async Task<bool> IdsStillFreeAsync(PortalDbContext db, IEnumerable<BulkInsert> rounds, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                          ?? throw new InvalidOperationException("Reserved ids are checked inside the write transaction.");
        var firsts = rounds.SelectMany(r => r._groups).Where(g => g.ReservedFirst is not null)
            .GroupBy(g => g.Table.Store, StringComparer.Ordinal)
            .Select(g => (g.First().Table, First: g.Min(x => x.ReservedFirst!.Value)));
        foreach (var (table, first) in firsts)
        {
            if (await NextSqliteIdAsync(db.Database.GetDbConnection(), transaction, table, cancellationToken) > first)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Hands this round's ids out (SQLite): each table's rows continue from <paramref name="next"/> or, the first time
    /// a table is seen, from its next id in the database. The ids are set on the entities (still added), so EF fixes up
    /// the foreign keys of the rows that point at them.
    /// </summary>
    private async Task ReserveAsync(PortalDbContext db, Dictionary<string, long> next, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var group in _groups.Where(g => g.ExplicitIds))
            {
                if (!next.TryGetValue(group.Table.Store, out var first))
                {
                    first = await NextSqliteIdAsync(connection, transaction, group.Table, cancellationToken);
                }

                next[group.Table.Store] = first + group.Entries.Count;
                group.Reserve(first);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The added entries of <paramref name="db"/> that can be written in bulk (leaving out <paramref name="done"/>,
    /// earlier rounds'), stamped and with their audit rows and commands built; null when there are too few of them, or
    /// the context does not audit (a plain context, <see cref="PortalDbContext.SuppressAudit"/>): then EF saves
    /// everything, as before.
    /// </summary>
    public static BulkInsert? Prepare(PortalDbContext db, IReadOnlySet<object>? done = null, bool detectChanges = true)
    {
        var interceptor = FindInterceptor<AuditingInterceptor>(db);
        if (interceptor is null || db.SuppressAudit)
        {
            return null;
        }

        if (detectChanges)
        {
            db.ChangeTracker.DetectChanges();
        }

        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var entries = new List<EntityEntry>();
            var leavesChanges = false;
            foreach (var entry in db.ChangeTracker.Entries())
            {
                if (done is not null && done.Contains(entry.Entity))
                {
                    continue;
                }

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

            // Grouped by type (one statement each), first appearance first; the audit rows follow the same order.
            entries = [.. entries.GroupBy(e => e.Metadata).SelectMany(g => g)];
            var auditRows = interceptor.StampAndAuditAdded(entries);
            using var factory = db.Database.GetDbConnection().CreateCommand();
            var sql = db.GetService<ISqlGenerationHelper>();
            var auditType = db.Model.FindEntityType(typeof(AuditEntry))!;
            var sqlite = db.Database.IsSqlite();
            var groups = new List<Group>();
            var at = 0;
            foreach (var type in entries.GroupBy(e => e.Metadata))
            {
                var members = type.ToList();
                var audit = auditRows.GetRange(at, members.Count);
                at += members.Count;
                var json = sqlite && JsonRows.Fits(type.Key) && JsonRows.Fits(auditType);
                groups.Add(json
                    ? Group.Json(type.Key, auditType, sql, members, audit)
                    : Group.Prepared(type.Key, auditType, sql, factory, members, audit, explicitIds: sqlite));
            }

            return new BulkInsert(groups, leavesChanges);
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
        foreach (var group in _groups)
        {
            // Rows that carry their own ids (SQLite) got them before the transaction (PrepareRoundsAsync); identities
            // (PostgreSQL) come back from the insert.
            if (group.ExplicitIds && group.ReservedFirst is null)
            {
                throw new InvalidOperationException($"The {group.Table.Store} rows were not given their ids before the write transaction.");
            }

            await group.WriteAsync(connection, transaction, group.ReservedFirst ?? 0, cancellationToken);
        }

        FindInterceptor<ChangeFeedInterceptor>(db)?.NoteWrite(db);
    }

    /// <summary>
    /// The id SQLite would give the table's next row: past the highest id and, for an AUTOINCREMENT key, past the
    /// highest ever handed out. Read inside the write transaction, no other writer can take it meanwhile; read before
    /// it (<see cref="ReserveAsync"/>), <see cref="IdsStillFreeAsync"/> checks that none did.
    /// </summary>
    private static async Task<long> NextSqliteIdAsync(DbConnection connection, DbTransaction? transaction, Table table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'";
        var sequences = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
        command.CommandText = $"SELECT MAX(IFNULL((SELECT MAX({table.KeyColumn}) FROM {table.QuotedStore}), 0), "
                              + (sequences ? "IFNULL((SELECT seq FROM sqlite_sequence WHERE name = @table), 0))" : "0)");
        Add(command, "@table", table.Store);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) + 1;
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
        foreach (var group in _groups)
        {
            var key = group.Table.Key;
            for (var i = 0; i < group.Entries.Count; i++)
            {
                var entry = group.Entries[i];
                entry.Property(key).CurrentValue = Convert.ChangeType(group.Ids[i], key.ClrType, CultureInfo.InvariantCulture);
                entry.State = EntityState.Unchanged;
                entry.OriginalValues.SetValues(entry.CurrentValues); // the stamps were set after EF last looked
            }
        }
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

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>The value as the database receives it: through the property's value converter (enums by name).</summary>
    private static object? ProviderValue(IProperty property, object? value) =>
        value is null ? null : property.GetRelationalTypeMapping().Converter?.ConvertToProvider(value) ?? value;

    /// <summary>A table and the columns of one entity type there (its key left out: see the groups).</summary>
    private sealed class Table
    {
        private Table(IProperty key, IReadOnlyList<IProperty> columns, string store, string quotedStore, string keyColumn, IReadOnlyList<string> columnNames)
        {
            Key = key;
            Columns = columns;
            Store = store;
            QuotedStore = quotedStore;
            KeyColumn = keyColumn;
            ColumnNames = columnNames;
        }

        public IProperty Key { get; }

        public IReadOnlyList<IProperty> Columns { get; }

        public string Store { get; }

        public string QuotedStore { get; }

        public string KeyColumn { get; }

        public IReadOnlyList<string> ColumnNames { get; }

        public int IndexOf(string property) => Columns.ToList().FindIndex(p => p.Name == property);

        public static Table For(IEntityType type, ISqlGenerationHelper sql)
        {
            var store = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var key = type.FindPrimaryKey()!.Properties[0];
            var columns = type.GetProperties().Where(p => !p.IsPrimaryKey()).ToList();
            return new Table(key, columns, store.Name, sql.DelimitIdentifier(store.Name, store.Schema), sql.DelimitIdentifier(key.GetColumnName(store)!),
                columns.Select(p => sql.DelimitIdentifier(p.GetColumnName(store)!)).ToList());
        }
    }

    /// <summary>One entity type's new rows and their audit rows, ready to send.</summary>
    private abstract class Group(Table table, List<EntityEntry> entries, List<AuditEntry> audit, bool explicitIds)
    {
        public Table Table { get; } = table;

        public List<EntityEntry> Entries { get; } = entries;

        public List<AuditEntry> Audit { get; } = audit;

        /// <summary>True when the ids are handed out here (SQLite), from the first one given to <see cref="WriteAsync"/>.</summary>
        public bool ExplicitIds { get; } = explicitIds;

        /// <summary>The ids the rows got, in order (known after <see cref="WriteAsync"/>, or from <see cref="Reserve"/>).</summary>
        public long[] Ids { get; } = new long[entries.Count];

        /// <summary>The first id handed out before the write transaction (SQLite), or null.</summary>
        public long? ReservedFirst { get; private set; }

        /// <summary>Gives the rows the ids from <paramref name="first"/> on, on the entities too (EF fixes up the rows pointing at them).</summary>
        public void Reserve(long first)
        {
            ReservedFirst = first;
            for (var i = 0; i < Ids.Length; i++)
            {
                Ids[i] = first + i;
                Entries[i].Property(Table.Key).CurrentValue = Convert.ChangeType(Ids[i], Table.Key.ClrType, CultureInfo.InvariantCulture);
            }
        }

        public abstract Task WriteAsync(DbConnection connection, DbTransaction transaction, long firstId, CancellationToken cancellationToken);

        protected void Written(long firstId)
        {
            for (var i = 0; i < Ids.Length; i++)
            {
                Ids[i] = firstId + i;
                Audit[i].EntityId = Ids[i].ToString(CultureInfo.InvariantCulture);
            }
        }

        public static Group Json(IEntityType type, IEntityType auditType, ISqlGenerationHelper sql, List<EntityEntry> entries, List<AuditEntry> audit) =>
            new JsonRows(Table.For(type, sql), Table.For(auditType, sql), entries, audit);

        public static Group Prepared(IEntityType type, IEntityType auditType, ISqlGenerationHelper sql, DbCommand factory, List<EntityEntry> entries, List<AuditEntry> audit, bool explicitIds) =>
            new PreparedRows(Table.For(type, sql), Table.For(auditType, sql), sql, factory, entries, audit, explicitIds);
    }

    /// <summary>
    /// SQLite: all rows of the group as one JSON array bound to one statement, <c>INSERT … SELECT value->>0, … FROM
    /// json_each(@rows)</c>, ids <c>@first + key</c> (the array index). Microsoft.Data.Sqlite binds every parameter
    /// by name on every execution, so 20,000 single-row INSERTs cost it about three times what SQLite itself spends.
    /// </summary>
    private sealed class JsonRows : Group
    {
        private readonly string _rowsSql;
        private readonly string _auditSql;
        private readonly string _rows;
        private readonly string _auditRows;

        public JsonRows(Table table, Table audit, List<EntityEntry> entries, List<AuditEntry> auditRows)
            : base(table, entries, auditRows, explicitIds: true)
        {
            _rowsSql = Insert(table, entityIdColumn: null);
            var entityId = audit.IndexOf(nameof(AuditEntry.EntityId));
            _auditSql = Insert(audit, entityId);
            _rows = Array(entries.Count, table.Columns, (i, p) => entries[i].Property(p).CurrentValue);
            _auditRows = Array(auditRows.Count, audit.Columns, (i, p) => p.PropertyInfo!.GetValue(auditRows[i]));
        }

        /// <summary>Whether every column's provider value is text, an integer, a boolean or a date: what JSON carries exactly.</summary>
        public static bool Fits(IEntityType type) => type.GetProperties().All(p =>
        {
            var stored = p.GetRelationalTypeMapping().Converter?.ProviderClrType ?? p.ClrType;
            stored = Nullable.GetUnderlyingType(stored) ?? stored;
            return stored == typeof(string) || stored == typeof(int) || stored == typeof(long) || stored == typeof(short) || stored == typeof(bool) || stored == typeof(DateTime);
        });

        public override async Task WriteAsync(DbConnection connection, DbTransaction transaction, long firstId, CancellationToken cancellationToken)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = _rowsSql;
            Add(command, "@rows", _rows);
            Add(command, "@first", firstId);
            await command.ExecuteNonQueryAsync(cancellationToken);
            command.CommandText = _auditSql;
            command.Parameters.Clear();
            Add(command, "@rows", _auditRows);
            Add(command, "@first", firstId);
            await command.ExecuteNonQueryAsync(cancellationToken);
            Written(firstId);
        }

        /// <summary>
        /// The insert of a JSON array of rows; the key is <c>@first + key</c>, or on audit rows the entity id is. No
        /// ORDER BY: json_each reads the array in order, and sorting 20,000 audit rows cost a temporary b-tree.
        /// </summary>
        private static string Insert(Table table, int? entityIdColumn)
        {
            var columns = new List<string>();
            var values = new List<string>();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                columns.Add(table.ColumnNames[i]);
                values.Add(i == entityIdColumn ? "CAST(@first + key AS TEXT)" : $"value ->> {i.ToString(CultureInfo.InvariantCulture)}");
            }

            if (entityIdColumn is null)
            {
                columns.Add(table.KeyColumn);
                values.Add("@first + key");
            }

            return $"INSERT INTO {table.QuotedStore} ({string.Join(", ", columns)}) SELECT {string.Join(", ", values)} FROM json_each(@rows)";
        }

        private static string Array(int count, IReadOnlyList<IProperty> columns, Func<int, IProperty, object?> value)
        {
            var buffer = new ArrayBufferWriter<byte>(count * 256);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartArray();
                for (var i = 0; i < count; i++)
                {
                    json.WriteStartArray();
                    foreach (var column in columns)
                    {
                        Write(json, ProviderValue(column, value(i, column)));
                    }

                    json.WriteEndArray();
                }

                json.WriteEndArray();
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        /// <summary>A value as Microsoft.Data.Sqlite would bind it: dates as its text, booleans as 0 or 1.</summary>
        private static void Write(Utf8JsonWriter json, object? value)
        {
            switch (value)
            {
                case null:
                    json.WriteNullValue();
                    break;
                case string s:
                    json.WriteStringValue(s);
                    break;
                case bool b:
                    json.WriteNumberValue(b ? 1 : 0);
                    break;
                case int n:
                    json.WriteNumberValue(n);
                    break;
                case long n:
                    json.WriteNumberValue(n);
                    break;
                case short n:
                    json.WriteNumberValue(n);
                    break;
                case DateTime d:
                    json.WriteStringValue(d.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new InvalidOperationException($"A {value.GetType().Name} cannot go in a bulk insert's JSON.");
            }
        }
    }

    /// <summary>
    /// One prepared INSERT per row (PostgreSQL; SQLite for values JSON cannot carry), parameters made by EF's type
    /// mappings as EF's own commands make them; ids read back with RETURNING, or handed out here on SQLite.
    /// </summary>
    private sealed class PreparedRows : Group
    {
        private readonly string _rowsSql;
        private readonly string _auditSql;
        private readonly List<DbParameter[]> _rows;
        private readonly List<DbParameter[]> _auditRows;
        private readonly int _entityIdIndex;

        public PreparedRows(Table table, Table audit, ISqlGenerationHelper sql, DbCommand factory, List<EntityEntry> entries, List<AuditEntry> auditRows, bool explicitIds)
            : base(table, entries, auditRows, explicitIds)
        {
            var columns = table.Columns.ToList();
            var names = table.ColumnNames.ToList();
            if (explicitIds)
            {
                columns.Add(table.Key); // the last parameter, set when the row is written
                names.Add(table.KeyColumn);
            }

            _rowsSql = Insert(sql, table.QuotedStore, names) + (explicitIds ? "" : $" RETURNING {table.KeyColumn}");
            _auditSql = Insert(sql, audit.QuotedStore, audit.ColumnNames);
            _entityIdIndex = audit.IndexOf(nameof(AuditEntry.EntityId));
            _rows = entries.Select(e => Parameters(factory, columns, p => e.Property(p).CurrentValue)).ToList();
            _auditRows = auditRows.Select(a => Parameters(factory, audit.Columns, p => p.PropertyInfo!.GetValue(a))).ToList();
        }

        public override async Task WriteAsync(DbConnection connection, DbTransaction transaction, long firstId, CancellationToken cancellationToken)
        {
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = _rowsSql;
                for (var i = 0; i < _rows.Count; i++)
                {
                    if (ExplicitIds)
                    {
                        Ids[i] = firstId + i;
                        _rows[i][^1].Value = Convert.ChangeType(Ids[i], Table.Key.ClrType, CultureInfo.InvariantCulture);
                        Bind(command, _rows[i]);
                        await command.ExecuteNonQueryAsync(cancellationToken);
                    }
                    else
                    {
                        Bind(command, _rows[i]);
                        var id = await command.ExecuteScalarAsync(cancellationToken) ?? throw new InvalidOperationException($"No id came back for a new {Table.Store} row.");
                        Ids[i] = Convert.ToInt64(id, CultureInfo.InvariantCulture);
                    }

                    Audit[i].EntityId = Ids[i].ToString(CultureInfo.InvariantCulture);
                    _auditRows[i][_entityIdIndex].Value = Audit[i].EntityId;
                }
            }

            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = _auditSql;
                foreach (var row in _auditRows)
                {
                    Bind(command, row);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }
        }

        private static string Insert(ISqlGenerationHelper sql, string table, IReadOnlyList<string> columns) =>
            $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => sql.GenerateParameterNamePlaceholder("p" + i.ToString(CultureInfo.InvariantCulture))))})";

        private static DbParameter[] Parameters(DbCommand factory, IReadOnlyList<IProperty> columns, Func<IProperty, object?> value)
        {
            var parameters = new DbParameter[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                parameters[i] = columns[i].GetRelationalTypeMapping()
                    .CreateParameter(factory, "p" + i.ToString(CultureInfo.InvariantCulture), value(columns[i]), columns[i].IsNullable);
            }

            return parameters;
        }

        /// <summary>
        /// The first row's parameters become the command's; later rows only change their values (EF's type mapping
        /// made every row's parameter of a column alike), so the prepared statement is bound, not rebuilt.
        /// </summary>
        private static void Bind(DbCommand command, DbParameter[] row)
        {
            if (command.Parameters.Count == 0)
            {
                command.Parameters.AddRange(row);
                return;
            }

            for (var i = 0; i < row.Length; i++)
            {
                command.Parameters[i].Value = row[i].Value;
            }
        }
    }
}
