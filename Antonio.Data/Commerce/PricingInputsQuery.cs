
namespace Antonio.Data.Commerce;

/// <summary>A product as the pricing engine sees it: current price and the products it upgrades from.</summary>
public sealed record PricingProduct
{
    public required Guid ProductId { get; init; }
    public required string Name { get; init; }
    public required string Type { get; init; }
    public int Status { get; init; }
    public long? UnitAmountCents { get; init; }
    /// <summary>Owners of these may upgrade; each with its own current price (the part → bundle discount).</summary>
    public IReadOnlyList<UpgradePart> UpgradableFrom { get; init; } = [];
}

public sealed record UpgradePart(Guid ProductId, string Name, long? UnitAmountCents);

/// <summary>Pricing inputs for a page's products in ONE SQL command (primary-key lookups).</summary>
public static class PricingInputsQuery
{
    /// <summary>The current price of the product row aliased <paramref name="alias"/>.</summary>
    private static string Price(string alias) =>
        $"(SELECT pr.unit_amount_cents FROM prices pr WHERE pr.product_id = {alias}.id AND pr.status = 1 ORDER BY pr.created_at DESC LIMIT 1)";

    private static readonly string Sql = $$"""
        SELECT COALESCE(json_agg(json_build_object(
          'productId', p.id, 'name', p.name, 'type', p.type, 'status', p.status,
          'unitAmountCents', {{Price("p")}},
          'upgradableFrom', COALESCE((SELECT json_agg(json_build_object('productId', f.id, 'name', f.name,
                                                                        'unitAmountCents', {{Price("f")}}))
                                        FROM upgradable_products u JOIN products f ON f.id = u.upgradable_from_id
                                       WHERE u.upgradable_to_id = p.id), '[]'::json)
        ) ORDER BY p.created_at, p.id), '[]'::json) AS "Value"
        FROM products p WHERE p.id = ANY({0})
        """;

    public static async Task<IReadOnlyList<PricingProduct>> LoadAsync(AntonioDbContext db, IReadOnlyCollection<Guid> productIds, CancellationToken ct = default)
    {
        if (productIds.Count == 0) return [];
        return await QueryJson.ReadAsync<List<PricingProduct>>(db, Sql, [productIds.ToArray()], ct) ?? [];
    }
}
