using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Antonio.Data.Access;
using Antonio.Data.Commerce;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Commerce.Memberships;
using Antonio.Web.Learning;
using Microsoft.Extensions.DependencyInjection;

namespace Antonio.Tests.Integration;

/// <summary>
/// Memberships (issue #29, docs/memberships.md): a learner joins through the local test-mode provider and lives through
/// renewal, a failed payment, the grace period, recovery, cancellation and the end, by a clock the test moves; Stripe's
/// subscription and invoice events, signed as Stripe signs them, replayed and out of order, end in the same state.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MembershipTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private const string WebhookSecret = "whsec_test_secret_for_memberships";
    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database,
        configure: b => b.Services.AddSingleton<TimeProvider>(_clock),
        settings: new Dictionary<string, string?> { ["Antonio:Payments:StripeWebhookSecret"] = WebhookSecret });
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<Guid> PlanAsync(string product, string interval) => fixture.Database.ScalarAsync<Guid>(
        $"SELECT mp.id FROM membership_plans mp JOIN products p ON p.id = mp.product_id WHERE p.name = '{product}' AND mp.interval = '{interval}'");
    private Task<Guid> UserAsync(string email) => fixture.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{email}'");

    /// <summary>A pro-tier lesson of a paid workshop: closed to a learner who owns nothing.</summary>
    private async Task<string> ProLessonAsync()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.AdvancedFirst);
        return $"/workshops/{workshop.Slug}/{new LessonNavigator(workshop).Lessons[2].Lesson.Slug}";
    }

    private static bool Paywalled(PageResult page) => page.Body.Contains("class=\"paywall\"", StringComparison.Ordinal);

    [Fact]
    public async Task A_member_joins_renews_fails_a_payment_recovers_cancels_and_loses_access_at_the_period_end()
    {
        const string email = "learner00050@demo.antonio.dev";
        var lesson = await ProLessonAsync();
        var plan = await PlanAsync("Pro membership", BillingIntervals.Month);
        var member = await WebUser.SignedInAsync(_app, email);
        // A month later the sign-in cookie has long expired: the member signs in again, as they would.
        async Task LaterAsync(int days)
        {
            _clock.Advance(TimeSpan.FromDays(days));
            member.Dispose();
            member = await WebUser.SignedInAsync(_app, email);
        }
        Assert.True(Paywalled(await member.GetAsync(lesson)));
        Assert.Contains("Pro membership", (await member.GetAsync(MembershipLinks.Pricing)).Body);

        // Join: the provider's (test-mode) checkout, then the membership page.
        var start = await member.SubmitFormAsync(MembershipLinks.Checkout(plan), "join", []);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var pay = new Uri(_app.BaseAddress, start.Headers.Location!).PathAndQuery;
        Assert.Contains("$29 a month", (await member.GetAsync(pay)).Body);
        var paid = await member.SubmitFormAsync(pay, "local-payment", []);
        Assert.Equal("/membership?thanks=1", new Uri(_app.BaseAddress, paid.Headers.Location!).PathAndQuery);
        _clock.Advance(TimeSpan.FromSeconds(5));
        await member.SubmitFormAsync(pay, "local-payment", []); // paying again a moment later starts and charges nothing new
        Assert.Equal(1L, await CountAsync("subscriptions", email));
        Assert.Equal(1L, await CountAsync("merchant_charges", email));
        Assert.False(Paywalled(await member.GetAsync(lesson)));
        Assert.Contains("Active &#x2014; renews", (await member.GetAsync(MembershipLinks.Page)).Body);
        await _app.Mail.WaitForAsync(email, m => m.Subject == "Welcome to Pro membership");
        // A second membership would bill twice for the same lessons.
        Assert.Contains("You&#x27;re a member already", (await member.GetAsync(MembershipLinks.Checkout(plan))).Body);

        // A month on: renewed and charged again; an invoice for each payment.
        var billing = _app.Service<LocalBilling>();
        await LaterAsync(31);
        await billing.RunAsync();
        Assert.Equal(2L, await CountAsync("merchant_charges", email));
        Assert.False(Paywalled(await member.GetAsync(lesson)));
        await _app.Mail.WaitForAsync(email, m => m.Subject == "Your receipt: Pro membership renewed");
        var invoices = await member.GetAsync("/invoices");
        var chargeId = await fixture.Database.ScalarAsync<Guid>(
            $"SELECT c.id FROM merchant_charges c JOIN users u ON u.id = c.user_id WHERE u.email = '{email}' ORDER BY c.created_at DESC LIMIT 1");
        Assert.Contains(Antonio.Web.Commerce.InvoiceLinks.Invoice(chargeId), invoices.Body);
        var invoice = await member.GetAsync(Antonio.Web.Commerce.InvoiceLinks.Invoice(chargeId));
        Assert.Contains("Pro membership, billed monthly", invoice.Body);
        Assert.Contains("$29", invoice.Body);

        // The card starts to decline: the next renewal fails; the lessons stay open through the grace period, then close.
        Assert.Equal(HttpStatusCode.Redirect, (await member.SubmitFormAsync(MembershipLinks.LocalBilling, "card-declines", [])).StatusCode);
        await LaterAsync(31);
        await billing.RunAsync();
        Assert.Equal(SubscriptionStatus.PastDue, await StatusAsync(email));
        Assert.False(Paywalled(await member.GetAsync(lesson)));
        await _app.Mail.WaitForAsync(email, m => m.Subject == "Your payment for Pro membership didn't go through");
        await LaterAsync(8);
        Assert.True(Paywalled(await member.GetAsync(lesson)));
        Assert.Contains("Payment failed", (await member.GetAsync(MembershipLinks.Page)).Body);

        // A card that pays: the unpaid renewal is paid at once and the lessons open again.
        await member.SubmitFormAsync(MembershipLinks.LocalBilling, "card-works", []);
        Assert.Equal(SubscriptionStatus.Active, await StatusAsync(email));
        Assert.Equal(3L, await CountAsync("merchant_charges", email));
        Assert.False(Paywalled(await member.GetAsync(lesson)));

        // Canceled: open to the end of the period paid for, and not a moment longer — before the provider even says it ended.
        await member.SubmitFormAsync(MembershipLinks.LocalBilling, "cancel", []);
        await _app.Mail.WaitForAsync(email, m => m.Subject == "Your Pro membership is canceled");
        Assert.Contains("Canceled &#x2014; ends", (await member.GetAsync(MembershipLinks.Page)).Body);
        await LaterAsync(14); // the period paid on recovery runs a month from the failed renewal, 8 days before
        Assert.False(Paywalled(await member.GetAsync(lesson)));
        await LaterAsync(14);
        Assert.True(Paywalled(await member.GetAsync(lesson)));
        await billing.RunAsync();
        Assert.Equal(SubscriptionStatus.Canceled, await StatusAsync(email));
        Assert.Equal(3L, await CountAsync("merchant_charges", email));
        await _app.Mail.WaitForAsync(email, m => m.Subject == "Your Pro membership has ended");
        Assert.Contains("Ended", (await member.GetAsync(MembershipLinks.Page)).Body);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM entitlements e JOIN users u ON u.id = e.user_id WHERE u.email = '{email}' AND e.deleted_at IS NULL"));
        member.Dispose();
    }

    [Fact]
    public async Task A_team_memberships_seats_follow_its_quantity_and_end_with_it()
    {
        const string buyerEmail = "learner00057@demo.antonio.dev";
        string[] holders = ["learner00058@demo.antonio.dev", "learner00059@demo.antonio.dev"];
        var lesson = await ProLessonAsync();
        var buyer = await WebUser.SignedInAsync(_app, buyerEmail);
        var checkout = MembershipLinks.Checkout(await PlanAsync("Pro membership", BillingIntervals.Month)) + "&seats=3";
        Assert.Contains("$87", (await buyer.GetAsync(checkout)).Body);
        var start = await buyer.SubmitFormAsync(checkout, "join", []);
        await buyer.SubmitFormAsync(new Uri(_app.BaseAddress, start.Headers.Location!).PathAndQuery, "local-payment", []);
        Assert.Equal(87_00L, await fixture.Database.ScalarAsync<long>(
            $"SELECT c.amount_cents FROM merchant_charges c JOIN users u ON u.id = c.user_id WHERE u.email = '{buyerEmail}'"));
        // The seats are for whom they are given to: the buyer reads nothing until they take one.
        Assert.True(Paywalled(await buyer.GetAsync(lesson)));
        var code = await fixture.Database.ScalarAsync<string>(
            $"SELECT c.code FROM coupons c JOIN subscriptions s ON s.team_purchase_id = c.bulk_purchase_id JOIN users u ON u.id = s.user_id WHERE u.email = '{buyerEmail}'");
        Assert.Contains(code, (await buyer.GetAsync("/team")).Body);

        var seated = new List<WebUser>();
        foreach (var email in holders)
        {
            var holder = await WebUser.SignedInAsync(_app, email);
            Assert.True(Paywalled(await holder.GetAsync(lesson)));
            Assert.Equal(HttpStatusCode.Redirect, (await holder.SubmitFormAsync($"/team/redeem/{code}", "redeem-seat", [])).StatusCode);
            Assert.False(Paywalled(await holder.GetAsync(lesson)));
            seated.Add(holder);
            _clock.Advance(TimeSpan.FromMinutes(1)); // the seats are taken one after the other
        }

        // One seat fewer than are taken: the latest seat ends, the first stays.
        var subscription = await fixture.Database.ScalarAsync<Guid>($"SELECT s.id FROM subscriptions s JOIN users u ON u.id = s.user_id WHERE u.email = '{buyerEmail}'");
        await buyer.SubmitFormAsync(MembershipLinks.LocalBilling, "seats", new() { ["Seats"] = "1" });
        Assert.False(Paywalled(await seated[0].GetAsync(lesson)));
        Assert.True(Paywalled(await seated[1].GetAsync(lesson)));

        // A failed renewal past its grace closes the seat too; the end of the membership ends it.
        var billing = _app.Service<LocalBilling>();
        await billing.SetCardAsync(await UserAsync(buyerEmail), subscription, declines: true);
        _clock.Advance(TimeSpan.FromDays(32));
        await billing.RunAsync();
        Assert.Equal(SubscriptionStatus.PastDue, await StatusAsync(buyerEmail));
        Assert.True(await OpenAsync(holders[0], EntitlementSources.Purchase));
        _clock.Advance(TimeSpan.FromDays(8));
        Assert.False(await OpenAsync(holders[0], EntitlementSources.Purchase));
        _clock.Advance(TimeSpan.FromDays(21));
        await billing.RunAsync();
        Assert.Equal(SubscriptionStatus.Canceled, await StatusAsync(buyerEmail));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM entitlements e JOIN users u ON u.id = e.user_id WHERE u.email IN ('{holders[0]}', '{holders[1]}') AND e.deleted_at IS NULL"));
        Assert.Equal(PurchaseStatus.Ended, await fixture.Database.ScalarAsync<string>(
            $"SELECT p.status FROM purchases p JOIN subscriptions s ON s.team_purchase_id = p.id WHERE s.id = '{subscription}'"));
        foreach (var user in seated.Append(buyer)) user.Dispose();
    }

    [Fact]
    public async Task A_member_manages_only_their_own_membership()
    {
        const string owner = "learner00051@demo.antonio.dev";
        using var member = await WebUser.SignedInAsync(_app, owner);
        var start = await member.SubmitFormAsync(MembershipLinks.Checkout(await PlanAsync("Standard membership", BillingIntervals.Year)), "join", []);
        await member.SubmitFormAsync(new Uri(_app.BaseAddress, start.Headers.Location!).PathAndQuery, "local-payment", []);
        var subscription = await fixture.Database.ScalarAsync<Guid>($"SELECT s.id FROM subscriptions s JOIN users u ON u.id = s.user_id WHERE u.email = '{owner}'");

        // Another learner has nothing to cancel on their page, and asking the service for the owner's touches nothing.
        using var other = await WebUser.SignedInAsync(_app, "learner00052@demo.antonio.dev");
        Assert.Contains("no membership to manage", (await other.GetAsync(MembershipLinks.LocalBilling)).Body);
        Assert.False(await _app.Service<LocalBilling>().CancelAtPeriodEndAsync(await UserAsync("learner00052@demo.antonio.dev"), subscription, cancel: true));
        Assert.False(await fixture.Database.ScalarAsync<bool>($"SELECT cancel_at_period_end FROM subscriptions WHERE id = '{subscription}'"));
        Assert.Contains("not a member", (await other.GetAsync(MembershipLinks.Page)).Body);
    }

    [Fact]
    public async Task An_account_under_a_renewing_membership_is_not_deleted_until_the_membership_is_canceled()
    {
        const string email = "learner00055@demo.antonio.dev";
        using var member = await WebUser.SignedInAsync(_app, email);
        var start = await member.SubmitFormAsync(MembershipLinks.Checkout(await PlanAsync("Pro membership", BillingIntervals.Year)), "join", []);
        await member.SubmitFormAsync(new Uri(_app.BaseAddress, start.Headers.Location!).PathAndQuery, "local-payment", []);
        var delete = new Dictionary<string, string> { ["Delete.ConfirmEmail"] = email, ["Delete.Password"] = DemoAccounts.Password };

        var refused = await member.SubmitFormAsync("/account", "delete-account", delete);
        Assert.Contains("Cancel your membership first", await refused.Content.ReadAsStringAsync());
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM users WHERE email = '{email}'"));

        await member.SubmitFormAsync(MembershipLinks.LocalBilling, "cancel", []);
        var deleted = await member.SubmitFormAsync("/account", "delete-account", delete);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM users WHERE email = '{email}'"));
    }

    [Fact]
    public async Task With_no_payment_provider_nothing_can_be_joined()
    {
        await using var app = await TestApp.StartAsync(fixture.Database, settings: new Dictionary<string, string?> { ["Antonio:Payments:Provider"] = "none" });
        using var learner = await WebUser.SignedInAsync(app, "learner00056@demo.antonio.dev");
        var page = await learner.GetAsync(MembershipLinks.Checkout(await PlanAsync("Pro membership", BillingIntervals.Month)));
        Assert.Contains("Memberships are unavailable on this site right now", page.Body);
        Assert.DoesNotContain("name=\"_handler\" value=\"join\"", page.Body);
        Assert.Equal(404, (await learner.GetAsync(MembershipLinks.LocalBilling)).Status);
    }

    [Fact]
    public async Task Admins_see_every_membership_by_status_and_no_one_else_does()
    {
        // Other tests here move the clock and run the local billing over the demo memberships: read their state as it is.
        var status = await fixture.Database.ScalarAsync<string>($"SELECT s.status FROM subscriptions s JOIN users u ON u.id = s.user_id WHERE u.email = '{DemoAccounts.MemberInGrace}'");
        var other = status == SubscriptionStatus.Incomplete ? SubscriptionStatus.Unpaid : SubscriptionStatus.Incomplete;
        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        Assert.Contains(DemoAccounts.MemberInGrace, (await admin.GetAsync($"/admin/memberships?status={status}")).Body);
        Assert.DoesNotContain(DemoAccounts.MemberInGrace, (await admin.GetAsync($"/admin/memberships?status={other}")).Body);
        var all = (await admin.GetAsync("/admin/memberships?status=<script>")).Body; // not a status: every membership
        Assert.Contains(DemoAccounts.MemberMonthly, all);
        Assert.Contains(DemoAccounts.MemberTeamBuyer, all);
        Assert.DoesNotContain("<script>", all);

        using var member = await WebUser.SignedInAsync(_app, DemoAccounts.MemberMonthly);
        Assert.NotEqual(200, (await member.GetAsync("/admin/memberships")).Status);
    }

    // ---- Stripe ------------------------------------------------------------------------------------

    private static string Sign(string payload, long timestamp)
    {
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexString(hash).ToLowerInvariant()}";
    }

    private async Task<HttpStatusCode> DeliverAsync(string payload)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", Sign(payload, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        return (await _app.Client.SendAsync(request)).StatusCode;
    }

    /// <summary>A Stripe event as Stripe sends it: id, type, creation time and the object.</summary>
    private static string Event(string type, long created, object data) => JsonSerializer.Serialize(new
    {
        id = "evt_" + Guid.NewGuid().ToString("N"), @object = "event", api_version = "2025-03-31.basil", created, type, data = new { @object = data },
    });

    private static object StripeSubscription(string id, Dictionary<string, string> metadata, string status, long start, long end, bool cancelAtPeriodEnd = false, long? endedAt = null) => new
    {
        id, @object = "subscription", customer = "cus_test_member", status, cancel_at_period_end = cancelAtPeriodEnd, ended_at = endedAt, metadata,
        items = new { @object = "list", data = new[] { new { id = "si_" + id, @object = "subscription_item", quantity = 1, current_period_start = start, current_period_end = end } } },
    };

    private static object StripeInvoice(string id, string subscription, Dictionary<string, string> metadata, long amount, long start, long end, int quantity = 1) => new
    {
        id, @object = "invoice", customer = "cus_test_member", amount_paid = amount,
        parent = new { type = "subscription_details", subscription_details = new { subscription, metadata } },
        lines = new { @object = "list", data = new[] { new { id = "il_" + id, @object = "line_item", quantity, period = new { start, end } } } },
    };

    [Fact]
    public async Task Stripe_events_replayed_and_out_of_order_end_in_the_state_the_newest_says()
    {
        const string email = "learner00053@demo.antonio.dev";
        var metadata = StripeMembershipMetadata.Of(await UserAsync(email), await PlanAsync("Pro membership", BillingIntervals.Month));
        var sub = "sub_" + Guid.NewGuid().ToString("N")[..14];
        var t0 = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        const long month = 30L * 24 * 3600;
        var created = Event("customer.subscription.created", t0, StripeSubscription(sub, metadata, "incomplete", t0, t0 + month));
        var activated = Event("customer.subscription.updated", t0 + 1, StripeSubscription(sub, metadata, "active", t0, t0 + month));
        var firstPaid = Event("invoice.paid", t0 + 1, StripeInvoice("in_1" + sub, sub, metadata, 2_900, t0, t0 + month));
        var completed = Event("checkout.session.completed", t0 + 2, new { id = "cs_test_x", @object = "checkout.session", mode = "subscription", payment_status = "paid", subscription = sub });

        // The newest first, the oldest last, everything twice.
        foreach (var payload in new[] { completed, activated, firstPaid, created, activated, created, firstPaid })
            Assert.Equal(HttpStatusCode.OK, await DeliverAsync(payload));
        Assert.Equal(SubscriptionStatus.Active, await StatusAsync(email));
        Assert.Equal(1L, await CountAsync("merchant_charges", email));
        Assert.Equal(1L, await CountAsync("subscriptions", email));
        Assert.True(await OpenAsync(email));

        // The renewal fails: past due, one notice however often Stripe retries and reports.
        var pastDue = Event("customer.subscription.updated", t0 + month, StripeSubscription(sub, metadata, "past_due", t0 + month, t0 + 2 * month));
        var failed = Event("invoice.payment_failed", t0 + month, StripeInvoice("in_2" + sub, sub, metadata, 2_900, t0 + month, t0 + 2 * month));
        foreach (var payload in new[] { failed, pastDue, failed })
            Assert.Equal(HttpStatusCode.OK, await DeliverAsync(payload));
        Assert.Equal(SubscriptionStatus.PastDue, await StatusAsync(email));
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM email_outbox WHERE recipient = '{email}' AND kind = '{MembershipMailKinds.PaymentFailed}'"));

        // Paid after all; then the stale past-due report arrives again and changes nothing.
        var recovered = Event("customer.subscription.updated", t0 + month + 5, StripeSubscription(sub, metadata, "active", t0 + month, t0 + 2 * month));
        var secondPaid = Event("invoice.paid", t0 + month + 5, StripeInvoice("in_2" + sub, sub, metadata, 2_900, t0 + month, t0 + 2 * month));
        foreach (var payload in new[] { secondPaid, recovered, pastDue })
            Assert.Equal(HttpStatusCode.OK, await DeliverAsync(payload));
        Assert.Equal(SubscriptionStatus.Active, await StatusAsync(email));
        Assert.Equal(2L, await CountAsync("merchant_charges", email));
        Assert.True(await OpenAsync(email));

        // A proration invoice (its first line for another seat count) is a charge; the seats are what the subscription says.
        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(Event("invoice.paid", t0 + month + 6,
            StripeInvoice("in_3" + sub, sub, metadata, 1_200, t0 + month + 6, t0 + 2 * month, quantity: 7))));
        Assert.Equal(3L, await CountAsync("merchant_charges", email));
        Assert.Equal(1, await fixture.Database.ScalarAsync<int>($"SELECT quantity FROM subscriptions WHERE provider_subscription_id = '{sub}'"));

        // Deleted: ended for good — an older "active" delivered late does not bring it back.
        var deleted = Event("customer.subscription.deleted", t0 + month + 10, StripeSubscription(sub, metadata, "canceled", t0 + month, t0 + 2 * month, endedAt: t0 + month + 10));
        foreach (var payload in new[] { deleted, recovered, activated })
            Assert.Equal(HttpStatusCode.OK, await DeliverAsync(payload));
        Assert.Equal(SubscriptionStatus.Canceled, await StatusAsync(email));
        Assert.False(await OpenAsync(email));
    }

    [Fact]
    public async Task Stripe_events_about_subscriptions_this_site_did_not_sell_change_nothing()
    {
        var before = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM subscriptions");
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var foreign = new Dictionary<string, string> { ["plan"] = "someone else's" };
        var unknownPlan = StripeMembershipMetadata.Of(await UserAsync("learner00054@demo.antonio.dev"), Guid.NewGuid());
        foreach (var metadata in new[] { foreign, unknownPlan })
        {
            Assert.Equal(HttpStatusCode.OK, await DeliverAsync(Event("customer.subscription.updated", t, StripeSubscription("sub_foreign", metadata, "active", t, t + 1000))));
            Assert.Equal(HttpStatusCode.OK, await DeliverAsync(Event("invoice.paid", t, StripeInvoice("in_foreign", "sub_foreign", metadata, 100, t, t + 1000))));
        }
        Assert.Equal(before, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM subscriptions"));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM merchant_charges WHERE identifier = 'in_foreign'"));
    }

    private Task<string> StatusAsync(string email) => fixture.Database.ScalarAsync<string>(
        $"SELECT s.status FROM subscriptions s JOIN users u ON u.id = s.user_id WHERE u.email = '{email}' ORDER BY s.created_at DESC LIMIT 1");

    private Task<long> CountAsync(string table, string email) => fixture.Database.ScalarAsync<long>(
        $"SELECT count(*) FROM {table} t JOIN users u ON u.id = t.user_id WHERE u.email = '{email}'");

    /// <summary>The member's subscription entitlement (a seat's hangs on its purchase) is open at the test clock's now.</summary>
    private Task<bool> OpenAsync(string email, string source = "subscription") => fixture.Database.ScalarAsync<bool>(
        $"""
        SELECT EXISTS (SELECT 1 FROM entitlements e JOIN users u ON u.id = e.user_id
         WHERE u.email = '{email}' AND e.source_type = '{source}' AND e.deleted_at IS NULL AND e.expires_at > '{_clock.GetUtcNow():O}')
        """);
}
