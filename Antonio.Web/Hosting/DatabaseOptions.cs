namespace Antonio.Web.Hosting;

/// <summary>The database (<c>ConnectionStrings:Postgres</c>, <c>Antonio:Database</c>).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Antonio:Database";

    /// <summary>Npgsql connection string (ConnectionStrings:Postgres). Required.</summary>
    public string? Postgres { get; set; }

    /// <summary>Apply EF Core migrations at start-up. The database must exist outside Development (a misspelt name is an error, not a new database).</summary>
    public bool Migrate { get; set; } = true;

    public static void Complete(DatabaseOptions options, IConfiguration configuration) => options.Postgres = configuration.GetConnectionString("Postgres");
}
