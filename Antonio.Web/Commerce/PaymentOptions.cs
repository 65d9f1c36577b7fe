namespace Antonio.Web.Commerce;

/// <summary>Which payment provider takes the money (<c>Antonio:Payments</c>).</summary>
public sealed class PaymentOptions
{
    public const string Section = "Antonio:Payments";

    /// <summary>
    /// <c>none</c> (the default): nothing can be bought — checkout says so and grants nothing.
    /// <c>stripe</c>: Stripe Checkout (needs <see cref="StripeSecretKey"/> and <see cref="StripeWebhookSecret"/>).
    /// <c>local</c>: a clearly marked test-mode page that "pays" on this site — for development and
    /// tests only; refused in Production, because it hands out products for free.
    /// </summary>
    public string Provider { get; set; } = PaymentProviderNames.None;

    public string? StripeSecretKey { get; set; }

    /// <summary>Verifies POST /webhooks/stripe; the endpoint answers 404 without it.</summary>
    public string? StripeWebhookSecret { get; set; }

    /// <summary>How long an offer to give a purchase to someone else can be accepted (docs/transfers.md).</summary>
    public TimeSpan TransferOfferLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a membership whose payment failed keeps its lessons open, counted from the first failed payment
    /// (docs/memberships.md); also how long a renewing membership stays open past its paid period while the
    /// renewal's report is on its way.
    /// </summary>
    public TimeSpan MembershipGracePeriod { get; set; } = Antonio.Data.Commerce.Subscription.DefaultGracePeriod;

    /// <summary>Who sells, as every invoice names them (name, address, tax id; one line each).</summary>
    public string InvoiceSeller { get; set; } = "Antonio Workshops";
}

public static class PaymentProviderNames
{
    public const string None = "none";
    public const string Local = "local";
    public const string Stripe = "stripe";
}
