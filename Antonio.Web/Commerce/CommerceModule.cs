using Antonio.Web.Access;
using Antonio.Web.Commerce.Memberships;
using Antonio.Web.Mail;
using Antonio.Web.PageCaching;
using Antonio.Web.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Antonio.Web.Commerce;

/// <summary>
/// Selling: the pure <see cref="PricingEngine"/> fed by cached reads, checkout through the configured
/// payment provider (failing closed when there is none), the one idempotent <see cref="Fulfilment"/>,
/// purchase history, invoices and transfers, memberships (<see cref="SubscriptionLedger"/>), the Stripe webhook, and the PPP offer as a page-cache variation.
/// </summary>
public static class CommerceModule
{
    public static WebApplicationBuilder AddCommerce(this WebApplicationBuilder builder)
    {
        var payments = builder.AddSettings<PaymentOptions, PaymentOptionsValidator>(PaymentOptions.Section);
        var services = builder.Services;
        services.AddSingleton<PricingReader>();
        services.AddSingleton<QuoteService>();
        services.AddSingleton<Live.LiveSessionReader>();
        services.AddSingleton<Fulfilment>();
        services.AddScoped<IMailComposer, PurchaseReceiptMail>();
        services.AddScoped<IMailComposer, AccessEndedMail>();
        services.AddSingleton<PurchaseHistory>();
        services.AddSingleton<Invoices>();
        services.AddSingleton<PurchaseTransfers>();
        services.AddScoped<IMailComposer, TransferOfferMail>();
        services.AddScoped<IMailComposer, TransferAcceptedMail>();
        services.AddSingleton<SubscriptionLedger>();
        services.AddSingleton<MembershipReader>();
        services.AddSingleton<LocalBilling>();
        services.AddSingleton<ISeatAccess, MembershipSeats>();
        if (payments.Provider == PaymentProviderNames.Local) services.AddHostedService<LocalBillingClock>();
        foreach (var composer in new[] { typeof(MembershipReceiptMail), typeof(MembershipPaymentFailedMail), typeof(MembershipCanceledMail), typeof(MembershipEndedMail) })
            services.AddScoped(typeof(IMailComposer), composer);
        services.AddSingleton<IPageVariation, PppPageVariation>();
        services.AddSingleton<LocalPaymentProvider>();
        // TryAdd: a test may stand in a provider that is down.
        services.TryAddSingleton<IPaymentProvider>(sp => payments.Provider switch
        {
            PaymentProviderNames.Stripe => ActivatorUtilities.CreateInstance<StripePaymentProvider>(sp),
            PaymentProviderNames.Local => sp.GetRequiredService<LocalPaymentProvider>(),
            _ => new UnavailablePaymentProvider(),
        });
        if (payments.Provider == PaymentProviderNames.Stripe)
            services.Configure<SecurityHeadersOptions>(o =>
            {
                o.FormActionOrigins.Add(StripePaymentProvider.CheckoutOrigin);
                o.FormActionOrigins.Add(StripePaymentProvider.PortalOrigin);
            });
        return builder;
    }

    public static WebApplication MapCommerce(this WebApplication app)
    {
        app.MapStripeWebhook();
        return app;
    }
}
