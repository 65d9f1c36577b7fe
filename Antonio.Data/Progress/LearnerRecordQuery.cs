namespace Antonio.Data.Progress;

/// <summary>
/// Everything a learner's home needs beyond their access snapshot and the cached workshops, in ONE SQL
/// command: every lesson they touched (completed or watched, and when), the workshops those lessons
/// sit in (top-level or one section down), and their certificates.
/// </summary>
public static class LearnerRecordQuery
{
    private const string Sql = """
        WITH mine AS (
          SELECT resource_id, completed_at, position_seconds, COALESCE(updated_at, completed_at, created_at) AS touched_at
            FROM resource_progress WHERE user_id = {0}
        )
        SELECT json_build_object(
          'lessons', (SELECT COALESCE(json_agg(json_build_object('id', resource_id, 'completed', completed_at IS NOT NULL,
                        'touchedAt', touched_at)), '[]'::json) FROM mine),
          'workshops', (SELECT COALESCE(json_agg(DISTINCT w.id), '[]'::json)
                          FROM content_resources w
                         WHERE w.type = 'workshop' AND w.deleted_at IS NULL
                           AND w.id IN (SELECT a.parent_id FROM content_links a WHERE a.child_id IN (SELECT resource_id FROM mine)
                                        UNION
                                        SELECT b.parent_id FROM content_links a JOIN content_links b ON b.child_id = a.parent_id
                                         WHERE a.child_id IN (SELECT resource_id FROM mine))),
          'certificates', (SELECT COALESCE(json_agg(json_build_object('code', c.code, 'workshopId', c.workshop_id,
                             'completedAt', c.completed_at) ORDER BY c.issued_at), '[]'::json)
                             FROM certificates c WHERE c.user_id = {0} AND c.revoked_at IS NULL)
        ) AS "Value"
        """;

    public static async Task<LearnerRecord> ReadAsync(AntonioDbContext db, Guid userId, CancellationToken ct = default) =>
        await QueryJson.ReadAsync<LearnerRecord>(db, Sql, [userId], ct) ?? LearnerRecord.Empty;
}

/// <summary>What <see cref="LearnerRecordQuery"/> reads.</summary>
public sealed record LearnerRecord(IReadOnlyList<TouchedLesson> Lessons, IReadOnlyList<Guid> Workshops, IReadOnlyList<HeldCertificate> Certificates)
{
    public static readonly LearnerRecord Empty = new([], [], []);
}

public sealed record TouchedLesson(Guid Id, bool Completed, DateTimeOffset TouchedAt);

public sealed record HeldCertificate(string Code, Guid WorkshopId, DateTimeOffset CompletedAt);
