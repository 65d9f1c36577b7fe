using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Learning;

namespace Antonio.Tests.Integration;

/// <summary>Server-Timing, /metrics, /rum and the admin performance page.</summary>
[Trait("Category", "Integration")]
public sealed class ObservabilityTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Server_timing_reports_the_interceptors_query_count()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 6);
        var lesson = $"/workshops/{workshop.Slug}/{new LessonNavigator(workshop).First!.Lesson.Slug}";
        foreach (var path in new[] { "/", lesson, lesson })
        {
            var page = await _app.GetAsync(path);
            Assert.NotNull(page.ServerTiming);
            Assert.Contains($"db;desc=\"{page.Queries} queries\"", page.ServerTiming);
            Assert.Contains(page.Record.CacheMisses == 0 ? "cache;desc=\"hit\"" : "cache;desc=\"miss\"", page.ServerTiming);
            Assert.Contains("app;dur=", page.ServerTiming);
        }
    }

    private Task<HttpResponseMessage> PostRumAsync(string json) =>
        _app.Client.PostAsync("/rum", new StringContent(json, Encoding.UTF8, "application/json"));

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("""[{"route":"/","name":"LCP"}]""")]
    [InlineData("""[{"route":"/","name":"FOO","value":1}]""")]
    [InlineData("""[{"route":"/","name":"LCP","value":-1}]""")]
    [InlineData("""[{"route":"/","name":"LCP","value":1e12}]""")]
    [InlineData("""[{"route":"workshops","name":"LCP","value":1}]""")]
    [InlineData("""[{"route":"/<script>","name":"LCP","value":1}]""")]
    // Only this site's own route patterns: a made-up one would grow the table and the metrics' labels.
    [InlineData("""[{"route":"/x","name":"LCP","value":1}]""")]
    [InlineData("""[{"route":"/workshops/typescript-in-depth","name":"LCP","value":1}]""")]
    [InlineData("""[{"route":"/","name":"LCP","value":1,"navigation":"teleport"}]""")]
    [InlineData("""[{"route":"/","name":"LCP","value":1},{"route":"/","name":"CLS","value":1,"navigation":"soft-navigation"}]""")]
    public async Task Rum_rejects_malformed_bodies(string json)
    {
        var response = await PostRumAsync(json.Replace("<script>", "\u0001script"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Rum_rejects_oversized_bodies_and_too_many_metrics()
    {
        var big = "[" + string.Join(",", Enumerable.Repeat("""{"route":"/","name":"LCP","value":1}""", 200)) + "]";
        Assert.Equal(HttpStatusCode.BadRequest, (await PostRumAsync(big)).StatusCode);
        var eleven = "[" + string.Join(",", Enumerable.Repeat("""{"route":"/","name":"LCP","value":1}""", 11)) + "]";
        Assert.Equal(HttpStatusCode.BadRequest, (await PostRumAsync(eleven)).StatusCode);
    }

    [Fact]
    public async Task Rum_stores_valid_metrics_with_how_the_page_view_began()
    {
        const string route = "/certificates/{Code}";
        await fixture.Database.ExecuteAsync($"DELETE FROM web_vitals WHERE route = '{route}'");
        var response = await PostRumAsync($$"""
            [{"route":"{{route}}","name":"LCP","value":231.5},{"route":"{{route}}","name":"CLS","value":0.02,"navigation":"enhanced"},
             {"route":"{{route}}","name":"INP","value":48,"navigation":"back-forward-cache"}]
            """);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("CLS enhanced 0.02, INP back-forward-cache 48, LCP navigate 231.5", await fixture.Database.ScalarAsync<string>(
            $"SELECT string_agg(name || ' ' || navigation || ' ' || value, ', ' ORDER BY name) FROM web_vitals WHERE route = '{route}'"));
    }

    [Fact]
    public async Task Metrics_are_for_admins_and_expose_query_and_cache_series()
    {
        Assert.Equal(HttpStatusCode.Redirect, (await _app.Client.GetAsync("/metrics")).StatusCode);
        using var learner = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.Client.GetAsync("/metrics")).StatusCode);

        await _app.SettledAsync($"/workshops/{SeededData.Slug(2)}");
        await _app.GetAsync($"/workshops/{SeededData.Slug(2)}");
        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        string text = "";
        // The Prometheus exporter caches a scrape briefly; wait for one that includes our requests.
        for (var i = 0; i < 20 && !text.Contains("antonio_page_cache_hits"); i++)
        {
            text = await admin.Client.GetStringAsync("/metrics");
            if (!text.Contains("antonio_page_cache_hits")) await Task.Delay(250);
        }
        Assert.Contains("antonio_db_queries_per_request", text);
        Assert.Contains("antonio_cache_reads", text);
        Assert.Contains("antonio_cache_misses", text);
        Assert.Contains("antonio_page_cache_lookups", text); // the first visit looked the page up
        Assert.Contains("antonio_page_cache_hits", text);    // the settled one was stored, the next served whole
        Assert.Contains("route=\"/workshops/{Workshop}\"", text);
        Assert.Contains("http_server_request_duration", text);
        Assert.Contains("fusioncache", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Performance_page_shows_p75_p95_and_google_ratings_of_posted_vitals_for_admins_only()
    {
        const string route = "/workshops";
        await fixture.Database.ExecuteAsync($"DELETE FROM web_vitals WHERE route = '{route}'");
        // Twenty loads with LCP 200, 400, … 4000 ms: twelve good (<= 2.5 s), eight needing improvement, none poor;
        // p75 3050 ms and p95 3810 ms (interpolated, as percentile_cont does). Ten enhanced navigations at 100 ms.
        foreach (var batch in Enumerable.Range(1, 20).Chunk(10))
            Assert.Equal(HttpStatusCode.NoContent, (await PostRumAsync("[" + string.Join(",", batch.Select(k => $$"""{"route":"{{route}}","name":"LCP","value":{{200 * k}}}""")) + "]")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PostRumAsync("[" + string.Join(",", Enumerable.Repeat($$"""{"route":"{{route}}","name":"LCP","value":100,"navigation":"enhanced"}""", 10)) + "]")).StatusCode);

        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        var loads = await admin.GetAsync("/admin/performance?hours=1&navigation=navigate");
        Assert.Equal(200, loads.Status);
        Assert.Contains("<svg role=\"img\" aria-label=\"LCP by route\"", loads.Body);
        Assert.Contains(HtmlEncoder.Default.Encode(route) + " (20)", loads.Body);
        Assert.Contains($"<tr class=\"needs-improvement\"><td>{route}</td><td>LCP</td><td>20</td><td>3050 ms</td><td>3810 ms</td>", loads.Body);
        Assert.Contains("<td>60%</td><td>40%</td><td>0%</td>", loads.Body);

        var enhanced = await admin.GetAsync("/admin/performance?hours=1&navigation=enhanced");
        Assert.Contains($"<tr class=\"good\"><td>{route}</td><td>LCP</td><td>10</td><td>100 ms</td><td>100 ms</td>", enhanced.Body);
        var all = await admin.GetAsync("/admin/performance?hours=1");
        Assert.Contains($"<td>{route}</td><td>LCP</td><td>30</td>", all.Body);
        Assert.Contains("Cache hit rate", all.Body);
        // The live database's own figures: statements (pg_stat_statements, loaded by scripts/services.sh), connections, indexes.
        Assert.Matches(@"Statements since the statistics were reset: <strong>[1-9]\d* calls</strong>,\s+<strong>\d+\.\d\d ms</strong> on average", all.Body);
        Assert.Matches(@"Connections to this database: <strong>[1-9]\d* open</strong>", all.Body);
        Assert.Contains("Indexes never scanned since the statistics were reset: ", all.Body);

        using var learner = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        var denied = await learner.GetAsync("/admin/performance");
        Assert.Equal(403, denied.Status);
        Assert.Contains("You don&#x27;t have access", denied.Body);
        Assert.Equal(302, (await _app.GetAsync("/admin/performance")).Status);
    }
}
