
namespace Antonio.Data.Access;

public sealed record TeamSeatsView
{
    public required Guid PurchaseId { get; init; }
    public required string ProductName { get; init; }
    public required string Code { get; init; }
    public int MaxUses { get; init; }
    public int UsedCount { get; init; }
    public string? WorkshopSlug { get; init; }
    public IReadOnlyList<string> Members { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }

    public int SeatsLeft => Math.Max(0, MaxUses - UsedCount);
}

/// <summary>Team seats for the /team page and the seat-redemption page, one SQL command each.</summary>
public static class TeamQuery
{
    private const string Columns = """
        json_build_object('purchaseId', p.id, 'productName', pr.name, 'code', c.code, 'maxUses', c.max_uses, 'usedCount', c.used_count,
          'createdAt', p.created_at,
          'workshopSlug', (SELECT w.fields->>'slug' FROM content_products cp JOIN content_resources w ON w.id = cp.resource_id
                            WHERE cp.product_id = pr.id AND w.deleted_at IS NULL ORDER BY cp.position LIMIT 1),
          'members', COALESCE((SELECT json_agg(u.email ORDER BY s.created_at) FROM purchases s JOIN users u ON u.id = s.user_id
                                WHERE s.redeemed_bulk_coupon_id = c.id), '[]'::json))
        """;

    public static async Task<IReadOnlyList<TeamSeatsView>> ForBuyerAsync(AntonioDbContext db, Guid userId, CancellationToken ct = default)
    {
        return await QueryJson.ReadAsync<List<TeamSeatsView>>(db, $$"""
            SELECT COALESCE(json_agg({{Columns}} ORDER BY p.created_at), '[]'::json) AS "Value"
              FROM purchases p JOIN coupons c ON c.id = p.bulk_coupon_id JOIN products pr ON pr.id = p.product_id
             WHERE p.user_id = {0} AND p.status IN ('Valid', 'Restricted')
            """, [userId], ct) ?? [];
    }

    public static async Task<TeamSeatsView?> ByCodeAsync(AntonioDbContext db, string code, CancellationToken ct = default)
    {
        return await QueryJson.ReadAsync<TeamSeatsView>(db, $$"""
            SELECT {{Columns}} AS "Value"
              FROM coupons c JOIN purchases p ON p.id = c.bulk_purchase_id JOIN products pr ON pr.id = p.product_id
             WHERE c.code = {0} AND p.status IN ('Valid', 'Restricted')
            """, [code], ct);
    }
}
