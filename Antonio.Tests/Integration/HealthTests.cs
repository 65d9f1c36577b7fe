using Antonio.Tests.Infrastructure;

namespace Antonio.Tests.Integration;

/// <summary>Issue #13: /health/live and /health/ready for a load balancer — PostgreSQL decides readiness; Redis down only degrades it.</summary>
[Trait("Category", "Integration")]
public sealed class HealthTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>
{
    private static async Task<(int Status, string Body)> GetAsync(TestApp app, string path)
    {
        using var response = await app.Client.GetAsync(path);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_healthy_node_is_live_and_ready_every_time_it_is_asked()
    {
        await using var app = await TestApp.StartAsync(fixture.Database);
        for (var i = 0; i < 50; i++) // a load balancer polls every second: never throttled, never a cached answer
        {
            Assert.Equal((200, "Healthy"), await GetAsync(app, "/health/live"));
            Assert.Equal((200, "Healthy"), await GetAsync(app, "/health/ready"));
        }
    }

    [Fact]
    public async Task Without_redis_the_node_is_degraded_but_still_ready()
    {
        await using var app = await TestApp.StartAsync(fixture.Database, settings: new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = "127.0.0.1:1" });
        Assert.Equal((200, "Degraded"), await GetAsync(app, "/health/ready"));
        Assert.Equal(200, (await GetAsync(app, "/workshops")).Status); // and it serves
    }

    [Fact]
    public async Task Without_postgres_the_node_is_live_but_not_ready()
    {
        await using var app = await TestApp.StartAsync(fixture.Database,
            settings: new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Username=x;Database=y;Timeout=2" });
        Assert.Equal((200, "Healthy"), await GetAsync(app, "/health/live"));
        Assert.Equal((503, "Unhealthy"), await GetAsync(app, "/health/ready"));
    }

    [Fact]
    public async Task On_shutdown_a_node_turns_not_ready_first_keeps_serving_then_stops()
    {
        var app = await TestApp.StartAsync(fixture.Database, settings: new Dictionary<string, string?> { ["Antonio:Drain:NotReadyFor"] = "00:00:02" });
        try
        {
            Assert.Equal((200, "Healthy"), await GetAsync(app, "/health/ready"));
            var stopping = app.App.StopAsync(); // what SIGTERM does
            // The balancer's next check sees it leave, while requests that still arrive are served in full.
            Assert.Equal(503, (await GetAsync(app, "/health/ready")).Status);
            var page = await GetAsync(app, "/workshops");
            Assert.Equal(200, page.Status);
            Assert.Contains("</html>", page.Body);
            Assert.False(stopping.IsCompleted);
            await stopping.WaitAsync(TimeSpan.FromSeconds(30));
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => app.Client.GetAsync("/health/live"));
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task After_postgres_drops_every_connection_at_most_one_request_notices()
    {
        await using var app = await TestApp.StartAsync(fixture.Database);
        // Several connections idle in the pool (each search of a new word reads the database).
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => GetAsync(app, $"/search?q=before{i}")));
        // What a restart does to them: the server ends every session (57P01) while they sit in the pool.
        await fixture.Database.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");

        var statuses = new List<int>();
        for (var i = 0; i < 6; i++) statuses.Add((await GetAsync(app, $"/search?q=after{i}")).Status);
        // Npgsql hands out a pooled connection without testing it: the first request to meet a dead one is a clean 503,
        // and Npgsql then drops every connection opened before it (it clears the pool when one breaks), so the rest
        // open new ones. Without that, every idle connection would cost a request after a database restart.
        Assert.True(statuses.Count(s => s != 200) <= 1, string.Join(", ", statuses));
        Assert.All(statuses, s => Assert.True(s is 200 or 503, string.Join(", ", statuses)));
    }
}
