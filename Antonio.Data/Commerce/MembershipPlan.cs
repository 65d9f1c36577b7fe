namespace Antonio.Data.Commerce;

/// <summary>
/// One way to pay for a membership product: its tier (what the <c>subscription_access</c> entitlement opens, see
/// <c>LinkTiers</c>) billed every month or every year at a fixed amount. A plan is never edited once sold — a new
/// price is a new plan — so every subscription keeps the terms it was sold on.
/// </summary>
public class MembershipPlan
{
    public Guid Id { get; set; }
    public Guid ProductId { get; set; }
    /// <summary><c>pro</c> or <c>standard</c> (<c>LinkTiers</c>).</summary>
    public string Tier { get; set; } = "";
    /// <summary>See <see cref="BillingIntervals"/>.</summary>
    public string Interval { get; set; } = BillingIntervals.Month;
    /// <summary>The price of one seat for one interval.</summary>
    public long UnitAmountCents { get; set; }
    public string Currency { get; set; } = "usd";
    /// <summary>1 = on sale, 0 = no longer sold (subscriptions on it carry on).</summary>
    public int Status { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
}

public static class BillingIntervals
{
    public const string Month = "month";
    public const string Year = "year";

    public static readonly IReadOnlyList<string> All = [Month, Year];

    /// <summary>The end of the interval that starts at <paramref name="start"/>.</summary>
    public static DateTimeOffset After(string interval, DateTimeOffset start) => interval == Year ? start.AddYears(1) : start.AddMonths(1);
}
