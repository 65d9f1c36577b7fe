
namespace Antonio.Data.Content;

public sealed record WorkshopSummary
{
    public required Guid Id { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public string? CoverImage { get; init; }
    public string Visibility { get; init; } = ContentVisibilities.Public;
    public int LessonCount { get; init; }
    /// <summary>No self-paced or cohort product sells it (docs/domain.md, access rule 2).</summary>
    public bool IsFree { get; init; }
}

/// <summary>Published, listed (public) workshops in one SQL command, for the home and catalogue pages.</summary>
public static class WorkshopListQuery
{
    // Filtering on (type, fields->>'state') uses the ix_content_resources_type_state expression index.
    private const string Sql = """
        SELECT COALESCE(json_agg(json_build_object(
          'id', w.id, 'slug', w.fields->>'slug', 'title', w.fields->>'title',
          'description', w.fields->>'description', 'coverImage', w.fields->>'coverImage',
          'visibility', COALESCE(w.fields->>'visibility', 'public'),
          'lessonCount', (SELECT count(*) FROM content_resources x
                           WHERE x.type = 'lesson' AND x.deleted_at IS NULL AND (x.fields->>'state') = 'published'
                             AND x.id IN (SELECT a.child_id FROM content_links a WHERE a.parent_id = w.id
                                          UNION ALL
                                          SELECT b.child_id FROM content_links a JOIN content_links b ON b.parent_id = a.child_id
                                           WHERE a.parent_id = w.id)),
          'isFree', NOT EXISTS (SELECT 1 FROM content_products cp JOIN products p ON p.id = cp.product_id
                                 WHERE cp.resource_id = w.id AND p.status = 1 AND p.type IN ('self-paced', 'cohort'))
        ) ORDER BY w.created_at, w.id), '[]'::json) AS "Value"
        FROM content_resources w
        WHERE w.type = 'workshop' AND (w.fields->>'state') = 'published' AND w.deleted_at IS NULL
          AND COALESCE(w.fields->>'visibility', 'public') = 'public'
        """;

    public static async Task<IReadOnlyList<WorkshopSummary>> LoadAsync(AntonioDbContext db, CancellationToken ct = default) =>
        await QueryJson.ReadAsync<List<WorkshopSummary>>(db, Sql, [], ct) ?? [];
}
