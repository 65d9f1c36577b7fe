using System.Net;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Commerce;
using Antonio.Web.Commerce.Live;
using Antonio.Web.Learning.Live;
using Antonio.Web.Ui.Calendar;
using Microsoft.Extensions.DependencyInjection;

namespace Antonio.Tests.Integration;

/// <summary>
/// Live sessions: the public page (its time in UTC for the islands to localise, the organiser's zone, the calendar, the
/// seats), the join link only for a ticket holder and only in its window, tickets never sold past the seats — not even
/// by two nodes paying for the last one at once — and reminders once per holder and offset across three nodes and a
/// restart. Where the session happens is in no page, file or e-mail anyone is sent, the holder's included.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LiveSessionTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>
{
    private const string JoinUrl = "https://meet.example.com/antonio-typescript-office-hours";
    private static readonly string Page = LiveLinks.Page(DemoCatalogue.LiveSessionSlug);
    private static readonly string Join = LiveLinks.Join(DemoCatalogue.LiveSessionSlug);

    private async Task<DateTimeOffset> StartsAtAsync() =>
        new(DateTime.SpecifyKind(await fixture.Database.ScalarAsync<DateTime>("SELECT starts_at FROM live_sessions"), DateTimeKind.Utc));

    private Task<Guid> ProductAsync() => fixture.Database.ScalarAsync<Guid>($"SELECT id FROM products WHERE slug = '{DemoCatalogue.LiveSessionSlug}'");

    private Task<Guid> UserAsync(string email) => fixture.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{email}'");

    /// <summary>A node on a controlled clock; nodes given the same cache prefix are one cluster (one Redis level and backplane).</summary>
    private Task<TestApp> NodeAsync(TestClock clock, string? cachePrefix = null) =>
        TestApp.StartAsync(fixture.Database, cachePrefix: cachePrefix, configure: b => b.Services.AddSingleton<TimeProvider>(clock),
            settings: new Dictionary<string, string?> { ["Antonio:Live:ReminderCheckInterval"] = "00:10:00" });

    [Fact]
    public async Task The_page_says_when_in_utc_and_the_organisers_zone_offers_the_calendar_and_seats_and_never_where()
    {
        var starts = await StartsAtAsync();
        await using var app = await TestApp.StartAsync(fixture.Database);

        var list = await app.SettledAsync(LiveLinks.List);
        Assert.Equal(200, list.Status);
        Assert.Contains($"href=\"{Page}\"", list.Body);

        var page = await app.SettledAsync(Page);
        Assert.Equal(200, page.Status);
        Assert.Contains("<h1>TypeScript office hours</h1>", page.Body);
        Assert.Contains($"<time data-local datetime=\"{Antonio.Web.Ui.Calendar.LocalTime.Machine(starts)}\">{LiveTimes.Utc(starts)}</time>", page.Body);
        // 17:00 UTC in winter is 18:00 in Berlin; 90 minutes (the dash encoded, as Razor writes it).
        var berlin = TimeZoneInfo.ConvertTime(starts, LiveTimes.Zone("Europe/Berlin"));
        Assert.Contains($"{berlin:dddd, MMMM d, yyyy, HH:mm}&#x2013;{berlin.AddMinutes(90):HH:mm} (Europe/Berlin)", page.Body);
        Assert.Contains("1 h 30 min", page.Body);
        Assert.Contains($"href=\"{LiveLinks.Calendar(DemoCatalogue.LiveSessionSlug)}\" download", page.Body);
        Assert.Contains($"dates={IcsFile.Utc(starts)}/{IcsFile.Utc(starts.AddMinutes(90))}", page.Body);
        Assert.Contains("29 seats left of 30", page.Body); // the demo ticket holder has one
        Assert.Contains($"/checkout?product={await ProductAsync()}", page.Body);
        // Anonymous: how holders join, not a way in.
        Assert.Contains("Ticket holders join from this page", page.Body);
        Assert.DoesNotContain($"href=\"{Join}\"", page.Body);
        Assert.DoesNotContain("meet.example.com", page.Body);

        var warm = await app.GetAsync(Page);
        Assert.True(warm.FromPageCache);
        Assert.Equal(0, warm.Queries);

        using var file = await app.Client.GetAsync(LiveLinks.Calendar(DemoCatalogue.LiveSessionSlug));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/calendar", file.Content.Headers.ContentType!.MediaType);
        var ics = (await file.Content.ReadAsStringAsync()).Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Contains($"\r\nDTSTART:{IcsFile.Utc(starts)}\r\n", ics, StringComparison.Ordinal);
        Assert.Contains($"\r\nDTEND:{IcsFile.Utc(starts.AddMinutes(90))}\r\n", ics, StringComparison.Ordinal);
        Assert.Contains($"\r\nURL:{new Uri(app.BaseAddress, Page).AbsoluteUri}\r\n", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("meet.example.com", ics);
        // Opened by a calendar library's parser (Ical.Net's), as a calendar application would: one event, its times and text.
        var opened = Ical.Net.Calendar.Load(ics)!;
        var single = Assert.Single(opened.Events);
        Assert.Equal(starts.UtcDateTime, single.DtStart!.AsUtc);
        Assert.Equal(starts.AddMinutes(90).UtcDateTime, single.DtEnd!.AsUtc);
        Assert.Equal("TypeScript office hours", single.Summary);
        Assert.Equal(new Uri(app.BaseAddress, Page), single.Url);

        Assert.Equal(404, (await app.GetAsync("/live/no-such-session")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync(LiveLinks.Calendar("no-such-session"))).StatusCode);
    }

    [Fact]
    public async Task A_live_session_page_cold_costs_at_most_3_queries()
    {
        await using var app = await TestApp.StartAsync(fixture.Database);
        var cold = await app.GetAsync(Page);
        Assert.Equal(200, cold.Status);
        // The sessions with their seats and recordings (one command); the prices.
        Assert.True(cold.Queries <= 3, $"{cold.Queries} queries");
    }

    [Fact]
    public async Task Only_a_ticket_holder_is_sent_to_the_session_and_only_from_shortly_before_its_start_until_its_end()
    {
        var starts = await StartsAtAsync();
        var clock = new TestClock(starts.AddHours(-2));
        await using var app = await NodeAsync(clock);
        using var holder = await WebUser.SignedInAsync(app, DemoAccounts.LiveTicket);
        using var nobody = await WebUser.SignedInAsync(app, DemoAccounts.Nobody);

        // Signed out: to the sign-in page, and back here afterwards.
        using (var anonymous = await app.Client.GetAsync(Join))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Contains("/account/login", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        async Task<(HttpStatusCode Status, string? Location, string Body)> JoinAsync(WebUser user)
        {
            using var response = await user.Client.GetAsync(Join);
            return (response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync());
        }

        // Two hours before: the holder's page says when the way in opens, and has none yet; the holder's join
        // check says the same; nobody is sent anywhere.
        var holderPage = await holder.GetAsync(Page);
        Assert.Contains("You hold a ticket. The way in opens here", holderPage.Body);
        Assert.DoesNotContain($"href=\"{Join}\"", holderPage.Body);
        Assert.DoesNotContain($"href=\"{Join}\"", (await nobody.GetAsync(Page)).Body);
        var early = await JoinAsync(holder);
        Assert.Equal(HttpStatusCode.OK, early.Status);
        Assert.Contains("Not yet", early.Body);
        Assert.DoesNotContain("meet.example.com", early.Body);
        var stranger = await JoinAsync(nobody);
        Assert.Equal(HttpStatusCode.Forbidden, stranger.Status);
        Assert.Contains("for ticket holders", stranger.Body);
        Assert.DoesNotContain("meet.example.com", stranger.Body);

        // Ten minutes before (the window opens fifteen before), and during: the holder goes in; the stranger still not.
        clock.Advance(TimeSpan.FromMinutes(110));
        async Task SentInAsync()
        {
            var sent = await JoinAsync(holder);
            Assert.Equal(HttpStatusCode.Redirect, sent.Status);
            Assert.Equal(JoinUrl, sent.Location);
        }
        await SentInAsync();
        Assert.Contains($"href=\"{Join}\"", (await holder.GetAsync(Page)).Body);
        Assert.DoesNotContain($"href=\"{Join}\"", (await nobody.GetAsync(Page)).Body);
        Assert.Equal(HttpStatusCode.Forbidden, (await JoinAsync(nobody)).Status);
        clock.Advance(TimeSpan.FromMinutes(60));
        await SentInAsync();

        // After the end: gone, for the holder too; their page says it has ended and offers no way in.
        clock.Advance(TimeSpan.FromMinutes(45));
        var endedPage = await holder.GetAsync(Page);
        Assert.Contains("the session has ended", endedPage.Body);
        Assert.DoesNotContain($"href=\"{Join}\"", endedPage.Body);
        var after = await JoinAsync(holder);
        Assert.Equal(HttpStatusCode.Gone, after.Status);
        Assert.DoesNotContain("meet.example.com", after.Body);

        // A refunded ticket holds nothing.
        var purchase = await fixture.Database.ScalarAsync<Guid>($"SELECT p.id FROM purchases p JOIN users u ON u.id = p.user_id WHERE u.email = '{DemoAccounts.LiveTicket}'");
        clock.Advance(TimeSpan.FromMinutes(-60));
        Assert.Equal(RefundOutcome.Refunded, await app.Service<Fulfilment>().RefundAsync(purchase, actorId: null));
        Assert.Equal(HttpStatusCode.Forbidden, (await JoinAsync(holder)).Status);
        // The ticket as seeded again, for the other tests of this class.
        await fixture.Database.ExecuteAsync($"UPDATE purchases SET status = 'Valid' WHERE id = '{purchase}'; UPDATE entitlements SET deleted_at = NULL WHERE source_id = '{purchase}'");
    }

    [Fact]
    public async Task The_admin_moves_the_session_and_its_seats_in_the_product_form_and_every_page_and_file_follows()
    {
        var product = await ProductAsync();
        await using var app = await TestApp.StartAsync(fixture.Database);
        await app.SettledAsync(Page);
        Assert.True((await app.GetAsync(Page)).FromPageCache);
        var products = app.Service<Antonio.Web.Admin.ProductEditor>();
        var (form, version) = (await products.LoadAsync(product))!.Value;
        Assert.Equal(JoinUrl, form.Live.JoinUrl);
        var before = form.Live.StartsAt!.Value;
        try
        {
            var moved = new DateTimeOffset(before.UtcDateTime.AddDays(1).AddHours(2)); // as the browser's local-time field gives it
            form.Live.StartsAt = moved;
            form.Live.EndsAt = moved.AddHours(1);
            form.Live.Capacity = 5;
            form.Description = "<script>alert(1)</script> Questions **welcome**.";
            Assert.Equal(Antonio.Web.Admin.EditOutcome.Saved, (await products.SaveAsync(product, version, form, null)).Outcome);

            var utc = new DateTimeOffset(DateTime.SpecifyKind(moved.DateTime, DateTimeKind.Utc));
            var page = await app.SettledAsync(Page);
            Assert.Contains(LiveTimes.Utc(utc), page.Body);
            Assert.Contains("4 seats left of 5", page.Body);
            Assert.Contains("<strong>welcome</strong>", page.Body);
            Assert.DoesNotContain("<script>alert(1)</script>", page.Body);
            var ics = await app.Client.GetStringAsync(LiveLinks.Calendar(DemoCatalogue.LiveSessionSlug));
            Assert.Contains($"DTSTART:{IcsFile.Utc(utc)}", ics, StringComparison.Ordinal);
            // Audited, without the address itself.
            var audit = await fixture.Database.ScalarAsync<string>($"SELECT after::text FROM audit_entries WHERE action = 'live.session' AND entity_id = '{product}' ORDER BY id DESC LIMIT 1");
            Assert.Contains("joinUrlSet", audit);
            Assert.DoesNotContain("meet.example.com", audit);
        }
        finally
        {
            var (again, againVersion) = (await products.LoadAsync(product))!.Value;
            again.Live.StartsAt = before;
            again.Live.EndsAt = before.AddMinutes(90);
            again.Live.Capacity = 30;
            Assert.Equal(Antonio.Web.Admin.EditOutcome.Saved, (await products.SaveAsync(product, againVersion, again, null)).Outcome);
        }
    }

    [Fact]
    public async Task A_recording_attached_after_the_session_opens_its_lessons_to_ticket_holders_only()
    {
        var product = await ProductAsync();
        var clock = new TestClock((await StartsAtAsync()).AddDays(1));
        await using var app = await NodeAsync(clock);
        // The recording: a workshop of its own (here a seeded one nobody of these two holds).
        const int recording = DemoCatalogue.AdvancedFirst + 1;
        var workshop = await SeededData.WorkshopAsync(fixture.Database, recording);
        await AccessMatrix.CheckAsync(app, fixture.Database, DemoAccounts.LiveTicket, recording, null, "free");

        var products = app.Service<Antonio.Web.Admin.ProductEditor>();
        var (form, version) = (await products.LoadAsync(product))!.Value;
        form.WorkshopIds = [workshop.Id];
        Assert.Equal(Antonio.Web.Admin.EditOutcome.Saved, (await products.SaveAsync(product, version, form, null)).Outcome);
        try
        {
            await AccessMatrix.CheckAsync(app, fixture.Database, DemoAccounts.LiveTicket, recording, null, "all");
            await AccessMatrix.CheckAsync(app, fixture.Database, DemoAccounts.Nobody, recording, null, "free");
            await AccessMatrix.CheckAsync(app, fixture.Database, null, recording, null, "free");
            var page = await app.SettledAsync(Page);
            Assert.Contains("<h2>Recording</h2>", page.Body);
            Assert.Contains($"href=\"/workshops/{workshop.Slug}\"", page.Body);
        }
        finally
        {
            var (again, againVersion) = (await products.LoadAsync(product))!.Value;
            again.WorkshopIds = [];
            Assert.Equal(Antonio.Web.Admin.EditOutcome.Saved, (await products.SaveAsync(product, againVersion, again, null)).Outcome);
        }
        await AccessMatrix.CheckAsync(app, fixture.Database, DemoAccounts.LiveTicket, recording, null, "free");
    }

    [Fact]
    public async Task Archiving_stops_the_sale_not_the_session_its_holders_bought()
    {
        var product = await ProductAsync();
        var starts = await StartsAtAsync();
        var clock = new TestClock(starts.AddMinutes(-5));
        await fixture.Database.ExecuteAsync($"UPDATE products SET status = 0 WHERE id = '{product}'");
        try
        {
            await using var app = await NodeAsync(clock);
            var page = await app.SettledAsync(Page);
            Assert.Equal(200, page.Status);
            Assert.Contains("Tickets are no longer sold.", page.Body);
            Assert.DoesNotContain("Buy a ticket", page.Body);
            Assert.DoesNotContain($"href=\"{Page}\"", (await app.SettledAsync(LiveLinks.List)).Body);
            using var holder = await WebUser.SignedInAsync(app, DemoAccounts.LiveTicket);
            using var join = await holder.Client.GetAsync(Join);
            Assert.Equal(HttpStatusCode.Redirect, join.StatusCode);
            Assert.Equal(JoinUrl, join.Headers.Location?.OriginalString);
            using var buyer = await WebUser.SignedInAsync(app, DemoAccounts.Nobody);
            Assert.DoesNotContain("Continue to payment", (await buyer.GetAsync($"/checkout?product={product}")).Body);
        }
        finally
        {
            await fixture.Database.ExecuteAsync($"UPDATE products SET status = 1 WHERE id = '{product}'");
        }
    }

    [Fact]
    public async Task In_the_window_every_demo_account_but_the_ticket_holder_is_refused_staff_included()
    {
        var clock = new TestClock((await StartsAtAsync()).AddMinutes(-5));
        await using var app = await NodeAsync(clock);
        foreach (var (email, situation) in DemoAccounts.All)
        {
            using var user = await WebUser.SignedInAsync(app, email);
            using var response = await user.Client.GetAsync(Join);
            var body = await response.Content.ReadAsStringAsync();
            if (email == DemoAccounts.LiveTicket)
            {
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Equal(JoinUrl, response.Headers.Location?.OriginalString);
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{email} ({situation}): {(int)response.StatusCode}");
                Assert.DoesNotContain("meet.example.com", body);
            }
        }
    }

    [Fact]
    public async Task The_last_seat_goes_to_one_of_two_buyers_paying_at_once_on_two_nodes_and_the_other_is_refunded()
    {
        var product = await ProductAsync();
        // Two days before: no reminder is due (the reminder test counts them).
        var clock = new TestClock((await StartsAtAsync()).AddDays(-2));
        var cluster = "live-" + Guid.NewGuid().ToString("N")[..8];
        await using var a = await NodeAsync(clock, cluster);
        await using var b = await NodeAsync(clock, cluster);
        var held = await fixture.Database.ScalarAsync<long>($"SELECT COALESCE(sum(quantity), 0) FROM purchases WHERE product_id = '{product}' AND status IN ('Valid', 'Restricted')");
        await fixture.Database.ExecuteAsync($"UPDATE live_sessions SET capacity = {held + 1} WHERE product_id = '{product}'");
        try
        {
            var page = await a.SettledAsync(Page);
            Assert.Contains("1 seat left of", page.Body);

            PaidCheckout Paid(Guid user, string charge) => new()
            {
                Provider = LocalPaymentProvider.ProviderName, ChargeId = charge, UserId = user, ProductId = product, AmountCents = 4_900,
            };
            var first = await UserAsync(DemoAccounts.Buyer);
            var second = await UserAsync(DemoAccounts.BundleBuyer);
            var outcomes = await Task.WhenAll(
                a.Service<Fulfilment>().FulfilAsync(Paid(first, "ch_live_race_a")),
                b.Service<Fulfilment>().FulfilAsync(Paid(second, "ch_live_race_b")));

            Assert.Equal([FulfilOutcome.Created, FulfilOutcome.SoldOut], outcomes.Select(o => o.Outcome).Order());
            var loser = outcomes.Single(o => o.Outcome == FulfilOutcome.SoldOut).PurchaseId!.Value;
            Assert.Equal("Refunded", await fixture.Database.ScalarAsync<string>($"SELECT status FROM purchases WHERE id = '{loser}'"));
            Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM entitlements WHERE source_id = '{loser}'"));
            Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_entries WHERE action = 'purchase.sold-out' AND entity_id = '{loser}'"));
            Assert.Equal(held + 1, await fixture.Database.ScalarAsync<long>($"SELECT sum(quantity) FROM purchases WHERE product_id = '{product}' AND status IN ('Valid', 'Restricted')"));

            // The winner's receipt is their ticket: when, and the page to join from — not where.
            var winnerEmail = outcomes[0].Outcome == FulfilOutcome.Created ? DemoAccounts.Buyer : DemoAccounts.BundleBuyer;
            MimeKit.MimeMessage? receipt = null;
            for (var i = 0; i < 150 && receipt is null; i++, await Task.Delay(100))
                receipt = new[] { a, b }.SelectMany(n => n.Mail.To(winnerEmail)).FirstOrDefault(m => m.Subject == "Your ticket: TypeScript office hours");
            Assert.NotNull(receipt);
            Assert.Contains("Join from the session's page", receipt.TextBody);
            Assert.DoesNotContain("meet.example.com", receipt.TextBody + receipt.HtmlBody);

            // The same payment reported again (a webhook retried) changes nothing.
            var loserCharge = outcomes[0].Outcome == FulfilOutcome.SoldOut ? "ch_live_race_a" : "ch_live_race_b";
            var loserUser = outcomes[0].Outcome == FulfilOutcome.SoldOut ? first : second;
            Assert.Equal(FulfilOutcome.AlreadyRecorded, (await b.Service<Fulfilment>().FulfilAsync(Paid(loserUser, loserCharge))).Outcome);

            // Both nodes' pages say so at once, and the checkout sells no more.
            await ShowsAsync(a, "Sold out");
            await ShowsAsync(b, "Sold out");
            using var third = await WebUser.SignedInAsync(b, DemoAccounts.Nobody);
            var checkout = await third.GetAsync($"/checkout?product={product}");
            Assert.Equal(409, checkout.Status);
            Assert.Contains("sold out", checkout.Body);
            Assert.DoesNotContain("Continue to payment", checkout.Body);

            // A refund frees the seat, on both nodes.
            var winner = outcomes.Single(o => o.Outcome == FulfilOutcome.Created).PurchaseId!.Value;
            Assert.Equal(RefundOutcome.Refunded, await a.Service<Fulfilment>().RefundAsync(winner, actorId: null));
            await ShowsAsync(a, "1 seat left of");
            await ShowsAsync(b, "1 seat left of");
        }
        finally
        {
            await fixture.Database.ExecuteAsync($"UPDATE live_sessions SET capacity = 30 WHERE product_id = '{product}'");
        }
    }

    /// <summary>
    /// The session's page on a node shows the text within a few seconds: a write on one node drops the other's memory
    /// level through Redis's backplane, a message that arrives a moment after the write returns.
    /// </summary>
    private static async Task ShowsAsync(TestApp node, string text)
    {
        var page = await node.SettledAsync(Page);
        for (var i = 0; i < 50 && !page.Body.Contains(text, StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            page = await node.SettledAsync(Page);
        }
        Assert.Contains(text, page.Body);
    }

    private Task<long> RemindersAsync(string? to = null) => fixture.Database.ScalarAsync<long>(
        $"SELECT count(*) FROM email_outbox WHERE kind = '{LiveReminders.MailKind}'" + (to is null ? "" : $" AND recipient = '{to}'"));

    [Fact]
    public async Task Each_holder_is_reminded_once_a_day_and_once_an_hour_before_across_three_nodes_a_skewed_clock_and_a_restart()
    {
        var starts = await StartsAtAsync();
        var clock = new TestClock(starts.AddDays(-1).AddMinutes(-5));
        var behind = new TestClock(starts.AddDays(-1).AddMinutes(-8));
        var a = await NodeAsync(clock);
        var b = await NodeAsync(clock);
        var c = await NodeAsync(behind);
        try
        {
            var holders = await fixture.Database.ScalarAsync<long>(
                $"SELECT count(DISTINCT user_id) FROM purchases WHERE product_id = '{await ProductAsync()}' AND status IN ('Valid', 'Restricted')");
            Assert.True(holders >= 1);
            Assert.Equal(0, await a.Service<LiveReminders>().RunAsync());

            // A day before: one each, however many nodes ask at once.
            clock.Advance(TimeSpan.FromMinutes(6));
            behind.Advance(TimeSpan.FromMinutes(6));
            var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => new[] { a, b, c }[i % 3].Service<LiveReminders>().RunAsync()));
            Assert.Equal(holders, runs.Sum());
            Assert.Equal(1L, await RemindersAsync(DemoAccounts.LiveTicket));
            Assert.Equal(0L, await RemindersAsync(DemoAccounts.Nobody));
            behind.Advance(TimeSpan.FromMinutes(5));
            Assert.Equal(0, await c.Service<LiveReminders>().RunAsync());

            // A restart, then an hour before: the second reminder, once.
            await a.DisposeAsync();
            clock.Advance(TimeSpan.FromHours(23));
            a = await NodeAsync(clock);
            await Task.WhenAll(a.Service<LiveReminders>().RunAsync(), b.Service<LiveReminders>().RunAsync());
            Assert.Equal(2L, await RemindersAsync(DemoAccounts.LiveTicket));

            // After the start: none.
            clock.Advance(TimeSpan.FromHours(2));
            Assert.Equal(0, await a.Service<LiveReminders>().RunAsync());
            Assert.Equal(2 * holders, await RemindersAsync());

            // Delivered with the page's address, never the session's.
            TestApp[] nodes = [a, b, c];
            MimeKit.MimeMessage? mail = null;
            for (var i = 0; i < 200 && mail is null; i++, await Task.Delay(100))
                mail = nodes.SelectMany(n => n.Mail.To(DemoAccounts.LiveTicket)).FirstOrDefault(m => m.Subject?.Contains("office hours starts", StringComparison.Ordinal) == true);
            Assert.NotNull(mail);
            Assert.Contains(Page, mail.TextBody);
            Assert.DoesNotContain("meet.example.com", mail.TextBody + mail.HtmlBody);
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
            await c.DisposeAsync();
        }
    }
}
