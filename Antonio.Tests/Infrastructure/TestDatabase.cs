using Antonio.Data;
using Antonio.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Antonio.Tests.Infrastructure;

/// <summary>A fresh PostgreSQL database created by the migrations, optionally seeded; dropped on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public string Name { get; }
    public string ConnectionString { get; }

    private TestDatabase(string name)
    {
        Name = name;
        ConnectionString = TestEnvironment.ConnectionStringFor(name);
    }

    public static async Task<TestDatabase> CreateAsync(DemoSeedOptions? seed = null)
    {
        var db = await CreateEmptyAsync();
        await using var context = db.CreateContext();
        await context.Database.MigrateAsync();
        if (seed is not null) await DemoSeeder.SeedAsync(context, seed);
        return db;
    }

    /// <summary>A new database with nothing in it, not even the schema (what a first deployment starts from).</summary>
    public static async Task<TestDatabase> CreateEmptyAsync()
    {
        var db = new TestDatabase("antonio_test_" + Guid.NewGuid().ToString("N")[..12]);
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresServer);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {db.Name}", admin);
        await create.ExecuteNonQueryAsync();
        return db;
    }

    public AntonioDbContext CreateContext(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors)
    {
        var builder = AntonioDbOptions.Configure(new DbContextOptionsBuilder<AntonioDbContext>(), ConnectionString);
        if (interceptors.Length > 0) builder.AddInterceptors(interceptors);
        return new AntonioDbContext(builder.Options);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Polls a scalar query until it returns <paramref name="expected"/> (background work, e.g. the outbox, finishing).</summary>
    public async Task WaitForAsync<T>(string sql, T expected, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        T last;
        do
        {
            last = await ScalarAsync<T>(sql);
            if (EqualityComparer<T>.Default.Equals(last, expected)) return;
            await Task.Delay(25);
        } while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"'{sql}' returned {last}, not {expected}");
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresServer);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>A small demo-seeded database of a test class's own: for tests that write.</summary>
public sealed class WritableDatabaseFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public async Task InitializeAsync() =>
        Database = await TestDatabase.CreateAsync(DemoSeedOptions.Default(TestEnvironment.SeedNow) with { Learners = 60, Purchases = 5 });
    public async Task DisposeAsync() => await Database.DisposeAsync();
}

/// <summary>One demo-seeded database shared (read-only) by a test collection.</summary>
public sealed class SeededDatabaseFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Database = await TestDatabase.CreateAsync(DemoSeedOptions.Default(TestEnvironment.SeedNow) with { Learners = 60, Purchases = 80 });

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SeededCollection : ICollectionFixture<SeededDatabaseFixture>
{
    public const string Name = "seeded database";
}
