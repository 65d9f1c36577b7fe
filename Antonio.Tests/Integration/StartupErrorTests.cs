using System.Diagnostics;
using Antonio.Tests.Infrastructure;

namespace Antonio.Tests.Integration;

/// <summary>The real executable, started against a database that is not there.</summary>
[Trait("Category", "Integration")]
public sealed class StartupErrorTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(Dictionary<string, string> env, string urls = "http://127.0.0.1:0")
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Antonio.Web.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", urls])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ConnectionStrings__Postgres");
        start.Environment.Remove("ConnectionStrings__Redis");
        // Production refuses to start without signed playback; each test names what it is about.
        start.Environment["Antonio__Video__MuxSigningKeyId"] = TestCertificates.MuxSigningKeyId;
        start.Environment["Antonio__Video__MuxSigningKey"] = TestCertificates.MuxSigningKey;
        foreach (var (k, v) in env) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Unreachable_database_gives_one_clear_line_naming_the_setting()
    {
        var (code, _, err) = await RunAsync(new()
        {
            ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Username=x;Database=y;Timeout=3", ["Antonio__PublicUrl"] = "https://workshops.example",
            ["Antonio__DataProtection__CertificatePath"] = TestCertificates.KeyRingPfx, ["Antonio__DataProtection__CertificatePassword"] = TestCertificates.Password,
        });
        Assert.Equal(1, code);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("ConnectionStrings:Postgres", lines[0]);
        Assert.Contains("127.0.0.1:1", lines[0]);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public async Task Missing_connection_string_gives_one_clear_line()
    {
        var (code, _, err) = await RunAsync([]);
        Assert.Equal(1, code);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("ConnectionStrings:Postgres is not set", err);
    }

    private const string SomeDatabase = "Host=127.0.0.1;Port=1;Username=x;Database=y;Timeout=3";

    [Fact]
    public async Task Production_without_a_public_url_refuses_to_start_with_one_line()
    {
        var (code, _, err) = await RunAsync(new() { ["ConnectionStrings__Postgres"] = SomeDatabase });
        Assert.Equal(1, code);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Antonio:PublicUrl", line);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public async Task Production_without_a_key_ring_certificate_refuses_to_start_and_names_every_missing_setting_in_one_line()
    {
        var (code, _, err) = await RunAsync(new() { ["ConnectionStrings__Postgres"] = SomeDatabase });
        Assert.Equal(1, code);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Antonio:PublicUrl", line);
        Assert.Contains("Antonio:DataProtection:CertificatePath", line);
    }

    [Fact]
    public async Task Production_refuses_the_free_local_payment_provider()
    {
        var (code, _, err) = await RunAsync(new()
        {
            ["ConnectionStrings__Postgres"] = SomeDatabase, ["Antonio__PublicUrl"] = "https://workshops.example", ["Antonio__Payments__Provider"] = "local",
        });
        Assert.Equal(1, code);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Antonio:Payments:Provider", line);
    }

    [Fact]
    public async Task Production_refuses_the_local_stand_in_for_GitHub()
    {
        var (code, _, err) = await RunAsync(new()
        {
            ["ConnectionStrings__Postgres"] = SomeDatabase, ["Antonio__PublicUrl"] = "https://workshops.example", ["Antonio__ExternalLogins__LocalGitHub"] = "true",
        });
        Assert.Equal(1, code);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Antonio:ExternalLogins:LocalGitHub", line);
    }

    [Theory]
    [InlineData("Antonio__PublicUrl", "http://workshops.example", "https")]
    [InlineData("Antonio__PublicUrl", "workshops.example", "absolute")]
    [InlineData("Antonio__Network__TrustedProxies__0", "10.0.0.0/99", "TrustedProxies")]
    [InlineData("Antonio__Payments__Provider", "paypal", "Antonio:Payments:Provider")]
    public async Task A_wrong_security_setting_is_named_in_one_line(string key, string value, string expected)
    {
        var env = new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = SomeDatabase, ["Antonio__PublicUrl"] = "https://workshops.example", [key] = value };
        var (code, _, err) = await RunAsync(env);
        Assert.Equal(1, code);
        Assert.Contains(expected, Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    private static Dictionary<string, string> Production(string postgres) => new()
    {
        ["ConnectionStrings__Postgres"] = postgres, ["Antonio__PublicUrl"] = "https://workshops.example",
        ["Antonio__DataProtection__CertificatePath"] = TestCertificates.KeyRingPfx, ["Antonio__DataProtection__CertificatePassword"] = TestCertificates.Password,
    };

    [Fact]
    public async Task A_malformed_connection_string_is_named_in_one_line()
    {
        var (code, _, err) = await RunAsync(Production("Host=127.0.0.1;Port=notaport;;==="));
        Assert.Equal(1, code);
        Assert.Contains("ConnectionStrings:Postgres", Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public async Task A_database_that_does_not_exist_is_not_created_in_production()
    {
        var missing = "antonio_missing_" + Guid.NewGuid().ToString("N")[..8];
        var (code, _, err) = await RunAsync(Production(TestEnvironment.ConnectionStringFor(missing)));
        Assert.Equal(1, code);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"database '{missing}' does not exist", line);
        await using var admin = new Npgsql.NpgsqlConnection(TestEnvironment.PostgresServer);
        await admin.OpenAsync();
        await using var exists = new Npgsql.NpgsqlCommand($"SELECT count(*) FROM pg_database WHERE datname = '{missing}'", admin);
        Assert.Equal(0L, (long)(await exists.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_bad_port_is_one_line()
    {
        var (code, _, err) = await RunAsync(Production(TestEnvironment.ConnectionStringFor("postgres")), "http://127.0.0.1:99999");
        Assert.Equal(1, code);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public async Task A_first_start_on_a_new_database_migrates_it_without_a_failure_in_the_log()
    {
        await using var db = await TestDatabase.CreateEmptyAsync();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Antonio.Web.dll"), "--urls", "http://127.0.0.1:0", "--environment", "Development"])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ConnectionStrings__Postgres"] = db.ConnectionString;
        start.Environment["ConnectionStrings__Redis"] = "";
        start.Environment["Antonio__Seed__Demo"] = "false"; // Development seeds the demo otherwise (appsettings.Development.json)
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var listening = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); if (e.Data?.Contains("Now listening on") == true) listening.TrySetResult(); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        process.Kill();
        await process.WaitForExitAsync();
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM __ef_migrations_history") >= 7, "the migrations ran");
        Assert.DoesNotContain("fail:", output.ToString());
    }
}
