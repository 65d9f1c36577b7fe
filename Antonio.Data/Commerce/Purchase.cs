namespace Antonio.Data.Commerce;

public class Purchase
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid ProductId { get; set; }
    public long TotalAmountCents { get; set; }
    /// <summary>See <see cref="PurchaseStatus"/>.</summary>
    public string Status { get; set; } = PurchaseStatus.Valid;
    /// <summary>ISO 3166 alpha-2 country the purchase was made from (matters for Restricted).</summary>
    public string? Country { get; set; }
    public Guid? CouponId { get; set; }
    /// <summary>The seat coupon created by this (team) purchase.</summary>
    public Guid? BulkCouponId { get; set; }
    /// <summary>The team seat coupon this purchase was redeemed from.</summary>
    public Guid? RedeemedBulkCouponId { get; set; }
    public Guid? UpgradedFromId { get; set; }
    public Guid? MerchantChargeId { get; set; }
    public int Quantity { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
}

public static class PurchaseStatus
{
    public const string Valid = "Valid";
    public const string Restricted = "Restricted";
    public const string Refunded = "Refunded";
    public const string Disputed = "Disputed";
    public const string Banned = "Banned";
    /// <summary>A team membership's seats after the membership ended.</summary>
    public const string Ended = "Ended";

    /// <summary>Only these statuses grant access (docs/domain.md, access rule 6).</summary>
    public static bool GrantsAccess(string status) => status is Valid or Restricted;
}

public class Coupon
{
    public Guid Id { get; set; }
    public string? Code { get; set; }
    /// <summary>Fraction in (0, 1]; null when the coupon is an amount off.</summary>
    public decimal? PercentageDiscount { get; set; }
    public long? AmountDiscountCents { get; set; }
    /// <summary>A site-wide sale coupon, applied without a code (docs/domain.md, pricing).</summary>
    public bool IsDefault { get; set; }
    public int Status { get; set; } = 1;
    public DateTimeOffset? ExpiresAt { get; set; }
    /// <summary>-1 = unlimited.</summary>
    public int MaxUses { get; set; } = -1;
    public int UsedCount { get; set; }
    public Guid? RestrictedToProductId { get; set; }
    /// <summary>For team seat coupons: the bulk purchase that created it.</summary>
    public Guid? BulkPurchaseId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>PostgreSQL's xmin: two admins saving the same coupon — the second is told.</summary>
    public uint Version { get; set; }
}

public class MerchantCharge
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    /// <summary>The payment provider's id for the charge (e.g. Stripe's ch_…).</summary>
    public string Identifier { get; set; } = "";
    public string Provider { get; set; } = "local";
    public string? InvoiceUrl { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>What the buyer asked their invoice to be made out to (company, address, VAT id): their own words, shown as text.</summary>
    public string? BillTo { get; set; }

    /// <summary>Set for a membership's payment: the subscription it paid for (a purchase's charge has purchases instead).</summary>
    public Guid? SubscriptionId { get; set; }
    /// <summary>A membership payment's amount, as charged (a purchase's is on its purchases).</summary>
    public long? AmountCents { get; set; }
    /// <summary>The seats a membership payment paid for.</summary>
    public int? Quantity { get; set; }
    /// <summary>The period a membership payment paid for.</summary>
    public DateTimeOffset? PeriodStart { get; set; }
    public DateTimeOffset? PeriodEnd { get; set; }

    /// <summary>The longest "bill to" text kept.</summary>
    public const int MaxBillToLength = 1000;
}
