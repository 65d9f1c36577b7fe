using Stripe;

namespace Antonio.Web.Commerce.Memberships;

/// <summary>
/// Stripe's subscription and invoice objects, as the <see cref="SubscriptionLedger"/>'s reports. Null for objects not
/// about one of this site's memberships (no metadata of ours, or no subscription): the webhook acknowledges those and
/// changes nothing.
/// </summary>
public static class StripeMembershipEvents
{
    /// <summary>customer.subscription.created / updated / deleted: the subscription as it is at the event's time.</summary>
    public static SubscriptionReport? Report(Stripe.Subscription subscription, DateTime eventCreated)
    {
        if (StripeMembershipMetadata.Read(subscription.Metadata) is not var (userId, planId) || subscription.Items?.Data is not [var item, ..]) return null;
        return new SubscriptionReport
        {
            Provider = StripePaymentProvider.ProviderName, ProviderSubscriptionId = subscription.Id, ProviderCustomerId = subscription.CustomerId,
            UserId = userId, PlanId = planId, Status = subscription.Status, Quantity = (int)Math.Max(1, item.Quantity),
            PeriodStart = Utc(item.CurrentPeriodStart), PeriodEnd = Utc(item.CurrentPeriodEnd), CancelAtPeriodEnd = subscription.CancelAtPeriodEnd,
            EndedAt = subscription.EndedAt is { } ended ? Utc(ended) : null, ReportedAt = Utc(eventCreated),
        };
    }

    /// <summary>invoice.paid: the period its subscription line paid for.</summary>
    public static SubscriptionPayment? Payment(Stripe.Invoice invoice, DateTime eventCreated) =>
        Of(invoice) is not var (subscriptionId, userId, planId, line) ? null : new SubscriptionPayment
        {
            Provider = StripePaymentProvider.ProviderName, InvoiceId = invoice.Id, ProviderSubscriptionId = subscriptionId, ProviderCustomerId = invoice.CustomerId,
            UserId = userId, PlanId = planId, AmountCents = invoice.AmountPaid, Quantity = (int)Math.Max(1, line.Quantity ?? 1),
            PeriodStart = Utc(line.Period.Start), PeriodEnd = Utc(line.Period.End), PaidAt = Utc(eventCreated),
        };

    /// <summary>invoice.payment_failed.</summary>
    public static SubscriptionPaymentFailure? Failure(Stripe.Invoice invoice, DateTime eventCreated) =>
        Of(invoice) is not var (subscriptionId, userId, planId, line) ? null : new SubscriptionPaymentFailure
        {
            Provider = StripePaymentProvider.ProviderName, InvoiceId = invoice.Id, ProviderSubscriptionId = subscriptionId, ProviderCustomerId = invoice.CustomerId,
            UserId = userId, PlanId = planId, PeriodEnd = Utc(line.Period.End), FailedAt = Utc(eventCreated),
        };

    /// <summary>The subscription an invoice bills (its parent), our metadata on it, and the line with the period.</summary>
    private static (string SubscriptionId, Guid UserId, Guid PlanId, InvoiceLineItem Line)? Of(Stripe.Invoice invoice) =>
        invoice.Parent?.SubscriptionDetails is { SubscriptionId: { Length: > 0 } subscriptionId } details
        && StripeMembershipMetadata.Read(details.Metadata) is var (userId, planId)
        && invoice.Lines?.Data is [var line, ..] && line.Period is not null
            ? (subscriptionId, userId, planId, line)
            : null;

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
