using System.Diagnostics;
using Antonio.Tests.Infrastructure;

namespace Antonio.Tests.Cluster;

/// <summary>Restarts the loopback Redis scripts/services.sh runs (the same flags): the caches lose L2 and the backplane for a moment.</summary>
internal static class RedisRestart
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

    private static async Task<int> RunAsync(string file, string[] args) => (await CommandLine.RunAsync(file, args)).ExitCode;

    private static async Task<string> OutputAsync(string file, string[] args) => (await CommandLine.RunAsync(file, args)).Output;
}
