using Antonio.Data.Content;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Admin;
using Antonio.Web.Learning;

namespace Antonio.Tests.Integration;

/// <summary>
/// Whole anonymous pages are cached, and only those: signed-in visitors, query strings and other
/// countries get their own rendering; every write that drops a page's data drops the page.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PageCacheTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>The lesson body's element (the bare class name is also in the inlined stylesheet).</summary>
    private const string LessonBody = "class=\"prose lesson-body\"";


    private async Task<(WorkshopData Workshop, string PaidLesson)> PaidAsync(int index)
    {
        var tree = await SeededData.WorkshopAsync(fixture.Database, index);
        return (tree, $"/workshops/{tree.Slug}/{SeededData.PaidLesson(tree).Lesson.Slug}");
    }

    [Fact]
    public async Task A_warm_anonymous_page_is_served_whole_from_the_page_cache()
    {
        var (tree, _) = await PaidAsync(0);
        foreach (var path in new[] { "/", "/workshops", $"/workshops/{tree.Slug}" })
        {
            var first = await _app.SettledAsync(path);
            var second = await _app.GetAsync(path);
            Assert.False(first.FromPageCache, path);
            Assert.True(second.FromPageCache, $"{path}: {second.ServerTiming}");
            Assert.Equal(0, second.Queries);
            Assert.Equal(0, second.Record.CacheReads); // nothing rendered: no data read at all
            Assert.Equal(first.Body, second.Body);
        }
    }

    [Fact]
    public async Task Signed_in_learners_never_get_or_leave_a_shared_page()
    {
        var (_, lesson) = await PaidAsync(1);
        var anonymous = await _app.SettledAsync(lesson);
        Assert.Contains("class=\"paywall\"", anonymous.Body);
        Assert.True((await _app.GetAsync(lesson)).FromPageCache);

        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer); // owns Essentials (workshops 0–2)
        var bought = await buyer.GetAsync(lesson);
        Assert.False(bought.FromPageCache);
        Assert.DoesNotContain("class=\"paywall\"", bought.Body);
        Assert.Contains(LessonBody, bought.Body);
        Assert.False((await buyer.GetAsync(lesson)).FromPageCache);

        var again = await _app.GetAsync(lesson);
        Assert.True(again.FromPageCache);
        Assert.Contains("class=\"paywall\"", again.Body);
        Assert.DoesNotContain(LessonBody, again.Body);
    }

    [Fact]
    public async Task A_cached_page_answers_an_enhanced_navigation_with_the_consent_Blazor_wrote()
    {
        // blazor.web.js compares the header exactly: anything but "allow" makes it fetch the page again, whole.
        var enhanced = new Dictionary<string, string> { ["Accept"] = "text/html; blazor-enhanced-nav=on" };
        var (tree, lesson) = await PaidAsync(3);
        foreach (var path in new[] { "/", "/workshops", $"/workshops/{tree.Slug}", lesson })
        {
            var rendered = await _app.SettledAsync(path, enhanced);
            var cached = await _app.GetAsync(path, enhanced);
            Assert.True(cached.FromPageCache, path);
            Assert.Equal(("allow", "allow"), (rendered.EnhancedNavigation, cached.EnhancedNavigation));
        }

        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        await buyer.SettledAsync(lesson, enhanced);
        var filled = await buyer.GetAsync(lesson, enhanced);
        Assert.True(filled.FromTemplate, filled.ServerTiming);
        Assert.Equal("allow", filled.EnhancedNavigation);
    }

    [Fact]
    public async Task Query_strings_and_countries_are_rendered_apart()
    {
        var (tree, _) = await PaidAsync(2);
        var path = $"/workshops/{tree.Slug}";
        await _app.SettledAsync(path);
        Assert.True((await _app.GetAsync(path)).FromPageCache);
        Assert.False((await _app.GetAsync(path + "?code=NOPE")).FromPageCache);
        Assert.False((await _app.GetAsync(path + "?code=NOPE")).FromPageCache);
        var india = new Dictionary<string, string> { ["CF-IPCountry"] = "IN" };
        Assert.False((await _app.SettledAsync(path, india)).FromPageCache);
        Assert.True((await _app.GetAsync(path, india)).FromPageCache);
        Assert.True((await _app.GetAsync(path, new Dictionary<string, string> { ["CF-IPCountry"] = "in" })).FromPageCache); // same country
        // Countries without a PPP offer see the same page as the default country: one copy for all of them.
        Assert.True((await _app.GetAsync(path, new Dictionary<string, string> { ["CF-IPCountry"] = "CH" })).FromPageCache);
        Assert.True((await _app.GetAsync(path, new Dictionary<string, string> { ["CF-IPCountry"] = "ZZ" })).FromPageCache);
    }

    [Fact]
    public async Task An_anonymous_visitor_from_a_ppp_country_sees_the_offer_and_others_do_not()
    {
        var (tree, _) = await PaidAsync(1);
        var path = $"/workshops/{tree.Slug}";
        var india = new Dictionary<string, string> { ["CF-IPCountry"] = "IN" };
        await _app.SettledAsync(path, india);
        var cachedIndia = await _app.GetAsync(path, india);
        Assert.True(cachedIndia.FromPageCache);
        Assert.Contains("India", cachedIndia.Body);
        var us = await _app.GetAsync(path);
        Assert.DoesNotContain("India", us.Body);
    }

    [Fact]
    public async Task An_edit_drops_every_page_built_from_the_edited_data()
    {
        var tree = await SeededData.WorkshopAsync(fixture.Database, 6);
        var lesson = new LessonNavigator(tree).Lessons[0].Lesson;
        var pages = new[] { "/workshops", $"/workshops/{tree.Slug}", $"/workshops/{tree.Slug}/{lesson.Slug}" };
        foreach (var page in pages) await _app.SettledAsync(page);
        foreach (var page in pages) Assert.True((await _app.GetAsync(page)).FromPageCache, page);

        Assert.Equal(EditOutcome.Saved, await _app.Service<ContentEditor>().UpdateFieldsAsync(tree.Id, null, f => f.Title = "Renamed for the page cache"));
        foreach (var page in pages)
        {
            var fresh = await _app.GetAsync(page);
            Assert.False(fresh.FromPageCache, page);
            Assert.Contains("Renamed for the page cache", fresh.Body);
        }
        // A page no edit touched stays cached.
        var other = await SeededData.WorkshopAsync(fixture.Database, 7);
        await _app.SettledAsync($"/workshops/{other.Slug}");
        Assert.Equal(EditOutcome.Saved, await _app.Service<ContentEditor>().UpdateFieldsAsync(lesson.Id, null, f => f.Description = "touched"));
        Assert.True((await _app.GetAsync($"/workshops/{other.Slug}")).FromPageCache);
    }

    [Fact]
    public async Task Error_pages_are_not_cached()
    {
        var first = await _app.GetAsync("/workshops/no-such-workshop");
        var second = await _app.GetAsync("/workshops/no-such-workshop");
        Assert.Equal((404, 404), (first.Status, second.Status));
        Assert.False(second.FromPageCache);
    }
}
