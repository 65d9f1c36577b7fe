using System.Text.RegularExpressions;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using ZiggyCreatures.Caching.Fusion;

namespace Antonio.Tests.Integration;

/// <summary>
/// Issue #19: the alert rules and the Grafana dashboard in docs/ops use only series the app really exports. Each
/// metric they name is looked for in /metrics after the situations that produce it: pages served from the page
/// cache and from templates, the framework's meters, a cache fail-safe, and a node whose backplane is unreachable.
/// (promtool checks and tests the rules themselves in scripts/test.sh.)
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class OpsKitTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>
{
    private static string OpsFile(string name) => File.ReadAllText(Path.Combine(Architecture.ArchitectureTests.SourceRoot(), "docs", "ops", name));

    [GeneratedRegex(@"\b(?:antonio|http_server|db_client|fusioncache|aspnetcore|kestrel|dotnet)_[a-z0-9_]+")]
    private static partial Regex MetricName();

    /// <summary>Metric names (not recording rules, which have colons) in the rules and the dashboard.</summary>
    private static SortedSet<string> UsedMetrics() =>
        [.. MetricName().Matches(OpsFile("alerts.yml") + OpsFile("grafana-dashboard.json")).Select(m => m.Value)];

    private static async Task<string> ScrapeAsync(TestApp app, params string[] waitFor)
    {
        using var admin = await WebUser.SignedInAsync(app, DemoAccounts.Admin);
        var text = "";
        // The exporter keeps a scrape for a moment: ask again until the latest events are in.
        for (var i = 0; i < 40 && (text.Length == 0 || waitFor.Any(w => !text.Contains(w, StringComparison.Ordinal))); i++)
        {
            if (i > 0) await Task.Delay(250);
            text = await admin.Client.GetStringAsync("/metrics");
        }
        return text;
    }

    [Fact]
    public async Task Every_series_the_rules_and_the_dashboard_use_is_exported()
    {
        var used = UsedMetrics();
        Assert.True(used.Count >= 15, string.Join(", ", used));

        await using var app = await TestApp.StartAsync(fixture.Database);
        var lesson = $"/workshops/{SeededData.Slug(0)}";
        await app.SettledAsync("/");
        await app.GetAsync("/"); // a page-cache hit
        await app.GetAsync("/search?q=postgresql");
        await app.GetAsync("/account/login"); // a rate-limited form
        using (var learner = await WebUser.SignedInAsync(app, DemoAccounts.Buyer))
        {
            await learner.SettledAsync(lesson);
            await learner.GetAsync(lesson); // a template hit (and its access decision checked in the shadow)
        }
        await app.Service<Antonio.Web.Caching.CacheInvalidator>().CouponsChangedAsync(); // a write's invalidation
        // A factory that fails after its entry expired: the cache answers the stale value (fail-safe).
        var cache = app.Service<IFusionCache>();
        var failSafe = new FusionCacheEntryOptions { Duration = TimeSpan.FromMilliseconds(50), IsFailSafeEnabled = true, FailSafeMaxDuration = TimeSpan.FromMinutes(1) };
        await cache.SetAsync("ops:fail-safe", 42, failSafe);
        await Task.Delay(200);
        Assert.Equal(42, await cache.GetOrSetAsync<int>("ops:fail-safe", (_, _) => throw new InvalidOperationException("the database is down"), failSafe));
        // Real users' vitals, as rum.js posts them.
        using (var rum = await app.Client.PostAsync("/rum", new StringContent(
            """[{"route":"/","name":"LCP","value":900},{"route":"/","name":"INP","value":80},{"route":"/","name":"CLS","value":0}]""",
            System.Text.Encoding.UTF8, "application/json")))
            Assert.Equal(System.Net.HttpStatusCode.NoContent, rum.StatusCode);
        var healthy = await ScrapeAsync(app, "fusioncache_failsafe_activate", "antonio_viewer_page_cache_hits", "antonio_rum_cls",
            "antonio_access_shadow_mismatches", "antonio_cache_invalidations");

        // A node that cannot reach Redis: its backplane's circuit breaker opens.
        await using var cut = await TestApp.StartAsync(fixture.Database, settings: new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = "127.0.0.1:1" });
        await cut.Service<IFusionCache>().RemoveAsync("ops:any");
        await cut.Service<IFusionCache>().RemoveAsync("ops:any");
        var lost = await ScrapeAsync(cut, "fusioncache_backplane_circuit_breaker_change");

        var missing = used.Where(m => !healthy.Contains(m, StringComparison.Ordinal) && !lost.Contains(m, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "not exported: " + string.Join(", ", missing));
        Assert.Contains("fusioncache_backplane_circuit_breaker_closed=\"false\"", lost);
        Assert.DoesNotContain("antonio_request_duration", healthy); // the framework's http.server.request.duration, not ours again
    }

    /// <summary>
    /// HAProxy accepts docs/ops/haproxy.cfg as scripts/cluster.sh and the cluster test complete it (a server line per
    /// node in each backend) and as compose.yaml's cluster profile does (Docker DNS server slots and resolvers);
    /// `haproxy -c` is its own syntax check.
    /// </summary>
    [Theory]
    [InlineData("cluster.sh", "    server node1 127.0.0.1:5201\n    server node2 127.0.0.1:5202\n")]
    [InlineData("compose.yaml", null)]
    public async Task The_haproxy_config_is_valid_as_each_runner_completes_it(string runner, string? servers)
    {
        var config = Path.Combine(Path.GetTempPath(), $"antonio-haproxy-check-{Guid.NewGuid():N}.cfg");
        await File.WriteAllTextAsync(config, servers is not null ? HaproxyConfig.WithServers(servers)
            : HaproxyConfig.WithServers(string.Concat(OpsFile("haproxy-compose-servers.cfg").Split('\n').Where(l => l.StartsWith("    ", StringComparison.Ordinal)).Select(l => l + "\n")))
              + OpsFile("haproxy-compose-resolvers.cfg"));
        try
        {
            var checkedConfig = await CommandLine.RunAsync("haproxy", ["-c", "-f", config], HaproxyConfig.Environment("127.0.0.1:5180")); // -c only reads it
            Assert.True(checkedConfig.ExitCode == 0, $"{runner}: {checkedConfig.Output}{checkedConfig.Error}");
        }
        finally
        {
            File.Delete(config);
        }
    }
}
