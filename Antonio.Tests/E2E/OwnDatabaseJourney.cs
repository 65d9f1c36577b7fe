using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;

namespace Antonio.Tests.E2E;

/// <summary>A browser journey that writes (purchases, edits) gets a small seeded database and an app of its own.</summary>
public abstract class OwnDatabaseJourney : IAsyncLifetime
{
    protected TestDatabase Db { get; private set; } = null!;
    protected TestApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync(DemoSeedOptions.Default(TestEnvironment.SeedNow) with { Learners = 5, Purchases = 5 });
        App = await TestApp.StartAsync(Db);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Db.DisposeAsync();
    }

    protected static string Shot(string name) => Path.Combine(TestEnvironment.ArtifactsDirectory, name + ".png");
}
