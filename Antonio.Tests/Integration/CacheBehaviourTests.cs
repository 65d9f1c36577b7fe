using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Antonio.Data.Content;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Admin;
using Antonio.Web.Caching;
using Antonio.Web.Learning;
using Antonio.Web.Observability;
using Npgsql;
using ZiggyCreatures.Caching.Fusion;

namespace Antonio.Tests.Integration;

/// <summary>The layered cache with real PostgreSQL and Redis: zero warm queries, invalidation, backplane, fail-safe, stampede.</summary>
[Trait("Category", "Integration")]
public sealed class CacheBehaviourTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>
{
    private TestDatabase Db => fixture.Database;

    private async Task<(WorkshopData Workshop, LessonPosition Lesson)> WorkshopAndFreeLessonAsync(int index)
    {
        var workshop = await SeededData.WorkshopAsync(Db, index);
        return (workshop, new LessonNavigator(workshop).First!);
    }

    [Fact]
    public async Task After_a_removal_by_tag_a_slow_reload_answers_the_new_value_and_a_failed_one_is_marked_stale()
    {
        await using var app = await TestApp.StartAsync(Db);
        var reader = app.Service<CachedReader>();
        var accessor = app.Service<Microsoft.AspNetCore.Http.IHttpContextAccessor>();
        var key = "test:stale:" + Guid.NewGuid().ToString("N");
        var tag = "test-stale-" + Guid.NewGuid().ToString("N");
        accessor.HttpContext = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        Assert.Equal("first", await reader.GetAsync(key, CacheEntryKinds.Content, (_, _) => Task.FromResult("first"), _ => [tag]));
        Assert.False(StaleReads.Seen(accessor.HttpContext));

        // A write dropped it; the database is slow to give the new value. The request waits for it: the value the
        // write dropped is never the answer (FusionCache keeps it, marked expired, for fail-safe).
        await app.Service<IFusionCache>().RemoveByTagAsync(tag);
        var slow = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        accessor.HttpContext = slow;
        Assert.Equal("second", await reader.GetAsync(key, CacheEntryKinds.Content, async (_, token) => { await Task.Delay(600, token); return "second"; }, _ => [tag]));
        Assert.False(StaleReads.Seen(slow));

        // Dropped again, and now the database is down: fail-safe answers the last value — and the request says so,
        // so no page cache keeps what was rendered from it.
        await app.Service<IFusionCache>().RemoveByTagAsync(tag);
        var down = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        accessor.HttpContext = down;
        Assert.Equal("second", await reader.GetAsync<string>(key, CacheEntryKinds.Content, (_, _) => throw new TimeoutException("the database is down"), _ => [tag]));
        Assert.True(StaleReads.Seen(down));
        accessor.HttpContext = null;
    }

    [Fact]
    public async Task Warm_learner_pages_run_no_sql()
    {
        await using var app = await TestApp.StartAsync(Db);
        var (w, lesson) = await WorkshopAndFreeLessonAsync(1);
        var paywalled = new LessonNavigator(w).Lessons[1];
        string[] paths = ["/", "/workshops", $"/workshops/{w.Slug}", $"/workshops/{w.Slug}/{lesson.Lesson.Slug}", $"/workshops/{w.Slug}/{paywalled.Lesson.Slug}"];
        foreach (var path in paths) Assert.Equal(200, (await app.GetAsync(path)).Status);
        foreach (var path in paths)
        {
            var warm = await app.GetAsync(path);
            Assert.True(warm.Queries == 0, $"{path} ran {warm.Queries} queries warm");
            Assert.Equal(0, warm.Record.CacheMisses);
        }
    }

    [Fact]
    public async Task A_lesson_title_edit_shows_on_the_next_request()
    {
        await using var app = await TestApp.StartAsync(Db);
        var (w, lesson) = await WorkshopAndFreeLessonAsync(2);
        var lessonPath = $"/workshops/{w.Slug}/{lesson.Lesson.Slug}";
        Assert.Contains(lesson.Lesson.Title, (await app.GetAsync(lessonPath)).Body);
        Assert.Contains(lesson.Lesson.Title, (await app.GetAsync($"/workshops/{w.Slug}")).Body);

        var renamed = "Renamed " + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(EditOutcome.Saved, await app.Service<ContentEditor>().UpdateFieldsAsync(lesson.Lesson.Id, null, f => f.Title = renamed));

        Assert.Contains(renamed, (await app.GetAsync(lessonPath)).Body);
        var workshopPage = await app.GetAsync($"/workshops/{w.Slug}");
        Assert.Contains(renamed, workshopPage.Body);
        Assert.DoesNotContain(">" + lesson.Lesson.Title + "<", workshopPage.Body);
    }

