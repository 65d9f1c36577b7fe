using System.Text.RegularExpressions;
using Antonio.Data.Content;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Access;
using Antonio.Web.Learning;

namespace Antonio.Tests.Integration;

/// <summary>
/// The learner's home (/dashboard) over every seeded access situation: exactly the workshops the learner can
/// read, with their lesson counts; cohorts not open yet and region-bound purchases in their own sections;
/// its query budget cold and warm.
/// </summary>
[Collection(SeededCollection.Name)]
[Trait("Category", "Integration")]
public sealed partial class LearnerHomeTests(SeededDatabaseFixture seeded) : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(seeded.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static readonly int[] Essentials = [0, 1, 2], Advanced = [3, 4, 5];

    public static TheoryData<string, string?, string> Situations() => new()
    {
        // account, request country, which workshops the home lists (seeded indexes, or a rule for subscriptions)
        { DemoAccounts.Buyer, null, "0,1,2" },
        { DemoAccounts.BundleBuyer, null, "0,1,2,3,4,5" },
        { DemoAccounts.PppBuyer, "IN", "0,1,2" },
        { DemoAccounts.PppBuyer, "US", "" },
        { DemoAccounts.SeatHolder, null, "3,4,5" },
        { DemoAccounts.TeamBuyer, null, "" },
        { DemoAccounts.CohortEarly, null, "" },
        { DemoAccounts.CohortStarted, null, "11" },
        { DemoAccounts.SubscriberPro, null, "every paid workshop" },
        { DemoAccounts.SubscriberStandard, null, "paid workshops with standard lessons" },
        { DemoAccounts.Refunded, null, "" },
        { DemoAccounts.Disputed, null, "" },
        { DemoAccounts.ExpiredEntitlement, null, "" },
        { DemoAccounts.Nobody, null, "" },
        { DemoAccounts.TransferSender, null, "" },
        { DemoAccounts.TransferRecipient, null, "0,1,2" },
        { DemoAccounts.MemberMonthly, null, "every paid workshop" },
        { DemoAccounts.MemberInGrace, null, "every paid workshop" },
        { DemoAccounts.MemberCanceling, null, "paid workshops with standard lessons" },
        { DemoAccounts.MemberEnded, null, "" },
        { DemoAccounts.MemberTeamBuyer, null, "" },
        { DemoAccounts.MemberTeamSeat, null, "every paid workshop" },
    };

    [Theory]
    [MemberData(nameof(Situations))]
    public async Task The_home_lists_exactly_the_workshops_the_learner_can_read(string email, string? country, string expected)
    {
        var all = new List<WorkshopData>();
        for (var i = 0; i <= DemoCatalogue.LiveCohortWorkshop; i++) all.Add(await SeededData.WorkshopAsync(seeded.Database, i));
        var listed = all.Where(w => w.Visibility == ContentVisibilities.Public && !AccessRules.IsFreeWorkshop(w)).ToList();
        var expectedSlugs = (expected switch
        {
            "every paid workshop" => listed,
            "paid workshops with standard lessons" => listed.Where(w => new LessonNavigator(w).Lessons.Any(l => l.Lesson.Tier == "standard" || l.Section?.Tier == "standard")).ToList(),
            "" => [],
            _ => expected.Split(',').Select(i => all[int.Parse(i, System.Globalization.CultureInfo.InvariantCulture)]).ToList(),
        }).Select(w => w.Slug).Order(StringComparer.Ordinal).ToList();

        using var user = await WebUser.SignedInAsync(_app, email);
        var headers = country is null ? null : new Dictionary<string, string> { ["CF-IPCountry"] = country };
        var page = await user.GetAsync("/dashboard", headers);
        Assert.Equal(200, page.Status);
        var cards = CardPattern().Matches(page.Body).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedSlugs, cards);

        // Cross-check against the rules: a listed workshop opens paid lessons to this viewer; an unlisted paid one opens none.
        await using var db = seeded.Database.CreateContext();
        var snapshot = await Antonio.Data.Access.AccessSnapshotQuery.LoadAsync(db, await UserIdAsync(email));
        var viewer = new AccessContext(snapshot, country ?? "US", _app.Service<TimeProvider>().GetUtcNow());
        foreach (var workshop in listed)
        {
            var opensPaid = new LessonNavigator(workshop).Lessons.Any(l =>
                !AccessRules.IsFreeTier(l.Lesson, l.Section) && AccessRules.ForLesson(workshop, l.Lesson, l.Section, viewer).CanViewLesson);
            Assert.Equal(opensPaid, cards.Contains(workshop.Slug));
        }
        // Each card counts the workshop's published lessons.
        foreach (var slug in cards)
        {
            var total = new LessonNavigator(all.Single(w => w.Slug == slug)).Lessons.Count;
            Assert.Matches($"id=\"workshop-{Regex.Escape(slug)}\"[\\s\\S]*?<strong>0 of {total}</strong>", page.Body);
        }
    }

    [Fact]
    public async Task Upcoming_cohorts_and_region_bound_purchases_are_shown_apart_with_what_to_expect()
    {
        using var early = await WebUser.SignedInAsync(_app, DemoAccounts.CohortEarly);
        var cohort = await SeededData.WorkshopAsync(seeded.Database, DemoCatalogue.UpcomingCohortWorkshop);
        var upcoming = await early.GetAsync("/dashboard");
        Assert.Contains("Starting soon", upcoming.Body);
        Assert.Matches($"{Regex.Escape(cohort.Title)}</a> — your cohort opens\\s*<time datetime=\"{cohort.StartsAt!.Value.UtcDateTime:yyyy-MM-dd}T", upcoming.Body);

        using var ppp = await WebUser.SignedInAsync(_app, DemoAccounts.PppBuyer);
        var abroad = await ppp.GetAsync("/dashboard", new Dictionary<string, string> { ["CF-IPCountry"] = "US" });
        Assert.Contains("Available in another country", abroad.Body);
        Assert.Contains(DemoCatalogue.WorkshopTitle(0), abroad.Body);

        using var nobody = await WebUser.SignedInAsync(_app, DemoAccounts.Nobody);
        var empty = await nobody.GetAsync("/dashboard");
        Assert.Contains("Nothing here yet", empty.Body);
        Assert.Contains("href=\"/workshops\"", empty.Body);
    }

    [Fact]
    public async Task The_home_costs_one_query_per_learner_cold_and_none_warm()
    {
        // The buyer's home loads the shared workshops; the PPP buyer (same workshops, from India) then pays only for their own record.
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        Assert.Equal(200, (await buyer.GetAsync("/dashboard")).Status);

        var india = new Dictionary<string, string> { ["CF-IPCountry"] = "IN" };
        using var ppp = await WebUser.SignedInAsync(_app, DemoAccounts.PppBuyer);
        await ppp.GetAsync("/workshops", india); // their access snapshot, as any signed-in page loads it
        var cold = await ppp.GetAsync("/dashboard", india);
        Assert.Equal(1, cold.Queries);
        var warm = await ppp.GetAsync("/dashboard", india);
        Assert.Equal(0, warm.Queries);
        Assert.Equal(cold.Body.Split("<main")[1].Split("</main>")[0], warm.Body.Split("<main")[1].Split("</main>")[0]);
    }

    [Fact]
    public async Task The_home_and_the_account_pages_are_for_signed_in_users_and_not_for_search_engines()
    {
        foreach (var path in new[] { "/dashboard", "/account", "/account/data" })
        {
            var anonymous = await _app.GetAsync(path);
            Assert.Equal(302, anonymous.Status);
        }
        using var user = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\"", (await user.GetAsync("/dashboard")).Body);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\"", (await user.GetAsync("/account")).Body);
    }

    [Fact]
    public async Task The_user_menu_links_the_home_and_shows_team_only_to_team_buyers()
    {
        using var teamBuyer = await WebUser.SignedInAsync(_app, DemoAccounts.TeamBuyer);
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        foreach (var path in new[] { "/workshops", "/dashboard", $"/workshops/{SeededData.Slug(0)}" })
        {
            // Twice each: the second is answered from a page template shared between viewers, with the menu's slots filled.
            for (var i = 0; i < 2; i++)
            {
                var team = await teamBuyer.SettledAsync(path);
                Assert.Contains("<a href=\"/dashboard\">Dashboard</a>", team.Body);
                Assert.Contains("<a href=\"/team\">Team</a>", team.Body);
                var plain = await buyer.SettledAsync(path);
                Assert.Contains("<a href=\"/dashboard\">Dashboard</a>", plain.Body);
                Assert.DoesNotContain("href=\"/team\"", plain.Body);
            }
        }
    }

    private async Task<Guid> UserIdAsync(string email) =>
        await seeded.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{email}'");

    [GeneratedRegex("<li class=\"card home-card\" id=\"workshop-([^\"]+)\"")]
    private static partial Regex CardPattern();
}
