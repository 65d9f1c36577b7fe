using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Admin;
using Antonio.Web.Learning;
using Xunit.Abstractions;

namespace Antonio.Tests.Cluster;

/// <summary>
/// Issue #19: web nodes behind the real HAProxy (docs/ops/haproxy.cfg) under traffic from many clients, anonymous
/// and signed in, while an admin edits on one node, a node is drained (SIGTERM), another killed (SIGKILL), a new
/// one joins, Redis restarts and then PostgreSQL (a learner's payment and lesson completion meanwhile). Two nodes are real processes of the built app (they can be signalled); the third
/// runs in this process so the test can edit through the app's own <see cref="ContentEditor"/>. It restarts the
/// shared Redis and PostgreSQL, so scripts/test.sh runs it after every other test (<c>Category=Cluster</c>), never beside them.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class ClusterFaultTests(WritableDatabaseFixture fixture, ITestOutputHelper output) : IClassFixture<WritableDatabaseFixture>
{
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

    /// <summary>
    /// Clients looping over pages through the balancer: every answer must be a 2xx/3xx/4xx, never a 5xx or a broken
    /// connection. The workshop page asked for after an edit was saved should show it: one that does not is a stale
    /// read, counted with its age (how long after the save it was asked for).
    /// </summary>
    private sealed class Traffic(string baseUrl, string[] anonymousPaths, List<string> signedInCookies, string watchedPath)
    {
        private volatile bool _stopped;
        private long _requests;
        private volatile Expectation? _expected;
        private readonly ConcurrentQueue<Expectation> _edits = new();
        public ConcurrentQueue<string> Failures { get; } = new();
        public IEnumerable<Expectation> Edits => _edits;
        public long Requests => Interlocked.Read(ref _requests);

        /// <summary>One edit and the stale reads seen after it.</summary>
        public sealed class Expectation(string label, string text, long since)
        {
            public string Label => label;
            public string Text => text;
            public long Since => since;
            private long _reads;
            private long _oldestTicks;
            public long Reads => Interlocked.Read(ref _reads);
            public TimeSpan Oldest => TimeSpan.FromTicks(Interlocked.Read(ref _oldestTicks));

            public void Count()
            {
                Interlocked.Increment(ref _reads);
                var age = Stopwatch.GetElapsedTime(Since).Ticks;
                for (var seen = Interlocked.Read(ref _oldestTicks); age > seen; seen = Interlocked.Read(ref _oldestTicks))
                    if (Interlocked.CompareExchange(ref _oldestTicks, age, seen) == seen) break;
            }

            public override string ToString() => $"{Label}: {Reads} stale reads (the oldest {Oldest.TotalMilliseconds:F0} ms after the save)";
        }

        public Task RunAsync(int clients) => Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(() => ClientAsync(i))));

        /// <summary>From now on the watched page should contain <paramref name="text"/>.</summary>
        public Expectation Expect(string label, string text)
        {
            var expected = new Expectation(label, text, Stopwatch.GetTimestamp());
            _edits.Enqueue(expected);
            return _expected = expected;
        }

        private async Task ClientAsync(int index)
        {
            // A third of the clients are signed in (each a learner's cookie), the rest anonymous.
            var cookie = index % 3 == 0 ? signedInCookies[index / 3 % signedInCookies.Count] : null;
            using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
            var random = new Random(index);
            while (!_stopped)
            {
                var path = anonymousPaths[random.Next(anonymousPaths.Length)];
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (cookie is not null) request.Headers.Add("Cookie", cookie);
                var expected = path == watchedPath ? _expected : null;
                try
                {
                    using var response = await client.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    if ((int)response.StatusCode >= 500)
                        Failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} GET {path}{(cookie is null ? "" : " (signed in)")}: {(int)response.StatusCode} "
                            + (body.Contains("Temporarily unavailable", StringComparison.Ordinal) ? "the site's page" : body.Length > 120 ? body[..120] : body));
                    else if (expected is not null && !body.Contains(expected.Text, StringComparison.Ordinal)) expected.Count();
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    if (!_stopped) Failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} GET {path}: {e.GetType().Name} {e.Message}");
                }
                Interlocked.Increment(ref _requests);
            }
        }

        public void Stop() => _stopped = true;

        public string Summary() => $"traffic: {Requests} requests through HAProxy, {Failures.Count} failed; after each edit, "
            + "the watched page asked for after the save and still without it: " + string.Join("; ", _edits);
    }

    /// <summary>The real HAProxy with docs/ops/haproxy.cfg and a server line per node.</summary>
    private sealed class Balancer(int servers) : IAsyncDisposable
    {
        private readonly int _port = FreePort();
        private Process? _process;
        private readonly string _config = Path.Combine(Path.GetTempPath(), $"antonio-haproxy-{Guid.NewGuid():N}.cfg");
        public string Url => $"http://127.0.0.1:{_port}";

        public void Start(int[] ports, ITestOutputHelper output)
        {
            Assert.True(ports.Length >= servers);
            File.WriteAllText(_config, HaproxyConfig.WithServers(string.Concat(ports.Select((p, i) => $"    server node{i + 1} 127.0.0.1:{p}\n"))));
            var start = new ProcessStartInfo("haproxy", ["-db", "-f", _config]) { RedirectStandardError = true, RedirectStandardOutput = true };
            HaproxyConfig.SetEnvironment(start.Environment, $"127.0.0.1:{_port}");
            _process = Process.Start(start)!;
            _process.ErrorDataReceived += (_, e) => { if (e.Data is { } line && line.Contains("is DOWN", StringComparison.Ordinal) | line.Contains("is UP", StringComparison.Ordinal)) output.WriteLine("haproxy: " + line); };
            _process.BeginErrorReadLine();
            _process.BeginOutputReadLine();
        }

        public async Task WaitReadyAsync()
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            for (var i = 0; i < 100; i++)
            {
                if (await ReadyAsync(client, _port)) return;
                await Task.Delay(100);
            }
            throw new InvalidOperationException("HAProxy did not answer");
        }

        /// <summary>HAProxy checks every second and needs two good checks (rise 2): wait for the node to be ready, then for that.</summary>
        public static async Task WaitServerUpAsync(int port)
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            for (var i = 0; i < 300 && !await ReadyAsync(client, port); i++) await Task.Delay(100);
            await Task.Delay(TimeSpan.FromSeconds(2.5));
        }

        internal static async Task<bool> ReadyAsync(HttpClient client, int port)
        {
            try { return (await client.GetAsync($"http://127.0.0.1:{port}/health/ready")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }

        public async ValueTask DisposeAsync()
        {
            if (_process is { HasExited: false }) { _process.Kill(); await _process.WaitForExitAsync(); }
            _process?.Dispose();
            File.Delete(_config);
        }
    }

    /// <summary>Nodes as processes of the built app (the same Release output scripts/cluster.sh publishes), signalled like a deployment would.</summary>
    private sealed class NodeProcesses(string postgres, string prefix, string publicUrl, ITestOutputHelper output) : IAsyncDisposable
    {
        private static readonly int BasePort = FreePort() / 10 * 10 % 50000 + 10000;
        private readonly Dictionary<int, Process> _nodes = [];

        public static int Port(int node) => BasePort + node;

        public async Task<int> StartAsync(int node)
        {
            var app = WebAppDll();
            var start = new ProcessStartInfo("dotnet", [app, "--urls", $"http://127.0.0.1:{Port(node)}"])
            {
                WorkingDirectory = Path.GetDirectoryName(app)!, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            var env = start.Environment;
            env["ASPNETCORE_ENVIRONMENT"] = "Development";
            env["ConnectionStrings__Postgres"] = postgres;
            env["ConnectionStrings__Redis"] = TestEnvironment.Redis;
            env["Antonio__Cache__Prefix"] = prefix;
            env["Antonio__PublicUrl"] = publicUrl;
            env["Antonio__Network__TrustedProxies__0"] = "127.0.0.1";
            env["Antonio__Payments__Provider"] = "local";
            env["Antonio__Database__Migrate"] = "false";
            env["Antonio__Seed__Demo"] = "false";
            env["Antonio__Drain__NotReadyFor"] = "00:00:03";
            env["Logging__LogLevel__Default"] = "Warning";
            var process = Process.Start(start)!;
            // The console logger writes to standard output: its warnings and errors go to the test's output.
            var log = new StreamWriter(Path.Combine(TestEnvironment.ArtifactsDirectory, $"cluster-node{node}.log")) { AutoFlush = true };
            process.Exited += (_, _) => log.Dispose();
            process.EnableRaisingEvents = true;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { } all) lock (log) { try { log.WriteLine(all); } catch (ObjectDisposedException) { } }
                if (e.Data is { } line && (line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)))
                    output.WriteLine($"node {node}: {line}");
            };
            process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) output.WriteLine($"node {node}: {line}"); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _nodes[node] = process;
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            for (var i = 0; i < 600; i++)
            {
                if (process.HasExited) throw new InvalidOperationException($"node {node} exited with {process.ExitCode}");
                if (await Balancer.ReadyAsync(client, Port(node))) return Port(node);
                await Task.Delay(100);
            }
            throw new InvalidOperationException($"node {node} was not ready after 60 s");
        }

        public async Task SignalAsync(int node, string signal)
        {
            // bash's own kill: a minimal Debian has no /bin/kill (procps).
            using var kill = Process.Start("bash", ["-c", $"kill -{signal} {_nodes[node].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}"])!;
            await kill.WaitForExitAsync();
        }

        public async Task WaitExitAsync(int node, TimeSpan within) => await _nodes[node].WaitForExitAsync().WaitAsync(within);

        public async ValueTask DisposeAsync()
        {
            foreach (var process in _nodes.Values)
            {
                if (!process.HasExited) { process.Kill(); await process.WaitForExitAsync(); }
                process.Dispose();
            }
        }

        private static string WebAppDll()
        {
            var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
            return Path.Combine(Architecture.ArchitectureTests.SourceRoot(), "Antonio.Web", "bin", configuration, "net10.0", "Antonio.Web.dll");
        }
    }

    /// <summary>Restarts the loopback Redis scripts/services.sh runs (the same flags): the caches lose L2 and the backplane for a moment.</summary>
    private static class RedisRestart
    {
        public static async Task RunAsync()
        {
            var endpoint = TestEnvironment.Redis.Split(',')[0];
            var port = endpoint.Split(':')[1];
            var dir = Path.Combine(Path.GetTempPath(), "antonio-cluster-redis");
            Directory.CreateDirectory(dir);
            await RunAsync("redis-cli", ["-h", "127.0.0.1", "-p", port, "shutdown", "nosave"]);
            await RunAsync("redis-server", ["--port", port, "--bind", "127.0.0.1", "--dir", dir, "--daemonize", "yes", "--maxmemory", "512mb",
                "--maxmemory-policy", "allkeys-lru", "--save", "", "--appendonly", "no"]);
            for (var i = 0; i < 50; i++)
            {
                if (await RunAsync("redis-cli", ["-h", "127.0.0.1", "-p", port, "ping"]) == 0) return;
                await Task.Delay(100);
            }
            throw new InvalidOperationException("Redis did not come back");
        }

        /// <summary>Waits until the backplane's channel (named after the cache prefix) has that many subscribers.</summary>
        public static async Task<TimeSpan> WaitForSubscribersAsync(string prefix, int subscribers, TimeSpan within)
        {
            var port = TestEnvironment.Redis.Split(',')[0].Split(':')[1];
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < within)
            {
                var channels = (await OutputAsync("redis-cli", ["-h", "127.0.0.1", "-p", port, "pubsub", "channels", $"*{prefix}*"]))
                    .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                foreach (var channel in channels)
                {
                    var counts = (await OutputAsync("redis-cli", ["-h", "127.0.0.1", "-p", port, "pubsub", "numsub", channel])).Split('\n', StringSplitOptions.TrimEntries);
                    if (counts.Length >= 2 && int.TryParse(counts[1], out var n) && n >= subscribers) return clock.Elapsed;
                }
                await Task.Delay(100);
            }
            throw new TimeoutException($"the backplane had fewer than {subscribers} subscribers after {within.TotalSeconds} s");
        }

        private static async Task<int> RunAsync(string file, string[] args) => (await ExecuteAsync(file, args)).ExitCode;

        private static async Task<string> OutputAsync(string file, string[] args) => (await ExecuteAsync(file, args)).Output;

        private static async Task<(int ExitCode, string Output)> ExecuteAsync(string file, string[] args)
        {
            using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, output);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
