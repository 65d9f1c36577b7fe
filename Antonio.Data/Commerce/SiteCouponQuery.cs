
namespace Antonio.Data.Commerce;

/// <summary>The fields of a coupon the pricing engine needs.</summary>
public sealed record CouponData
{
    public required Guid Id { get; init; }
    public string? Code { get; init; }
    public decimal? PercentageDiscount { get; init; }
    public long? AmountDiscountCents { get; init; }
    public bool IsDefault { get; init; }
    public int Status { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public int MaxUses { get; init; } = -1;
    public int UsedCount { get; init; }
    public Guid? RestrictedToProductId { get; init; }
    public Guid? BulkPurchaseId { get; init; }
    /// <summary>For coupons restricted to a product: its name and its first workshop (the sale banner names it).</summary>
    public string? ProductName { get; init; }
    public string? WorkshopSlug { get; init; }
    public string? WorkshopTitle { get; init; }
}

/// <summary>
/// The candidates for the site-wide sale coupon (default, active) in ONE SQL command over the
/// partial index on is_default — never a scan of products. Expiry and uses are judged by the
/// pricing engine against its clock, so a cached list stays correct as time passes.
/// </summary>
public static class SiteCouponQuery
{
    private const string Columns = """
        json_build_object('id', c.id, 'code', c.code, 'percentageDiscount', c.percentage_discount,
          'amountDiscountCents', c.amount_discount_cents, 'isDefault', c.is_default, 'status', c.status,
          'expiresAt', c.expires_at, 'maxUses', c.max_uses, 'usedCount', c.used_count,
          'restrictedToProductId', c.restricted_to_product_id, 'bulkPurchaseId', c.bulk_purchase_id,
          'productName', (SELECT p.name FROM products p WHERE p.id = c.restricted_to_product_id),
          'workshopSlug', (SELECT w.fields->>'slug' FROM content_products cp JOIN content_resources w ON w.id = cp.resource_id
                            WHERE cp.product_id = c.restricted_to_product_id AND w.deleted_at IS NULL
                            ORDER BY cp.position LIMIT 1),
          'workshopTitle', (SELECT w.fields->>'title' FROM content_products cp JOIN content_resources w ON w.id = cp.resource_id
                             WHERE cp.product_id = c.restricted_to_product_id AND w.deleted_at IS NULL
                             ORDER BY cp.position LIMIT 1))
        """;

    public static async Task<IReadOnlyList<CouponData>> LoadDefaultsAsync(AntonioDbContext db, CancellationToken ct = default)
    {
        return await QueryJson.ReadAsync<List<CouponData>>(db,
            $"SELECT COALESCE(json_agg({Columns}), '[]'::json) AS \"Value\" FROM coupons c WHERE c.is_default AND c.status = 1", [], ct) ?? [];
    }

    /// <summary>A coupon by its code (case-insensitive match is the caller's job: codes are stored upper-case).</summary>
    public static async Task<CouponData?> LoadByCodeAsync(AntonioDbContext db, string code, CancellationToken ct = default)
    {
        return await QueryJson.ReadAsync<CouponData>(db, $"SELECT {Columns} AS \"Value\" FROM coupons c WHERE c.code = {{0}}", [code], ct);
    }
}
