using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Data;

/// <summary>How the JSON documents that PostgreSQL builds for the hot queries are read.</summary>
public static class QueryJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Editors type numbers into jsonb as strings now and then; read both.
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>
    /// Runs one SQL command whose single column "Value" is a JSON document PostgreSQL built, and reads
    /// it; default when there is no row. Every hot query goes through here: one round trip each.
    /// </summary>
    public static async Task<T?> ReadAsync<T>(AntonioDbContext db, string sql, object[] args, CancellationToken ct)
    {
        var json = (await db.Database.SqlQueryRaw<string>(sql, args).ToListAsync(ct)).FirstOrDefault();
        return json is null ? default : JsonSerializer.Deserialize<T>(json, Options);
    }

    /// <summary>As <see cref="ReadAsync{T}"/>, the command prepared on its connection (<see cref="PreparedStatements"/>).</summary>
    public static Task<T?> ReadPreparedAsync<T>(AntonioDbContext db, string sql, object[] args, CancellationToken ct) =>
        ReadAsync<T>(db, PreparedStatements.Marker + sql, args, ct);
}
