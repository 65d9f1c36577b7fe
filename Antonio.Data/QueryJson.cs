using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

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
    /// it; default when there is no row or it is null. Every hot query goes through here: one round trip each.
    /// </summary>
    /// <remarks>
    /// The command is built and run as EF Core runs <c>ExecuteSql</c>: the same placeholders ({0}, {1}, …, made
    /// parameters), the same connection and interceptors (preparing, counting), but not LINQ's query pipeline —
    /// compiling and caching a <c>SqlQueryRaw</c> query around a command this size cost 0.4–0.7 ms a call here,
    /// as much as a whole cached page (measured against the same command on the same connection).
    /// </remarks>
    public static async Task<T?> ReadAsync<T>(AntonioDbContext db, string sql, object[] args, CancellationToken ct)
    {
        var command = db.GetService<IRawSqlCommandBuilder>().Build(sql, args);
        await using var reader = await command.RelationalCommand.ExecuteReaderAsync(new RelationalCommandParameterObject(
            db.GetService<IRelationalConnection>(), command.ParameterValues, null, db,
            db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.FromSqlQuery), ct);
        var json = await reader.ReadAsync(ct) && !await reader.DbDataReader.IsDBNullAsync(0, ct) ? reader.DbDataReader.GetString(0) : null;
        return json is null ? default : JsonSerializer.Deserialize<T>(json, Options);
    }

    /// <summary>As <see cref="ReadAsync{T}"/>, the command prepared on its connection (<see cref="PreparedStatements"/>).</summary>
    public static Task<T?> ReadPreparedAsync<T>(AntonioDbContext db, string sql, object[] args, CancellationToken ct) =>
        ReadAsync<T>(db, PreparedStatements.Marker + sql, args, ct);
}
