using Antonio.Data;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Auditing;

public sealed record AuditRow(long Id, string? Who, string Action, string EntityType, Guid EntityId, string? Before, string? After, DateTimeOffset At);

/// <summary>The audit trail, newest first: everything, or one entity's history.</summary>
public sealed class AuditLogReader(IDbContextFactory<AntonioDbContext> dbFactory)
{
    public const int PageSize = 200;

    public async Task<IReadOnlyList<AuditRow>> LatestAsync(Guid? entityId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.AuditEntries.AsNoTracking();
        if (entityId is { } id) query = query.Where(a => a.EntityId == id);
        var rows = await query.OrderByDescending(a => a.Id).Take(PageSize)
            .Select(a => new { a.Id, Who = db.Users.Where(u => u.Id == a.UserId).Select(u => u.Email).FirstOrDefault(), a.Action, a.EntityType, a.EntityId, a.Before, a.After, a.CreatedAt })
            .ToListAsync(ct);
        return rows.Select(a => new AuditRow(a.Id, a.Who, a.Action, a.EntityType, a.EntityId,
            Shorten(a.Before?.RootElement.GetRawText()), Shorten(a.After?.RootElement.GetRawText()), a.CreatedAt)).ToList();
    }

    /// <summary>Lesson bodies can be 200 KB: the list shows the start of each document (the row keeps all of it).</summary>
    private static string? Shorten(string? json) => json is { Length: > 2_000 } ? json[..2_000] + " … (shortened)" : json;
}
