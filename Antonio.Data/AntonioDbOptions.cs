using Microsoft.EntityFrameworkCore;

namespace Antonio.Data;

/// <summary>The one place the provider options are set, shared by the app, tests and design-time tools.</summary>
public static class AntonioDbOptions
{
    private static readonly PreparedStatements Prepared = new();

    public static DbContextOptionsBuilder<AntonioDbContext> Configure(
        DbContextOptionsBuilder<AntonioDbContext> builder, string connectionString)
    {
        builder
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(Prepared);
        return builder;
    }
}
