using Antonio.Data.Commerce;
using Antonio.Web.Caching;

namespace Antonio.Web.Commerce;

/// <summary>Cached pricing reads: the site-wide sale candidates (one entry for the whole site), coupon codes, and per-product pricing inputs.</summary>
public sealed class PricingReader(CachedReader reader)
{
    public const int MaxCodeLength = 64;

    public ValueTask<IReadOnlyList<CouponData>> SiteCouponsAsync(CancellationToken ct = default) =>
        reader.GetAsync(CacheKeys.SiteCoupons(), CacheEntryKinds.Pricing,
            (db, token) => SiteCouponQuery.LoadDefaultsAsync(db, token), _ => [CacheTags.Coupons], ct);

    public ValueTask<IReadOnlyList<PricingProduct>> PricingInputsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct = default) =>
        reader.GetAsync(CacheKeys.PricingInputs(productIds), CacheEntryKinds.Pricing,
            (db, token) => PricingInputsQuery.LoadAsync(db, productIds, token),
            _ => productIds.Select(CacheTags.Product).Append(CacheTags.Coupons), ct);

    public async ValueTask<CouponData?> ByCodeAsync(string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > MaxCodeLength) return null;
        var normalized = code.Trim().ToUpperInvariant();
        return await reader.GetAsync(CacheKeys.CouponByCode(normalized), CacheEntryKinds.Pricing,
            (db, token) => SiteCouponQuery.LoadByCodeAsync(db, normalized, token), _ => [CacheTags.Coupons], ct);
    }
}
