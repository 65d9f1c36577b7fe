using Antonio.Data.Content;

namespace Antonio.Web.Learning;

/// <summary>A lesson in reading order, with the section it sits in (null for top-level lessons).</summary>
public sealed record LessonPosition(TreeNode Lesson, TreeNode? Section, int Index);

/// <summary>
/// Reading order over a workshop's published lessons (docs/domain.md, content): sections in order, their lessons in order,
/// top-level lessons where they stand. Pure; built from the cached <see cref="WorkshopData"/>.
/// </summary>
public sealed class LessonNavigator
{
    public IReadOnlyList<LessonPosition> Lessons { get; }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<WorkshopData, LessonNavigator[]> Built = new();

    /// <summary>
    /// The reading order of a cached workshop, built once per workshop instance (the cache hands every
    /// request the same instance; an edit brings a new one).
    /// </summary>
    public static LessonNavigator For(WorkshopData workshop, bool includeDrafts = false)
    {
        var both = Built.GetValue(workshop, static w => [new LessonNavigator(w, includeDrafts: false), new LessonNavigator(w, includeDrafts: true)]);
        return both[includeDrafts ? 1 : 0];
    }

    public LessonNavigator(WorkshopData workshop, bool includeDrafts = false)
    {
        var list = new List<LessonPosition>();
        foreach (var child in workshop.Children)
        {
            if (!includeDrafts && !child.IsPublished) continue;
            if (child.IsSection)
            {
                foreach (var lesson in child.Children)
                    if (includeDrafts || lesson.IsPublished) list.Add(new LessonPosition(lesson, child, list.Count));
            }
            else if (child.Type == ContentTypes.Lesson)
            {
                list.Add(new LessonPosition(child, null, list.Count));
            }
        }
        Lessons = list;
    }

    /// <summary>"First lesson" = first child of the first section, or the first top-level lesson.</summary>
    public LessonPosition? First => Lessons.Count > 0 ? Lessons[0] : null;

    /// <summary>Finds a lesson by slug, or by id when the key is a UUID.</summary>
    public LessonPosition? Find(string slugOrId)
    {
        if (Guid.TryParse(slugOrId, out var id)) return Lessons.FirstOrDefault(p => p.Lesson.Id == id);
        return Lessons.FirstOrDefault(p => p.Lesson.Slug == slugOrId);
    }

    public LessonPosition? Previous(LessonPosition current) => current.Index > 0 ? Lessons[current.Index - 1] : null;

    public LessonPosition? Next(LessonPosition current) =>
        current.Index + 1 < Lessons.Count ? Lessons[current.Index + 1] : null;
}
