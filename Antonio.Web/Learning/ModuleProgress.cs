using Antonio.Data.Content;
using Antonio.Web.Learning;

namespace Antonio.Web.Learning;

/// <summary>A learner's progress through one workshop (§5d), computed from the current tree.</summary>
public sealed record ModuleProgress(IReadOnlySet<Guid> Completed, int CompletedCount, int Total, int Percent, TreeNode? NextLesson)
{
    public static ModuleProgress From(LessonNavigator navigator, IEnumerable<Guid> completedIds)
    {
        var lessonIds = navigator.Lessons.Select(l => l.Lesson.Id).ToHashSet();
        var completed = completedIds.Where(lessonIds.Contains).ToHashSet();
        var total = navigator.Lessons.Count;
        var next = navigator.Lessons.FirstOrDefault(l => !completed.Contains(l.Lesson.Id))?.Lesson;
        var percent = total == 0 ? 0 : (int)Math.Floor(100.0 * completed.Count / total);
        return new ModuleProgress(completed, completed.Count, total, percent, next);
    }

    public bool IsComplete(Guid lessonId) => Completed.Contains(lessonId);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyCollection<Guid>, Tuple<LessonNavigator, ModuleProgress>> Computed = new();

    /// <summary>
    /// <see cref="From"/>, computed once per cached list of completed lessons and reading order: a warm
    /// page asks for the same two instances again, until progress or the workshop changes.
    /// </summary>
    public static ModuleProgress Of(LessonNavigator navigator, IReadOnlyCollection<Guid> completedIds)
    {
        if (Computed.TryGetValue(completedIds, out var known) && ReferenceEquals(known.Item1, navigator)) return known.Item2;
        var progress = From(navigator, completedIds);
        Computed.AddOrUpdate(completedIds, Tuple.Create(navigator, progress));
        return progress;
    }
}
