namespace Antonio.Tests.Infrastructure;

/// <summary>docs/ops/haproxy.cfg completed the way scripts/cluster.sh completes it: server lines in place of each backend's marker.</summary>
public static class HaproxyConfig
{
    public const string Marker = "    # servers\n";

    public static string WithServers(string serverLines)
    {
        var config = File.ReadAllText(Path.Combine(Architecture.ArchitectureTests.SourceRoot(), "docs", "ops", "haproxy.cfg"));
        Assert.True(config.Split(Marker).Length == 3, "haproxy.cfg has a server marker in each of its two backends");
        return config.Replace(Marker, serverLines, StringComparison.Ordinal);
    }

    /// <summary>The environment the config reads: the address HAProxy listens on, the host its checks send.</summary>
    public static Dictionary<string, string> Environment(string bind) => new()
    {
        ["ANTONIO_CLUSTER_BIND"] = bind,
        ["ANTONIO_PUBLIC_HOST"] = "127.0.0.1",
    };
}
