using System.Text.Json;
using Antonio.Data.Commerce;
using Antonio.Web.Commerce.Memberships;
using Antonio.Web.Security;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace Antonio.Web.Commerce;

/// <summary>
/// POST /webhooks/stripe: verifies Stripe's signature (bad or missing → 400, nothing written), then
/// hands paid sessions to <see cref="Fulfilment"/> (idempotent on the session id) and refunds and
/// disputes to its reversal; a membership's subscription and invoice events go to the <see cref="SubscriptionLedger"/>.
/// </summary>
public static partial class StripeWebhookEndpoint
{
    public const int MaxBodyBytes = 512 * 1024;

    public static void MapStripeWebhook(this IEndpointRouteBuilder app) =>
        app.MapPost("/webhooks/stripe", async (HttpContext context, IOptions<PaymentOptions> options, Fulfilment fulfilment, SubscriptionLedger memberships, ILoggerFactory logs) =>
        {
            var secret = options.Value.StripeWebhookSecret;
            if (string.IsNullOrEmpty(secret)) return Results.NotFound();
            var (json, refusal) = await WebhookBody.ReadAsync(context, MaxBodyBytes);
            if (refusal is not null) return refusal;
            Event stripeEvent;
            try
            {
                stripeEvent = EventUtility.ConstructEvent(json, context.Request.Headers["Stripe-Signature"], secret, throwOnApiVersionMismatch: false);
            }
            catch (StripeException)
            {
                return Results.BadRequest("Invalid signature.");
            }
            var log = logs.CreateLogger(typeof(StripeWebhookEndpoint));
            switch (stripeEvent.Data.Object)
            {
                // A membership's checkout: its subscription's own events (below) carry everything, in whatever order they come.
                case Session { Mode: "subscription" } when stripeEvent.Type == EventTypes.CheckoutSessionCompleted:
                    break;
                case Stripe.Subscription subscription when stripeEvent.Type is EventTypes.CustomerSubscriptionCreated or EventTypes.CustomerSubscriptionUpdated
                                                           or EventTypes.CustomerSubscriptionDeleted:
                    await ApplyAsync(log, stripeEvent, StripeMembershipEvents.Report(subscription, stripeEvent.Created), memberships.ApplyAsync);
                    break;
                case Stripe.Invoice invoice when stripeEvent.Type == EventTypes.InvoicePaid:
                    await ApplyAsync(log, stripeEvent, StripeMembershipEvents.Payment(invoice, stripeEvent.Created), memberships.RecordPaymentAsync);
                    break;
                case Stripe.Invoice invoice when stripeEvent.Type == EventTypes.InvoicePaymentFailed:
                    await ApplyAsync(log, stripeEvent, StripeMembershipEvents.Failure(invoice, stripeEvent.Created), memberships.RecordPaymentFailureAsync);
                    break;
                case Session { PaymentStatus: "paid" } session when stripeEvent.Type == EventTypes.CheckoutSessionCompleted:
                    var intent = session.Metadata.TryGetValue("intent", out var raw) ? JsonSerializer.Deserialize<CheckoutIntent>(raw) : null;
                    if (intent is null) return Results.BadRequest("The session carries no checkout intent.");
                    // Recorded under our own checkout session id, which the payment intent carries too (for refunds).
                    await fulfilment.FulfilAsync(intent.Paid(StripePaymentProvider.ProviderName, intent.SessionId, session.Invoice?.HostedInvoiceUrl));
                    break;
                case Charge charge when stripeEvent.Type == EventTypes.ChargeRefunded:
                    await ReverseAsync(fulfilment, charge.PaymentIntent?.Metadata, PurchaseStatus.Refunded);
                    break;
                case Dispute dispute when stripeEvent.Type == EventTypes.ChargeDisputeCreated:
                    await ReverseAsync(fulfilment, dispute.PaymentIntent?.Metadata, PurchaseStatus.Disputed);
                    break;
                default:
                    LogIgnored(log, stripeEvent.Type);
                    break;
            }
            return Results.Ok();
        }).DisableAntiforgery();

    /// <summary>Refunds and disputes name the payment intent; its metadata carries the checkout session the purchase was recorded under.</summary>
    private static Task ReverseAsync(Fulfilment fulfilment, Dictionary<string, string>? metadata, string status) =>
        metadata is not null && metadata.TryGetValue("sessionId", out var sessionId)
            ? fulfilment.ReverseAsync(StripePaymentProvider.ProviderName, sessionId, status)
            : Task.CompletedTask;

    /// <summary>A membership event of ours goes to the ledger; one about a subscription this site did not sell is acknowledged and ignored.</summary>
    private static Task ApplyAsync<T>(ILogger log, Event stripeEvent, T? report, Func<T, CancellationToken, Task> apply) where T : class
    {
        if (report is not null) return apply(report, CancellationToken.None);
        LogIgnored(log, stripeEvent.Type);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored Stripe event {Type}")]
    private static partial void LogIgnored(ILogger logger, string type);
}
