using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ServicePortal.DataGenerator;

/// <summary>
/// Multi-row parameterised INSERTs on the context's own connection and transaction, for loads too large for the
/// change tracker (the generator's half a million relationships). Table names, column names and value conversions
/// (enums stored as text) come from the EF model, so the SQL follows the entity configurations when they change.
/// Rows must carry explicit ids; on PostgreSQL the identity sequences are moved past them afterwards.
/// <paramref name="fixedRowsPerStatement"/> overrides the per-provider choice (tests use it to run the multi-row
/// statements of PostgreSQL on SQLite).
/// </summary>
public sealed class BulkInserter(DbContext db, int? fixedRowsPerStatement = null)
{
    /// <summary>Per multi-row statement on PostgreSQL: fewer round trips, far below its 65,535-parameter limit.</summary>
    private const int ParametersPerStatement = 8_000;

    private const int MaxRowsPerStatement = 500;

    private readonly ISqlGenerationHelper _sql = db.GetService<ISqlGenerationHelper>();

    /// <summary>
    /// SQLite runs in-process, so a prepared one-row INSERT reused for every row is fastest. Multi-row statements are
    /// slower there: Microsoft.Data.Sqlite looks up every named parameter with a linear scan of the statement's
    /// parameters, which is quadratic in their number (measured for 100k nodes and 459k relationships:
    /// 1 row per statement 5.5 s, 20 rows 9.7 s, 100 rows 19 s, 500 rows 53 s).
    /// </summary>
    private readonly bool _isSqlite = db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    public Task<int> InsertAsync<TEntity>(IReadOnlyList<string> properties, IEnumerable<object?[]> rows, CancellationToken ct) =>
        InsertAsync(db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model."), properties, rows, ct);

    public async Task<int> InsertAsync(IEntityType entityType, IReadOnlyList<string> properties, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var tableName = entityType.GetTableName() ?? throw new InvalidOperationException($"{entityType.DisplayName()} has no table.");
        var table = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
        var columns = properties.Select(name => Column(entityType, name, table)).ToArray();
        var converters = columns.Select(c => c.Converter).ToArray();
        var columnList = string.Join(", ", columns.Select(c => _sql.DelimitIdentifier(c.Name)));
        var insert = $"INSERT INTO {_sql.DelimitIdentifier(tableName, entityType.GetSchema())} ({columnList}) VALUES ";
        var rowsPerStatement = Math.Max(1, fixedRowsPerStatement ?? (_isSqlite ? 1 : Math.Clamp(ParametersPerStatement / columns.Length, 1, MaxRowsPerStatement)));
        var casts = columns.Select(c => c.CastTo).ToArray();


        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        DbCommand? full = null;
        var buffer = new List<object?[]>(rowsPerStatement);
        var count = 0;
        try
        {
            foreach (var row in rows)
            {
                buffer.Add(row);
                if (buffer.Count == rowsPerStatement)
                {
                    full ??= Command(connection, transaction, insert, casts, rowsPerStatement);
                    count += await ExecuteAsync(full, buffer, converters, ct);
                    buffer.Clear();
                }
            }

            if (buffer.Count > 0)
            {
                await using var last = Command(connection, transaction, insert, casts, buffer.Count);
                count += await ExecuteAsync(last, buffer, converters, ct);
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }

        return count;
    }

    /// <summary>PostgreSQL identity columns do not advance when ids are given explicitly; SQLite needs nothing.</summary>
    public async Task AdvanceIdentityAsync(IEntityType entityType, CancellationToken ct)
    {
        if (!db.Database.ProviderName!.Contains("Npgsql", StringComparison.Ordinal))
        {
            return;
        }

        var table = _sql.DelimitIdentifier(entityType.GetTableName()!, entityType.GetSchema());
#pragma warning disable EF1002 // Identifiers come from the EF model, not from input.
        await db.Database.ExecuteSqlRawAsync(
            $"SELECT setval(pg_get_serial_sequence('{table}', 'Id'), COALESCE((SELECT MAX(\"Id\") FROM {table}), 0) + 1, false)", ct);
#pragma warning restore EF1002
    }

    private sealed record InsertColumn(string Name, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter, string? CastTo);

    /// <summary>A property's column, or the JSON column of a complex property (its value given as JSON text, cast to the column's type).</summary>
    private InsertColumn Column(IEntityType entityType, string name, StoreObjectIdentifier table)
    {
        if (entityType.GetDerivedTypesInclusive().Select(t => t.FindProperty(name)).FirstOrDefault(p => p is not null) is { } property)
        {
            return new InsertColumn(property.GetColumnName(table)!, property.GetTypeMapping().Converter, null);
        }

        var complex = entityType.GetDerivedTypesInclusive().Select(t => t.FindComplexProperty(name)).FirstOrDefault(p => p is not null)
            ?? throw new InvalidOperationException($"{entityType.DisplayName()} has no property {name}.");
        var column = complex.ComplexType.GetContainerColumnName() ?? throw new InvalidOperationException($"{name} is not stored as JSON.");
        var storeType = db.Model.GetRelationalModel().FindTable(table.Name, table.Schema)!.FindColumn(column)!.StoreType;
        return new InsertColumn(column, null, storeType);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string insert, string?[] casts, int rows)
    {
        var columns = casts.Length;
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new System.Text.StringBuilder(insert, insert.Length + rows * columns * 8);
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns; c++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{(r * columns) + c}";
                command.Parameters.Add(parameter);
                sql.Append(c == 0 ? "" : ", ").Append(casts[c] is { } type ? $"CAST({parameter.ParameterName} AS {type})" : parameter.ParameterName);
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        return command;
    }

    private static async Task<int> ExecuteAsync(DbCommand command, List<object?[]> rows, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter?[] converters, CancellationToken ct)
    {
        var p = 0;
        foreach (var row in rows)
        {
            for (var c = 0; c < converters.Length; c++)
            {
                var value = row[c];
                if (value is not null && converters[c] is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                command.Parameters[p++].Value = value ?? DBNull.Value;
            }
        }

        return await command.ExecuteNonQueryAsync(ct);
    }
}
