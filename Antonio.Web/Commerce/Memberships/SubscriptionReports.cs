namespace Antonio.Web.Commerce.Memberships;

/// <summary>
/// News from a payment provider about one of its subscriptions (Stripe's webhook events, or the local provider), and
/// who and what it is for — carried by the subscription itself (its metadata), so the news makes sense whatever
/// arrived before it.
/// </summary>
public abstract record SubscriptionNews
{
    public required string Provider { get; init; }
    public required string ProviderSubscriptionId { get; init; }
    public string? ProviderCustomerId { get; init; }
    public required Guid UserId { get; init; }
    public required Guid PlanId { get; init; }
}

/// <summary>The subscription as the provider has it at a moment (Stripe's customer.subscription.* events): every field its access depends on.</summary>
public sealed record SubscriptionReport : SubscriptionNews
{
    public required string Status { get; init; }
    public int Quantity { get; init; } = 1;
    public required DateTimeOffset PeriodStart { get; init; }
    public required DateTimeOffset PeriodEnd { get; init; }
    public bool CancelAtPeriodEnd { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    /// <summary>When the provider said it (Stripe's event creation time): an older report never overwrites a newer one.</summary>
    public required DateTimeOffset ReportedAt { get; init; }
}

/// <summary>A subscription's invoice paid (Stripe's invoice.paid): a charge of its own, with the period it paid for.</summary>
public sealed record SubscriptionPayment : SubscriptionNews
{
    /// <summary>The provider's invoice id: one charge per invoice, however often it is reported.</summary>
    public required string InvoiceId { get; init; }
    public long AmountCents { get; init; }
    public int Quantity { get; init; } = 1;
    public required DateTimeOffset PeriodStart { get; init; }
    public required DateTimeOffset PeriodEnd { get; init; }
    public required DateTimeOffset PaidAt { get; init; }
}

/// <summary>A subscription's invoice not paid (Stripe's invoice.payment_failed).</summary>
public sealed record SubscriptionPaymentFailure : SubscriptionNews
{
    public required string InvoiceId { get; init; }
    /// <summary>The end of the period the invoice was for: a failure of an earlier period's invoice is not the current one's.</summary>
    public required DateTimeOffset PeriodEnd { get; init; }
    public required DateTimeOffset FailedAt { get; init; }
}
