using System.Linq.Expressions;

namespace Antonio.Data.Commerce;

/// <summary>
/// A membership as its payment provider last reported it (docs/memberships.md): which plan, how many seats, the
/// provider's status, the period paid for and whether it ends there. The access it gives is derived from these
/// fields alone (<c>MembershipAccess</c> in Antonio.Web), so a report replayed or arriving late changes nothing wrong.
/// </summary>
public class Subscription
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid PlanId { get; set; }
    public string Provider { get; set; } = "local";
    /// <summary>The provider's id (Stripe's sub_…): one row per provider subscription.</summary>
    public string ProviderSubscriptionId { get; set; } = "";
    /// <summary>The provider's customer (Stripe's cus_…): what its billing portal is opened for.</summary>
    public string? ProviderCustomerId { get; set; }
    /// <summary>See <see cref="SubscriptionStatus"/>.</summary>
    public string Status { get; set; } = SubscriptionStatus.Incomplete;
    /// <summary>Seats: one is the member's own; more make a team membership, whose seats are handed out on /team.</summary>
    public int Quantity { get; set; } = 1;
    /// <summary>A team membership's seats: the team purchase whose seat coupon holds them (made when it first opens).</summary>
    public Guid? TeamPurchaseId { get; set; }
    public DateTimeOffset CurrentPeriodStart { get; set; }
    public DateTimeOffset CurrentPeriodEnd { get; set; }
    /// <summary>Canceled by the member: it runs to <see cref="CurrentPeriodEnd"/> and is not renewed.</summary>
    public bool CancelAtPeriodEnd { get; set; }
    /// <summary>When the first payment of the current unpaid stretch failed; cleared by a payment. The grace period counts from here.</summary>
    public DateTimeOffset? PaymentFailedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>When the provider said what these fields hold: an older report is not applied over a newer one.</summary>
    public DateTimeOffset ReportedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The provider will charge the member again unless they cancel: not ended, not canceled at the period's end, in a
    /// status the provider bills from. (An account is not deleted while this holds: the card would go on being charged.)
    /// </summary>
    public static readonly Expression<Func<Subscription, bool>> WillCharge = s =>
        s.EndedAt == null && !s.CancelAtPeriodEnd
        && (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.Trialing || s.Status == SubscriptionStatus.PastDue
            || s.Status == SubscriptionStatus.Unpaid || s.Status == SubscriptionStatus.Incomplete);

    /// <summary>Not ended: neither in a final status (<see cref="SubscriptionStatus.IsFinal"/>) nor with an end recorded.</summary>
    public static readonly Expression<Func<Subscription, bool>> Live = s =>
        s.EndedAt == null && s.Status != SubscriptionStatus.Canceled && s.Status != SubscriptionStatus.IncompleteExpired;

    /// <summary><see cref="Live"/>, for a row in memory.</summary>
    public bool IsLive => EndedAt is null && !SubscriptionStatus.IsFinal(Status);

    /// <summary>How long a membership whose payment failed keeps its access, unless configured otherwise.</summary>
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromDays(7);

    /// <summary>
    /// The one rule of what a membership opens (docs/memberships.md): until when its tier is open to the member, or
    /// null when it opens nothing. Active and renewing: the paid period, plus the grace period for the renewal's
    /// report to arrive. Canceled at period end: exactly the paid period. Past due: the grace period from the first
    /// failed payment. Anything else (not yet paid, unpaid, paused, ended): nothing.
    /// </summary>
    public DateTimeOffset? AccessUntil(TimeSpan gracePeriod) => Status switch
    {
        _ when EndedAt is not null => null,
        SubscriptionStatus.Active or SubscriptionStatus.Trialing => CancelAtPeriodEnd ? CurrentPeriodEnd : CurrentPeriodEnd + gracePeriod,
        SubscriptionStatus.PastDue => (PaymentFailedAt ?? CurrentPeriodStart) + gracePeriod,
        _ => null,
    };
}

/// <summary>Stripe's subscription statuses, which the local provider uses too.</summary>
public static class SubscriptionStatus
{
    public const string Incomplete = "incomplete";
    public const string IncompleteExpired = "incomplete_expired";
    public const string Trialing = "trialing";
    public const string Active = "active";
    public const string PastDue = "past_due";
    public const string Unpaid = "unpaid";
    public const string Canceled = "canceled";
    public const string Paused = "paused";

    public static readonly IReadOnlyList<string> All = [Incomplete, IncompleteExpired, Trialing, Active, PastDue, Unpaid, Canceled, Paused];

    /// <summary>Ended for good: the provider never brings these back, so no later report may.</summary>
    public static bool IsFinal(string status) => status is Canceled or IncompleteExpired;
}
