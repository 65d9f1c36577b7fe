using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Antonio.Data.Commerce;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Commerce;
using Antonio.Web.Learning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Antonio.Tests.Integration;

/// <summary>Checkout through the Local provider and the Stripe webhook, both ending in the one fulfilment.</summary>
[Trait("Category", "Integration")]
public sealed class CheckoutTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private const string WebhookSecret = "whsec_test_secret_for_antonio";
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database,
        settings: new Dictionary<string, string?> { ["Antonio:Payments:StripeWebhookSecret"] = WebhookSecret });
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<Guid> ProductAsync(string name) => fixture.Database.ScalarAsync<Guid>($"SELECT id FROM products WHERE name = '{name}'");
    private Task<Guid> UserAsync(string email) => fixture.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{email}'");

    [Fact]
    public async Task Local_checkout_creates_the_purchase_and_unlocks_the_lesson()
    {
        var product = await ProductAsync("Advanced Patterns");
        var workshop = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.AdvancedFirst);
        var lesson = $"/workshops/{workshop.Slug}/{new LessonNavigator(workshop).Lessons[2].Lesson.Slug}";
        using var buyer = await WebUser.SignedInAsync(_app, "learner00020@demo.antonio.dev");
        Assert.Contains("class=\"paywall\"", (await buyer.GetAsync(lesson)).Body);

        var start = await buyer.SubmitFormAsync($"/checkout?product={product}", "checkout", []);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var localPage = new Uri(_app.BaseAddress, start.Headers.Location!).PathAndQuery;
        Assert.StartsWith("/checkout/local?session=", localPage);
        Assert.Contains("TEST MODE", (await buyer.GetAsync(localPage)).Body);

        var paid = await buyer.SubmitFormAsync(localPage, "local-payment", []);
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.Equal("/purchases?thanks=1", new Uri(_app.BaseAddress, paid.Headers.Location!).PathAndQuery);
        var history = await buyer.GetAsync("/purchases?thanks=1");
        Assert.Contains("Advanced Patterns", history.Body);
        Assert.Contains("$249", history.Body);
        Assert.DoesNotContain("class=\"paywall\"", (await buyer.GetAsync(lesson)).Body);

        // Paying the same checkout again (a double click, a replayed form) records nothing new.
        await buyer.SubmitFormAsync(localPage, "local-payment", []);
        var userId = await UserAsync("learner00020@demo.antonio.dev");
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM purchases WHERE user_id = '{userId}' AND product_id = '{product}'"));
    }

    [Fact]
    public async Task Checkout_needs_a_signed_in_buyer_and_another_users_session_is_refused()
    {
        var product = await ProductAsync("Essentials");
        var anonymous = await _app.GetAsync($"/checkout?product={product}");
        Assert.Equal(302, anonymous.Status);

        using var buyer = await WebUser.SignedInAsync(_app, "learner00021@demo.antonio.dev");
        var start = await buyer.SubmitFormAsync($"/checkout?product={product}", "checkout", []);
        using var thief = await WebUser.SignedInAsync(_app, "learner00022@demo.antonio.dev");
        var stolen = await thief.GetAsync(new Uri(_app.BaseAddress, start.Headers.Location!).PathAndQuery);
        Assert.Contains("This checkout has expired", stolen.Body);
        Assert.Contains("This checkout has expired", (await buyer.GetAsync("/checkout/local?session=forged")).Body);
    }

    [Fact]
    public async Task Pricing_a_workshop_page_costs_one_command_beyond_the_tree()
    {
        await using var fresh = await TestApp.StartAsync(fixture.Database);
        await fresh.GetAsync("/"); // every page's sale banner warms the site coupons
        var page = await fresh.GetAsync($"/workshops/{SeededData.Slug(DemoCatalogue.AdvancedLast)}");
        Assert.Contains("class=\"products\"", page.Body);
        Assert.Equal(2, page.Queries); // the workshop tree + the pricing inputs
    }

    [Fact]
    public async Task A_coupon_code_and_a_team_size_price_the_widget()
    {
        var slug = SeededData.Slug(DemoCatalogue.EssentialsFirst);
        var coded = await _app.GetAsync($"/workshops/{slug}?code=FLAT50");
        Assert.Contains("$50 off", coded.Body);
        var expired = await _app.GetAsync($"/workshops/{slug}?coupon=EXPIRED");
        Assert.Contains("This coupon has expired.", expired.Body);
        var team = await _app.GetAsync($"/workshops/{slug}?quantity=5");
        Assert.Contains("5% team discount", team.Body);
        Assert.Contains("quantity=5", team.Body);
    }

    [Fact]
    public async Task A_hundred_concurrent_checkouts_never_use_a_coupon_past_its_max()
    {
        var coupon = new Coupon { Id = Guid.NewGuid(), Code = "RUSH" + Guid.NewGuid().ToString("N")[..6], PercentageDiscount = 0.1m, MaxUses = 20, Status = 1, CreatedAt = DateTimeOffset.UtcNow };
        await using (var db = fixture.Database.CreateContext())
        {
            db.Add(coupon);
            await db.SaveChangesAsync();
        }
        var product = await ProductAsync("Essentials");
        var buyer = await UserAsync("learner00030@demo.antonio.dev");
        var fulfilment = _app.Service<Fulfilment>();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => fulfilment.FulfilAsync(new PaidCheckout
        {
            Provider = "local", ChargeId = $"rush-{coupon.Id:N}-{i}", UserId = buyer, ProductId = product, AmountCents = 17_910, CouponId = coupon.Id,
        }))));
        Assert.Equal(20, outcomes.Count(o => o.Outcome == FulfilOutcome.Created));
        Assert.Equal(80, outcomes.Count(o => o.Outcome == FulfilOutcome.CouponUsedUp));
        Assert.Equal(20, await fixture.Database.ScalarAsync<int>($"SELECT used_count FROM coupons WHERE id = '{coupon.Id}'"));
        Assert.Equal(20L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM purchases WHERE coupon_id = '{coupon.Id}'"));
    }

    // ---- Stripe webhook ------------------------------------------------------------------------

    private static string Sign(string payload, string secret, long timestamp)
    {
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexString(hash).ToLowerInvariant()}";
    }

    private async Task<string> CompletedSessionEventAsync(string email, string productName, string? pppCountry = null)
    {
        var intent = new CheckoutIntent
        {
            SessionId = Guid.NewGuid().ToString("N"), UserId = await UserAsync(email), ProductId = await ProductAsync(productName),
            ProductName = productName, AmountCents = 19_900, PppCountry = pppCountry,
        };
        return JsonSerializer.Serialize(new
        {
            id = "evt_" + Guid.NewGuid().ToString("N"), @object = "event", api_version = "2025-01-01", type = "checkout.session.completed",
            data = new
            {
                @object = new
                {
                    id = "cs_test_" + Guid.NewGuid().ToString("N"), @object = "checkout.session", payment_status = "paid",
                    metadata = new Dictionary<string, string> { ["intent"] = JsonSerializer.Serialize(intent) }
                }
            },
        });
    }

    private Task<HttpResponseMessage> PostWebhookAsync(string payload, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        return _app.Client.SendAsync(request);
    }

    [Fact]
    public async Task Stripe_webhook_with_a_bad_signature_is_400_and_writes_nothing()
    {
        var before = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM purchases");
        var payload = await CompletedSessionEventAsync("learner00040@demo.antonio.dev", "Essentials");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.Equal(HttpStatusCode.BadRequest, (await PostWebhookAsync(payload, Sign(payload, "whsec_wrong", now))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostWebhookAsync(payload, "")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostWebhookAsync(payload + " ", Sign(payload, WebhookSecret, now))).StatusCode);
        Assert.Equal(before, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM purchases"));
    }

    [Fact]
    public async Task Stripe_webhook_fulfils_once_however_often_it_is_replayed()
    {
        var email = "learner00041@demo.antonio.dev";
        var payload = await CompletedSessionEventAsync(email, "Essentials", pppCountry: "IN");
        var signature = Sign(payload, WebhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await PostWebhookAsync(payload, signature)).StatusCode);
        var userId = await UserAsync(email);
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM purchases WHERE user_id = '{userId}'"));
        Assert.Equal("Restricted:IN", await fixture.Database.ScalarAsync<string>($"SELECT status || ':' || country FROM purchases WHERE user_id = '{userId}'"));
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM entitlements WHERE user_id = '{userId}' AND deleted_at IS NULL"));
    }

    [Fact]
    public async Task A_refund_reported_by_the_provider_removes_access()
    {
        var email = "learner00042@demo.antonio.dev";
        var userId = await UserAsync(email);
        var fulfilment = _app.Service<Fulfilment>();
        var charge = "refund-" + Guid.NewGuid().ToString("N");
        var (outcome, purchaseId) = await fulfilment.FulfilAsync(new PaidCheckout { Provider = "stripe", ChargeId = charge, UserId = userId, ProductId = await ProductAsync("Essentials"), AmountCents = 19_900 });
        Assert.Equal(FulfilOutcome.Created, outcome);
        Assert.True(await fulfilment.ReverseAsync("stripe", charge, PurchaseStatus.Refunded));
        Assert.Equal("Refunded", await fixture.Database.ScalarAsync<string>($"SELECT status FROM purchases WHERE id = '{purchaseId}'"));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM entitlements WHERE source_id = '{purchaseId}' AND deleted_at IS NULL"));
        Assert.False(await fulfilment.ReverseAsync("stripe", "no-such-charge", PurchaseStatus.Refunded));
    }

    [Fact]
    public void Stripe_session_carries_the_quoted_amount_and_the_intent()
    {
        var intent = new CheckoutIntent { SessionId = "s1", UserId = Guid.NewGuid(), ProductId = Guid.NewGuid(), ProductName = "Course", Quantity = 5, AmountCents = 94_525 };
        var urls = new Antonio.Web.Security.SiteUrls(Microsoft.Extensions.Options.Options.Create(new Antonio.Web.Security.SiteOptions { PublicUrl = "https://antonio.example/" }), null!);
        var options = StripePaymentProvider.SessionOptions(intent, urls);
        Assert.Equal(94_525, options.LineItems.Single().PriceData.UnitAmount);
        Assert.Equal("Course × 5 seats", options.LineItems.Single().PriceData.ProductData.Name);
        Assert.Equal("s1", JsonSerializer.Deserialize<CheckoutIntent>(options.Metadata["intent"])!.SessionId);
        Assert.Equal("s1", options.PaymentIntentData.Metadata["sessionId"]);
        Assert.Equal("https://antonio.example/purchases?thanks=1", options.SuccessUrl);
    }

    [Fact]
    public async Task An_admin_refund_of_a_payment_taken_by_a_provider_this_site_is_not_using_changes_nothing()
    {
        // This app runs the local provider (no Stripe key): it can't return Stripe money, so it must not pretend to.
        var userId = await UserAsync("learner00043@demo.antonio.dev");
        var fulfilment = _app.Service<Fulfilment>();
        var (_, purchaseId) = await fulfilment.FulfilAsync(new PaidCheckout
        {
            Provider = "stripe", ChargeId = "cs_" + Guid.NewGuid().ToString("N"), UserId = userId, ProductId = await ProductAsync("Essentials"), AmountCents = 19_900,
        });
        Assert.Equal(RefundOutcome.ProviderUnavailable, await fulfilment.RefundAsync(purchaseId!.Value, actorId: null));
        Assert.Equal("Valid", await fixture.Database.ScalarAsync<string>($"SELECT status FROM purchases WHERE id = '{purchaseId}'"));
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM entitlements WHERE source_id = '{purchaseId}' AND deleted_at IS NULL"));
    }

    [Fact]
    public void Stripe_refunds_find_the_payment_by_the_session_id_it_carries() =>
        Assert.Equal("metadata['sessionId']:'s1'", StripePaymentProvider.PaymentIntentQuery("s1"));

    /// <summary>Stands in for a payment provider that is down (the real Stripe can't be reached from the test box anyway).</summary>
    private sealed class UnreachableProvider : IPaymentProvider
    {
        public string Name => "stripe";
        public Task<string> StartAsync(CheckoutIntent intent, CancellationToken ct = default) => throw new HttpRequestException("connection refused");
        public Task RefundAsync(string chargeId, CancellationToken ct = default) => throw new HttpRequestException("connection refused");
        public Task<string> BillingPortalAsync(Subscription subscription, CancellationToken ct = default) => throw new HttpRequestException("connection refused");
    }

    [Fact]
    public async Task A_provider_that_is_down_gets_a_clear_message_not_an_error_page_and_nothing_is_recorded()
    {
        await using var app = await TestApp.StartAsync(fixture.Database, configure: b => b.Services.AddSingleton<IPaymentProvider, UnreachableProvider>());
        using var buyer = await WebUser.SignedInAsync(app, "learner00044@demo.antonio.dev");
        var userId = await UserAsync("learner00044@demo.antonio.dev");
        var start = await buyer.SubmitFormAsync($"/checkout?product={await ProductAsync("Essentials")}", "checkout", []);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Contains("could not be reached. Nothing was charged", await start.Content.ReadAsStringAsync());
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM purchases WHERE user_id = '{userId}'"));

        // An admin refund the provider refuses leaves the purchase and its access as they were.
        var fulfilment = app.Service<Fulfilment>();
        var (_, purchaseId) = await fulfilment.FulfilAsync(new PaidCheckout
        {
            Provider = "stripe", ChargeId = "cs_" + Guid.NewGuid().ToString("N"), UserId = userId, ProductId = await ProductAsync("Essentials"), AmountCents = 19_900,
        });
        Assert.Equal(RefundOutcome.ProviderRefused, await fulfilment.RefundAsync(purchaseId!.Value, actorId: null));
        Assert.Equal("Valid", await fixture.Database.ScalarAsync<string>($"SELECT status FROM purchases WHERE id = '{purchaseId}'"));
    }
}
