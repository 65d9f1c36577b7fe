using Antonio.Data;
using Antonio.Data.Commerce;
using Antonio.Web.Caching;
using Antonio.Web.Commerce;
using Antonio.Web.Content;
using Antonio.Web.Observability;
using Bunit;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ZiggyCreatures.Caching.Fusion;

namespace Antonio.Tests.Components;

/// <summary>
/// bUnit context with the app's real readers over an in-memory FusionCache that the test fills.
/// The database is a fake that never answers: a component that misses the cache stays pending,
/// which is exactly what the placeholder tests need. (The real database path is covered by the
/// integration tests.)
/// </summary>
public abstract class ComponentTestContext : BunitContext
{
    protected FusionCache Cache { get; } = new(new FusionCacheOptions());

    protected ComponentTestContext()
    {
        Services.AddSingleton<IFusionCache>(Cache);
        Services.AddSingleton<IDbContextFactory<AntonioDbContext>, NeverAnsweringDatabase>();
        Services.AddSingleton<IHttpContextAccessor, HttpContextAccessor>();
        Services.AddSingleton<RequestStatsAccessor>();
        Services.AddSingleton<Antonio.Web.Observability.AppMetrics>();
        Services.AddSingleton<CachedReader>();
        Services.AddSingleton<PricingReader>();
        Services.AddSingleton<QuoteService>();
        // Pricing shows "Buy" only where purchases are possible: these views render as on a site with the test-mode provider.
        Services.AddSingleton<IPaymentProvider>(new LocalPaymentProvider(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()));
        Services.AddSingleton<MarkdownRenderer>();
        Services.AddScoped<Antonio.Web.PageCaching.ViewerSlots>(); // not templating: components render for the one viewer
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new Antonio.Web.Learning.VideoOptions()));
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        Services.AddSingleton<Antonio.Web.Learning.PlaybackUrls>();
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
    }

    protected void GivenPricing(IReadOnlyCollection<Guid> productIds, IReadOnlyList<PricingProduct> products, IReadOnlyList<CouponData>? siteCoupons = null)
    {
        Cache.Set(CacheKeys.PricingInputs(productIds), products);
        Cache.Set(CacheKeys.SiteCoupons(), siteCoupons ?? []);
    }

    private sealed class NeverAnsweringDatabase : IDbContextFactory<AntonioDbContext>
    {
        public AntonioDbContext CreateDbContext() => throw new InvalidOperationException("no database in component tests");

        public Task<AntonioDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            new TaskCompletionSource<AntonioDbContext>().Task;
    }
}
