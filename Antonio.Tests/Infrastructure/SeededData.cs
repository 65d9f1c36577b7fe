using Antonio.Data.Content;
using Antonio.Data.Seeding;

namespace Antonio.Tests.Infrastructure;

/// <summary>Looks up seeded workshops for tests (through the app's own tree query).</summary>
public static class SeededData
{
    public static async Task<WorkshopData> WorkshopAsync(TestDatabase db, int index)
    {
        await using var context = db.CreateContext();
        return await WorkshopTreeQuery.LoadAsync(context, Slug(index))
            ?? throw new InvalidOperationException($"workshop {index} is not seeded");
    }

    public static string Slug(int index) => DemoCatalogue.WorkshopSlug(index);
}
