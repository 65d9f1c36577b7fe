using Antonio.Data;
using Antonio.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using ZiggyCreatures.Caching.Fusion;

namespace Antonio.Web.Hosting;

/// <summary>
/// Before the app serves: applies migrations (<see cref="DatabaseOptions.Migrate"/>) and seeds demo data
/// when asked and the database is empty. Outside Development the database must already exist — a
/// misspelt name in the connection string is an error, not a new empty database.
/// </summary>
public static partial class DatabaseStartup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken ct = default)
    {
        var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var seed = app.Services.GetRequiredService<IOptions<SeedOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Antonio.Startup");
        var target = new NpgsqlConnectionStringBuilder(database.Postgres);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AntonioDbContext>();
        try
        {
            if (database.Migrate)
            {
                if (!app.Environment.IsDevelopment() && !await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct))
                    throw new StartupException($"database '{target.Database}' does not exist on {target.Host}:{target.Port} — create it, or check ConnectionStrings:Postgres (outside Development the app does not create databases).");
                // The history table first: otherwise EF's first look at it, on a new database, is logged as a failed command.
                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
                await db.Database.MigrateAsync(ct);
            }
            if (seed.Demo)
            {
                var now = seed.Now ?? DateTimeOffset.UtcNow.Date;
                var options = DemoSeedOptions.FromName(seed.Size, new DateTimeOffset(now.UtcDateTime, TimeSpan.Zero));
                var started = System.Diagnostics.Stopwatch.StartNew();
                if (await DemoSeeder.SeedIfEmptyAsync(db, options, ct))
                {
                    LogSeeded(logger, options.Workshops, options.Learners, options.Purchases, started.Elapsed.TotalSeconds);
                    // A new database under the same ids as one before it (the demo's are fixed): what the shared cache
                    // still holds of the old one, pages included, is dropped on every node.
                    await app.Services.GetRequiredService<IFusionCache>().ClearAsync(allowFailSafe: false, token: ct);
                }
                PrintDemoAccounts();
            }
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e))
        {
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded demo data ({Workshops} workshops, {Learners} learners, {Purchases} purchases) in {Seconds:F1}s")]
    private static partial void LogSeeded(ILogger logger, int workshops, int learners, int purchases, double seconds);
}
