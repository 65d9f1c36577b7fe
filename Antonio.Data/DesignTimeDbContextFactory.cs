using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Antonio.Data;

/// <summary>
/// Lets `dotnet ef` build the model without starting the web host. It connects (for `database update`)
/// where the app would: ConnectionStrings__Postgres, else the local service of scripts/services.sh.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AntonioDbContext>
{
    public const string LocalDefault = "Host=127.0.0.1;Port=55432;Username=antonio;Database=antonio";

    public AntonioDbContext CreateDbContext(string[] args) =>
        new(AntonioDbOptions.Configure(new DbContextOptionsBuilder<AntonioDbContext>(),
            Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") is { Length: > 0 } configured ? configured : LocalDefault).Options);
}
