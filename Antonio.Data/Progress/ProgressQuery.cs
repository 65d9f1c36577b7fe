
namespace Antonio.Data.Progress;

/// <summary>Which of a workshop's lessons a user completed: ONE SQL command over the (user_id, resource_id) key.</summary>
public static class ProgressQuery
{
    public static async Task<IReadOnlyList<Guid>> CompletedAsync(AntonioDbContext db, Guid userId, IReadOnlyCollection<Guid> lessonIds, CancellationToken ct = default)
    {
        if (lessonIds.Count == 0) return [];
        return await QueryJson.ReadAsync<List<Guid>>(db, """
            SELECT COALESCE(json_agg(resource_id), '[]'::json) AS "Value" FROM resource_progress
             WHERE user_id = {0} AND resource_id = ANY({1}) AND completed_at IS NOT NULL
            """, [userId, lessonIds.ToArray()], ct) ?? [];
    }
}
