using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Antonio.Data.Seeding;

/// <summary>
/// Writes entity rows with PostgreSQL's binary COPY, taking table and column names from the EF model
/// so the seeder never repeats the schema. Used for the "large" benchmark data set (100k+ rows).
/// </summary>
internal static class BulkCopier
{
    public static async Task CopyAsync<T>(AntonioDbContext db, NpgsqlConnection connection, IReadOnlyCollection<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not mapped");
        var table = entity.GetTableName()!;
        // xmin (row version) and identity columns are the server's to fill.
        var columns = entity.GetProperties()
            .Where(p => p.PropertyInfo is not null && p.GetColumnName() != "xmin"
                        && !(p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd && p.ClrType == typeof(long)))
            .Select(p => (Name: p.GetColumnName(), Property: p.PropertyInfo!))
            .ToList();
        var sql = $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(sql, ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var (_, property) in columns)
            {
                var value = property.GetValue(row);
                if (value is null) await importer.WriteNullAsync(ct);
                else await importer.WriteAsync(value, TypeOf(value), ct);
            }
        }
        await importer.CompleteAsync(ct);
    }

    private static NpgsqlDbType TypeOf(object value) => value switch
    {
        Guid => NpgsqlDbType.Uuid,
        string => NpgsqlDbType.Text,
        JsonDocument => NpgsqlDbType.Jsonb,
        DateTimeOffset => NpgsqlDbType.TimestampTz,
        int => NpgsqlDbType.Integer,
        long => NpgsqlDbType.Bigint,
        bool => NpgsqlDbType.Boolean,
        double => NpgsqlDbType.Double,
        decimal => NpgsqlDbType.Numeric,
        Guid[] => NpgsqlDbType.Array | NpgsqlDbType.Uuid,
        _ => throw new NotSupportedException($"No COPY mapping for {value.GetType()}"),
    };
}
