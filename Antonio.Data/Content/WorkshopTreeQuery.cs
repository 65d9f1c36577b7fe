
namespace Antonio.Data.Content;

/// <summary>
/// Loads a workshop, its whole tree (sections → lessons → solution/video ids) and its products with
/// prices in ONE SQL command, whatever the workshop's size: PostgreSQL assembles the JSON document.
/// </summary>
public static class WorkshopTreeQuery
{
    private static string LessonJson(string link, string res) => $"""
        json_build_object(
          'id', {res}.id, 'type', {res}.type,
          'title', {res}.fields->>'title', 'slug', {res}.fields->>'slug', 'state', {res}.fields->>'state',
          'free', COALESCE({res}.fields->'free' = 'true'::jsonb, false),
          'tier', {link}.metadata->>'tier',
          'solution', (SELECT json_build_object('id', s.id, 'slug', s.fields->>'slug', 'title', s.fields->>'title', 'state', s.fields->>'state')
                         FROM content_links sl JOIN content_resources s ON s.id = sl.child_id
                        WHERE sl.parent_id = {res}.id AND s.type = 'solution' AND s.deleted_at IS NULL
                        ORDER BY sl.position LIMIT 1),
          'video', (SELECT json_build_object('id', v.id, 'state', v.fields->>'videoState',
                                             'durationSeconds', v.fields->'durationSeconds')
                      FROM content_links vl JOIN content_resources v ON v.id = vl.child_id
                     WHERE vl.parent_id = {res}.id AND v.type = 'video_resource' AND v.deleted_at IS NULL
                     ORDER BY vl.position LIMIT 1))
        """;

    private static readonly string Select = $"""
        SELECT json_build_object(
          'id', w.id,
          'slug', w.fields->>'slug', 'title', w.fields->>'title', 'state', w.fields->>'state',
          'visibility', COALESCE(w.fields->>'visibility', 'public'),
          'description', w.fields->>'description', 'body', w.fields->>'body',
          'coverImage', w.fields->>'coverImage',
          'startsAt', w.fields->'startsAt', 'endsAt', w.fields->'endsAt',
          'createdById', w.created_by_id, 'updatedAt', w.updated_at,
          'introVideo', (SELECT json_build_object('id', v.id, 'playbackId', v.fields->>'playbackId',
                                                  'state', v.fields->>'videoState', 'durationSeconds', v.fields->'durationSeconds',
                                                  'poster', v.fields->>'coverImage')
                           FROM content_links vl JOIN content_resources v ON v.id = vl.child_id
                          WHERE vl.parent_id = w.id AND v.type = 'video_resource' AND v.deleted_at IS NULL
                          ORDER BY vl.position LIMIT 1),
          'children', COALESCE((
            SELECT json_agg(CASE WHEN c.type = 'section' THEN json_build_object(
                     'id', c.id, 'type', c.type,
                     'title', c.fields->>'title', 'slug', c.fields->>'slug', 'state', c.fields->>'state',
                     'tier', l.metadata->>'tier',
                     'children', COALESCE((
                        SELECT json_agg({LessonJson("l2", "c2")} ORDER BY l2.position)
                          FROM content_links l2 JOIN content_resources c2 ON c2.id = l2.child_id
                         WHERE l2.parent_id = c.id AND c2.type = 'lesson' AND c2.deleted_at IS NULL), '[]'::json))
                   ELSE {LessonJson("l", "c")} END ORDER BY l.position)
              FROM content_links l JOIN content_resources c ON c.id = l.child_id
             WHERE l.parent_id = w.id AND c.type IN ('section', 'lesson') AND c.deleted_at IS NULL), '[]'::json),
          'products', COALESCE((
            SELECT json_agg(json_build_object(
                     'id', p.id, 'name', p.name, 'type', p.type, 'status', p.status,
                     'unitAmountCents', (SELECT pr.unit_amount_cents FROM prices pr
                                          WHERE pr.product_id = p.id AND pr.status = 1
                                          ORDER BY pr.created_at DESC LIMIT 1),
                     'upgradableFrom', COALESCE((SELECT json_agg(u.upgradable_from_id) FROM upgradable_products u
                                                  WHERE u.upgradable_to_id = p.id), '[]'::json))
                   ORDER BY cp.position)
              FROM content_products cp JOIN products p ON p.id = cp.product_id
             WHERE cp.resource_id = w.id), '[]'::json)
        ) AS "Value"
        FROM content_resources w
        """;

    /// <summary>Finds a workshop by slug, or by id when the key is a UUID. Null when there is none.</summary>
    public static async Task<WorkshopData?> LoadAsync(AntonioDbContext db, string slugOrId, CancellationToken ct = default)
    {
        // The slug branch uses the (type, fields->>'slug') unique index; the id branch the primary key.
        // Select is constant SQL assembled at type load; the only input travels as parameter {0}.
        return Guid.TryParse(slugOrId, out var id)
            ? await QueryJson.ReadAsync<WorkshopData>(db, Select + " WHERE w.type = 'workshop' AND w.deleted_at IS NULL AND w.id = {0}", [id], ct)
            : await QueryJson.ReadAsync<WorkshopData>(db, Select + " WHERE w.type = 'workshop' AND w.deleted_at IS NULL AND (w.fields->>'slug') = {0}", [slugOrId], ct);
    }
}
