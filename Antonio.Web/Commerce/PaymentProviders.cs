using System.Text.Json;
using Antonio.Data.Commerce;
using Antonio.Web.Commerce.Memberships;
using Antonio.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;
using Subscription = Antonio.Data.Commerce.Subscription;

namespace Antonio.Web.Commerce;

/// <summary>What the buyer agreed to pay for, carried through the provider and back to fulfilment.</summary>
public sealed record CheckoutIntent
{
    public required string SessionId { get; init; }
    public required Guid UserId { get; init; }
    public required Guid ProductId { get; init; }
    public required string ProductName { get; init; }
    public int Quantity { get; init; } = 1;
    public long AmountCents { get; init; }
    public Guid? CouponId { get; init; }
    public string? PppCountry { get; init; }
    public string? Email { get; init; }
    /// <summary>Set for a membership: the plan subscribed to (then <see cref="Interval"/> says how often it is billed).</summary>
    public Guid? PlanId { get; init; }
    public string? Interval { get; init; }

    public static CheckoutIntent From(Guid userId, string? email, PricingProduct product, Quote quote) => new()
    {
        SessionId = Guid.NewGuid().ToString("N"), UserId = userId, Email = email, ProductId = product.ProductId, ProductName = product.Name,
        Quantity = quote.Quantity, AmountCents = quote.FinalCents,
        CouponId = quote.CouponKind is CouponKinds.Percentage or CouponKinds.Fixed ? quote.AppliedCoupon?.Id : null,
        PppCountry = quote.CouponKind == CouponKinds.Ppp ? quote.Ppp?.CountryCode : null,
    };

    /// <summary>A membership: <paramref name="quantity"/> seats of the plan, at the plan's price (no coupon or regional price: docs/memberships.md).</summary>
    public static CheckoutIntent ForMembership(Guid userId, string? email, MembershipPlan plan, string productName, int quantity) => new()
    {
        SessionId = Guid.NewGuid().ToString("N"), UserId = userId, Email = email, ProductId = plan.ProductId, ProductName = productName,
        Quantity = quantity, AmountCents = plan.UnitAmountCents * quantity, PlanId = plan.Id, Interval = plan.Interval,
    };

    public PaidCheckout Paid(string provider, string chargeId, string? invoiceUrl = null) => new()
    {
        Provider = provider, ChargeId = chargeId, UserId = UserId, ProductId = ProductId, Quantity = Quantity,
        AmountCents = AmountCents, CouponId = CouponId, PppCountry = PppCountry, InvoiceUrl = invoiceUrl,
    };
}

/// <summary>A way to take payment (<see cref="PaymentOptions.Provider"/>). Every payment ends in <see cref="Fulfilment"/>.</summary>
public interface IPaymentProvider
{
    string Name { get; }
    /// <summary>False when no provider is configured: nothing can be bought.</summary>
    bool IsAvailable => true;
    /// <summary>Where to send the buyer to pay.</summary>
    Task<string> StartAsync(CheckoutIntent intent, CancellationToken ct = default);
    /// <summary>Returns the money of a charge this provider recorded (an admin refund). Throws when the provider refuses.</summary>
    Task RefundAsync(string chargeId, CancellationToken ct = default);
    /// <summary>Where a member manages their membership with this provider (card, cancellation, invoices).</summary>
    Task<string> BillingPortalAsync(Subscription subscription, CancellationToken ct = default);
}

/// <summary>
/// No provider configured (the default): purchases are unavailable, and nothing is ever granted.
/// </summary>
public sealed class UnavailablePaymentProvider : IPaymentProvider
{
    public string Name => PaymentProviderNames.None;
    public bool IsAvailable => false;

    public Task<string> StartAsync(CheckoutIntent intent, CancellationToken ct = default) =>
        throw new InvalidOperationException("No payment provider is configured (Antonio:Payments:Provider).");

    public Task RefundAsync(string chargeId, CancellationToken ct = default) =>
        throw new InvalidOperationException("No payment provider is configured (Antonio:Payments:Provider).");

    public Task<string> BillingPortalAsync(Subscription subscription, CancellationToken ct = default) =>
        throw new InvalidOperationException("No payment provider is configured (Antonio:Payments:Provider).");
}

/// <summary>
/// Development and tests only (<c>Antonio:Payments:Provider=local</c>, refused in Production): a clearly
/// marked test-mode page on this site completes the payment. The intent travels signed and
/// time-limited, so it cannot be altered or replayed late.
/// </summary>
public sealed class LocalPaymentProvider(IDataProtectionProvider protection) : IPaymentProvider
{
    public const string ProviderName = PaymentProviderNames.Local;
    public string Name => ProviderName;

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Antonio.LocalCheckout.v1").ToTimeLimitedDataProtector();

    public Task<string> StartAsync(CheckoutIntent intent, CancellationToken ct = default) =>
        Task.FromResult("/checkout/local?session=" + Uri.EscapeDataString(Protector.Protect(JsonSerializer.Serialize(intent), TimeSpan.FromMinutes(30))));

