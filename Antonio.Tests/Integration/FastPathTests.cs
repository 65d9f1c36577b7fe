using System.Text.RegularExpressions;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Access;
using Antonio.Web.Caching;
using Antonio.Web.Learning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Antonio.Tests.Integration;

/// <summary>
/// Issue #28: every fast path can be switched off on a running node (Antonio:FastPaths, read again when
/// configuration changes), and what the fast paths serve equals what the slow path renders.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class FastPathTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private void Set(params (string Name, string Value)[] settings) => _app.SetFastPaths(settings);

    private void SetAll(bool on) => _app.SetAllFastPaths(on);

    /// <summary>What differs between two renders for the same viewer: freshly encrypted tokens (a form's, a video's playback grant).</summary>
    [GeneratedRegex("(name=\"__RequestVerificationToken\" value=\"|token=)CfDJ8[A-Za-z0-9_-]+")]
    private static partial Regex FreshToken();

    /// <summary>Blazor's boundary comments number components in render order; a template renders a few more or fewer.</summary>
    [GeneratedRegex("<!--/?bl:[0-9]+-->")]
    private static partial Regex Boundary();

    private static string Normalized(string html) => Boundary().Replace(FreshToken().Replace(Streamed(html), "${1}TOKEN"), "<!--bl-->");

    [GeneratedRegex("<blazor-ssr>(.*?)</blazor-ssr>", RegexOptions.Singleline)]
    private static partial Regex StreamingUpdate();

    [GeneratedRegex("<template blazor-component-id=\"([^\"]+)\"[^>]*>(.*?)</template>", RegexOptions.Singleline)]
    private static partial Regex ComponentUpdate();

    /// <summary>
    /// The page as a browser shows it once a streamed response has ended: each update at the end of the response
    /// replaces what lies between its component's boundary comments, in order (Blazor's streaming rendering). A page
    /// read from the data cache completes at once and has no updates; read from PostgreSQL, it streams.
    /// </summary>
    private static string Streamed(string html)
    {
        var updates = StreamingUpdate().Matches(html).SelectMany(block => ComponentUpdate().Matches(block.Groups[1].Value)).ToList();
        html = StreamingUpdate().Replace(html, "");
        foreach (var update in updates)
        {
            var (open, close) = ($"<!--bl:{update.Groups[1].Value}-->", $"<!--/bl:{update.Groups[1].Value}-->");
            var start = html.IndexOf(open, StringComparison.Ordinal);
            var end = html.IndexOf(close, start + 1, StringComparison.Ordinal);
            Assert.True(start >= 0 && end > start, $"a streamed update for a component the page does not hold ({open})");
            html = string.Concat(html.AsSpan(0, start + open.Length), update.Groups[2].Value, html.AsSpan(end));
        }
        return html;
    }

    private async Task<Dictionary<string, string>> PagesAsync()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 0);
        var lessons = new LessonNavigator(workshop).Lessons;
        string Lesson(LessonPosition p) => $"/workshops/{workshop.Slug}/{p.Lesson.Slug}";
        return new()
        {
            ["home"] = "/",
            ["catalogue"] = "/workshops",
            ["workshop"] = $"/workshops/{workshop.Slug}",
            ["free lesson"] = Lesson(lessons.First(p => p.Lesson.IsPublished && AccessRules.IsFreeTier(p.Lesson, p.Section))),
            ["paid lesson"] = Lesson(SeededData.PaidLesson(workshop)),
            ["solution"] = Lesson(lessons.First(p => p.Lesson.IsPublished && p.Lesson.Solution is not null && !AccessRules.IsFreeTier(p.Lesson, p.Section))) + "/solution",
            ["dashboard"] = "/dashboard",
        };
    }

    public static TheoryData<string> Personas => new()
    {
        "anonymous", DemoAccounts.Buyer, DemoAccounts.BundleBuyer, DemoAccounts.SeatHolder, DemoAccounts.Refunded, DemoAccounts.SubscriberPro,
        DemoAccounts.CohortEarly, DemoAccounts.ExpiredEntitlement, DemoAccounts.Nobody, DemoAccounts.Admin,
    };

    [Theory]
    [MemberData(nameof(Personas))]
    public async Task What_the_fast_paths_serve_equals_what_every_slow_path_renders(string persona)
    {
        using var viewer = persona == "anonymous" ? new WebUser(_app) : await WebUser.SignedInAsync(_app, persona);
        var fast = new Dictionary<string, PageResult>();
        SetAll(on: true);
        foreach (var (page, path) in await PagesAsync())
        {
            await viewer.SettledAsync(path); // rendered (and kept)
            fast[page] = await viewer.GetAsync(path); // from the template or the page cache
        }
        // The fast paths really answered: every page of a signed-in learner from a template, every anonymous page from
        // the page cache. A viewer with a role (an admin sees drafts) is never shared a page: theirs are rendered.
        var served = fast.Where(p => p.Value.Status == 200).ToList();
        Assert.NotEmpty(served);
        Assert.All(served, p => Assert.True(persona switch
        {
            "anonymous" => p.Value.FromPageCache,
            DemoAccounts.Admin => !p.Value.FromTemplate,
            _ => p.Value.FromTemplate,
        }, $"{p.Key}: {p.Value.ServerTiming}"));

        // Every fast path off: every read is a query that completes later, so the page streams its sections in — compared
        // as the browser shows it once the response has ended.
        SetAll(on: false);
        try
        {
            foreach (var (page, path) in await PagesAsync())
            {
                var slow = await viewer.GetAsync(path);
                Assert.False(slow.FromTemplate || slow.FromPageCache, $"{page} still came from a page cache with every fast path off");
                Assert.True(slow.Status != 200 || slow.Queries > 0, $"{page} was rendered without a query with the data cache off");
                Assert.Equal(fast[page].Status, slow.Status);
                Assert.Equal(Normalized(slow.Body), Normalized(fast[page].Body));
            }
        }
        finally
        {
            SetAll(on: true);
        }
    }

    /// <summary>Two requests that differ in one input the page shows outside its slots.</summary>
    public sealed record InputPair(string Input, string A, string? CountryA, string B, string? CountryB, int WorkshopIndex, bool PaidLesson);

    public static TheoryData<InputPair> Inputs => new()
    {
        new("the country a region notice names", DemoAccounts.PppBuyer, "DE", DemoAccounts.PppBuyer, "FR", 0, PaidLesson: true),
        new("the country's prices", DemoAccounts.Nobody, "US", DemoAccounts.Nobody, "IN", 0, PaidLesson: true),
        new("the country's prices, on the workshop page", DemoAccounts.Nobody, "US", DemoAccounts.Nobody, "IN", 0, PaidLesson: false),
        new("a purchase", DemoAccounts.Nobody, null, DemoAccounts.Buyer, null, 0, PaidLesson: true),
        new("a purchase, on the workshop page", DemoAccounts.Nobody, null, DemoAccounts.Buyer, null, 0, PaidLesson: false),
        new("a cohort that has not opened", DemoAccounts.Nobody, null, DemoAccounts.CohortEarly, null, DemoCatalogue.UpcomingCohortWorkshop, PaidLesson: true),
        new("a team seat", DemoAccounts.Nobody, null, DemoAccounts.SeatHolder, null, DemoCatalogue.AdvancedFirst, PaidLesson: false),
        new("a subscription", DemoAccounts.SubscriberStandard, null, DemoAccounts.SubscriberPro, null, 0, PaidLesson: true),
    };

    /// <summary>
    /// A page key that forgot an input would hand the second viewer the first one's template. Each pair differs in one
    /// input the page shows (the pages rendered directly differ); each viewer's page from the fast path must equal their
    /// own direct render, whichever came first.
    /// </summary>
    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task A_page_key_keeps_apart_viewers_who_differ_in_one_input(InputPair pair)
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, pair.WorkshopIndex);
        var path = pair.PaidLesson ? $"/workshops/{workshop.Slug}/{SeededData.PaidLesson(workshop).Lesson.Slug}" : $"/workshops/{workshop.Slug}";
        using var a = await WebUser.SignedInAsync(_app, pair.A);
        using var b = pair.B == pair.A ? null : await WebUser.SignedInAsync(_app, pair.B);
        var requests = new[] { (User: a, Country: pair.CountryA), (User: b ?? a, Country: pair.CountryB) };
        static Dictionary<string, string>? From(string? country) => country is null ? null : new() { ["CF-IPCountry"] = country };

        var fast = new List<PageResult>();
        foreach (var (user, country) in requests.Concat(requests)) // the second round is served from the templates
            fast.Add(await user.GetAsync(path, From(country)));
        Assert.All(fast.Skip(2), page => Assert.True(page.FromTemplate, page.ServerTiming));
        Set((nameof(FastPathOptions.SharedTemplates), "false"));
        try
        {
            var direct = new List<string>();
            foreach (var (user, country) in requests) direct.Add(Normalized((await user.GetAsync(path, From(country))).Body));
            Assert.NotEqual(direct[0], direct[1]);
            for (var i = 0; i < fast.Count; i++) Assert.Equal(direct[i % 2], Normalized(fast[i].Body));
        }
        finally
        {
            Set((nameof(FastPathOptions.SharedTemplates), "true"));
        }
    }

    [Fact]
    public async Task Each_switch_turns_its_fast_path_off_on_a_running_node()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 0);
        var path = $"/workshops/{workshop.Slug}";
        await _app.SettledAsync(path);
        Assert.True((await _app.Anonymous.GetAsync(path)).FromPageCache);
        Set((nameof(FastPathOptions.AnonymousPages), "false"));
        Assert.False((await _app.Anonymous.GetAsync(path)).FromPageCache);
        Set((nameof(FastPathOptions.AnonymousPages), "true"));
        Assert.True((await _app.Anonymous.GetAsync(path)).FromPageCache);

        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        await buyer.SettledAsync(path);
        Assert.True((await buyer.GetAsync(path)).FromTemplate);
        Set((nameof(FastPathOptions.SharedTemplates), "false"));
        var rendered = await buyer.GetAsync(path);
        Assert.False(rendered.FromTemplate);
        Set((nameof(FastPathOptions.SharedTemplates), "true"));

        // The data cache off: every read asks the database (the page renders from queries, not cache hits).
        Set((nameof(FastPathOptions.AnonymousPages), "false"), (nameof(FastPathOptions.DataCache), "false"));
        try
        {
            // Each read of each request is a miss that asked the database — the first, and again the next (nothing
            // kept between them). Not "the same query count twice": what a node loads once (whichever request comes
            // first, when the suite is busy) would count in one of them only.
            foreach (var page in new[] { await _app.Anonymous.GetAsync(path), await _app.Anonymous.GetAsync(path) })
            {
                Assert.True(page.Queries > 0 && page.Record.CacheReads > 0, "with the data cache off a page still rendered without a query");
                Assert.Equal(page.Record.CacheReads, page.Record.CacheMisses);
                Assert.True(page.Queries >= page.Record.CacheMisses, $"{page.Record.CacheMisses} reads missed the cache but only {page.Queries} queries ran");
            }
        }
        finally
        {
            Set((nameof(FastPathOptions.AnonymousPages), "true"), (nameof(FastPathOptions.DataCache), "true"));
        }
        await _app.SettledAsync(path);
        Assert.Equal(0, (await _app.Anonymous.GetAsync(path)).Queries);
    }

    /// <summary>The share is a feature flag's rollout (Microsoft.FeatureManagement's targeting): close to its percentage, the same viewers every time, and a viewer in at 25 % stays in at 50 %.</summary>
    [Fact]
    public async Task A_rollout_share_is_stable_per_viewer_and_close_to_its_percentage()
    {
        var features = _app.Service<Microsoft.FeatureManagement.IFeatureManager>();
        var viewers = Enumerable.Range(0, 4000).Select(_ => Guid.NewGuid().ToString()).ToList();
        async Task<HashSet<string>> InAsync() =>
            [.. (await Task.WhenAll(viewers.Select(async v => (v, In: await FastPathFeatures.IsInRolloutAsync(features, v))))).Where(r => r.In).Select(r => r.v)];

        Set((nameof(FastPathOptions.SharedTemplatesPercent), "25"));
        var quarter = await InAsync();
        Assert.InRange(quarter.Count / (double)viewers.Count, 0.22, 0.28);
        Assert.Equal(quarter, await InAsync());
        Set((nameof(FastPathOptions.SharedTemplatesPercent), "50"));
        var half = await InAsync();
        Assert.InRange(half.Count / (double)viewers.Count, 0.47, 0.53);
        Assert.Subset(half, quarter);

        // On a running node: a learner's pages come from templates exactly when the rollout takes them.
        Set((nameof(FastPathOptions.SharedTemplatesPercent), "25"));
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 0);
        foreach (var email in new[] { DemoAccounts.Buyer, DemoAccounts.Nobody, DemoAccounts.BundleBuyer, DemoAccounts.SeatHolder })
        {
            using var learner = await WebUser.SignedInAsync(_app, email);
            var id = (await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{email}'")).ToString();
            await learner.SettledAsync($"/workshops/{workshop.Slug}");
            Assert.Equal(await FastPathFeatures.IsInRolloutAsync(features, id), (await learner.GetAsync($"/workshops/{workshop.Slug}")).FromTemplate);
        }
        Set((nameof(FastPathOptions.SharedTemplatesPercent), "0"));
        using (var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer))
        {
            await buyer.SettledAsync($"/workshops/{workshop.Slug}");
            Assert.False((await buyer.GetAsync($"/workshops/{workshop.Slug}")).FromTemplate);
        }
        Set((nameof(FastPathOptions.SharedTemplatesPercent), "100"));
    }

    [Fact]
    public void A_share_outside_zero_to_a_hundred_stops_start_up()
    {
        var result = new FastPathOptionsValidator().Validate(null, new FastPathOptions { SharedTemplatesPercent = 101 });
        Assert.True(result.Failed);
        Assert.Contains("SharedTemplatesPercent", result.FailureMessage);
    }
}
