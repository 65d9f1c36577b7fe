using Antonio.Data.Commerce;
using Antonio.Data.Content;

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

/// <summary>Every figure the price display shows. Money in integer cents.</summary>
public sealed record Quote(Guid ProductId, long UnitCents, int Quantity, long FullCents, long FinalCents,
    CouponData? AppliedCoupon, string CouponKind)
{
    public bool IsDiscounted => FinalCents < FullCents;
    public long SavedCents => FullCents - FinalCents;
}

/// <summary>
/// What a price is (§5c), as pure functions over cached inputs. This holds the coupon rules the
/// learner pages need now (site-wide default, validity, application); PPP, bulk tiers and upgrades
/// join it in the commerce issue.
/// </summary>
public static class PricingEngine
{
    /// <summary>Why a coupon does not apply, or null when it does.</summary>
    public static string? RejectionReason(CouponData coupon, Guid productId, DateTimeOffset now)
    {
        if (coupon.Status != 1) return "This coupon is no longer active.";
        if (coupon.ExpiresAt is { } expires && expires <= now) return "This coupon has expired.";
        if (coupon.MaxUses != -1 && coupon.UsedCount >= coupon.MaxUses) return "This coupon has been used up.";
        if (coupon.RestrictedToProductId is { } only && only != productId) return "This coupon is for another product.";
        return null;
    }

    /// <summary>
    /// The site-wide sale: default, active, not expired, not used up, restricted to nothing or to a
    /// product shown on the page; the highest percentage wins (ties: the earliest id, for stability).
    /// </summary>
    public static CouponData? SelectSiteCoupon(IEnumerable<CouponData> candidates, IReadOnlyCollection<Guid> shownProducts, DateTimeOffset now) =>
        candidates
            .Where(c => c.IsDefault && c.PercentageDiscount is > 0)
            .Where(c => c.RestrictedToProductId is null || shownProducts.Contains(c.RestrictedToProductId.Value))
            .Where(c => RejectionReason(c with { RestrictedToProductId = null }, Guid.Empty, now) is null)
            .OrderByDescending(c => c.PercentageDiscount)
            .ThenBy(c => c.Id)
            .FirstOrDefault();

    /// <summary>full = unit × quantity; one coupon: amount off, or × (1 − percent); never below 0.</summary>
    public static Quote Price(PricingProduct product, int quantity, CouponData? coupon, DateTimeOffset now)
    {
        var unit = product.UnitAmountCents ?? 0;
        var full = unit * quantity;
        if (coupon is null || RejectionReason(coupon, product.ProductId, now) is not null)
            return new Quote(product.ProductId, unit, quantity, full, full, null, CouponKinds.None);
        var (final, kind) = coupon.AmountDiscountCents is { } amount
            ? (full - amount, CouponKinds.Fixed)
            : ((long)Math.Round(full * (1m - (coupon.PercentageDiscount ?? 0m)), MidpointRounding.AwayFromZero), CouponKinds.Percentage);
        return new Quote(product.ProductId, unit, quantity, full, Math.Max(0, final), coupon, kind);
    }
}
