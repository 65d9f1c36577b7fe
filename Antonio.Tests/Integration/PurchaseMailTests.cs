using System.Net;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;

namespace Antonio.Tests.Integration;

/// <summary>The mails a buyer expects: a receipt with a sign-in link after paying, and a notice when a refund ends the access.</summary>
[Trait("Category", "Integration")]
public sealed class PurchaseMailTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_local_checkout_sends_the_receipt_with_a_one_click_sign_in()
    {
        const string email = "learner00021@demo.antonio.dev";
        var product = await fixture.Database.ScalarAsync<Guid>("SELECT id FROM products WHERE name = 'Advanced Patterns'");
        using var buyer = await WebUser.SignedInAsync(_app, email);
        await PayAsync(buyer, $"/checkout?product={product}");

        var receipt = await _app.Mail.WaitForAsync(email, m => m.Subject?.StartsWith("Your receipt", StringComparison.Ordinal) == true);
        Assert.Equal("Your receipt: Advanced Patterns", receipt.Subject);
        Assert.Contains("Paid: $249", receipt.TextBody);
        Assert.Contains("Advanced Patterns", receipt.HtmlBody);
        var link = TestSmtpServer.LinkIn(receipt);
        Assert.StartsWith(_app.BaseAddress + "account/magic?token=", link.ToString());
        Assert.Contains($"href=\"{link.ToString().Replace("&", "&amp;", StringComparison.Ordinal)}\"", receipt.HtmlBody);

        // The link signs a fresh browser in and lands on the learner's home.
        using var elsewhere = new WebUser(_app);
        var page = await elsewhere.GetAsync(link.PathAndQuery);
        var token = Uri.UnescapeDataString(link.Query.Split("token=")[1].Split('&')[0]);
        var signedIn = await elsewhere.SubmitFormAsync(link.PathAndQuery, "magic-sign-in", new() { ["Input.Token"] = token });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.EndsWith("/dashboard", signedIn.Headers.Location!.OriginalString);
        Assert.Contains("Sign in", page.Body);

        // Kept in the outbox as sent, without the link.
        Assert.Equal("sent", await fixture.Database.ScalarAsync<string>($"SELECT status FROM email_outbox WHERE recipient = '{email}' AND kind = 'purchase-receipt'"));
        Assert.DoesNotContain("token=", await fixture.Database.ScalarAsync<string>($"SELECT text_body FROM email_outbox WHERE recipient = '{email}' AND kind = 'purchase-receipt'"));
    }

    [Fact]
    public async Task A_team_purchase_receipt_names_the_seats_and_leads_to_the_team_page()
    {
        const string email = "learner00022@demo.antonio.dev";
        var product = await fixture.Database.ScalarAsync<Guid>("SELECT id FROM products WHERE name = 'Essentials'");
        using var buyer = await WebUser.SignedInAsync(_app, email);
        await PayAsync(buyer, $"/checkout?product={product}&quantity=5");
        var receipt = await _app.Mail.WaitForAsync(email, m => m.Subject?.StartsWith("Your receipt", StringComparison.Ordinal) == true);
        Assert.Contains("Seats: 5", receipt.TextBody);
        Assert.Contains("returnUrl=%2Fteam", TestSmtpServer.LinkIn(receipt).ToString());
    }

    [Fact]
    public async Task A_cohort_that_has_not_opened_is_welcomed_with_its_date_for_the_buyer_and_for_a_team_seat()
    {
        var cohort = await fixture.Database.ScalarAsync<Guid>("SELECT id FROM products WHERE name = 'Cohort: Winter'");
        var opens = (await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.UpcomingCohortWorkshop)).StartsAt!.Value;
        var date = Antonio.Web.Content.CohortDates.Format(opens);

        const string buyerEmail = "learner00023@demo.antonio.dev";
        using (var buyer = await WebUser.SignedInAsync(_app, buyerEmail))
            await PayAsync(buyer, $"/checkout?product={cohort}");
        var receipt = await _app.Mail.WaitForAsync(buyerEmail, m => m.Subject?.StartsWith("Your receipt", StringComparison.Ordinal) == true);
        Assert.Contains("Welcome to the cohort!", receipt.TextBody);
        Assert.Contains($"opens on {date}", receipt.TextBody);

        // A team of three seats: whoever takes one is welcomed too, with the same date.
        const string teamEmail = "learner00024@demo.antonio.dev", memberEmail = "learner00025@demo.antonio.dev";
        using (var teamBuyer = await WebUser.SignedInAsync(_app, teamEmail))
            await PayAsync(teamBuyer, $"/checkout?product={cohort}&quantity=3");
        var code = await fixture.Database.ScalarAsync<string>($"""
            SELECT c.code FROM coupons c JOIN purchases p ON p.bulk_coupon_id = c.id JOIN users u ON u.id = p.user_id
             WHERE u.email = '{teamEmail}' AND c.bulk_purchase_id IS NOT NULL
            """);
        using var member = await WebUser.SignedInAsync(_app, memberEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await member.SubmitFormAsync($"/team/redeem/{code}", "redeem-seat", [])).StatusCode);
        var welcome = await _app.Mail.WaitForAsync(memberEmail, m => m.Subject == "Welcome to your team's seat");
        Assert.Contains("gave you a seat of Cohort: Winter", welcome.TextBody);
        Assert.Contains($"opens on {date}", welcome.TextBody);
        await _app.Mail.WaitForAsync(teamEmail, m => m.Subject?.Contains("was claimed", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task An_admin_refund_sends_the_notice_of_what_access_ends_once()
    {
        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        var purchaseId = await fixture.Database.ScalarAsync<Guid>(
            $"SELECT p.id FROM purchases p JOIN users u ON u.id = p.user_id WHERE u.email = '{DemoAccounts.BundleBuyer}'");
        var search = "/admin/purchases?email=" + Uri.EscapeDataString(DemoAccounts.BundleBuyer);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync(search, $"refund-{purchaseId:N}", [])).StatusCode);
        var notice = await _app.Mail.WaitForAsync(DemoAccounts.BundleBuyer);
        Assert.Contains("was refunded", notice.Subject);
        Assert.Contains("No longer included: " + DemoCatalogue.WorkshopTitle(0), notice.TextBody);
        Assert.Contains("certificates", notice.TextBody);

        // Once: nothing else is queued for this refund.
        await Task.Delay(1500);
        Assert.Single(_app.Mail.To(DemoAccounts.BundleBuyer));
    }

    private async Task PayAsync(WebUser buyer, string checkout)
    {
        var start = await buyer.SubmitFormAsync(checkout, "checkout", []);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var localPage = new Uri(_app.BaseAddress, start.Headers.Location!).PathAndQuery;
        Assert.Equal(HttpStatusCode.Redirect, (await buyer.SubmitFormAsync(localPage, "local-payment", [])).StatusCode);
    }
}
