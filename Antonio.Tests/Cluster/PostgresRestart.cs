using Antonio.Tests.Infrastructure;

namespace Antonio.Tests.Cluster;

/// <summary>
/// Stops and starts the local PostgreSQL the tests use (the cluster scripts/services.sh runs), as the owner of its
/// data directory, with the options it was started with (what <c>pg_ctl restart</c> does, split in two so the test can
/// act while it is down).
/// </summary>
internal sealed class PostgresRestart
{
    private readonly string _dataDirectory;
    private readonly string _pgCtl;
    private readonly string _options;
    private readonly string _owner;

    private PostgresRestart(string dataDirectory, string pgCtl, string options, string owner)
    {
        _dataDirectory = dataDirectory;
        _pgCtl = pgCtl;
        _options = options;
        _owner = owner;
    }

    public static async Task<PostgresRestart> FindAsync(TestDatabase database)
    {
        var dataDirectory = await database.ScalarAsync<string>("SHOW data_directory");
        var opts = Path.Combine(dataDirectory, "postmaster.opts");
        Assert.True(File.Exists(opts), $"the cluster test restarts PostgreSQL and needs the local cluster scripts/services.sh runs ({opts} is not readable here)");
        // postmaster.opts: the server binary, then its options quoted for the shell pg_ctl starts it with.
        var line = (await File.ReadAllTextAsync(opts)).Trim();
        var binary = line[..line.IndexOf(' ', StringComparison.Ordinal)];
        var owner = (await CommandLine.RunAsync("stat", ["-c", "%U", dataDirectory])).Output.Trim();
        return new PostgresRestart(dataDirectory, Path.Combine(Path.GetDirectoryName(binary)!, "pg_ctl"), line[(binary.Length + 1)..], owner);
    }

    public Task StopAsync() => PgCtlAsync("stop", "-D", _dataDirectory, "-m", "fast", "-w", "-t", "60");

    public Task StartAsync() => PgCtlAsync("start", "-D", _dataDirectory, "-w", "-t", "60", "-l", Path.Combine(_dataDirectory, "server.log"), "-o", _options);

    private async Task PgCtlAsync(params string[] args)
    {
        // PostgreSQL will not run as root: as root, pg_ctl runs as the data directory's owner.
        var result = Environment.UserName == "root" && _owner != "root"
            ? await CommandLine.RunAsync("runuser", ["-u", _owner, "--", _pgCtl, .. args])
            : await CommandLine.RunAsync(_pgCtl, args);
        Assert.True(result.ExitCode == 0, $"pg_ctl {args[0]} failed ({result.ExitCode}): {result.Output}{result.Error}");
    }
}
