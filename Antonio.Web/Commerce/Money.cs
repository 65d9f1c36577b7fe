using System.Globalization;
using Antonio.Data.Commerce;

namespace Antonio.Web.Commerce;

/// <summary>How money and discounts are written on the page (US dollars, from integer cents).</summary>
public static class Money
{
    private static readonly CultureInfo Us = CultureInfo.InvariantCulture;

    public static string Format(long cents) =>
        cents % 100 == 0 ? (cents / 100).ToString("$#,0", Us) : (cents / 100m).ToString("$#,0.00", Us);

    /// <summary>"N% off" or "$X off".</summary>
    public static string DiscountLabel(CouponData coupon) =>
        coupon.AmountDiscountCents is { } amount
            ? $"{Format(amount)} off"
            : $"{Math.Round((coupon.PercentageDiscount ?? 0m) * 100m, 0).ToString(Us)}% off";
}
