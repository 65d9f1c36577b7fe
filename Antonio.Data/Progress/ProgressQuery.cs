namespace Antonio.Data.Progress;

/// <summary>
/// A user's progress in a workshop's lessons: which they completed and where they stopped each video. ONE SQL
/// command over the (user_id, resource_id) key.
/// </summary>
public static class ProgressQuery
{
    public static async Task<LessonProgressRows> ReadAsync(AntonioDbContext db, Guid userId, IReadOnlyCollection<Guid> lessonIds, CancellationToken ct = default)
    {
        if (lessonIds.Count == 0) return LessonProgressRows.Empty;
        return await QueryJson.ReadAsync<LessonProgressRows>(db, """
            SELECT json_build_object(
                'completed', COALESCE(json_agg(resource_id) FILTER (WHERE completed_at IS NOT NULL), '[]'::json),
                'positions', COALESCE(json_object_agg(resource_id, position_seconds) FILTER (WHERE position_seconds > 0), '{{}}'::json)
            ) AS "Value"
              FROM resource_progress
             WHERE user_id = {0} AND resource_id = ANY({1})
            """, [userId, lessonIds.ToArray()], ct) ?? LessonProgressRows.Empty; // '{{}}' is '{}': the SQL is a format string
    }
}

/// <summary>What <see cref="ProgressQuery"/> reads: completed lessons and video positions (seconds) by lesson.</summary>
public sealed record LessonProgressRows(IReadOnlyList<Guid> Completed, IReadOnlyDictionary<Guid, int> Positions)
{
    public static readonly LessonProgressRows Empty = new([], new Dictionary<Guid, int>());
}
