using Npgsql;

namespace Antonio.Tests.Infrastructure;

/// <summary>
/// Where the real services are. scripts/test.sh starts them and exports the connection strings;
/// without it, the defaults are the ports scripts/services.sh uses.
/// </summary>
public static class TestEnvironment
{
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") is { Length: > 0 } cs
            ? cs : "Host=127.0.0.1;Port=55432;Username=antonio;Database=postgres";

    public static string Redis =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Redis") is { Length: > 0 } r ? r : "127.0.0.1:56379";

    public static string Chromium =>
        Environment.GetEnvironmentVariable("ANTONIO_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";

    /// <summary>
    /// The clock the seeded test databases are built against: the start of this test run's day, so
    /// relative facts (a cohort opening in 14 days, an entitlement expired yesterday) hold for the
    /// running app's real clock, and every database of one run is identical.
    /// </summary>
    public static readonly DateTimeOffset SeedNow = new(DateTime.UtcNow.Date, TimeSpan.Zero);

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database, MaxPoolSize = 50, IncludeErrorDetail = true }.ConnectionString;

    public static string ArtifactsDirectory
    {
        get
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "artifacts");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }
}
