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
}
