using System.Net;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Commerce;

namespace Antonio.Tests.Integration;

/// <summary>
/// Issue #29, invoices: a buyer lists their charges and opens each as a printable invoice with the figures recorded when
/// it was paid and their own "bill to" text; nobody else but an admin can open it, and no one but the buyer can write it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class InvoiceTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<Guid> ChargeOfAsync(string email) => fixture.Database.ScalarAsync<Guid>(
        $"SELECT c.id FROM merchant_charges c JOIN users u ON u.id = c.user_id WHERE u.email = '{email}' ORDER BY c.created_at LIMIT 1");

    [Fact]
    public async Task A_buyer_prints_their_invoice_with_the_figures_of_the_day_they_paid()
    {
        var charge = await ChargeOfAsync(DemoAccounts.Buyer);
        var paid = await fixture.Database.ScalarAsync<long>($"SELECT SUM(total_amount_cents)::bigint FROM purchases WHERE merchant_charge_id = '{charge}'");
        var identifier = await fixture.Database.ScalarAsync<string>($"SELECT identifier FROM merchant_charges WHERE id = '{charge}'");
        // Today's price is not the price paid: the invoice keeps the charge's.
        await fixture.Database.ExecuteAsync($"UPDATE prices SET unit_amount_cents = unit_amount_cents * 3 WHERE product_id IN (SELECT product_id FROM purchases WHERE merchant_charge_id = '{charge}')");

        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        var list = await buyer.GetAsync("/invoices");
        Assert.Contains(InvoiceLinks.Invoice(charge), list.Body);
        Assert.Contains(InvoiceLinks.Invoice(charge), (await buyer.GetAsync("/purchases")).Body);

        var invoice = await buyer.GetAsync(InvoiceLinks.Invoice(charge));
        Assert.Equal(200, invoice.Status);
        Assert.Contains("Antonio Workshops", invoice.Body); // the seller
        Assert.Contains(DemoAccounts.Buyer, invoice.Body);
        Assert.Contains(identifier, invoice.Body);
        Assert.Contains($"Total paid ({Money.Currency})</th><td>{Money.Format(paid)}</td>", invoice.Body);
        Assert.Contains("data-print", invoice.Body);
        var paidAt = await fixture.Database.ScalarAsync<DateTime>($"SELECT created_at FROM merchant_charges WHERE id = '{charge}'");
        Assert.Contains(Invoices.NumberOf(charge, new DateTimeOffset(DateTime.SpecifyKind(paidAt, DateTimeKind.Utc))), invoice.Body);
    }

    [Fact]
    public async Task Bill_to_is_the_buyers_own_words_shown_as_text()
    {
        var charge = await ChargeOfAsync(DemoAccounts.Buyer);
        var path = InvoiceLinks.Invoice(charge);
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        const string Hostile = "ACME <b>GmbH</b>\nx-vh-name--hv-x <script>alert(1)</script>\nVAT DE123";
        var saved = await buyer.SubmitFormAsync(path, "bill-to", new() { ["BillTo.Text"] = Hostile });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = (await buyer.GetAsync(path)).Body;
        Assert.Contains("<p class=\"invoice-text\">ACME &lt;b&gt;GmbH&lt;/b&gt;&#xA;x-vh-name--hv-x &lt;script&gt;alert(1)&lt;/script&gt;&#xA;VAT DE123</p>", page);
        Assert.DoesNotContain("<b>GmbH</b>", page);
        Assert.Equal(Hostile, await fixture.Database.ScalarAsync<string>($"SELECT bill_to FROM merchant_charges WHERE id = '{charge}'"));

        // Too long: told on the form, nothing written.
        var tooLong = await buyer.SubmitFormAsync(path, "bill-to", new() { ["BillTo.Text"] = new string('x', 1001) });
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains("Use at most 1000 characters.", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(Hostile, await fixture.Database.ScalarAsync<string>($"SELECT bill_to FROM merchant_charges WHERE id = '{charge}'"));
    }

    [Fact]
    public async Task Nobody_else_opens_or_writes_an_invoice_but_an_admin_reads_it()
    {
        var charge = await ChargeOfAsync(DemoAccounts.Buyer);
        var path = InvoiceLinks.Invoice(charge);
        using var other = await WebUser.SignedInAsync(_app, DemoAccounts.BundleBuyer);
        var seen = await other.GetAsync(path);
        Assert.Equal(404, seen.Status);
        Assert.DoesNotMatch("(?<![\\w.-])" + System.Text.RegularExpressions.Regex.Escape(DemoAccounts.Buyer), seen.Body);
        Assert.DoesNotContain(path, (await other.GetAsync("/invoices")).Body);

        // A form post aimed at another buyer's charge (their own token, the other's address) writes nothing.
        var before = await fixture.Database.ScalarAsync<string>($"SELECT COALESCE(bill_to, '') FROM merchant_charges WHERE id = '{charge}'");
        var otherPath = InvoiceLinks.Invoice(await ChargeOfAsync(DemoAccounts.BundleBuyer));
        var post = await other.SubmitFormAsync(otherPath, "bill-to", new() { ["BillTo.Text"] = "taken over" }, action: path);
        Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(before, await fixture.Database.ScalarAsync<string>($"SELECT COALESCE(bill_to, '') FROM merchant_charges WHERE id = '{charge}'"));

        var anonymous = await _app.GetAsync(path);
        Assert.Equal(302, anonymous.Status);
        Assert.Equal(404, (await other.GetAsync($"/invoices/{Guid.NewGuid():N}")).Status);
        Assert.Equal(404, (await other.GetAsync("/invoices/not-a-charge")).Status);

        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        var read = await admin.GetAsync(path);
        Assert.Equal(200, read.Status);
        Assert.Contains(DemoAccounts.Buyer, read.Body);
        Assert.DoesNotContain("name=\"_handler\" value=\"bill-to\"", read.Body); // read-only for the admin
    }
}
