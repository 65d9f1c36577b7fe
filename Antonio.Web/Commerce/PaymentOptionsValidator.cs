using Microsoft.Extensions.Options;

namespace Antonio.Web.Commerce;

/// <summary>Payments fail closed: an unknown provider, Stripe without its keys, or the free local provider in Production stop start-up.</summary>
public sealed class PaymentOptionsValidator(IHostEnvironment environment) : IValidateOptions<PaymentOptions>
{
    public ValidateOptionsResult Validate(string? name, PaymentOptions options) =>
        string.IsNullOrWhiteSpace(options.InvoiceSeller) || options.InvoiceSeller.Length > 1000
            ? ValidateOptionsResult.Fail("Antonio:Payments:InvoiceSeller must name the seller (1 to 1000 characters): every invoice prints it.")
            : options.TransferOfferLifetime < TimeSpan.FromHours(1) || options.TransferOfferLifetime > TimeSpan.FromDays(90)
                ? ValidateOptionsResult.Fail("Antonio:Payments:TransferOfferLifetime must be between 1 hour and 90 days.")
                : options.MembershipGracePeriod < TimeSpan.Zero || options.MembershipGracePeriod > TimeSpan.FromDays(60)
                    ? ValidateOptionsResult.Fail("Antonio:Payments:MembershipGracePeriod must be between 0 and 60 days.")
                    : ValidateProvider(options);

    private ValidateOptionsResult ValidateProvider(PaymentOptions options) => options.Provider switch
    {
        PaymentProviderNames.None => ValidateOptionsResult.Success,
        PaymentProviderNames.Local when environment.IsProduction() => ValidateOptionsResult.Fail(
            "Antonio:Payments:Provider is 'local' in Production: the local test-mode checkout grants products without payment. Use 'stripe' (or 'none')."),
        PaymentProviderNames.Local => ValidateOptionsResult.Success,
        PaymentProviderNames.Stripe when string.IsNullOrWhiteSpace(options.StripeSecretKey) || string.IsNullOrWhiteSpace(options.StripeWebhookSecret) =>
            ValidateOptionsResult.Fail("Antonio:Payments:Provider is 'stripe' but Antonio:Payments:StripeSecretKey or Antonio:Payments:StripeWebhookSecret is not set."),
        PaymentProviderNames.Stripe => ValidateOptionsResult.Success,
        _ => ValidateOptionsResult.Fail($"Antonio:Payments:Provider '{options.Provider}' is not one of none, stripe, local."),
    };
}
