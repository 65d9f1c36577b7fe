using Antonio.Data.Access;
using Antonio.Data.Commerce;

namespace Antonio.Web.Commerce;

/// <summary>What kind of discount a quote applied.</summary>
public static class CouponKinds
{
    public const string None = "none";
    public const string Percentage = "percentage";
    public const string Fixed = "fixed";
    public const string Ppp = "ppp";
    public const string Bulk = "bulk";
}

/// <summary>Everything a price depends on; the caller gathers it from cached reads.</summary>
public sealed record PricingInput
{
    public required PricingProduct Product { get; init; }
    public int Quantity { get; init; } = 1;
    /// <summary>The code the visitor gave (?code= or ?coupon=), if any, and the coupon it names (null when unknown).</summary>
    public string? RequestedCode { get; init; }
    public CouponData? CodeCoupon { get; init; }
    /// <summary>Candidates for the site-wide default coupon.</summary>
    public IReadOnlyList<CouponData> SiteCoupons { get; init; } = [];
    public string? Country { get; init; }
    /// <summary>The buyer's purchases (empty when signed out).</summary>
    public IReadOnlyList<SnapshotPurchase> Purchases { get; init; } = [];
    /// <summary>Team seats the buyer already holds for this product (bulk tiers count them).</summary>
    public int SeatsAlreadyBought { get; init; }
    public DateTimeOffset Now { get; init; }
}

/// <summary>A PPP price offered to the visitor's country; <see cref="Applied"/> when it is the quote's discount.</summary>
public sealed record PppOffer(string CountryCode, string CountryName, decimal Percent, long FinalCents, bool Applied);

/// <summary>An upgrade: from a region-restricted purchase to full access, or from owned parts to a bundle.</summary>
public sealed record UpgradeInfo(string Kind, long DiscountCents)
{
    public const string RestrictedToFull = "restricted-to-full";
    public const string PartsToBundle = "parts-to-bundle";
}

/// <summary>Every figure the price display shows. Money in integer cents.</summary>
public sealed record Quote(Guid ProductId, long UnitCents, int Quantity, long FullCents, long FinalCents,
    CouponData? AppliedCoupon, string CouponKind)
{
    /// <summary>The applied fraction for percentage, PPP and bulk discounts.</summary>
    public decimal? AppliedPercent { get; init; }
    public PppOffer? Ppp { get; init; }
    public bool IsBulk { get; init; }
    public decimal BulkPercent { get; init; }
    public UpgradeInfo? Upgrade { get; init; }
    /// <summary>Why the requested coupon code does not apply, for the visitor to read.</summary>
    public string? CouponRejection { get; init; }

    public bool IsDiscounted => FinalCents < FullCents;
    public long SavedCents => FullCents - FinalCents;
    /// <summary>Undiscounted list price (unit × quantity), before upgrades.</summary>
    public long ListCents => UnitCents * Quantity;
}

/// <summary>
/// What a price is, as pure functions: no I/O, money in integer cents.
/// full = unit × quantity − upgrade discount; then exactly one discount, chosen in this order:
/// a valid PPP discount, else the bulk tier, else the special coupon (a code, else the site-wide sale).
/// </summary>
public static class PricingEngine
{
    public const decimal PppMinimum = 0.40m, PppMaximum = 0.75m;

    /// <summary>Why a coupon does not apply to a product, or null when it does.</summary>
    public static string? RejectionReason(CouponData coupon, Guid productId, DateTimeOffset now)
    {
        if (coupon.Status != RecordStatus.Active) return "This coupon is no longer active.";
        if (coupon.ExpiresAt is { } expires && expires <= now) return "This coupon has expired.";
        if (CouponRules.IsUsedUp(coupon.MaxUses, coupon.UsedCount)) return "This coupon has been used up.";
        if (coupon.RestrictedToProductId is { } only && only != productId) return "This coupon is for another product.";
        return null;
    }

    /// <summary>
    /// The site-wide sale: default, active, not expired, not used up, restricted to nothing or to one of
    /// <paramref name="shownProducts"/>; the highest percentage wins (ties: the smallest id, for stability).
    /// </summary>
    public static CouponData? SelectSiteCoupon(IEnumerable<CouponData> candidates, IReadOnlyCollection<Guid> shownProducts, DateTimeOffset now) =>
        candidates
            .Where(c => c.IsDefault && c.PercentageDiscount is > 0)
            .Where(c => c.RestrictedToProductId is null || shownProducts.Contains(c.RestrictedToProductId.Value))
            .Where(c => RejectionReason(c with { RestrictedToProductId = null }, Guid.Empty, now) is null)
            .OrderByDescending(c => c.PercentageDiscount)
            .ThenBy(c => c.Id)
            .FirstOrDefault();

    /// <summary>Bulk tiers by total seats (new + already bought): 1–4 0%, 5–9 5%, 10–29 10%, 30–49 15%, 50–79 25%, 80–99 35%, ≥100 45%.</summary>
    public static decimal BulkTier(int totalSeats) => totalSeats switch
    {
        >= 100 => 0.45m,
        >= 80 => 0.35m,
        >= 50 => 0.25m,
        >= 30 => 0.15m,
        >= 10 => 0.10m,
        >= 5 => 0.05m,
        _ => 0m,
    };

    /// <summary>PPP discount for a price-level ratio: 1 − ratio rounded to 0.05; none below 0.40; at most 0.75.</summary>
    public static decimal? PppDiscount(decimal? ratio)
    {
        if (ratio is not { } r || r <= 0) return null;
        var discount = Math.Round((1m - r) / 0.05m, MidpointRounding.AwayFromZero) * 0.05m;
        if (discount < PppMinimum) return null;
        return Math.Min(discount, PppMaximum);
    }

