using Antonio.Data.Commerce;
using Antonio.Web.Access;

namespace Antonio.Web.Commerce;

/// <summary>
/// Gathers a quote's inputs from cached reads (pricing inputs, site coupons, a code's coupon, the
/// viewer's snapshot) and asks the pure <see cref="PricingEngine"/>. The pricing section and the
/// checkout both price through here, so the page and the charge always agree.
/// </summary>
public sealed class QuoteService(PricingReader pricing)
{
    public const int MaxQuantity = 1_000;

    public async Task<IReadOnlyList<(PricingProduct Product, Quote Quote)>> QuoteAsync(IReadOnlyCollection<Guid> productIds, AccessContext viewer,
        string? code, int quantity, CancellationToken ct = default)
    {
        if (productIds.Count == 0) return [];
        var products = await pricing.PricingInputsAsync(productIds, ct);
        var siteCoupons = await pricing.SiteCouponsAsync(ct);
        var requested = string.IsNullOrWhiteSpace(code) ? null : code.Trim();
        var codeCoupon = requested is null ? null : await pricing.ByCodeAsync(requested, ct);
        var purchases = viewer.Snapshot?.Purchases ?? [];
        return products.Where(p => p.UnitAmountCents is not null && p.Status == RecordStatus.Active).Select(p => (p, PricingEngine.Price(new PricingInput
        {
            Product = p,
            Quantity = Math.Clamp(quantity, 1, MaxQuantity),
            RequestedCode = requested,
            // A team's seat coupon is for redeeming seats, never a discount code at checkout.
            CodeCoupon = codeCoupon?.BulkPurchaseId is null ? codeCoupon : null,
            SiteCoupons = siteCoupons,
            Country = viewer.Country,
            Purchases = purchases,
            SeatsAlreadyBought = purchases.Where(x => x.ProductId == p.ProductId && x.BulkCouponId is not null && PurchaseStatus.GrantsAccess(x.Status))
                .Sum(x => x.Quantity),
            Now = viewer.Now,
        }))).ToList();
    }
}
