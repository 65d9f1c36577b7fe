using Microsoft.EntityFrameworkCore;

namespace Antonio.Data.Commerce;

/// <summary>A cohort: an active cohort product with a page (a slug), and its schedule — the workshops it sells, in order, each opening at its own start.</summary>
public sealed record CohortData(Guid ProductId, string Name, string Slug, string? Description, IReadOnlyList<CohortWorkshop> Schedule);

public sealed record CohortWorkshop(Guid Id, string Title, string Slug, DateTimeOffset? OpensAt);

public static class CohortQuery
{
    private sealed record Row(Guid ProductId, string Name, string Slug, string? Description, Guid? WorkshopId, string? Title, string? WorkshopSlug, DateTimeOffset? OpensAt);

    /// <summary>Every cohort with a page, by name; only published workshops are on a schedule.</summary>
    public static async Task<IReadOnlyList<CohortData>> LoadAsync(AntonioDbContext db, CancellationToken ct = default)
    {
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT p.id AS product_id, p.name, p.slug, p.description, w.id AS workshop_id, w.fields->>'title' AS title,
                   w.fields->>'slug' AS workshop_slug, (w.fields->>'startsAt')::timestamptz AS opens_at
              FROM products p
              LEFT JOIN content_products cp ON cp.product_id = p.id
              LEFT JOIN content_resources w ON w.id = cp.resource_id AND w.deleted_at IS NULL AND w.fields->>'state' = 'published'
             WHERE p.type = {ProductTypes.Cohort} AND p.status = 1 AND p.slug IS NOT NULL
             ORDER BY p.name, cp.position
            """).ToListAsync(ct);
        return [.. rows.GroupBy(r => r.ProductId).Select(g =>
        {
            var first = g.First();
            return new CohortData(first.ProductId, first.Name, first.Slug, first.Description,
                [.. g.Where(r => r.WorkshopId is not null).Select(r => new CohortWorkshop(r.WorkshopId!.Value, r.Title ?? "", r.WorkshopSlug ?? "", r.OpensAt))]);
        })];
    }
}
