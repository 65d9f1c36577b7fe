using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Data.Progress;

/// <summary>Which of a workshop's lessons a user completed: ONE SQL command over the (user_id, resource_id) key.</summary>
public static class ProgressQuery
{
    public static async Task<IReadOnlyList<Guid>> CompletedAsync(AntonioDbContext db, Guid userId, IReadOnlyCollection<Guid> lessonIds, CancellationToken ct = default)
    {
        if (lessonIds.Count == 0) return [];
        var json = (await db.Database.SqlQueryRaw<string>("""
            SELECT COALESCE(json_agg(resource_id), '[]'::json) AS "Value" FROM resource_progress
             WHERE user_id = {0} AND resource_id = ANY({1}) AND completed_at IS NOT NULL
            """, userId, lessonIds.ToArray()).ToListAsync(ct)).First();
        return JsonSerializer.Deserialize<List<Guid>>(json) ?? [];
    }
}
