using System.Diagnostics;
using Antonio.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Antonio.Tests.Cluster;

/// <summary>The real HAProxy with docs/ops/haproxy.cfg and a server line per node.</summary>
internal sealed class Balancer(int servers) : IAsyncDisposable
{
    private readonly int _port = LoopbackPorts.FreeForLater();
    private Process? _process;
    private readonly string _config = Path.Combine(Path.GetTempPath(), $"antonio-haproxy-{Guid.NewGuid():N}.cfg");
    public string Url => $"http://127.0.0.1:{_port}";

    public void Start(int[] ports, ITestOutputHelper output)
    {
        Assert.True(ports.Length >= servers);
        File.WriteAllText(_config, HaproxyConfig.WithServers(string.Concat(ports.Select((p, i) => $"    server node{i + 1} 127.0.0.1:{p}\n"))));
        var start = new ProcessStartInfo("haproxy", ["-db", "-f", _config]) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var (name, value) in HaproxyConfig.Environment($"127.0.0.1:{_port}")) start.Environment[name] = value;
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
        // Refused, or no answer within the client's timeout (a node still starting under load): not ready yet.
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false }) { _process.Kill(); await _process.WaitForExitAsync(); }
        _process?.Dispose();
        File.Delete(_config);
    }
}
