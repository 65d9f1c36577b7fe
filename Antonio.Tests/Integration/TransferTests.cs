using System.Net;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Commerce;

namespace Antonio.Tests.Integration;

/// <summary>
/// Issue #29, transfers: a buyer gives a single-seat purchase to another address; only that address's account can
/// accept, until the offer is withdrawn or expires; access moves with the purchase (the sender's ends at once), the
/// invoice stays with the payer, both are told; an admin can undo it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TransferTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;
    private string _lesson = "";
    private Guid _purchase;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync(fixture.Database);
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 0);
        _lesson = $"/workshops/{workshop.Slug}/{SeededData.PaidLesson(workshop).Lesson.Slug}";
        // Each test starts with no offer open (they share the database).
        await fixture.Database.ExecuteAsync("UPDATE purchase_transfers SET cancelled_at = now() WHERE accepted_at IS NULL AND cancelled_at IS NULL");
        var buyer = await UserIdAsync(DemoAccounts.Buyer);
        var offerable = await _app.Service<PurchaseTransfers>().OfferableAsync(buyer);
        var ofWorkshop = await fixture.Database.ScalarAsync<Guid>(
            $"SELECT p.id FROM purchases p JOIN content_products cp ON cp.product_id = p.product_id WHERE p.user_id = '{buyer}' AND cp.resource_id = '{workshop.Id}' LIMIT 1");
        Assert.Contains(ofWorkshop, offerable);
        _purchase = ofWorkshop;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<Guid> UserIdAsync(string email) => fixture.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{email}'");

    private static bool Paywalled(PageResult page) => page.Body.Contains("class=\"paywall\"", StringComparison.Ordinal);

    private async Task<Uri> OfferAsync(WebUser sender, string to)
    {
        var offered = await sender.SubmitFormAsync("/purchases", "transfer", new() { ["Transfer.PurchaseId"] = _purchase.ToString(), ["Transfer.Email"] = to });
        Assert.Equal(HttpStatusCode.Redirect, offered.StatusCode);
        var mail = await _app.Mail.WaitForAsync(to, m => m.Subject == "A workshop purchase was offered to you");
        var link = TestSmtpServer.LinkIn(mail);
        Assert.StartsWith(_app.BaseAddress + "transfers/", link.ToString());
        return link;
    }

    [Fact]
    public async Task A_purchase_moves_to_the_address_it_was_offered_to_and_an_admin_moves_it_back()
    {
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        using var recipient = await WebUser.SignedInAsync(_app, DemoAccounts.Nobody);
        using var stranger = await WebUser.SignedInAsync(_app, DemoAccounts.BundleBuyer);
        Assert.False(Paywalled(await buyer.GetAsync(_lesson)));
        Assert.True(Paywalled(await recipient.GetAsync(_lesson)));
        const string Audited = "action IN ('purchase.transfer.offer', 'purchase.transfer.accept')";
        var audited = await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_entries WHERE entity_id = '{_purchase}' AND {Audited}");
        var link = await OfferAsync(buyer, DemoAccounts.Nobody);

        // Opening the link takes nothing; another account cannot take it.
        Assert.Contains("Accept and start learning", (await stranger.GetAsync(link.PathAndQuery)).Body);
        var wrong = await stranger.SubmitFormAsync(link.PathAndQuery, "accept-transfer", []);
        Assert.Contains("sign in with that address", await wrong.Content.ReadAsStringAsync());
        Assert.False(Paywalled(await buyer.GetAsync(_lesson)));

        var accepted = await recipient.SubmitFormAsync(link.PathAndQuery, "accept-transfer", []);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.False(Paywalled(await recipient.GetAsync(_lesson)));
        Assert.True(Paywalled(await buyer.GetAsync(_lesson)));
        var told = await _app.Mail.WaitForAsync(DemoAccounts.Buyer, m => m.Subject == "Your workshop purchase was accepted");
        Assert.Contains(DemoAccounts.Nobody, told.TextBody);
        Assert.Contains("already accepted, withdrawn, or has expired", (await recipient.GetAsync(link.PathAndQuery)).Body);
        // The payment stays the payer's: their invoice lists it; the recipient's purchases show no invoice for it.
        var charge = await fixture.Database.ScalarAsync<Guid>($"SELECT merchant_charge_id FROM purchases WHERE id = '{_purchase}'");
        Assert.Contains(InvoiceLinks.Invoice(charge), (await buyer.GetAsync("/invoices")).Body);
        Assert.DoesNotContain(InvoiceLinks.Invoice(charge), (await recipient.GetAsync("/purchases")).Body);
        Assert.Equal(audited + 2, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_entries WHERE entity_id = '{_purchase}' AND {Audited}"));

        // The admin undoes it: the purchase is the sender's again.
        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        var transfer = await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM purchase_transfers WHERE purchase_id = '{_purchase}' AND accepted_at IS NOT NULL AND undone_at IS NULL");
        Assert.Contains(DemoAccounts.Nobody, (await admin.GetAsync("/admin/transfers")).Body);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync("/admin/transfers", $"undo-{transfer:N}", [])).StatusCode);
        Assert.False(Paywalled(await buyer.GetAsync(_lesson)));
        Assert.True(Paywalled(await recipient.GetAsync(_lesson)));
        Assert.Equal(await UserIdAsync(DemoAccounts.Buyer), await fixture.Database.ScalarAsync<Guid>($"SELECT user_id FROM purchases WHERE id = '{_purchase}'"));
        Assert.NotEqual(200, (await recipient.GetAsync("/admin/transfers")).Status);
    }

    [Fact]
    public async Task A_withdrawn_or_expired_offer_gives_nothing()
    {
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        using var recipient = await WebUser.SignedInAsync(_app, DemoAccounts.Nobody);
        var link = await OfferAsync(buyer, DemoAccounts.Nobody);
        // One open offer per purchase.
        Assert.DoesNotContain("name=\"_handler\" value=\"transfer\"", (await buyer.GetAsync("/purchases")).Body); // nothing else to offer
        Assert.Equal(["That purchase is already offered to someone: cancel that offer first."],
            await _app.Service<PurchaseTransfers>().OfferAsync(await UserIdAsync(DemoAccounts.Buyer), _purchase, "else@example.test"));

        var transfer = await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM purchase_transfers WHERE purchase_id = '{_purchase}' AND cancelled_at IS NULL");
        Assert.Equal(HttpStatusCode.Redirect, (await buyer.SubmitFormAsync("/purchases", $"withdraw-{transfer:N}", [])).StatusCode);
        Assert.Contains("already accepted, withdrawn, or has expired", (await recipient.GetAsync(link.PathAndQuery)).Body);
        Assert.Equal(TransferOutcome.NotFound, await _app.Service<PurchaseTransfers>().AcceptAsync(await UserIdAsync(DemoAccounts.Nobody), link.Segments[^1]));

        // A new offer, then its time runs out.
        var late = await OfferAsync(buyer, DemoAccounts.Nobody);
        await fixture.Database.ExecuteAsync($"UPDATE purchase_transfers SET expires_at = now() - interval '1 minute' WHERE purchase_id = '{_purchase}' AND cancelled_at IS NULL");
        Assert.Equal(TransferOutcome.NotFound, await _app.Service<PurchaseTransfers>().AcceptAsync(await UserIdAsync(DemoAccounts.Nobody), late.Segments[^1]));
        Assert.True(Paywalled(await recipient.GetAsync(_lesson)));
        Assert.False(Paywalled(await buyer.GetAsync(_lesson)));
        // Expired: offered again at once.
        Assert.Empty(await _app.Service<PurchaseTransfers>().OfferAsync(await UserIdAsync(DemoAccounts.Buyer), _purchase, "someone@example.test"));
    }

    [Fact]
    public async Task Only_a_valid_single_seat_purchase_of_ones_own_can_be_offered()
    {
        var transfers = _app.Service<PurchaseTransfers>();
        var teamBuyer = await UserIdAsync(DemoAccounts.TeamBuyer);
        var team = await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM purchases WHERE user_id = '{teamBuyer}' AND bulk_coupon_id IS NOT NULL LIMIT 1");
        Assert.Equal(["That purchase cannot be given away."], await transfers.OfferAsync(teamBuyer, team, "someone@example.test"));
        var refunded = await UserIdAsync(DemoAccounts.Refunded);
        var refundedPurchase = await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM purchases WHERE user_id = '{refunded}' LIMIT 1");
        Assert.Equal(["That purchase cannot be given away."], await transfers.OfferAsync(refunded, refundedPurchase, "someone@example.test"));
        // Someone else's purchase, and one's own address.
        Assert.Equal(["That purchase cannot be given away."], await transfers.OfferAsync(refunded, _purchase, "someone@example.test"));
        Assert.Equal(["That is your own address."], await transfers.OfferAsync(await UserIdAsync(DemoAccounts.Buyer), _purchase, DemoAccounts.Buyer.ToUpperInvariant()));
        Assert.Equal(["Enter the e-mail address of the person to give it to."], await transfers.OfferAsync(await UserIdAsync(DemoAccounts.Buyer), _purchase, "not an address"));
    }
}
