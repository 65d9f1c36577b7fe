using Antonio.Data.Content;
using Antonio.Data.Seeding;
using Antonio.Web.Learning;

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

    /// <summary>The first published lesson that only access opens: not free by its link, its section's link or its own flag.</summary>
    public static LessonPosition PaidLesson(WorkshopData tree) =>
        new LessonNavigator(tree).Lessons.First(p => p.Lesson.IsPublished && p.Lesson.Tier is null && !p.Lesson.Free && p.Section?.Tier is null);

    /// <summary>A workshop's published lessons, in reading order, whose video is ready: the free ones or the paid ones.</summary>
    public static async Task<List<LessonPosition>> LessonsWithReadyVideoAsync(TestDatabase db, WorkshopData tree, bool free)
    {
        await using var context = db.CreateContext();
        var found = new List<LessonPosition>();
        foreach (var position in new LessonNavigator(tree).Lessons.Where(p => p.Lesson.IsPublished && Antonio.Web.Access.AccessRules.IsFreeTier(p.Lesson, p.Section) == free))
            if ((await LessonContentQuery.LoadAsync(context, position.Lesson.Id))?.Video?.IsReady == true) found.Add(position);
        if (found.Count == 0) throw new InvalidOperationException($"no {(free ? "free" : "paid")} lesson with a ready video in {tree.Slug}");
        return found;
    }
}