    /// <summary>Test mode moved no money, so there is none to return.</summary>
    public Task RefundAsync(string chargeId, CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>The test-mode stand-in for a billing portal, on this site.</summary>
    public Task<string> BillingPortalAsync(Subscription subscription, CancellationToken ct = default) => Task.FromResult(MembershipLinks.LocalBilling);

    public CheckoutIntent? Read(string? session)
    {
        if (string.IsNullOrEmpty(session) || session.Length > 4096) return null;
        try
        {
            return JsonSerializer.Deserialize<CheckoutIntent>(Protector.Unprotect(session));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
    }
}

/// <summary>Stripe Checkout: a session with the quote's amount and the intent as metadata; the webhook fulfils.</summary>
public sealed class StripePaymentProvider(IOptions<PaymentOptions> options, SiteUrls urls) : IPaymentProvider
{
    public const string ProviderName = PaymentProviderNames.Stripe;
    public string Name => ProviderName;

    /// <summary>Stripe's hosted checkout: the origin forms post and redirect to (the Content-Security-Policy's form-action).</summary>
    public const string CheckoutOrigin = "https://checkout.stripe.com";
    /// <summary>Stripe's customer portal, where "Manage billing" posts on to (the Content-Security-Policy's form-action).</summary>
    public const string PortalOrigin = "https://billing.stripe.com";

    public static SessionCreateOptions SessionOptions(CheckoutIntent intent, SiteUrls urls) => intent.PlanId is { } planId ? MembershipSessionOptions(intent, planId, urls) : new()
    {
        Mode = "payment",
        CustomerEmail = intent.Email,
        ClientReferenceId = intent.UserId.ToString(),
        SuccessUrl = urls.Absolute("/purchases?thanks=1"),
        CancelUrl = urls.Absolute($"/checkout?product={intent.ProductId}"),
        LineItems =
        [
            new SessionLineItemOptions
            {
                Quantity = 1,
                PriceData = new SessionLineItemPriceDataOptions
                {
                    Currency = "usd", UnitAmount = intent.AmountCents,
                    ProductData = new SessionLineItemPriceDataProductDataOptions { Name = intent.Quantity > 1 ? $"{intent.ProductName} × {intent.Quantity} seats" : intent.ProductName },
                },
            },
        ],
        Metadata = new Dictionary<string, string> { ["intent"] = JsonSerializer.Serialize(intent) },
        PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new Dictionary<string, string> { ["sessionId"] = intent.SessionId } },
    };

    /// <summary>
    /// A membership: Checkout in subscription mode, billed every interval for the seats. The subscription carries who
    /// and which plan in its own metadata, so every later event about it (renewals, failures, cancellation) is
    /// understood without this session.
    /// </summary>
    private static SessionCreateOptions MembershipSessionOptions(CheckoutIntent intent, Guid planId, SiteUrls urls) => new()
    {
        Mode = "subscription",
        CustomerEmail = intent.Email,
        ClientReferenceId = intent.UserId.ToString(),
        SuccessUrl = urls.Absolute(MembershipLinks.Page + "?thanks=1"),
        CancelUrl = urls.Absolute(MembershipLinks.Checkout(planId)),
        LineItems =
        [
            new SessionLineItemOptions
            {
                Quantity = intent.Quantity,
                PriceData = new SessionLineItemPriceDataOptions
                {
                    Currency = "usd", UnitAmount = intent.AmountCents / intent.Quantity,
                    Recurring = new SessionLineItemPriceDataRecurringOptions { Interval = intent.Interval },
                    ProductData = new SessionLineItemPriceDataProductDataOptions { Name = intent.ProductName },
                },
            },
        ],
        Metadata = new Dictionary<string, string> { ["intent"] = JsonSerializer.Serialize(intent) },
        SubscriptionData = new SessionSubscriptionDataOptions { Metadata = StripeMembershipMetadata.Of(intent.UserId, planId) },
    };

    private StripeClient Client => new(options.Value.StripeSecretKey);

    /// <summary>Stripe's customer portal for the member's customer, coming back to their membership page.</summary>
    public async Task<string> BillingPortalAsync(Subscription subscription, CancellationToken ct = default)
    {
        var session = await new Stripe.BillingPortal.SessionService(Client).CreateAsync(new Stripe.BillingPortal.SessionCreateOptions
        {
            Customer = subscription.ProviderCustomerId ?? throw new InvalidOperationException("Stripe has not reported this membership's customer yet."),
            ReturnUrl = urls.Absolute(MembershipLinks.Page),
        }, cancellationToken: ct);
        return session.Url;
    }

    public async Task<string> StartAsync(CheckoutIntent intent, CancellationToken ct = default)
    {
        var session = await new SessionService(Client).CreateAsync(SessionOptions(intent, urls), cancellationToken: ct);
        return session.Url;
    }

    /// <summary>Our charge id is the checkout session id, which the payment intent carries in its metadata.</summary>
    public static string PaymentIntentQuery(string sessionId) => $"metadata['sessionId']:'{sessionId.Replace("'", "", StringComparison.Ordinal)}'";

    public async Task RefundAsync(string chargeId, CancellationToken ct = default)
    {
        var client = Client;
        var found = await new PaymentIntentService(client).SearchAsync(new PaymentIntentSearchOptions { Query = PaymentIntentQuery(chargeId) }, cancellationToken: ct);
        var intent = found.Data.SingleOrDefault() ?? throw new InvalidOperationException($"Stripe has no payment for session {chargeId}.");
        await new RefundService(client).CreateAsync(new RefundCreateOptions { PaymentIntent = intent.Id }, cancellationToken: ct);
    }
}
