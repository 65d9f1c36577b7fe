using System.Globalization;
using Antonio.Data.Commerce;

namespace Antonio.Web.Commerce;

/// <summary>How money and discounts are written on the page (US dollars, from integer cents).</summary>
public static class Money
{
    private static readonly CultureInfo Us = CultureInfo.InvariantCulture;

    /// <summary>The one currency prices and charges are in.</summary>
    public const string Currency = "USD";

    public static string Format(long cents) =>
        cents % 100 == 0 ? (cents / 100).ToString("$#,0", Us) : (cents / 100m).ToString("$#,0.00", Us);

    /// <summary>The label of a quote's discount: "N% off", "$X off", with PPP and team discounts named.</summary>
    public static string? DiscountLabel(Quote quote) => quote.CouponKind switch
    {
        CouponKinds.Ppp => $"{Percent(quote.AppliedPercent)} off (regional price)",
        CouponKinds.Bulk => $"{Percent(quote.AppliedPercent)} team discount",
        CouponKinds.Fixed or CouponKinds.Percentage when quote.AppliedCoupon is { } coupon => DiscountLabel(coupon),
        _ => null,
    };

    private static string Percent(decimal? fraction) => $"{Math.Round((fraction ?? 0m) * 100m, 0, MidpointRounding.AwayFromZero).ToString(Us)}%";

    /// <summary>"N% off" or "$X off".</summary>
    public static string DiscountLabel(CouponData coupon) =>
        coupon.AmountDiscountCents is { } amount
            ? $"{Format(amount)} off"
            : $"{Percent(coupon.PercentageDiscount)} off";
}
