namespace Antonio.Data.Search;

/// <summary>
/// What the sitemap and the feed list: published, public (listed) workshops and their published lessons (in
/// published sections), with when each last changed, in ONE SQL command.
/// </summary>
public static class CatalogueMapQuery
{
    private const string Sql = """
        WITH w AS (SELECT id, fields, created_at, updated_at FROM content_resources
                    WHERE type = 'workshop' AND deleted_at IS NULL AND (fields->>'state') = 'published'
                      AND COALESCE(fields->>'visibility', 'public') = 'public'),
        l AS (SELECT a.parent_id AS wid, c.fields->>'slug' AS slug, c.updated_at, a.position, 0 AS section_position
                FROM content_links a JOIN content_resources c ON c.id = a.child_id
               WHERE a.parent_id IN (SELECT id FROM w) AND c.type = 'lesson' AND c.deleted_at IS NULL AND (c.fields->>'state') = 'published'
              UNION ALL
              SELECT a.parent_id, c.fields->>'slug', c.updated_at, b.position, a.position
                FROM content_links a JOIN content_resources s ON s.id = a.child_id AND s.type = 'section' AND s.deleted_at IS NULL AND (s.fields->>'state') = 'published'
                JOIN content_links b ON b.parent_id = s.id
                JOIN content_resources c ON c.id = b.child_id AND c.type = 'lesson' AND c.deleted_at IS NULL AND (c.fields->>'state') = 'published'
               WHERE a.parent_id IN (SELECT id FROM w))
        SELECT COALESCE(json_agg(json_build_object(
          'slug', w.fields->>'slug', 'title', w.fields->>'title', 'description', w.fields->>'description',
          'createdAt', w.created_at, 'updatedAt', GREATEST(w.updated_at, (SELECT max(l.updated_at) FROM l WHERE l.wid = w.id)),
          'lessons', COALESCE((SELECT json_agg(json_build_object('slug', l.slug, 'updatedAt', l.updated_at) ORDER BY l.section_position, l.position)
                                 FROM l WHERE l.wid = w.id), '[]'::json)
        ) ORDER BY w.created_at), '[]'::json) AS "Value"
          FROM w
        """;

    public static async Task<IReadOnlyList<MappedWorkshop>> LoadAsync(AntonioDbContext db, CancellationToken ct = default) =>
        await QueryJson.ReadAsync<List<MappedWorkshop>>(db, Sql, [], ct) ?? [];
}

public sealed record MappedWorkshop(string Slug, string Title, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<MappedLesson> Lessons);

public sealed record MappedLesson(string Slug, DateTimeOffset UpdatedAt);
