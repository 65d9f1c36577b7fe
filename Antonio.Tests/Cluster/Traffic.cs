using System.Collections.Concurrent;
using System.Diagnostics;

namespace Antonio.Tests.Cluster;

/// <summary>
/// Clients looping over pages through the balancer: every answer must be a 2xx/3xx/4xx, never a 5xx or a broken
/// connection. The workshop page asked for after an edit was saved should show it: one that does not is a stale
/// read, counted with its age (how long after the save it was asked for).
/// </summary>
internal sealed class Traffic(string baseUrl, string[] anonymousPaths, List<string> signedInCookies, string watchedPath)
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
