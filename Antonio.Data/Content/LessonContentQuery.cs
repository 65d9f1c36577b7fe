
namespace Antonio.Data.Content;

/// <summary>Loads one lesson with its video and solution in ONE SQL command, by primary key.</summary>
public static class LessonContentQuery
{
    private const string Sql = """
        SELECT json_build_object(
          'id', r.id, 'type', r.type,
          'title', r.fields->>'title', 'slug', r.fields->>'slug', 'state', r.fields->>'state',
          'description', r.fields->>'description', 'body', r.fields->>'body', 'updatedAt', r.updated_at,
          'video', (SELECT json_build_object('id', v.id, 'playbackId', v.fields->>'playbackId',
                                             'state', v.fields->>'videoState', 'durationSeconds', v.fields->'durationSeconds',
                                             'transcript', v.fields->>'transcript', 'poster', v.fields->>'coverImage')
                      FROM content_links vl JOIN content_resources v ON v.id = vl.child_id
                     WHERE vl.parent_id = r.id AND v.type = 'video_resource' AND v.deleted_at IS NULL
                     ORDER BY vl.position LIMIT 1),
          'solution', (SELECT json_build_object('id', s.id, 'slug', s.fields->>'slug', 'title', s.fields->>'title',
                                                'state', s.fields->>'state', 'body', s.fields->>'body')
                         FROM content_links sl JOIN content_resources s ON s.id = sl.child_id
                        WHERE sl.parent_id = r.id AND s.type = 'solution' AND s.deleted_at IS NULL
                        ORDER BY sl.position LIMIT 1)
        ) AS "Value"
        FROM content_resources r
        WHERE r.id = {0} AND r.deleted_at IS NULL
        """;

    public static Task<LessonContent?> LoadAsync(AntonioDbContext db, Guid lessonId, CancellationToken ct = default) =>
        QueryJson.ReadAsync<LessonContent>(db, Sql, [lessonId], ct);
}
