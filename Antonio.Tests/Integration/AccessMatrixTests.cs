using Antonio.Data.Access;
using Antonio.Data.Content;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Learning;

namespace Antonio.Tests.Integration;

/// <summary>
/// For every seeded access situation, every lesson page of a paid workshop: the lesson's body text,
/// playback id, stream URL, transcript and caption track appear if and only if access is granted.
/// </summary>
[Collection(SeededCollection.Name)]
public sealed class AccessMatrixTests(SeededDatabaseFixture seeded) : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(seeded.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>account (null = signed out), workshop index, request country, which lessons open: all | free | standard.</summary>
    public static TheoryData<string?, int, string?, string> Situations()
    {
        var data = new TheoryData<string?, int, string?, string>();
        foreach (var row in Personas.Access) data.Add(row.Email, row.WorkshopIndex, row.Country, row.Open);
        return data;
    }

    [Theory]
    [MemberData(nameof(Situations))]
    public async Task Protected_content_appears_iff_access_is_granted(string? email, int workshopIndex, string? country, string open)
    {
        using var user = email is null ? new WebUser(_app) : await WebUser.SignedInAsync(_app, email);
        var workshop = await SeededData.WorkshopAsync(seeded.Database, workshopIndex);
        var navigator = new LessonNavigator(workshop);
        await using var db = seeded.Database.CreateContext();
        var headers = country is null ? null : new Dictionary<string, string> { ["CF-IPCountry"] = country };
        var checkedOpen = 0;
        var checkedClosed = 0;
        foreach (var position in navigator.Lessons)
        {
            var expected = open switch
            {
                "all" => true,
                "standard" => Antonio.Web.Access.AccessRules.IsFreeTier(position.Lesson, position.Section) || position.Lesson.Tier == "standard",
                _ => Antonio.Web.Access.AccessRules.IsFreeTier(position.Lesson, position.Section),
            };
            var content = (await LessonContentQuery.LoadAsync(db, position.Lesson.Id))!;
            var page = await user.GetAsync($"/workshops/{workshop.Slug}/{position.Lesson.Slug}", headers);
            Assert.Equal(200, page.Status);
            var heading = ">" + content.Body!.Split('\n').First(l => l.StartsWith("## ", StringComparison.Ordinal))[3..].Trim() + "</h2>";
            // The transcript as the page shows it: its first passage, without the "[m:ss]" mark (that is a link).
            var said = Antonio.Data.Content.TranscriptCues.Parse(content.Video!.Transcript)[0].Text;
            var transcript = System.Net.WebUtility.HtmlEncode(said[..Math.Min(40, said.Length)]);
            var captionsPath = $"/workshops/{workshop.Slug}/{position.Lesson.Slug}/captions.vtt";
            // The caption track is the transcript again: decided exactly as the body is.
            var captions = await user.GetAsync(captionsPath, headers);
            var firstWords = string.Join(' ', said.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(4));
            if (expected)
            {
                checkedOpen++;
                Assert.Contains(heading, page.Body);
                Assert.Contains(transcript, page.Body);
                Assert.Equal(200, captions.Status);
                Assert.StartsWith("WEBVTT", captions.Body, StringComparison.Ordinal);
                Assert.Contains(firstWords, captions.Body);
                if (content.Video.IsReady)
                {
                    Assert.Contains($"/media/{content.Video.PlaybackId!}/index.m3u8", page.Body);
                    Assert.Contains(captionsPath, page.Body);
                }
            }
            else
            {
                checkedClosed++;
                Assert.DoesNotContain(heading, page.Body);
                Assert.DoesNotContain(transcript, page.Body);
                Assert.DoesNotContain(content.Video.PlaybackId!, page.Body);
                Assert.DoesNotContain("captions.vtt", page.Body);
                Assert.DoesNotContain(".m3u8", page.Body);
                Assert.Contains("class=\"paywall\"", page.Body);
                Assert.Equal(404, captions.Status);
                Assert.DoesNotContain(firstWords, captions.Body);
            }
        }
        Assert.True(checkedOpen > 0, "every situation opens at least the free lessons");
        if (open != "all") Assert.True(checkedClosed > 0);
    }

    [Fact]
    public async Task Region_restricted_and_pending_states_say_why()
    {
        var paid = await SeededData.WorkshopAsync(seeded.Database, 0);
        var locked = new LessonNavigator(paid).Lessons[2];
        using var ppp = await WebUser.SignedInAsync(_app, DemoAccounts.PppBuyer);
        var abroad = await ppp.GetAsync($"/workshops/{paid.Slug}/{locked.Lesson.Slug}", new Dictionary<string, string> { ["CF-IPCountry"] = "DE" });
        Assert.Contains("limited to another region", abroad.Body);
        Assert.Contains("visiting from DE", abroad.Body);

        var cohort = await SeededData.WorkshopAsync(seeded.Database, DemoCatalogue.UpcomingCohortWorkshop);
        using var early = await WebUser.SignedInAsync(_app, DemoAccounts.CohortEarly);
        var pending = await early.GetAsync($"/workshops/{cohort.Slug}/{new LessonNavigator(cohort).Lessons[2].Lesson.Slug}");
        Assert.Contains("cohort hasn&#x27;t started yet", pending.Body);
        Assert.Contains(cohort.StartsAt!.Value.ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture), pending.Body);

        var anonymous = await _app.GetAsync($"/workshops/{paid.Slug}/{locked.Lesson.Slug}");
        Assert.Contains("Already bought it?", anonymous.Body);
    }

    [Fact]
    public async Task Admins_and_reviewers_reach_draft_lessons_learners_do_not()
    {
        var paid = await SeededData.WorkshopAsync(seeded.Database, 0);
        var draft = new LessonNavigator(paid, includeDrafts: true).Lessons.Single(l => !l.Lesson.IsPublished);
        var path = $"/workshops/{paid.Slug}/{draft.Lesson.Slug}";
        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        Assert.Equal(200, (await admin.GetAsync(path)).Status);
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        Assert.Equal(404, (await buyer.GetAsync(path)).Status);
        Assert.Equal(200, (await admin.GetAsync("/workshops/draft-workshop")).Status);
        Assert.Equal(404, (await buyer.GetAsync("/workshops/draft-workshop")).Status);
    }

    [Fact]
    public async Task The_access_snapshot_is_one_sql_command()
    {
        var counter = new CountingInterceptor();
        await using var db = seeded.Database.CreateContext(counter);
        var userId = await seeded.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{DemoAccounts.SeatHolder}'");
        var snapshot = await AccessSnapshotQuery.LoadAsync(db, userId);
        Assert.Equal(1, counter.Count);
        Assert.NotEmpty(snapshot.Memberships);
        Assert.NotEmpty(snapshot.Entitlements);
        Assert.Contains(snapshot.Purchases, p => p.RedeemedBulkCouponId is not null);
    }

    [Fact]
    public async Task Signed_in_pages_cost_at_most_5_queries_cold_and_none_warm()
    {
        await using var fresh = await TestApp.StartAsync(seeded.Database);
        using var buyer = await WebUser.SignedInAsync(fresh, DemoAccounts.Buyer);
        var paid = await SeededData.WorkshopAsync(seeded.Database, 1);
        var lesson = $"/workshops/{paid.Slug}/{new LessonNavigator(paid).Lessons[3].Lesson.Slug}";
        var cold = await buyer.GetAsync(lesson);
        Assert.Equal(200, cold.Status);
        Assert.InRange(cold.Queries, 1, 5);
        Assert.Contains("Mark lesson complete", cold.Body);
        Assert.Equal(0, (await buyer.GetAsync(lesson)).Queries);

        var otherWorkshop = await SeededData.WorkshopAsync(seeded.Database, 2);
        var workshopCold = await buyer.GetAsync($"/workshops/{otherWorkshop.Slug}");
        Assert.InRange(workshopCold.Queries, 1, 5);
        Assert.Equal(0, (await buyer.GetAsync($"/workshops/{otherWorkshop.Slug}")).Queries);
    }
}
