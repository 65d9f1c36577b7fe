using System.Diagnostics;
using Antonio.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Antonio.Tests.Cluster;

/// <summary>Nodes as processes of the built app (the same Release output scripts/cluster.sh publishes), signalled like a deployment would.</summary>
internal sealed class NodeProcesses(string postgres, string prefix, string publicUrl, ITestOutputHelper output) : IAsyncDisposable
{
    /// <summary>Each node's port, chosen once (node 3's goes into the balancer's configuration before it starts).</summary>
    private static readonly Dictionary<int, int> Ports = [];
    private readonly Dictionary<int, Process> _nodes = [];

    public static int Port(int node)
    {
        lock (Ports)
        {
            if (!Ports.TryGetValue(node, out var port)) Ports[node] = port = LoopbackPorts.FreeForLater(Ports.Values.ToHashSet());
            return port;
        }
    }

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
        await CommandLine.RunAsync("bash", ["-c", $"kill -{signal} {_nodes[node].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}"]);
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