    [Fact]
    public async Task A_lesson_may_be_called_solution()
    {
        await using var app = await TestApp.StartAsync(Db);
        var (w, lesson) = await WorkshopAndFreeLessonAsync(10);
        Assert.Equal(EditOutcome.Saved, await app.Service<ContentEditor>().UpdateFieldsAsync(lesson.Lesson.Id, null, f => f.Slug = "solution"));
        var page = await app.GetAsync($"/workshops/{w.Slug}/solution");
        Assert.Equal(200, page.Status);
        Assert.Contains($"<h1 id=\"lesson-title\">{lesson.Lesson.Title}</h1>", page.Body);
    }

    [Fact]
    public async Task A_stale_editor_is_told_of_the_conflict_and_nothing_is_lost()
    {
        await using var app = await TestApp.StartAsync(Db);
        var (_, lesson) = await WorkshopAndFreeLessonAsync(3);
        var version = await Db.ScalarAsync<uint>($"SELECT xmin FROM content_resources WHERE id = '{lesson.Lesson.Id}'");
        var editor = app.Service<ContentEditor>();
        Assert.Equal(EditOutcome.Saved, await editor.UpdateFieldsAsync(lesson.Lesson.Id, version, f => f.Description = "first"));
        Assert.Equal(EditOutcome.Conflict, await editor.UpdateFieldsAsync(lesson.Lesson.Id, version, f => f.Description = "second"));
        Assert.Equal("first", await Db.ScalarAsync<string>($"SELECT fields->>'description' FROM content_resources WHERE id = '{lesson.Lesson.Id}'"));
    }

