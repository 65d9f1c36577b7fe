using System.ComponentModel.DataAnnotations;

namespace Antonio.Web.Admin;

/// <summary>
/// A coupon as the admin edits it, validated by the pricing rules (docs/domain.md, pricing): exactly one of a percentage
/// (a fraction in (0, 1]) or an amount off (> 0); a code unless it is the site-wide default; max uses
/// -1 (unlimited) or at least 1.
/// </summary>
public sealed class CouponForm : IValidatableObject
{
    [StringLength(64), RegularExpression("^[A-Za-z0-9_-]+$", ErrorMessage = "Use letters, digits, - and _ only.")]
    public string? Code { get; set; }
    /// <summary>A fraction: 0.25 = 25 % off.</summary>
    public decimal? PercentageDiscount { get; set; }
    /// <summary>Dollars off.</summary>
    public decimal? AmountDiscount { get; set; }
    public bool IsDefault { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset? ExpiresAt { get; set; }
    [Range(-1, 1_000_000, ErrorMessage = "Use -1 for unlimited, or a number of uses.")]
    public int MaxUses { get; set; } = -1;
    public Guid? RestrictedToProductId { get; set; }

    public long? AmountDiscountCents => AmountDiscount is { } a ? (long)Math.Round(a * 100m, MidpointRounding.AwayFromZero) : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PercentageDiscount is not null && AmountDiscount is not null)
            yield return new ValidationResult("Use either a percentage or an amount off, not both.", [nameof(PercentageDiscount), nameof(AmountDiscount)]);
        else if (PercentageDiscount is null && AmountDiscount is null)
            yield return new ValidationResult("Enter a percentage or an amount off.", [nameof(PercentageDiscount)]);
        if (PercentageDiscount is { } percent && (percent <= 0 || percent > 1))
            yield return new ValidationResult("A percentage is a fraction above 0 and at most 1 (0.25 = 25% off).", [nameof(PercentageDiscount)]);
        if (PercentageDiscount is { } p && decimal.Round(p, 4) != p)
            yield return new ValidationResult("Use at most four decimals (0.1250).", [nameof(PercentageDiscount)]);
        if (AmountDiscount is { } amount && (amount <= 0 || amount > 1_000_000 || decimal.Round(amount, 2) != amount))
            yield return new ValidationResult("An amount off is above 0, in dollars and cents.", [nameof(AmountDiscount)]);
        if (MaxUses == 0)
            yield return new ValidationResult("Use -1 for unlimited, or at least 1.", [nameof(MaxUses)]);
        if (!IsDefault && string.IsNullOrWhiteSpace(Code))
            yield return new ValidationResult("A coupon that is not the site-wide default needs a code to be used.", [nameof(Code)]);
    }
}
