using System.Net;
using System.Text;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Learning;

namespace Antonio.Tests.Integration;

/// <summary>Server-Timing, /metrics, /rum and the admin performance page.</summary>
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
    [InlineData("""[{"route":"/x","name":"LCP"}]""")]
    [InlineData("""[{"route":"/x","name":"FOO","value":1}]""")]
    [InlineData("""[{"route":"/x","name":"LCP","value":-1}]""")]
    [InlineData("""[{"route":"/x","name":"LCP","value":1e12}]""")]
    [InlineData("""[{"route":"x","name":"LCP","value":1}]""")]
    [InlineData("""[{"route":"/<script>","name":"LCP","value":1}]""")]
    public async Task Rum_rejects_malformed_bodies(string json)
    {
        var response = await PostRumAsync(json.Replace("<script>", "\u0001script"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Rum_rejects_oversized_bodies_and_too_many_metrics()
    {
        var big = "[" + string.Join(",", Enumerable.Repeat("""{"route":"/a","name":"LCP","value":1}""", 200)) + "]";
        Assert.Equal(HttpStatusCode.BadRequest, (await PostRumAsync(big)).StatusCode);
        var eleven = "[" + string.Join(",", Enumerable.Repeat("""{"route":"/a","name":"LCP","value":1}""", 11)) + "]";
        Assert.Equal(HttpStatusCode.BadRequest, (await PostRumAsync(eleven)).StatusCode);
    }

    [Fact]
    public async Task Rum_stores_valid_metrics()
    {
        var route = "/rum-test/" + Guid.NewGuid().ToString("N")[..8];
        var response = await PostRumAsync($$"""[{"route":"{{route}}","name":"LCP","value":231.5},{"route":"{{route}}","name":"CLS","value":0.02}]""");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(2L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM web_vitals WHERE route = '{route}'"));
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
    public async Task Performance_page_charts_seeded_vitals_for_admins_only()
    {
        var route = "/workshops/{Workshop}";
        await fixture.Database.ExecuteAsync($"""
            INSERT INTO web_vitals (route, name, value, created_at)
            SELECT '{route}', n, v, now() - interval '1 minute'
              FROM (VALUES ('TTFB'), ('LCP'), ('CLS')) AS names(n), generate_series(1, 40) AS v
            """);
        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        var page = await admin.GetAsync("/admin/performance?hours=1");
        Assert.Equal(200, page.Status);
        Assert.Contains("<svg role=\"img\" aria-label=\"LCP by route\"", page.Body);
        Assert.Contains(WebUtility.HtmlEncode(route) + " (", page.Body);
        Assert.Contains("Cache hit rate", page.Body);

        using var learner = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        var denied = await learner.GetAsync("/admin/performance");
        Assert.Equal(403, denied.Status);
        Assert.Contains("You don&#x27;t have access", denied.Body);
        Assert.Equal(302, (await _app.GetAsync("/admin/performance")).Status);
    }
}
