using System.Diagnostics;
using System.Net;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Admin;
using Antonio.Web.Content;
using Antonio.Web.Learning;
using Xunit.Abstractions;

namespace Antonio.Tests.Cluster;

/// <summary>
/// Issue #19: web nodes behind the real HAProxy (docs/ops/haproxy.cfg) under traffic from many clients, anonymous
/// and signed in, while an admin edits on one node, a node is drained (SIGTERM), another killed (SIGKILL), a new
/// one joins, Redis restarts and then PostgreSQL (a learner's payment and lesson completion meanwhile). Two nodes are real processes of the built app (they can be signalled); the third
/// runs in this process so the test can edit through the app's own <see cref="ContentEditor"/>. It restarts the
/// shared Redis and PostgreSQL, so it never runs beside another test: its collection runs alone, after the parallel
/// ones (plain <c>dotnet test</c>), and scripts/test.sh runs it by itself last (<c>Category=Cluster</c>).
/// </summary>
[Trait("Category", "Cluster")]
[Collection(Name)]
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterFaultTests(WritableDatabaseFixture fixture, ITestOutputHelper output) : IClassFixture<WritableDatabaseFixture>
{
    public const string Name = "Cluster";
    private static readonly TimeSpan EditBudget = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StaleBudget = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Traffic_through_haproxy_survives_an_edit_a_drain_a_kill_and_a_redis_and_a_postgres_restart()
    {
        var prefix = "cluster-" + Guid.NewGuid().ToString("N")[..8];
        await using var balancer = new Balancer(3);
        await using var editor = await TestApp.StartAsync(fixture.Database, cachePrefix: prefix,
            settings: new Dictionary<string, string?> { ["Antonio:PublicUrl"] = balancer.Url, ["Antonio:Cache:RemoveAgain"] = "true" });
        await using var nodes = new NodeProcesses(fixture.Database.ConnectionString, prefix, balancer.Url, output);
        var first = await nodes.StartAsync(1);
        var second = await nodes.StartAsync(2);
        balancer.Start([first, second, NodeProcesses.Port(3), editor.BaseAddress.Port], output);
        await balancer.WaitReadyAsync();
        // Every node listens on the backplane before anything is edited (each subscribes in the background at start).
        var listening = await RedisRestart.WaitForSubscribersAsync(prefix, 3, TimeSpan.FromSeconds(30));

        var circuits = await CircuitsConnectAsync(balancer.Url, times: 6);
        var workshop = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.FreeFirst);
        var lessons = new LessonNavigator(workshop).Lessons;
        string[] anonymousPaths = ["/", "/workshops", $"/workshops/{workshop.Slug}", .. lessons.Take(6).Select(l => WorkshopLinks.Lesson(workshop, l.Lesson))];
        var signedIn = new List<string>();
        foreach (var email in new[] { DemoAccounts.Buyer, DemoAccounts.BundleBuyer, DemoAccounts.SubscriberPro })
        {
            using var user = await WebUser.SignedInAsync(editor, email);
            signedIn.Add(string.Join("; ", user.Cookies.GetAllCookies().Select(c => $"{c.Name}={c.Value}")));
        }

        // Each node warmed first (JIT, its caches): what is timed below is propagation, not a first render.
        await WarmAsync([first, second, editor.BaseAddress.Port], anonymousPaths);
        var traffic = new Traffic(balancer.Url, anonymousPaths, signedIn, $"/workshops/{workshop.Slug}");
        var running = traffic.RunAsync(clients: 12);
        Traffic.Expectation? inWindowStale = null;
        var report = new List<string>
        {
            $"backplane: 3 nodes subscribed {listening.TotalSeconds:F1} s after the last was ready",
            $"admin circuits (negotiate, then WebSocket) through HAProxy: {circuits} of 6 connected",
        };
        Assert.Equal(6, circuits);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var (edited, _) = await EditAndWatchAsync(editor, traffic, "first edit", workshop, lessons[1].Lesson.Id, [first, second]);
            report.Add($"edit on the in-process node seen on every node after {edited.TotalMilliseconds:F0} ms");
            Assert.True(edited < EditBudget, report[^1]);

            var drained = Stopwatch.StartNew();
            await nodes.SignalAsync(1, "TERM");
            await nodes.WaitExitAsync(1, TimeSpan.FromSeconds(40));
            report.Add($"node 1 drained (SIGTERM) and exited after {drained.Elapsed.TotalSeconds:F1} s");

            var third = await nodes.StartAsync(3);
            await Balancer.WaitServerUpAsync(third);
            await RedisRestart.WaitForSubscribersAsync(prefix, 3, TimeSpan.FromSeconds(30));
            await WarmAsync([third], anonymousPaths);
            report.Add("node 3 joined");

            await nodes.SignalAsync(2, "KILL");
            await nodes.WaitExitAsync(2, TimeSpan.FromSeconds(10));
            report.Add("node 2 killed (SIGKILL)");
            await Task.Delay(TimeSpan.FromSeconds(2));

            var redisDown = Stopwatch.StartNew();
            await RedisRestart.RunAsync();
            report.Add($"Redis restarted in {redisDown.Elapsed.TotalSeconds:F1} s");
            // An edit at once, while the caches' circuit breakers (5 s, CachingModule) still keep this node off Redis:
            // its removal by tag reaches neither Redis nor the backplane then. The removal made again 11 s later
            // (CacheInvalidator) does, so the other nodes see it then — late, but never missed for the entry's lifetime.
            (var inWindow, inWindowStale) = await EditAndWatchAsync(editor, traffic, "edit inside the circuit-breaker window", workshop, lessons[4].Lesson.Id, [third], TimeSpan.FromSeconds(20));
            report.Add($"edit made at once after the Redis restart (inside the 5 s circuit-breaker window) seen on every node after {inWindow.TotalMilliseconds:F0} ms");
            Assert.True(inWindow < Antonio.Web.Caching.CacheInvalidator.Again[^1] + TimeSpan.FromSeconds(1.5), report[^1]);
            // Both live nodes (this one and node 3) subscribe to the backplane again on their own.
            var back = await RedisRestart.WaitForSubscribersAsync(prefix, 2, TimeSpan.FromSeconds(30));
            report.Add($"backplane: both nodes subscribed again {back.TotalSeconds:F1} s after the restart");
            await Task.Delay(TimeSpan.FromSeconds(1));

            var (afterRestart, _) = await EditAndWatchAsync(editor, traffic, "edit after the Redis restart", workshop, lessons[2].Lesson.Id, [third]);
            report.Add($"edit after the Redis restart seen on every node after {afterRestart.TotalMilliseconds:F0} ms");
            Assert.True(afterRestart < EditBudget, report[^1]);
            await Task.Delay(TimeSpan.FromSeconds(2));

            report.AddRange(await RestartPostgresAsync(balancer.Url, workshop, lessons[3].Lesson.Id, lessons[3].Lesson.Slug));
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        finally
        {
            traffic.Stop();
            await running;
            report.Add(traffic.Summary());
            foreach (var line in report) output.WriteLine(line);
            File.WriteAllLines(Path.Combine(TestEnvironment.ArtifactsDirectory, "cluster-report.txt"), report);
        }
        Assert.True(traffic.Requests > 1000, traffic.Summary());
        Assert.True(traffic.Failures.IsEmpty, traffic.Summary() + "\n" + string.Join("\n", traffic.Failures.Take(20)));
        // A page a client asked for after an edit was saved may still be the old one only while the edit travels
        // (the edit inside the circuit-breaker window travels late, and is bounded above).
        Assert.All(traffic.Edits.Where(e => !ReferenceEquals(e, inWindowStale)), e => Assert.True(e.Oldest < StaleBudget, traffic.Summary()));
    }

    /// <summary>
    /// PostgreSQL stops for a few seconds under the traffic, then starts again. While it is down the cached pages go on
    /// being served (the traffic must see no 5xx) and a learner's writes — paying for a checkout, completing a lesson —
    /// get the site's "temporarily unavailable" page and record nothing; once it is back the same posts succeed, and
    /// however often they are sent the purchase and the progress exist once.
    /// </summary>
    private async Task<List<string>> RestartPostgresAsync(string balancerUrl, Antonio.Data.Content.WorkshopData workshop, Guid lessonId, string lessonSlug)
    {
        var report = new List<string>();
        var postgres = await PostgresRestart.FindAsync(fixture.Database);
        const string email = "learner00020@demo.antonio.dev";
        var product = await fixture.Database.ScalarAsync<Guid>("SELECT id FROM products WHERE name = 'Advanced Patterns'");
        var userId = await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{email}'");
        using var learner = await BalancerUser.SignedInAsync(balancerUrl, email);
        var checkout = await learner.PostAsync($"/checkout?product={product}", "checkout", await learner.TokenAsync($"/checkout?product={product}", "checkout"));
        Assert.Equal(HttpStatusCode.Redirect, checkout.StatusCode);
        var payPage = checkout.Headers.Location!.IsAbsoluteUri ? checkout.Headers.Location.PathAndQuery : checkout.Headers.Location.OriginalString;
        var payToken = await learner.TokenAsync(payPage, "local-payment");
        var lessonPage = $"/workshops/{workshop.Slug}/{lessonSlug}";
        var completeToken = await learner.TokenAsync(lessonPage, CompletionForm.FormName);
        Dictionary<string, string> complete = new() { ["Input.Complete"] = "true" };

        var down = Stopwatch.StartNew();
        await postgres.StopAsync();
        report.Add($"PostgreSQL stopped ({down.Elapsed.TotalSeconds:F1} s)");
        foreach (var (what, response) in new[]
        {
            ("payment", await learner.PostAsync(payPage, "local-payment", payToken)),
            ("lesson completion", await learner.PostAsync(lessonPage, CompletionForm.FormName, completeToken, complete)),
        })
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable && body.Contains("Temporarily unavailable", StringComparison.Ordinal),
                $"{what} while PostgreSQL is down: {(int)response.StatusCode}");
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
            report.Add($"{what} while PostgreSQL is down: {(int)response.StatusCode}, the site's own page");
        }
        await Task.Delay(TimeSpan.FromSeconds(3));
        await postgres.StartAsync();
        report.Add($"PostgreSQL started again, down {down.Elapsed.TotalSeconds:F1} s");

        // Once it is back the same posts go through (the first tries may still meet a node that has not noticed yet).
        var back = Stopwatch.StartNew();
        var paid = await UntilRedirectAsync(() => learner.PostAsync(payPage, "local-payment", payToken));
        var completed = await UntilRedirectAsync(() => learner.PostAsync(lessonPage, CompletionForm.FormName, completeToken, complete));
        report.Add($"payment ({paid}) and completion ({completed}) went through {back.Elapsed.TotalSeconds:F1} s after PostgreSQL was back");
        // Sent again (a double click, a replayed form): nothing new.
        await learner.PostAsync(payPage, "local-payment", payToken);
        await learner.PostAsync(lessonPage, CompletionForm.FormName, completeToken, complete);

        // This process's own pool still holds connections from before the restart.
        Npgsql.NpgsqlConnection.ClearAllPools();
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM purchases WHERE user_id = '{userId}' AND product_id = '{product}'"));
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM resource_progress WHERE user_id = '{userId}' AND resource_id = '{lessonId}' AND completed_at IS NOT NULL"));
        report.Add("the purchase and the completed lesson are recorded once each");
        return report;
    }

    /// <summary>Posts until the answer is the redirect of a post that went through; returns every status seen on the way.</summary>
    private static async Task<string> UntilRedirectAsync(Func<Task<HttpResponseMessage>> post)
    {
        var clock = Stopwatch.StartNew();
        var statuses = new List<int>();
        do
        {
            if (statuses.Count > 0) await Task.Delay(200);
            statuses.Add((int)(await post()).StatusCode);
        }
        while (statuses[^1] != 302 && clock.Elapsed < TimeSpan.FromSeconds(15));
        Assert.Equal(302, statuses[^1]);
        return string.Join(", ", statuses);
    }

    /// <summary>
    /// How many of <paramref name="times"/> Blazor circuits connect through the balancer: the negotiate request and the
    /// WebSocket that follows with its id must reach the same node (docs/ops/haproxy.cfg sticks /_blazor to one).
    /// </summary>
    private static async Task<int> CircuitsConnectAsync(string baseUrl, int times)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var connected = 0;
        for (var i = 0; i < times; i++)
        {
            using var negotiate = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
            var token = System.Text.Json.JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync()).RootElement.GetProperty("connectionToken").GetString();
            using var socket = new System.Net.WebSockets.ClientWebSocket();
            try
            {
                await socket.ConnectAsync(new Uri($"{baseUrl.Replace("http", "ws", StringComparison.Ordinal)}/_blazor?id={token}"), CancellationToken.None);
                connected++;
                await socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
            catch (System.Net.WebSockets.WebSocketException)
            {
                // Another node answered: it has never heard of that id (404).
            }
        }
        return connected;
    }

    private static async Task WarmAsync(int[] ports, string[] paths)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var port in ports)
            foreach (var path in paths)
                for (var i = 0; i < 2; i++) await client.GetStringAsync($"http://127.0.0.1:{port}{path}");
    }

    /// <summary>Renames a lesson through the admin's save path and times until every given node shows the new title.</summary>
    private static async Task<(TimeSpan Seen, Traffic.Expectation Stale)> EditAndWatchAsync(TestApp editor, Traffic traffic, string label,
        Antonio.Data.Content.WorkshopData workshop, Guid lessonId, int[] ports, TimeSpan? within = null)
    {
        var renamed = "Cluster " + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(EditOutcome.Saved, await editor.Service<ContentEditor>().UpdateFieldsAsync(lessonId, null, f => f.Title = renamed));
        var stale = traffic.Expect(label, renamed);
        var clock = Stopwatch.StartNew();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var pending = ports.ToHashSet();
        while (pending.Count > 0 && clock.Elapsed < (within ?? TimeSpan.FromSeconds(10)))
        {
            // Every node asked at once: the time measured is the nodes', not this loop's.
            var seen = await Task.WhenAll(pending.Select(async port =>
                (port, (await client.GetStringAsync($"http://127.0.0.1:{port}/workshops/{workshop.Slug}")).Contains(renamed, StringComparison.Ordinal))));
            pending.ExceptWith(seen.Where(s => s.Item2).Select(s => s.port));
            if (pending.Count > 0) await Task.Delay(20);
        }
        return (pending.Count == 0 ? clock.Elapsed : TimeSpan.MaxValue, stale);
    }
}