    /// <summary>A percentage of an amount in cents, rounded half away from zero.</summary>
    public static long ApplyPercent(long cents, decimal percent) =>
        (long)Math.Round(cents * (1m - percent), MidpointRounding.AwayFromZero);

    private static long ApplyCoupon(long cents, CouponData coupon) =>
        Math.Max(0, coupon.AmountDiscountCents is { } amount ? cents - amount : ApplyPercent(cents, coupon.PercentageDiscount ?? 0m));

    /// <summary>
    /// Upgrades (quantity 1): from a Restricted purchase of this product, the total paid along its
    /// upgrade chain; else, to a bundle, the unit prices of the parts the buyer owns.
    /// </summary>
    public static UpgradeInfo? Upgrade(PricingProduct product, IReadOnlyList<SnapshotPurchase> purchases)
    {
        // The head of the chain: the Restricted purchase of this product that nothing was upgraded from.
        var restricted = purchases.Where(p => p.ProductId == product.ProductId && p.Status == PurchaseStatus.Restricted)
            .OrderBy(p => purchases.Any(x => x.UpgradedFromId == p.Id) ? 1 : 0).ThenByDescending(p => p.CreatedAt).FirstOrDefault();
        if (restricted is not null)
        {
            long paid = 0;
            var seen = new HashSet<Guid>();
            for (var p = restricted; p is not null && seen.Add(p.Id); p = purchases.FirstOrDefault(x => x.Id == p.UpgradedFromId))
                paid += p.TotalAmountCents;
            return new UpgradeInfo(UpgradeInfo.RestrictedToFull, paid);
        }
        var owned = product.UpgradableFrom
            .Where(part => purchases.Any(p => p.ProductId == part.ProductId && PurchaseStatus.GrantsAccess(p.Status) && p.RedeemedBulkCouponId is null))
            .Sum(part => part.UnitAmountCents ?? 0);
        return owned > 0 ? new UpgradeInfo(UpgradeInfo.PartsToBundle, owned) : null;
    }

    public static Quote Price(PricingInput input)
    {
        var product = input.Product;
        var quantity = Math.Max(1, input.Quantity);
        var unit = product.UnitAmountCents ?? 0;

        // The special coupon: a valid code, else the site-wide sale that applies to this product.
        string? rejection = null;
        CouponData? special = null;
        if (input.RequestedCode is not null)
        {
            if (input.CodeCoupon is null) rejection = "We don't know that coupon code.";
            else if (RejectionReason(input.CodeCoupon, product.ProductId, input.Now) is { } reason) rejection = reason;
            else special = input.CodeCoupon;
        }
        var userChosePercentage = special?.PercentageDiscount is not null;
        special ??= SelectSiteCoupon(input.SiteCoupons.Where(c => RejectionReason(c, product.ProductId, input.Now) is null),
            [product.ProductId], input.Now);

        // Bulk: a team purchase (several seats, or more seats for a team that has some).
        var bulkMode = quantity > 1 || input.SeatsAlreadyBought > 0;
        var bulkPercent = bulkMode ? BulkTier(quantity + input.SeatsAlreadyBought) : 0m;

        // Upgrades only for a single personal seat, never on bulk.
        var upgrade = quantity == 1 && !bulkMode ? Upgrade(product, input.Purchases) : null;
        var full = Math.Max(0, unit * quantity - (upgrade?.DiscountCents ?? 0));
        var specialFinal = special is null ? full : ApplyCoupon(full, special);

        // PPP: one seat, no Valid purchase, a known country with a discount, and it must beat the special coupon.
        PppOffer? ppp = null;
        if (quantity == 1 && !bulkMode && !input.Purchases.Any(p => p.Status == PurchaseStatus.Valid)
            && PppTable.Shipped.Find(input.Country) is { } country && PppDiscount(country.Ratio) is { } pppPercent)
        {
            var pppFinal = ApplyPercent(full, pppPercent);
            var applies = pppFinal < specialFinal && !userChosePercentage;
            ppp = new PppOffer(country.Code.ToUpperInvariant(), country.Name, pppPercent, pppFinal, applies);
            if (applies)
                return new Quote(product.ProductId, unit, quantity, full, pppFinal, null, CouponKinds.Ppp)
                { AppliedPercent = pppPercent, Ppp = ppp, Upgrade = upgrade, CouponRejection = rejection };
        }

        if (bulkPercent > 0 && ApplyPercent(full, bulkPercent) < specialFinal)
            return new Quote(product.ProductId, unit, quantity, full, ApplyPercent(full, bulkPercent), null, CouponKinds.Bulk)
            { AppliedPercent = bulkPercent, IsBulk = true, BulkPercent = bulkPercent, Ppp = ppp, CouponRejection = rejection };

        if (special is not null)
            return new Quote(product.ProductId, unit, quantity, full, specialFinal, special,
                    special.AmountDiscountCents is not null ? CouponKinds.Fixed : CouponKinds.Percentage)
            { AppliedPercent = special.PercentageDiscount, IsBulk = bulkMode, BulkPercent = bulkPercent, Ppp = ppp, Upgrade = upgrade, CouponRejection = rejection };

        return new Quote(product.ProductId, unit, quantity, full, full, null, CouponKinds.None)
        { IsBulk = bulkMode, BulkPercent = bulkPercent, Ppp = ppp, Upgrade = upgrade, CouponRejection = rejection };
    }
}
