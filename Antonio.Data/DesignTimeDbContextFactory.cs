using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Antonio.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web host.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AntonioDbContext>
{
    public AntonioDbContext CreateDbContext(string[] args) =>
        new(AntonioDbOptions.Configure(new DbContextOptionsBuilder<AntonioDbContext>(),
            "Host=127.0.0.1;Database=antonio_design").Options);
}
