using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;

namespace Antonio.Data;

/// <summary>
/// Lets `dotnet ef` build the model without starting the web host, connecting (for `database update`) where the app
/// would: the same sources in the same order as the app's host — Antonio.Web's appsettings.json and
/// appsettings.{environment}.json, its user secrets in Development, environment variables (ConnectionStrings__Postgres),
/// then what follows `--` on the command line (`dotnet ef database update -- --ConnectionStrings:Postgres "Host=…"`).
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AntonioDbContext>
{
    /// <summary>Antonio.Web's &lt;UserSecretsId&gt; (its csproj): `dotnet user-secrets --project Antonio.Web set …`.</summary>
    public const string WebUserSecretsId = "antonio-workshops-web";

    public AntonioDbContext CreateDbContext(string[] args) =>
        new(AntonioDbOptions.Configure(new DbContextOptionsBuilder<AntonioDbContext>(), ConnectionString(SettingsDirectory(Directory.GetCurrentDirectory()), args)).Options);

    /// <summary>
    /// Where the app's settings are, from the tools' working directory (the startup project's folder): Antonio.Web
    /// when that is the startup project, Antonio.Web beside it when Antonio.Data is, the folder itself when published.
    /// </summary>
    internal static string SettingsDirectory(string from)
    {
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "appsettings.json"))) return dir.FullName;
            if (File.Exists(Path.Combine(dir.FullName, "Antonio.Web", "appsettings.json"))) return Path.Combine(dir.FullName, "Antonio.Web");
        }
        return from;
    }

    internal static string ConnectionString(string webProjectDirectory, string[] args)
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                          ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Development";
        var settings = new ConfigurationBuilder()
            .SetBasePath(webProjectDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true);
        if (environment == "Development") settings.AddUserSecrets(WebUserSecretsId);
        var configuration = settings.AddEnvironmentVariables().AddCommandLine(args).Build();
        return configuration.GetConnectionString("Postgres") is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException(
                $"ConnectionStrings:Postgres is not set for the {environment} environment in Antonio.Web's settings: set ConnectionStrings__Postgres, or pass -- --ConnectionStrings:Postgres \"Host=…\".");
    }
}
