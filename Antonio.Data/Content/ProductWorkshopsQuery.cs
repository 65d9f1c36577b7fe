using Microsoft.EntityFrameworkCore;

namespace Antonio.Data.Content;

/// <summary>A workshop a product sells, with when it opens (a cohort's workshop) — what the purchase e-mails say.</summary>
public sealed record ProductWorkshop(string Title, DateTimeOffset? StartsAt);

public static class ProductWorkshopsQuery
{
    public static Task<List<ProductWorkshop>> LoadAsync(AntonioDbContext db, Guid productId, CancellationToken ct = default) =>
        db.Database.SqlQuery<ProductWorkshop>($"""
            SELECT w.fields->>'title' AS title, (w.fields->>'startsAt')::timestamptz AS starts_at
              FROM content_products cp JOIN content_resources w ON w.id = cp.resource_id
             WHERE cp.product_id = {productId} AND w.deleted_at IS NULL ORDER BY cp.position
            """).ToListAsync(ct);
}
