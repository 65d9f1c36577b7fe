using Antonio.Data.Mail;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Access.Account;
using Antonio.Web.Mail;

namespace Antonio.Tests.Integration;

/// <summary>
/// The outbox against a real SMTP server: an outage delays messages without losing or repeating one, a
/// restart mid-queue loses nothing, two nodes deliver each message once, and a message that gave up is
/// shown to admins and sent again on request.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OutboxDeliveryTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>
{
    [Fact]
    public async Task An_smtp_outage_delays_messages_and_each_is_delivered_once_when_it_is_back()
    {
        await using var app = await TestApp.StartAsync(fixture.Database);
        await app.Mail.PauseAsync();
        var recipients = Recipients("outage", 5);
        await QueueAsync(app, recipients);
        // Every message has tried and failed at least once while the server was away.
        await fixture.Database.WaitForAsync($"SELECT count(*) FROM email_outbox WHERE recipient LIKE 'outage-%' AND attempts > 0 AND last_error IS NOT NULL AND status = 'queued'", 5L, TimeSpan.FromSeconds(20));
        app.Mail.Resume();
        await fixture.Database.WaitForAsync("SELECT count(*) FROM email_outbox WHERE recipient LIKE 'outage-%' AND status = 'sent'", 5L, TimeSpan.FromSeconds(30));
        await Task.Delay(1500); // a second delivery would come within a poll
        foreach (var r in recipients) Assert.Single(app.Mail.To(r));
    }

    [Fact]
    public async Task A_restart_mid_queue_loses_nothing_and_sends_nothing_twice()
    {
        var recipients = Recipients("restart", 5);
        await using (var first = await TestApp.StartAsync(fixture.Database))
        {
            await first.Mail.PauseAsync();
            await QueueAsync(first, recipients);
            await fixture.Database.WaitForAsync("SELECT count(*) FROM email_outbox WHERE recipient LIKE 'restart-%' AND attempts > 0", 5L, TimeSpan.FromSeconds(20));
            Assert.Empty(first.Mail.Received);
        }
        await using var second = await TestApp.StartAsync(fixture.Database);
        await fixture.Database.WaitForAsync("SELECT count(*) FROM email_outbox WHERE recipient LIKE 'restart-%' AND status = 'sent'", 5L, TimeSpan.FromSeconds(30));
        await Task.Delay(1500);
        foreach (var r in recipients) Assert.Single(second.Mail.To(r));
    }

    [Fact]
    public async Task Two_nodes_deliver_each_message_once()
    {
        await using var one = await TestApp.StartAsync(fixture.Database);
        await using var two = await TestApp.StartAsync(fixture.Database);
        var recipients = Recipients("nodes", 40);
        await QueueAsync(one, recipients);
        await fixture.Database.WaitForAsync("SELECT count(*) FROM email_outbox WHERE recipient LIKE 'nodes-%' AND status = 'sent'", 40L, TimeSpan.FromSeconds(30));
        await Task.Delay(1500);
        var delivered = one.Mail.Received.Concat(two.Mail.Received).Where(m => m.To.Mailboxes.Any(b => b.Address.StartsWith("nodes-", StringComparison.Ordinal))).ToList();
        Assert.Equal(40, delivered.Count);
        Assert.Equal(40, delivered.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(recipients.Order(StringComparer.Ordinal), delivered.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_message_that_gave_up_is_shown_to_admins_with_its_error_and_resent_on_request()
    {
        await using var app = await TestApp.StartAsync(fixture.Database, settings: new Dictionary<string, string?> { ["Antonio:Mail:MaxAttempts"] = "2" });
        await app.Mail.PauseAsync();
        var recipient = Recipients("failed", 1)[0];
        var id = (await QueueAsync(app, [recipient])).Single();
        await fixture.Database.WaitForAsync($"SELECT status FROM email_outbox WHERE id = '{id}'", OutboxStatus.Failed, TimeSpan.FromSeconds(20));

        using var admin = await WebUser.SignedInAsync(app, Antonio.Data.Seeding.DemoAccounts.Admin);
        var page = await admin.GetAsync("/admin/emails?status=failed");
        Assert.Contains(recipient, page.Body);
        Assert.Contains("class=\"form-error\"", page.Body); // the last error
        app.Mail.Resume();
        var resent = await admin.SubmitFormAsync("/admin/emails?status=failed", $"resend-{id:N}", []);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, resent.StatusCode);
        var message = await app.Mail.WaitForAsync(recipient);
        Assert.Contains("Your e-mail address was changed", message.TextBody);
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_entries WHERE entity_id = '{id}' AND action = 'email.resend'"));

        using var learner = await WebUser.SignedInAsync(app, Antonio.Data.Seeding.DemoAccounts.Buyer);
        Assert.Equal(403, (await learner.GetAsync("/admin/emails")).Status);
    }

    [Fact]
    public async Task Messages_have_both_parts_and_links_from_the_public_url()
    {
        const string publicUrl = "https://learn.example.test";
        await using var app = await TestApp.StartAsync(fixture.Database, settings: new Dictionary<string, string?>
        {
            ["Antonio:PublicUrl"] = publicUrl, ["AllowedHosts"] = "*",
        });
        using var user = new WebUser(app);
        await user.SubmitFormAsync("/account/magic-link", "magic-link", new() { ["Input.Email"] = "learner00030@demo.antonio.dev" },
            headers: new Dictionary<string, string> { ["Host"] = "evil.example" });
        var message = await app.Mail.WaitForAsync("learner00030@demo.antonio.dev");
        Assert.StartsWith(publicUrl + "/account/", TestSmtpServer.LinkIn(message).ToString());
        Assert.NotNull(message.HtmlBody);
        Assert.Contains($"href=\"{publicUrl}/account/", message.HtmlBody);
        Assert.DoesNotContain("evil.example", message.HtmlBody + message.TextBody);
        Assert.Contains("service message", message.TextBody);
        Assert.Contains("service message", message.HtmlBody);
    }

    private static List<string> Recipients(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"{prefix}-{i}-{Guid.NewGuid():N}@example.test")];

    private async Task<List<Guid>> QueueAsync(TestApp app, IEnumerable<string> recipients)
    {
        await using var db = fixture.Database.CreateContext();
        var outbox = app.Service<Outbox>();
        var ids = recipients.Select(r => outbox.Add(db, AccountMailKinds.EmailChanged, r, new EmailChangedNotice("new-address@example.test")).Id).ToList();
        await db.SaveChangesAsync();
        return ids;
    }
}
