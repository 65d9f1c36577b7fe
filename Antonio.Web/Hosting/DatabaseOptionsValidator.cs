using Microsoft.Extensions.Options;
using Npgsql;

namespace Antonio.Web.Hosting;

public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Postgres))
            return ValidateOptionsResult.Fail("ConnectionStrings:Postgres is not set (e.g. ConnectionStrings__Postgres=\"Host=127.0.0.1;Port=55432;Username=antonio;Database=antonio\").");
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(options.Postgres);
            if (string.IsNullOrWhiteSpace(parsed.Host)) return ValidateOptionsResult.Fail("ConnectionStrings:Postgres names no Host.");
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return ValidateOptionsResult.Fail($"ConnectionStrings:Postgres is not a valid connection string: {e.Message}");
        }
        return ValidateOptionsResult.Success;
    }
}
