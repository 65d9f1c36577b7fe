namespace Antonio.Data.Telemetry;

/// <summary>
/// The database's side of the PRD's table, from PostgreSQL's own statistics for this database: statement calls and
/// their average time (pg_stat_statements, when the extension is there — scripts/services.sh loads it), how many of
/// those calls belong to statements averaging over 50 ms, connections open and working against the server's limit,
/// and the indexes no query has scanned since the statistics were last reset.
/// </summary>
public sealed record DatabaseHealth(
    bool StatementsTracked, long Calls, double AverageMs, long CallsOfSlowStatements,
    int Connections, int ActiveConnections, int MaxConnections, IReadOnlyList<string> UnusedIndexes);

public static class DatabaseHealthQuery
{
    public const double SlowMs = 50;

    public static async Task<DatabaseHealth> ReadAsync(AntonioDbContext db, CancellationToken ct = default)
    {
        var health = await QueryJson.ReadAsync<DatabaseHealth>(db, """
            SELECT json_build_object(
              'statementsTracked', EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'),
              'calls', 0, 'averageMs', 0, 'callsOfSlowStatements', 0,
              'connections', (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()),
              'activeConnections', (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active'),
              'maxConnections', current_setting('max_connections')::int,
              'unusedIndexes', (SELECT COALESCE(json_agg(indexrelname ORDER BY indexrelname), '[]'::json)
                                  FROM pg_stat_user_indexes WHERE idx_scan = 0))::text AS "Value"
            """, [], ct) ?? throw new InvalidOperationException("The database's statistics were not readable.");
        if (!health.StatementsTracked) return health;
        // A separate command: without the extension the view does not exist and would fail the one above.
        var statements = await QueryJson.ReadAsync<StatementTotals>(db, """
            SELECT json_build_object(
              'calls', COALESCE(sum(calls), 0),
              'averageMs', COALESCE(sum(total_exec_time) / NULLIF(sum(calls), 0), 0),
              'callsOfSlowStatements', COALESCE(sum(calls) FILTER (WHERE mean_exec_time > {0}), 0))::text AS "Value"
              FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, [SlowMs], ct);
        return statements is null ? health
            : health with { Calls = statements.Calls, AverageMs = statements.AverageMs, CallsOfSlowStatements = statements.CallsOfSlowStatements };
    }

    private sealed record StatementTotals(long Calls, double AverageMs, long CallsOfSlowStatements);
}
