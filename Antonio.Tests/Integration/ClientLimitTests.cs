using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Discovery;
using StackExchange.Redis;

namespace Antonio.Tests.Integration;

/// <summary>
/// Issue #26.1, .5: every per-client limit counts the client the connection came from — a forged X-Forwarded-For
/// from an address that is not a configured proxy changes nothing — and holds across nodes (counted in Redis), and
/// per node while Redis is down; search keeps attacker-chosen queries out of Redis and out of unbounded memory.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClientLimitTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>
{
    private static Dictionary<string, string?> Limits(int limit, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Antonio:RateLimits:AccountPostsPerClientPerMinute"] = $"{limit}",
            ["Antonio:RateLimits:RumPostsPerClientPerMinute"] = $"{limit}",
            ["Antonio:RateLimits:SearchesPerClientPerMinute"] = $"{limit}",
            ["Antonio:RateLimits:PositionReportsPerLearnerPerMinute"] = $"{limit}",
        };
        foreach (var (k, v) in more ?? []) settings[k] = v;
        return settings;
    }

    private static Dictionary<string, string> ForwardedFor(int i) => new() { ["X-Forwarded-For"] = $"10.9.8.{i}", ["X-Forwarded-Proto"] = "https", ["CF-IPCountry"] = "IN" };

    /// <summary>Each rate-limited endpoint, asked once by the given user with the given headers.</summary>
    private static readonly Dictionary<string, Func<WebUser, Dictionary<string, string>, int, Task<HttpStatusCode>>> Endpoints = new()
    {
        ["sign-in"] = async (user, headers, i) => (await user.SubmitFormAsync("/account/login", "login",
            new() { ["Input.Email"] = DemoAccounts.Nobody, ["Input.Password"] = "guess-" + i }, headers: headers)).StatusCode,
        ["rum"] = async (user, headers, _) => await PostAsync(user, "/rum", "[{\"route\":\"/\",\"name\":\"LCP\",\"value\":100}]", headers),
        ["search"] = async (user, headers, i) => (HttpStatusCode)(await user.GetAsync($"/search?q=word{i}", headers)).Status,
        ["position"] = async (user, headers, _) => await PostAsync(user, "/progress/position", "{}", headers),
    };

    private static async Task<HttpStatusCode> PostAsync(WebUser user, string path, string json, Dictionary<string, string> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, new MediaTypeHeaderValue("application/json")) };
        foreach (var (k, v) in headers) request.Headers.TryAddWithoutValidation(k, v);
        using var response = await user.Client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_forged_forwarded_for_from_an_address_that_is_no_proxy_resets_no_limit()
    {
        await using var app = await TestApp.StartAsync(fixture.Database, settings: Limits(3, new() { ["Antonio:Network:TrustedProxies:0"] = "" }));
        using var learner = await WebUser.SignedInAsync(app, DemoAccounts.Buyer); // one of this client's three account posts
        using var visitor = new WebUser(app);
        foreach (var (name, user, allowed) in new[] { ("sign-in", visitor, 2), ("rum", visitor, 3), ("search", visitor, 3), ("position", learner, 3) })
        {
            for (var i = 0; i < allowed; i++) Assert.NotEqual(HttpStatusCode.TooManyRequests, await Endpoints[name](user, ForwardedFor(i), i));
            Assert.True(await Endpoints[name](user, ForwardedFor(99), 99) == HttpStatusCode.TooManyRequests,
                $"{name}: one more request with a new X-Forwarded-For was not limited");
        }
    }

    [Fact]
    public async Task From_a_configured_proxy_the_forwarded_client_is_the_one_counted()
    {
        await using var app = await TestApp.StartAsync(fixture.Database, settings: Limits(3)); // the test app trusts 127.0.0.1
        using var user = new WebUser(app);
        var sign = Endpoints["sign-in"];
        for (var i = 0; i < 5; i++) // five clients, one post each
            Assert.Equal(HttpStatusCode.OK, await sign(user, new() { ["X-Forwarded-For"] = $"10.9.8.{i}" }, i));
        var one = new Dictionary<string, string> { ["X-Forwarded-For"] = "203.0.113.50" };
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, await sign(user, one, i));
        Assert.Equal(HttpStatusCode.TooManyRequests, await sign(user, one, 3));
    }

    [Fact]
    public async Task Three_nodes_enforce_one_limit()
    {
        var prefix = "limits-" + Guid.NewGuid().ToString("N")[..8];
        var nodes = new List<TestApp>();
        try
        {
            for (var i = 0; i < 3; i++) nodes.Add(await TestApp.StartAsync(fixture.Database, cachePrefix: prefix, settings: Limits(4)));
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 6; i++)
            {
                using var user = new WebUser(nodes[i % 3]);
                statuses.Add(await Endpoints["sign-in"](user, [], i));
            }
            Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_refusal_says_when_to_try_again(bool redis)
    {
        var more = redis ? null : new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = "" };
        await using var app = await TestApp.StartAsync(fixture.Database, settings: Limits(2, more));
        using var user = new WebUser(app);
        Task<HttpResponseMessage> PostAsync(int i) => user.SubmitFormAsync("/account/login", "login",
            new() { ["Input.Email"] = DemoAccounts.Nobody, ["Input.Password"] = "guess-" + i });
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await PostAsync(i);
            Assert.Null(allowed.Headers.RetryAfter);
        }
        using var refused = await PostAsync(2);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var after = refused.Headers.RetryAfter?.Delta;
        Assert.True(after is { TotalSeconds: >= 1 and <= 60 }, $"Retry-After: {refused.Headers.RetryAfter}");
    }

    [Fact]
    public async Task With_redis_down_each_node_still_enforces_the_limit()
    {
        await using var app = await TestApp.StartAsync(fixture.Database,
            settings: Limits(3, new() { ["ConnectionStrings:Redis"] = $"127.0.0.1:{LoopbackPorts.Free()},connectTimeout=200" }));
        using var user = new WebUser(app);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, await Endpoints["sign-in"](user, [], i));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Endpoints["sign-in"](user, [], 3));
    }

    [Fact]
    public async Task Five_hundred_made_up_searches_leave_nothing_of_theirs_in_redis_and_a_bounded_memory()
    {
        await using var app = await TestApp.StartAsync(fixture.Database, settings: new Dictionary<string, string?> { ["Antonio:Search:MaxCachedQueries"] = "100" });
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var queries = Enumerable.Range(0, 500).Select(_ => "zq" + Guid.NewGuid().ToString("N")[..10]).ToList();
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(queries.Select(async q =>
        {
            await gate.WaitAsync();
            try { Assert.Equal(200, (await app.GetAsync("/search?q=" + q)).Status); }
            finally { gate.Release(); }
        }));
        var keys = server.Keys(pattern: app.CachePrefix + "*").Select(k => k.ToString()).ToList();
        Assert.DoesNotContain(keys, k => queries.Any(q => k.Contains(q, StringComparison.Ordinal)));
        foreach (var key in keys)
        {
            var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(key);
            Assert.True(key.Contains("search-generation", StringComparison.Ordinal) || key.Contains("__fc", StringComparison.Ordinal) || ttl <= TimeSpan.FromSeconds(61),
                $"{key} lives {ttl}");
        }
        Assert.InRange(keys.Count, 0, 10);
        Assert.InRange(app.Service<SearchCandidates>().Count, 1, 100);
    }

    [Fact]
    public async Task Made_up_slugs_are_remembered_only_up_to_a_bound()
    {
        await using var app = await TestApp.StartAsync(fixture.Database, settings: new Dictionary<string, string?> { ["Antonio:Cache:MaxRememberedMisses"] = "20" });
        var slugs = Enumerable.Range(0, 30).Select(i => $"no-such-workshop-{i}-{Guid.NewGuid():N}").ToList();
        foreach (var slug in slugs) Assert.Equal(404, (await app.GetAsync($"/workshops/{slug}")).Status);
        Assert.InRange(app.Service<Antonio.Web.Caching.CachedReader>().RememberedMisses, 1, 20);
        // The first ones are remembered (asked again: no query); the last ones found no room (asked again: the database again).
        Assert.Equal(0, (await app.GetAsync($"/workshops/{slugs[0]}")).Queries);
        Assert.True((await app.GetAsync($"/workshops/{slugs[^1]}")).Queries > 0);
    }
}
