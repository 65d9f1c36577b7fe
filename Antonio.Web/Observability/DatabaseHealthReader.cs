using Antonio.Data;
using Antonio.Data.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Observability;

/// <summary>The live database's statement times, connections and unused indexes (for the admin performance page).</summary>
public sealed class DatabaseHealthReader(IDbContextFactory<AntonioDbContext> dbFactory)
{
    public async Task<DatabaseHealth> ReadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await DatabaseHealthQuery.ReadAsync(db, ct);
    }
}
