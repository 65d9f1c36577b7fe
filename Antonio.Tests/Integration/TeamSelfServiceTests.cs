using System.Net;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Learning;

namespace Antonio.Tests.Integration;

/// <summary>
/// A team buyer manages their seats on /team: invitations by e-mail (accepted, withdrawn), members removed,
/// a seat taken themselves, more seats bought at the tier of the new total — and every bad or foreign post
/// refused with nothing written.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TeamSelfServiceTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;
    private Guid _team;
    private string _lesson = "";

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync(fixture.Database);
        _team = await fixture.Database.ScalarAsync<Guid>(
            $"SELECT p.id FROM purchases p JOIN users u ON u.id = p.user_id WHERE u.email = '{DemoAccounts.TeamBuyer}' AND p.bulk_coupon_id IS NOT NULL");
        var workshop = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.AdvancedFirst);
        _lesson = $"/workshops/{workshop.Slug}/{SeededData.PaidLesson(workshop).Lesson.Slug}";
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string InviteForm => $"invite-{_team:N}";

    /// <summary>The team's seats now (the tests of this class share one database, in any order).</summary>
    private async Task<(long Max, long Used, long Pending)> SeatsAsync() => (
        await fixture.Database.ScalarAsync<int>($"SELECT c.max_uses FROM coupons c WHERE c.bulk_purchase_id = '{_team}'"),
        await fixture.Database.ScalarAsync<int>($"SELECT c.used_count FROM coupons c WHERE c.bulk_purchase_id = '{_team}'"),
        await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM team_invitations WHERE bulk_purchase_id = '{_team}' AND claimed_at IS NULL AND revoked_at IS NULL"));

    [Fact]
    public async Task An_invitation_is_accepted_revoked_and_a_member_removed()
    {
        const string member = "learner00031@demo.antonio.dev", stranger = "someone.new@example.test";
        using var owner = await WebUser.SignedInAsync(_app, DemoAccounts.TeamBuyer);
        var (max, used, pending) = await SeatsAsync();
        var invited = await owner.SubmitFormAsync("/team", InviteForm, new() { ["addresses"] = $"{member},\n {stranger}" });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var page = await owner.GetAsync("/team?done=invited");
        Assert.Contains("Invitations sent", page.Body);
        Assert.Contains($"<strong>{pending + 2}</strong> invited", page.Body);
        Assert.Contains($"<strong>{max - used - pending - 2}</strong> free", page.Body); // the two invitations hold two seats

        var mail = await _app.Mail.WaitForAsync(member);
        // The site's own words only: the inviter's name (theirs to choose) is never the subject line.
        Assert.Equal("You're invited to a team seat of Advanced Patterns", mail.Subject);
        var join = TestSmtpServer.LinkIn(mail);
        Assert.StartsWith(_app.BaseAddress + "team/join/", join.ToString());
        Assert.NotNull(mail.HtmlBody);

        // The invitee signs in and accepts: the lessons open at once; the buyer is told.
        using var learner = await WebUser.SignedInAsync(_app, member);
        Assert.Contains("class=\"paywall\"", (await learner.GetAsync(_lesson)).Body);
        Assert.Contains("Accept and start learning", (await learner.GetAsync(join.PathAndQuery)).Body);
        var accepted = await learner.SubmitFormAsync(join.PathAndQuery, "accept-invitation", []);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.DoesNotContain("class=\"paywall\"", (await learner.GetAsync(_lesson)).Body);
        var claimed = await _app.Mail.WaitForAsync(DemoAccounts.TeamBuyer, m => m.Subject == "A seat of your team for Advanced Patterns was claimed");
        Assert.Contains(member, claimed.TextBody);
        Assert.Contains("already used or withdrawn", (await learner.GetAsync(join.PathAndQuery)).Body);

        // The other invitation is withdrawn: its link no longer gives a seat.
        var strangerLink = TestSmtpServer.LinkIn(await _app.Mail.WaitForAsync(stranger));
        var invitationId = await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM team_invitations WHERE email = '{stranger}'");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitFormAsync("/team", $"revoke-{invitationId:N}", [])).StatusCode);
        using var late = await WebUser.SignedInAsync(_app, "learner00032@demo.antonio.dev");
        Assert.Contains("already used or withdrawn", (await late.GetAsync(strangerLink.PathAndQuery)).Body);

        // The member is removed: their access ends on their next request and the seat is free again.
        var memberId = await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{member}'");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitFormAsync("/team", $"remove-{_team:N}-{memberId:N}", [])).StatusCode);
        Assert.Contains("class=\"paywall\"", (await learner.GetAsync(_lesson)).Body);
        var after = await owner.GetAsync("/team");
        Assert.Contains($"<strong>{used} of {max}</strong> seats taken", after.Body);
        Assert.Equal(2L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_entries WHERE entity_id = '{_team}' AND action IN ('team.invite', 'team.remove')"));
    }

    [Theory]
    [InlineData("not-an-address", "Not an e-mail address")]
    [InlineData("a@example.test, A@example.test", "Listed twice")]
    [InlineData("seat-holder@antonio.dev", "Already in the team")]
    [InlineData("", "Enter at least one e-mail address")]
    public async Task Bad_invitation_lists_are_refused_and_nothing_is_written(string list, string message)
    {
        using var owner = await WebUser.SignedInAsync(_app, DemoAccounts.TeamBuyer);
        var before = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM team_invitations");
        var refused = await owner.SubmitFormAsync("/team", InviteForm, new() { ["addresses"] = list });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(message, await refused.Content.ReadAsStringAsync());
        Assert.Equal(before, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM team_invitations"));
    }

    [Fact]
    public async Task More_invitations_than_free_seats_are_refused()
    {
        using var owner = await WebUser.SignedInAsync(_app, DemoAccounts.TeamBuyer);
        var (max, used, pending) = await SeatsAsync();
        var free = max - used - pending;
        var list = string.Join("\n", Enumerable.Range(0, (int)free + 1).Select(i => $"crowd-{i}@example.test"));
        var refused = await owner.SubmitFormAsync("/team", InviteForm, new() { ["addresses"] = list });
        Assert.Contains("seats left to give", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM team_invitations WHERE email LIKE 'crowd-%'"));
    }

    [Fact]
    public async Task Someone_elses_team_and_forged_posts_are_refused()
    {
        // Another learner has no such form: the post names a form their page does not render.
        using var other = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        var page = await other.GetAsync("/team");
        using var foreign = await other.Client.PostAsync("/team", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = InviteForm, ["addresses"] = "foreign@example.test", ["__RequestVerificationToken"] = WebUser.AntiforgeryToken(page.Body) ?? "",
        }));
        Assert.True(foreign.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, foreign.StatusCode.ToString());
        // The service refuses it too, whatever reaches it.
        var buyerId = await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{DemoAccounts.Buyer}'");
        Assert.Contains("not one of your teams", Assert.Single(await _app.Service<Antonio.Web.Access.TeamInvitations>().InviteAsync(buyerId, _team, "x@example.test")));

        using var owner = await WebUser.SignedInAsync(_app, DemoAccounts.TeamBuyer);
        var forged = await owner.SubmitFormAsync("/team", InviteForm, new() { ["addresses"] = "forged@example.test" }, includeToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM team_invitations WHERE email IN ('forged@example.test', 'foreign@example.test', 'x@example.test')"));
        Assert.Equal(404, (await owner.GetAsync("/team/join/0123456789abcdef0123456789abcdef")).Status);
    }

    [Fact]
    public async Task The_buyer_takes_a_seat_and_buys_more_at_the_tier_of_the_new_total()
    {
        using var owner = await WebUser.SignedInAsync(_app, DemoAccounts.TeamBuyer);
        var (max, _, _) = await SeatsAsync();
        Assert.Contains("class=\"paywall\"", (await owner.GetAsync(_lesson)).Body);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitFormAsync("/team", $"claim-{_team:N}", [])).StatusCode);
        Assert.DoesNotContain("class=\"paywall\"", (await owner.GetAsync(_lesson)).Body);

        var product = await fixture.Database.ScalarAsync<Guid>("SELECT id FROM products WHERE name = 'Advanced Patterns'");
        var start = await owner.SubmitFormAsync($"/checkout?product={product}&quantity=5", "checkout", []);
        var localPage = new Uri(_app.BaseAddress, start.Headers.Location!).PathAndQuery;
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitFormAsync(localPage, "local-payment", [])).StatusCode);
        // 10 + 5 seats: the 10–29 tier (10% off) for the five new ones, added to the same team.
        Assert.Equal(5 * 24_900 * 9 / 10, await fixture.Database.ScalarAsync<long>(
            $"SELECT total_amount_cents FROM purchases WHERE product_id = '{product}' AND quantity = 5 AND user_id = (SELECT id FROM users WHERE email = '{DemoAccounts.TeamBuyer}')"));
        var team = await owner.GetAsync("/team");
        Assert.Contains($"of {max + 5}</strong> seats taken", team.Body);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(team.Body, "class=\"card team-card\""));
    }
}
