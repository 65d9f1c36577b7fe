using Antonio.Data;
using Antonio.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Antonio.Web.Startup;

/// <summary>Applies migrations (Antonio:Database:Migrate, default on) and seeds demo data when asked and empty.</summary>
public static class DatabaseStartup
{
    public static async Task RunAsync(WebApplication app, CancellationToken ct = default)
    {
        var config = app.Configuration;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Antonio.Startup");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AntonioDbContext>();
        try
        {
            if (config.GetValue("Antonio:Database:Migrate", true))
                await db.Database.MigrateAsync(ct);
            if (config.GetValue("Antonio:Seed:Demo", false))
            {
                var now = config.GetValue<DateTimeOffset?>("Antonio:Seed:Now") ?? DateTimeOffset.UtcNow.Date;
                var options = DemoSeedOptions.FromName(config["Antonio:Seed:Size"], new DateTimeOffset(now.UtcDateTime, TimeSpan.Zero));
                var started = System.Diagnostics.Stopwatch.StartNew();
                if (await DemoSeeder.SeedIfEmptyAsync(db, options, ct))
                    logger.LogInformation("Seeded demo data ({Workshops} workshops, {Learners} learners, {Purchases} purchases) in {Seconds:F1}s",
                        options.Workshops, options.Learners, options.Purchases, started.Elapsed.TotalSeconds);
                PrintDemoAccounts();
            }
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e))
        {
            var target = new NpgsqlConnectionStringBuilder(config.GetConnectionString("Postgres"));
            throw new StartupException(
                $"cannot reach PostgreSQL at {target.Host}:{target.Port} (database '{target.Database}') — check ConnectionStrings:Postgres. ({Innermost(e).Message})", e);
        }
    }

    private static void PrintDemoAccounts()
    {
        Console.WriteLine();
        Console.WriteLine($"Demo accounts (password for all: {DemoAccounts.Password}):");
        foreach (var (email, situation) in DemoAccounts.All) Console.WriteLine($"  {email,-32} {situation}");
        Console.WriteLine();
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
