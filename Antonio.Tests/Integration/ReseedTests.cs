using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;

namespace Antonio.Tests.Integration;

/// <summary>
/// A database seeded afresh under a cache that still holds an older one (the demo's ids are fixed, so the keys are the
/// same): what the shared cache kept of the old database is not served from the new one.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReseedTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>
{
    [Fact]
    public async Task A_freshly_seeded_database_is_not_served_from_the_cache_of_the_one_before()
    {
        var prefix = "reseed-" + Guid.NewGuid().ToString("N")[..10];
        var title = DemoCatalogue.WorkshopTitle(0);
        // The old database: a title the new seed will not have, read into the shared cache (Redis) by a node.
        await fixture.Database.ExecuteAsync($"UPDATE content_resources SET fields = jsonb_set(fields, '{{title}}', '\"Stale title\"') WHERE type = 'workshop' AND fields->>'title' = '{title}'");
        await using (var old = await TestApp.StartAsync(fixture.Database, cachePrefix: prefix))
            Assert.Contains("Stale title", (await old.GetAsync("/workshops")).Body);

        await using var empty = await TestDatabase.CreateEmptyAsync();
        await using var app = await TestApp.StartAsync(empty, cachePrefix: prefix, settings: new Dictionary<string, string?>
        {
            ["Antonio:Database:Migrate"] = "true", ["Antonio:Seed:Demo"] = "true",
        });
        var catalogue = await app.GetAsync("/workshops");
        Assert.DoesNotContain("Stale title", catalogue.Body);
        Assert.Contains(title, catalogue.Body);
        Assert.True(catalogue.Queries > 0); // read from the new database, not the old one's entries
    }
}
