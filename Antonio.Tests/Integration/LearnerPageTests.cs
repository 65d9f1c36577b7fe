using System.Text.Encodings.Web;
using Antonio.Data.Content;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Learning;

namespace Antonio.Tests.Integration;

/// <summary>The workshop and lesson pages over real PostgreSQL and Redis: budgets, 404s, no paid byte leaks.</summary>
[Collection(SeededCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LearnerPageTests(SeededDatabaseFixture seeded) : IAsyncLifetime
{
    private TestApp _app = null!;
    private WorkshopData _paid = null!;
    private LessonNavigator _nav = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync(seeded.Database);
        _paid = await SeededData.WorkshopAsync(seeded.Database, 0);
        _nav = new LessonNavigator(_paid);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string LessonUrl(LessonPosition p) => $"/workshops/{_paid.Slug}/{p.Lesson.Slug}";

    [Fact]
    public async Task Anonymous_workshop_page_cold_costs_at_most_3_queries_and_warm_costs_none()
    {
        var cold = await _app.GetAsync($"/workshops/{_paid.Slug}");
        Assert.Equal(200, cold.Status);
        Assert.InRange(cold.Queries, 1, 3);
        Assert.Contains($"<h1>{_paid.Title}</h1>", cold.Body);
        Assert.Contains("class=\"products\"", cold.Body);

        var warm = await _app.GetAsync($"/workshops/{_paid.Slug}");
        Assert.Equal(0, warm.Queries);
        Assert.Contains("cache;desc=\"hit\"", warm.ServerTiming);
    }

    [Fact]
    public async Task Anonymous_lesson_pages_cold_cost_at_most_3_queries()
    {
        var free = await _app.GetAsync(LessonUrl(_nav.First!));
        Assert.Equal(200, free.Status);
        Assert.InRange(free.Queries, 1, 3);

        // Fresh node, fresh cache: the paywalled lesson, cold.
        await using var other = await TestApp.StartAsync(seeded.Database);
        var paywalled = await other.GetAsync(LessonUrl(_nav.Lessons[2]));
        Assert.Equal(200, paywalled.Status);
        Assert.InRange(paywalled.Queries, 1, 3);
    }

    [Fact]
    public async Task Free_lesson_shows_body_video_and_transcript_paywalled_lesson_shows_none_of_them()
    {
        await using var db = seeded.Database.CreateContext();
        var freeLesson = _nav.First!;
        var paidLesson = _nav.Lessons[2];
        Assert.False(Antonio.Web.Access.AccessRules.IsFreeTier(paidLesson.Lesson, paidLesson.Section));
        var freeContent = (await LessonContentQuery.LoadAsync(db, freeLesson.Lesson.Id))!;
        var paidContent = (await LessonContentQuery.LoadAsync(db, paidLesson.Lesson.Id))!;

        var open = await _app.GetAsync(LessonUrl(freeLesson));
        Assert.Contains(freeContent.Video!.PlaybackId!, open.Body);
        Assert.Contains(FirstHeading(freeContent.Body!), open.Body);
        Assert.Contains(HtmlEncoder.Default.Encode(FirstPassage(freeContent.Video.Transcript)), open.Body);

        var closed = await _app.GetAsync(LessonUrl(paidLesson));
        Assert.Contains("class=\"paywall\"", closed.Body);
        Assert.DoesNotContain(paidContent.Video!.PlaybackId!, closed.Body);
        Assert.DoesNotContain(FirstHeading(paidContent.Body!), closed.Body);
        Assert.DoesNotContain(HtmlEncoder.Default.Encode(FirstPassage(paidContent.Video.Transcript)), closed.Body);
        Assert.DoesNotContain("Transcript", closed.Body);
        // The solution of a paywalled lesson is just as closed.
        if (paidLesson.Lesson.Solution is not null)
        {
            var solution = await _app.GetAsync(LessonUrl(paidLesson) + "/solution");
            Assert.DoesNotContain(FirstHeading(paidContent.Solution!.Body!), solution.Body);
        }
    }

    /// <summary>The first "## " heading's text: distinctive per lesson, rendered verbatim in HTML.</summary>
    private static string FirstHeading(string markdown) =>
        ">" + markdown.Split('\n').First(l => l.StartsWith("## ", StringComparison.Ordinal))[3..].Trim() + "</h2>";

    [Fact]
    public async Task Free_workshop_lessons_are_open_to_everyone()
    {
        var free = await SeededData.WorkshopAsync(seeded.Database, DemoCatalogue.FreeFirst);
        var last = new LessonNavigator(free).Lessons[^1];
        var page = await _app.GetAsync($"/workshops/{free.Slug}/{last.Lesson.Slug}");
        Assert.Equal(200, page.Status);
        Assert.DoesNotContain("class=\"paywall\"", page.Body);
        Assert.Contains("<video", page.Body);
    }

    [Theory]
    [InlineData("/workshops/no-such-workshop")]
    [InlineData("/workshops/draft-workshop")]
    [InlineData("/workshops/archived-workshop")]
    [InlineData("/workshops/private-workshop")]
    [InlineData("/workshops/deleted-workshop")]
    [InlineData("/workshops/deleted-workshop/deleted-workshop-lesson-1")]
    [InlineData("/workshops/draft-workshop/draft-workshop-lesson-1")]
    [InlineData("/workshops/typescript-in-depth/no-such-lesson")]
    [InlineData("/workshops/typescript-in-depth/no-such-lesson/solution")]
    [InlineData("/workshops/00000000-0000-0000-0000-000000000000")]
    [InlineData("/workshops/%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/workshops/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/workshops/typescript-in-depth/' OR 1=1 --")]
    [InlineData("/no/such/page")]
    public async Task Bad_addresses_answer_a_real_404_page(string path)
    {
        var page = await _app.GetAsync(path);
        Assert.Equal(404, page.Status);
        Assert.Contains("Page not found", page.Body);
        Assert.DoesNotContain("<script>alert", page.Body);
        Assert.DoesNotContain("   at ", page.Body);
    }

    [Fact]
    public async Task A_null_byte_in_the_path_is_refused_by_the_server_with_400()
    {
        // Kestrel rejects it while parsing, before any application code runs.
        using var response = await _app.Client.GetAsync($"/workshops/{_paid.Slug}/%00");
        Assert.Equal(400, (int)response.StatusCode);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Huge_slug_is_a_404_without_touching_the_database()
    {
        await _app.GetAsync("/"); // warms the layout's sale banner, which every page shows
        var page = await _app.GetAsync("/workshops/" + new string('a', 5_000));
        Assert.Equal(404, page.Status);
        Assert.Equal(0, page.Queries);
    }

    [Fact]
    public async Task Draft_lesson_in_a_published_workshop_is_a_404_and_not_in_navigation()
    {
        var all = new LessonNavigator(_paid, includeDrafts: true);
        var draft = all.Lessons.Single(p => !p.Lesson.IsPublished);
        var page = await _app.GetAsync($"/workshops/{_paid.Slug}/{draft.Lesson.Slug}");
        Assert.Equal(404, page.Status);
        var workshop = await _app.GetAsync($"/workshops/{_paid.Slug}");
        Assert.DoesNotContain(draft.Lesson.Slug, workshop.Body);
    }

    [Fact]
    public async Task Workshop_and_lesson_resolve_by_id_as_well_as_slug()
    {
        var byId = await _app.GetAsync($"/workshops/{_paid.Id}/{_nav.First!.Lesson.Id}");
        Assert.Equal(200, byId.Status);
        Assert.Contains(_nav.First.Lesson.Title, byId.Body);
    }

    [Fact]
    public async Task Unlisted_workshop_is_reachable_but_not_listed()
    {
        var unlisted = await SeededData.WorkshopAsync(seeded.Database, DemoCatalogue.UnlistedWorkshop);
        Assert.Equal(ContentVisibilities.Unlisted, unlisted.Visibility);
        Assert.Equal(200, (await _app.GetAsync($"/workshops/{unlisted.Slug}")).Status);
        var list = await _app.GetAsync("/workshops");
        Assert.DoesNotContain(unlisted.Slug, list.Body);
        Assert.Contains(_paid.Slug, list.Body);
        Assert.DoesNotContain("draft-workshop", list.Body);
    }

    [Fact]
    public async Task The_workshop_tree_is_one_command_whatever_its_size()
    {
        var counter = new CountingInterceptor();
        await using var db = seeded.Database.CreateContext(counter);
        foreach (var index in new[] { 0, 1, 5, 11 })
        {
            var before = counter.Count;
            var data = await WorkshopTreeQuery.LoadAsync(db, SeededData.Slug(index));
            Assert.NotNull(data);
            Assert.True(data.Children.Sum(c => c.Children.Count) >= 16);
            Assert.Equal(1, counter.Count - before);
        }
    }

    [Fact]
    public async Task Anonymous_learner_pages_set_no_cookie_and_carry_no_antiforgery_token()
    {
        // Nothing tied to one visitor: the page cache may share these pages between anonymous visitors.
        foreach (var path in new[] { "/", "/workshops", $"/workshops/{_paid.Slug}", $"/workshops/{_paid.Slug}/{_nav.Lessons[2].Lesson.Slug}" })
        {
            using var response = await _app.Client.GetAsync(path);
            Assert.False(response.Headers.Contains("Set-Cookie"), path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("__RequestVerificationToken", body);
        }
    }

    /// <summary>What the page shows of a transcript first: its first passage's words (the "[m:ss]" mark is a link).</summary>
    private static string FirstPassage(string? transcript) => Antonio.Data.Content.TranscriptCues.Parse(transcript)[0].Text[..40];
}
