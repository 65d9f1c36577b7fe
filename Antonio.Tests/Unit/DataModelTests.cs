using System.Text.Json;
using Antonio.Data;
using Antonio.Tests.Architecture;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Tests.Unit;

/// <summary>
/// The model the code builds (each table's <c>XTable</c> configuration in Antonio.Data) is the model the migrations
/// last recorded: a change to an entity or its configuration without a migration fails here, not on a deployment.
/// No database is asked: EF compares the code's model with the migrations' snapshot.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DataModelTests
{
    [Fact]
    public void The_code_model_matches_the_last_migration()
    {
        using var context = new AntonioDbContext(AntonioDbOptions.Configure(new DbContextOptionsBuilder<AntonioDbContext>(), "Host=unused").Options);
        Assert.False(context.Database.HasPendingModelChanges(), "the model has changes no migration records: dotnet ef migrations add <Name> --project Antonio.Data");
    }

    [Fact]
    public void Design_time_tools_read_the_apps_settings_then_the_environment_then_the_command_line()
    {
        var web = Path.Combine(ArchitectureTests.SourceRoot(), "Antonio.Web");
        using var development = JsonDocument.Parse(File.ReadAllText(Path.Combine(web, "appsettings.Development.json")));
        var fromFile = development.RootElement.GetProperty("ConnectionStrings").GetProperty("Postgres").GetString();
        var expected = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") is { Length: > 0 } set ? set : fromFile;
        Assert.Equal(expected, DesignTimeDbContextFactory.ConnectionString(web, []));
        Assert.Equal("Host=given", DesignTimeDbContextFactory.ConnectionString(web, ["--ConnectionStrings:Postgres", "Host=given"]));
        // Found from either project's folder (the startup project's, where the tools run it).
        Assert.Equal(web, DesignTimeDbContextFactory.SettingsDirectory(web));
        Assert.Equal(web, DesignTimeDbContextFactory.SettingsDirectory(Path.Combine(ArchitectureTests.SourceRoot(), "Antonio.Data")));
        // The user secrets it reads are the web project's own.
        Assert.Contains($"<UserSecretsId>{DesignTimeDbContextFactory.WebUserSecretsId}</UserSecretsId>", File.ReadAllText(Path.Combine(web, "Antonio.Web.csproj")));
    }
}
