using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Antonio.Data.Content;
using Antonio.Data.Search;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Caching;
using Antonio.Web.Content;
using Antonio.Web.Discovery;
using Antonio.Web.Learning;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Tests.Integration;

/// <summary>
/// Search over workshops, lessons and transcripts: relevance, typo tolerance, highlighting, one query, the GIN
/// index, edits searchable at once — and no paid body or transcript word reaching anyone who may not read it.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class SearchTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_title_match_ranks_above_a_body_match_with_highlighted_snippets_and_typos_forgiven()
    {
        var free = new LessonNavigator(await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.FreeFirst)).Lessons;
        var (titled, bodied) = (free[1].Lesson, free[4].Lesson);
        await EditAsync(titled.Id, "title", "Quokkafish");
        await EditAsync(bodied.Id, "body", "## Notes\n\nThe **quokkafish** pattern keeps fish & chips apart. <script>alert(1)</script>");

        var page = await _app.GetAsync("/search?q=Quokkafish");
        Assert.Equal(200, page.Status);
        var titles = ResultTitles(page.Body);
        Assert.Equal("Quokkafish", titles[0]);
        Assert.Contains(bodied.Title, titles);
        Assert.Contains("<mark>quokkafish</mark> pattern keeps fish &amp; chips apart", page.Body); // encoded, Markdown markers gone
        Assert.DoesNotContain("<script>", page.Body.Split("<main")[1]);

        var typo = await _app.GetAsync("/search?q=quokkafsh");
        Assert.Equal("Quokkafish", ResultTitles(typo.Body).First());
        Assert.Equal(2, typo.Queries); // the candidates, then the snippets of the page shown (once the workshops it shows are cached)
        Assert.Equal(0, (await _app.GetAsync("/search?q=quokkafsh")).Queries);
        var workshop = await _app.GetAsync("/search?q=typscript");
        Assert.Contains(DemoCatalogue.WorkshopTitle(0), ResultTitles(workshop.Body));
    }

    [Fact]
    public async Task On_the_written_demo_a_title_ranks_first_and_a_transcript_passage_opens_the_video_where_it_is_said()
    {
        Assert.Contains(2, DemoCatalogue.Written); // PostgreSQL in Depth: written, and sold (Essentials)
        var postgres = await SeededData.WorkshopAsync(fixture.Database, 2);
        var joins = new LessonNavigator(postgres).Lessons[2].Lesson; // paid
        Assert.Equal("Joins and the nested loop trap", joins.Title);
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);

        // Real prose: the lesson named for the words comes first, above the lessons that only mention them.
        var nested = ResultTitles((await buyer.GetAsync("/search?q=nested+loop")).Body);
        Assert.Equal(joins.Title, nested[0]);
        Assert.Contains("Sequential scans are not the enemy", nested);

        // Said only in the video ("[1:51] Rather than forcing a hash join, …"): the result opens the video at 1:51.
        var found = (await buyer.GetAsync("/search?q=forcing")).Body;
        Assert.Equal(joins.Title, ResultTitles(found)[0]);
        Assert.Contains($"href=\"{WorkshopLinks.Lesson(postgres, joins)}?t=111\"", found);
        Assert.Contains("video transcript at 1:51", found);
        Assert.Contains("Rather than <mark>forcing</mark> a hash join", found);
        Assert.DoesNotContain("[1:51]", found.Split("<main")[1]); // cue marks are not reading text
        // Whoever may not read the lesson learns nothing from its transcript.
        Assert.Contains("Nothing found", (await _app.GetAsync("/search?q=forcing")).Body);
    }

    /// <summary>
    /// Queries a person would type about the written demo workshops, each with the result they expect among the first
    /// three (for a viewer who may read every lesson): speed work must not quietly break ranking. Typos included.
    /// </summary>
    public static readonly (string Query, string Expected)[] Judged =
    [
        ("nested loop", "Joins and the nested loop trap"),
        ("explain plan", "What EXPLAIN actually tells you"),
        ("lost updates", "Transactions, isolation and lost updates"),
        ("skip locked queue", "Transactions, isolation and lost updates"),
        ("trigram typos", "GIN, full-text search and trigrams"),
        ("index column order", "B-tree indexes and the column order"),
        ("seq scan", "Sequential scans are not the enemy"),
        ("postgres", "PostgreSQL in Depth"),
        ("screen reader", "Testing with axe and a screen reader"),
        ("keyboard", "Everything works from the keyboard"),
        ("focus indicator", "A focus indicator people can see"),
        ("form errors", "Forms that explain themselves"),
        ("accesibility", "Accessibility in Depth"),
        ("core web vitals", "Core Web Vitals in plain words"),
        ("field data", "Lab data and field data"),
        ("performance budget", "Budgets in continuous integration"),
        ("profiling", "Profiling the server"),
        ("caching layers", "Caching at every layer"),
        ("typscript", "TypeScript in Depth"),
    ];

    [Fact]
    public async Task The_judged_queries_find_what_a_person_expects_in_the_first_three()
    {
        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        var misses = new List<string>();
        foreach (var (query, expected) in Judged)
        {
            var top = ResultTitles((await admin.GetAsync($"/search?q={Uri.EscapeDataString(query)}")).Body).Take(3).ToList();
            if (!top.Contains(expected)) misses.Add($"“{query}”: expected “{expected}” in [{string.Join(" | ", top)}]");
        }
        Assert.True(misses.Count == 0, string.Join("\n", misses));
    }

    [Fact]
    public async Task Results_come_ten_to_a_page_each_page_with_its_own_snippets()
    {
        var first = await _app.GetAsync("/search?q=streams");
        var pages = int.Parse(PageOf().Match(first.Body).Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(pages >= 2, first.Body.Split("<main")[1][..600]);
        var titles = ResultTitles(first.Body);
        Assert.Equal(SiteSearch.PageSize, titles.Count);
        Assert.Contains("rel=\"next\" href=\"/search?q=streams&amp;page=2\"", first.Body);
        Assert.DoesNotContain("rel=\"prev\"", first.Body);

        var second = await _app.GetAsync("/search?q=streams&page=2");
        Assert.Equal("2", PageOf().Match(second.Body).Groups[1].Value);
        Assert.Empty(ResultTitles(second.Body).Intersect(titles));
        Assert.Contains("<ol class=\"search-results\" start=\"11\">", second.Body);
        Assert.Contains("<mark>", second.Body);
        Assert.Equal(1, second.Queries); // the candidates are kept; only this page's snippets are made

        // Past the last page: the last page. Not a number: a clear 400.
        Assert.Equal(pages.ToString(System.Globalization.CultureInfo.InvariantCulture), PageOf().Match((await _app.GetAsync("/search?q=streams&page=999")).Body).Groups[1].Value);
        using var bad = await _app.Client.GetAsync("/search?q=streams&page=two");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Facets_count_only_what_the_viewer_may_see_and_each_filter_narrows_to_it()
    {
        var paid = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.EssentialsFirst);
        var free = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.FreeFirst + 2);
        var lessons = new LessonNavigator(paid).Lessons;
        var locked = lessons.First(l => !Antonio.Web.Access.AccessRules.IsFreeTier(l.Lesson, l.Section)).Lesson;
        var sample = lessons.First(l => Antonio.Web.Access.AccessRules.IsFreeTier(l.Lesson, l.Section)).Lesson;
        var other = new LessonNavigator(free).Lessons[1].Lesson;
        await EditAsync(paid.Id, "description", "All about okapifacet.");
        await EditAsync(locked.Id, "body", "Only its readers learn okapifacet here.");
        await EditAsync(sample.Id, "description", "A free look at okapifacet.");
        await EditAsync(other.Id, "description", "Okapifacet in a free workshop.");
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);

        // Anonymous: the workshop and the two free lessons; the locked body is in no result and no count.
        var seen = (await _app.GetAsync("/search?q=okapifacet")).Body;
        Assert.Equal(3, ResultTitles(seen).Count);
        Assert.DoesNotContain(locked.Title, ResultTitles(seen));
        var counts = Counts(seen);
        Assert.Equal((1, 2, 0, 2), (counts["Workshops"], counts["Lessons"], counts["Moments in a video"], counts["Free to read"]));
        Assert.False(counts.ContainsKey("In my workshops"));
        Assert.Equal(2, counts[paid.Title]);
        Assert.Equal(1, counts[free.Title]);

        // The buyer reads the locked lesson: it counts, and it is theirs.
        var theirs = Counts((await buyer.GetAsync("/search?q=okapifacet")).Body);
        Assert.Equal((1, 3, 2, 3), (theirs["Workshops"], theirs["Lessons"], theirs["Free to read"], theirs["In my workshops"]));

        // Each filter narrows the results and leaves its own facet's counts as they were.
        var lessonsOnly = (await buyer.GetAsync("/search?q=okapifacet&kind=lesson")).Body;
        Assert.Equal(3, ResultTitles(lessonsOnly).Count);
        Assert.Equal(1, Counts(lessonsOnly)["Workshops"]);
        Assert.Contains("aria-current=\"true\" class=\"facet facet-chosen\" rel=\"nofollow\">Lessons", lessonsOnly);
        Assert.Equal(new[] { sample.Title, other.Title }.Order(), ResultTitles((await buyer.GetAsync("/search?q=okapifacet&kind=lesson&free=true")).Body).Order());
        Assert.Equal(new[] { paid.Title, locked.Title, sample.Title }.Order(),
            ResultTitles((await buyer.GetAsync("/search?q=okapifacet&mine=true")).Body).Order());
        Assert.Equal([other.Title], ResultTitles((await buyer.GetAsync($"/search?q=okapifacet&workshop={free.Slug}")).Body));
        Assert.Equal(3, ResultTitles((await _app.GetAsync("/search?q=okapifacet&mine=true")).Body).Count); // nobody's own: no filter
        Assert.Equal(4, ResultTitles((await buyer.GetAsync("/search?q=okapifacet&sort=newest&kind=nonsense")).Body).Count);

        // A moment in a video counts for its reader only.
        Assert.Equal(1, Counts((await buyer.GetAsync("/search?q=forcing")).Body)["Moments in a video"]);
        Assert.All(Counts((await _app.GetAsync("/search?q=forcing")).Body).Values, count => Assert.Equal(0, count));
    }

    [Fact]
    public async Task Results_as_one_types_come_as_json_with_the_same_access_decisions()
    {
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        using var response = await buyer.Client.GetAsync("/search/suggest?q=nested+loop");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var answer = await response.Content.ReadFromJsonAsync<SearchSuggestions.Answer>();
        Assert.Equal("Joins and the nested loop trap", answer!.Results[0].Title);
        Assert.True(answer.Results.Count <= SearchSuggestions.Count && answer.Total >= answer.Results.Count);
        Assert.Equal("/search?q=nested%20loop", answer.More);

        // Said only in the paid lesson's video: nothing for someone who may not read it.
        var outsider = await _app.Client.GetFromJsonAsync<SearchSuggestions.Answer>("/search/suggest?q=forcing");
        Assert.Equal((0, 0), (outsider!.Total, outsider.Results.Count));
        using var bad = await _app.Client.GetAsync("/search/suggest?q=");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.DoesNotContain("Exception", await bad.Content.ReadAsStringAsync());
    }

    /// <summary>Each facet value's count on a results page, by its label.</summary>
    private static Dictionary<string, int> Counts(string html) => FacetCount().Matches(html)
        .ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task An_edit_is_found_on_the_next_request()
    {
        var lesson = new LessonNavigator(await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.FreeFirst + 1)).Lessons[2].Lesson;
        Assert.Contains("Nothing found", (await _app.GetAsync("/search?q=wombatcase")).Body);
        await EditAsync(lesson.Id, "description", "Everything about wombatcase naming.");
        var again = await _app.GetAsync("/search?q=wombatcase");
        Assert.True(ResultTitles(again.Body).Contains(lesson.Title), $"queries={again.Queries} " + again.Body.Split("<main")[1][..1500]);
    }

    [Fact]
    public async Task No_paid_body_or_transcript_reaches_a_viewer_who_may_not_read_it()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.EssentialsFirst);
        var paid = new LessonNavigator(workshop).Lessons.Where(l => !Antonio.Web.Access.AccessRules.IsFreeTier(l.Lesson, l.Section)).Take(6).ToList();
        await using (var db = fixture.Database.CreateContext())
            foreach (var (lesson, i) in paid.Select((l, i) => (l.Lesson, i)))
            {
                await EditAsync(lesson.Id, "body", $"Intro.\n\nThe secret word is zebrabody{i} and nothing else.");
                var video = await db.ContentLinks.Where(l => l.ParentId == lesson.Id)
                    .Join(db.ContentResources.Where(r => r.Type == ContentTypes.VideoResource), l => l.ChildId, r => r.Id, (_, r) => r.Id).FirstAsync();
                await EditAsync(video, "transcript", $"In this video we say zebratalk{i} out loud.");
            }
        using var nobody = await WebUser.SignedInAsync(_app, DemoAccounts.Nobody);
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        foreach (var (lesson, i) in paid.Select((l, i) => (l.Lesson, i)))
            foreach (var word in new[] { $"zebrabody{i}", $"zebratalk{i}" })
            {
                foreach (var outsider in new[] { _app.Anonymous, nobody })
                {
                    var seen = (await outsider.GetAsync($"/search?q={word}")).Body.Split("<main")[1];
                    Assert.Contains("Nothing found", seen);
                    Assert.DoesNotContain(lesson.Title, seen);
                    Assert.DoesNotContain("<mark>", seen);
                    // Their own query, echoed (the box, the status line, the facets' links), and nothing else of it; every count 0.
                    Assert.DoesNotContain(word, seen.Replace($"value=\"{word}\"", "").Replace($"“{word}”", "").Replace($"?q={word}", ""));
                    Assert.All(Counts(seen).Values, count => Assert.Equal(0, count));
                }
                var found = (await buyer.GetAsync($"/search?q={word}")).Body;
                Assert.Contains(lesson.Title, ResultTitles(found));
                Assert.Contains($"<mark>{word}</mark>", found);
                Assert.Contains(word.StartsWith("zebratalk", StringComparison.Ordinal) ? "video transcript" : "Lesson", found);
            }
    }

    [Fact]
    public async Task A_word_deep_in_a_long_body_or_transcript_gets_its_snippet_and_its_moment()
    {
        // A snippet is made from a window of the text around the query's first word (a headline parses all it is given):
        // far into 20 kB of body, and an hour's transcript, the passage is still the one shown and the video opens there.
        var workshop = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.EssentialsFirst);
        var lesson = new LessonNavigator(workshop).Lessons.Where(l => !Antonio.Web.Access.AccessRules.IsFreeTier(l.Lesson, l.Section)).Skip(6).First().Lesson;
        var filler = string.Concat(Enumerable.Repeat("Plain words about nothing in particular fill this paragraph. ", 320));
        await EditAsync(lesson.Id, "body", $"{filler}\n\nHere the gnuquill finally appears, once.\n\n{filler}");
        Guid video;
        await using (var db = fixture.Database.CreateContext())
            video = await db.ContentLinks.Where(l => l.ParentId == lesson.Id)
                .Join(db.ContentResources.Where(r => r.Type == ContentTypes.VideoResource), l => l.ChildId, r => r.Id, (_, r) => r.Id).FirstAsync();
        var cues = Enumerable.Range(0, 120).Select(i => $"[{i / 2}:{i % 2 * 30:00}] " + (i == 95 ? "And now the yakfeather trick, said once." : "Talking about nothing much at all here."));
        await EditAsync(video, "transcript", string.Join('\n', cues));
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);

        var body = (await buyer.GetAsync("/search?q=gnuquill")).Body;
        Assert.Equal(lesson.Title, ResultTitles(body)[0]);
        Assert.Contains("the <mark>gnuquill</mark> finally appears", body);

        var said = (await buyer.GetAsync("/search?q=yakfeather+trick")).Body;
        Assert.Equal(lesson.Title, ResultTitles(said)[0]);
        Assert.Contains($"href=\"{WorkshopLinks.Lesson(workshop, lesson)}?t=2850\"", said); // cue 95: [47:30]
        Assert.Contains("video transcript at 47:30", said);
        Assert.Contains("<mark>yakfeather</mark> <mark>trick</mark>, said once", said);
    }

    [Fact]
    public async Task Drafts_private_and_unlisted_content_are_never_results()
    {
        var unlisted = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.UnlistedWorkshop);
        await EditAsync(unlisted.Id, "description", "Hidden gem about kangarooindex.");
        await EditAsync(new LessonNavigator(unlisted).Lessons[0].Lesson.Id, "description", "More kangarooindex.");
        await using (var db = fixture.Database.CreateContext())
        {
            var draft = await db.ContentResources.Where(r => r.Type == ContentTypes.Lesson && r.DeletedAt == null)
                .Where(r => EF.Functions.JsonContains(r.Fields, "{\"state\": \"draft\"}")).Select(r => r.Id).FirstAsync();
            await EditAsync(draft, "description", "Draft about kangarooindex.");
        }
        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        foreach (var viewer in new[] { _app.Anonymous, admin })
            Assert.Contains("Nothing found", (await viewer.GetAsync("/search?q=kangarooindex")).Body);
    }

    [Fact]
    public async Task The_search_uses_the_gin_index()
    {
        await using var db = fixture.Database.CreateContext();
        // The test database is small enough for a sequential scan to win; without it, the plan shows the index matches the query's expression.
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
        var plan = string.Join("\n", await db.Database.SqlQueryRaw<string>(
            $"EXPLAIN SELECT id FROM content_resources WHERE {SearchQuery.Column} @@ websearch_to_tsquery('english', 'schemas')").ToListAsync());
        Assert.Contains("ix_content_resources_search", plan);
        var typo = string.Join("\n", await db.Database.SqlQueryRaw<string>(
            $"EXPLAIN SELECT id FROM content_resources WHERE 'typscript' <% {SearchQuery.TitleColumn}").ToListAsync());
        Assert.Contains("ix_content_resources_title_trgm", typo);
    }

    [Theory]
    [InlineData("%00")]
    [InlineData("a%01b")]
    [InlineData("")]
    public async Task Bad_queries_get_a_clear_answer(string q)
    {
        using var response = await _app.Client.GetAsync($"/search?q={q}");
        Assert.True((int)response.StatusCode is 200 or (>= 400 and < 500), response.StatusCode.ToString());
        Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync());
        using var huge = await _app.Client.GetAsync("/search?q=" + new string('a', 5000));
        Assert.True((int)huge.StatusCode is 200 or (>= 400 and < 500), huge.StatusCode.ToString());
    }

    private async Task EditAsync(Guid id, string field, string value)
    {
        await using var db = fixture.Database.CreateContext();
        await db.Database.ExecuteSqlRawAsync("UPDATE content_resources SET fields = jsonb_set(fields, ARRAY[{0}], to_jsonb({1}::text)) WHERE id = {2}", field, value, id);
        await _app.Service<CacheInvalidator>().ContentChangedAsync(id);
    }

    private static List<string> ResultTitles(string html) => [.. ResultTitle().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    [GeneratedRegex("rel=\"nofollow\">([^<]+)<span class=\"facet-count\">(\\d+)</span>")]
    private static partial Regex FacetCount();

    [GeneratedRegex("page (\\d+) of (\\d+)\\.")]
    private static partial Regex PageOf();

    [GeneratedRegex("<li><h2><a href=\"[^\"]+\">([^<]+)</a></h2>")]
    private static partial Regex ResultTitle();
}