    [Fact]
    public async Task An_edit_on_node_A_reaches_node_B_within_a_second_through_the_backplane()
    {
        var prefix = "two-nodes-" + Guid.NewGuid().ToString("N")[..8];
        await using var a = await TestApp.StartAsync(Db, cachePrefix: prefix);
        await using var b = await TestApp.StartAsync(Db, cachePrefix: prefix);
        var (w, lesson) = await WorkshopAndFreeLessonAsync(4);
        var path = $"/workshops/{w.Slug}";

        Assert.Equal(200, (await b.GetAsync(path)).Status);
        var memoryHits = 0;
        var cacheB = b.Service<IFusionCache>();
        EventHandler<ZiggyCreatures.Caching.Fusion.Events.FusionCacheEntryHitEventArgs> onHit = (_, e) =>
        {
            if (e.Key.EndsWith(CacheKeys.WorkshopData(w.Slug), StringComparison.Ordinal)) Interlocked.Increment(ref memoryHits);
        };
        cacheB.Events.Memory.Hit += onHit;
        var warm = await b.GetAsync(path);
        Assert.Equal(0, warm.Queries);
        // From its own memory: the whole page (page cache) or, for a page not cached whole, the workshop entry.
        var fromPage = warm.ServerTiming?.Contains("page;desc=\"hit\"", StringComparison.Ordinal) == true;
        // FusionCache raises its events on a background thread (EnableSyncEventHandlersExecution is off): the count
        // may arrive a moment after the response, later still on a loaded machine.
        for (var i = 0; i < 40 && !fromPage && Volatile.Read(ref memoryHits) == 0; i++) await Task.Delay(25);
        Assert.True(fromPage || memoryHits > 0, "node B served the workshop from its own L1 before the edit");

        var renamed = "Two-node " + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(EditOutcome.Saved, await a.Service<ContentEditor>().UpdateFieldsAsync(lesson.Lesson.Id, null, f => f.Title = renamed));
        var clock = Stopwatch.StartNew();
        var seen = false;
        while (clock.Elapsed < TimeSpan.FromSeconds(1) && !seen)
        {
            seen = (await b.GetAsync(path)).Body.Contains(renamed);
            if (!seen) await Task.Delay(25);
        }
        cacheB.Events.Memory.Hit -= onHit;
        Assert.True(seen, $"node B still showed the old title after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task With_Redis_unreachable_pages_serve_from_the_database_and_L1()
    {
        await using var app = await TestApp.StartAsync(Db, settings: new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = "127.0.0.1:1" });
        var (w, lesson) = await WorkshopAndFreeLessonAsync(5);
        var path = $"/workshops/{w.Slug}/{lesson.Lesson.Slug}";
        var cold = await app.GetAsync(path);
        Assert.Equal(200, cold.Status);
        Assert.True(cold.Queries > 0);
        var warm = await app.GetAsync(path);
        Assert.Equal(200, warm.Status);
        Assert.Equal(0, warm.Queries);
        Assert.Equal(cold.Body.Length, warm.Body.Length);
    }

    [Fact]
    public async Task With_PostgreSQL_unreachable_cached_pages_serve_and_uncached_ones_say_503()
    {
        var target = new NpgsqlConnectionStringBuilder(Db.ConnectionString);
        await using var proxy = new TcpProxy(target.Host!, target.Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(Db.ConnectionString) { Port = proxy.Port, Timeout = 2, CommandTimeout = 3 }.ConnectionString;
        await using var app = await TestApp.StartAsync(Db, redis: false,
            settings: new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = viaProxy });
        var (w, lesson) = await WorkshopAndFreeLessonAsync(6);
        var workshopPath = $"/workshops/{w.Slug}";
        var lessonPath = $"/workshops/{w.Slug}/{lesson.Lesson.Slug}";
        var before = await app.GetAsync(workshopPath);
        Assert.Equal(200, before.Status);
        Assert.Equal(200, (await app.GetAsync(lessonPath)).Status);

        proxy.Cut();

        var cached = await app.GetAsync(workshopPath);
        Assert.Equal(200, cached.Status);
        Assert.Contains($"<h1>{w.Title}</h1>", cached.Body);

        // Force the fail-safe path: the entry is stale, the factory fails, the last good value is served.
        await app.Service<IFusionCache>().ExpireAsync(CacheKeys.WorkshopData(w.Slug));
        var stale = await app.GetAsync(workshopPath);
        Assert.Equal(200, stale.Status);
        Assert.Contains($"<h1>{w.Title}</h1>", stale.Body);

        var uncached = await app.GetAsync($"/workshops/{SeededData.Slug(7)}");
        Assert.Equal(503, uncached.Status);
        Assert.Contains("Temporarily unavailable", uncached.Body);
        Assert.DoesNotContain("   at ", uncached.Body);
        Assert.DoesNotContain("Exception", uncached.Body);
    }

    [Fact]
    public async Task Two_hundred_concurrent_requests_for_a_cold_page_run_each_factory_once()
    {
        await using var app = await TestApp.StartAsync(Db);
        var w = await SeededData.WorkshopAsync(Db, 8);
        var counter = app.Service<QueryCounterInterceptor>();
        // The node's own checks at start (cohort openings, live reminders) run their commands first: not the page's.
        await Task.WhenAll(app.Service<IEnumerable<Microsoft.Extensions.Hosting.IHostedService>>()
            .OfType<Antonio.Web.Hosting.EveryNodeCheck>().Select(c => c.FirstRun)).WaitAsync(TimeSpan.FromSeconds(30));
        var before = counter.Total;
        var bodies = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
        {
            using var response = await app.Client.GetAsync($"/workshops/{w.Slug}");
            Assert.Equal(200, (int)response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }));
        // One command per cold entry on the page (tree, site coupons, pricing inputs) — not 200 of each.
        Assert.InRange(counter.Total - before, 1, 3);
        Assert.Single(bodies.Select(WithoutPerRequestState).Distinct());
    }

    /// <summary>Blazor appends a data-protected (per-request encrypted) state comment; everything else must match.</summary>
    private static string WithoutPerRequestState(string html) =>
        Regex.Replace(html, "<!--Blazor-[A-Za-z-]+-State:.*?-->", "", RegexOptions.Singleline);

    [Fact]
    public async Task FusionCache_meter_reports_hits_and_misses()
    {
        var seen = new HashSet<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name.StartsWith(FusionCacheDiagnostics.MeterName, StringComparison.Ordinal)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, _, _) => { lock (seen) seen.Add(instrument.Name); });
        listener.Start();

        await using var app = await TestApp.StartAsync(Db);
        var w = await SeededData.WorkshopAsync(Db, 9);
        await app.GetAsync($"/workshops/{w.Slug}");
        await app.GetAsync($"/workshops/{w.Slug}");
        Assert.Contains(seen, n => n.Contains("hit", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(seen, n => n.Contains("miss", StringComparison.OrdinalIgnoreCase));
    }
}
