using Antonio.Data.Content;
using Antonio.Data.Progress;

namespace Antonio.Web.Learning;

/// <summary>A learner's progress through one workshop (docs/domain.md, progress), computed from the current tree, and where they stopped each video.</summary>
public sealed record WorkshopProgress(IReadOnlySet<Guid> Completed, int CompletedCount, int Total, int Percent, TreeNode? NextLesson)
{
    private static readonly IReadOnlyDictionary<Guid, int> NoPositions = new Dictionary<Guid, int>();

    /// <summary>Seconds into each lesson's video where the learner last was.</summary>
    public IReadOnlyDictionary<Guid, int> Positions { get; init; } = NoPositions;

    public int PositionOf(Guid lessonId) => Positions.TryGetValue(lessonId, out var seconds) ? seconds : 0;

    public static WorkshopProgress From(LessonNavigator navigator, IEnumerable<Guid> completedIds)
    {
        var lessonIds = navigator.Lessons.Select(l => l.Lesson.Id).ToHashSet();
        var completed = completedIds.Where(lessonIds.Contains).ToHashSet();
        var total = navigator.Lessons.Count;
        var next = navigator.Lessons.FirstOrDefault(l => !completed.Contains(l.Lesson.Id))?.Lesson;
        var percent = total == 0 ? 0 : (int)Math.Floor(100.0 * completed.Count / total);
        return new WorkshopProgress(completed, completed.Count, total, percent, next);
    }

    public bool IsComplete(Guid lessonId) => Completed.Contains(lessonId);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<LessonProgressRows, Tuple<LessonNavigator, WorkshopProgress>> Computed = new();

    /// <summary>
    /// <see cref="From"/>, computed once per cached progress rows and reading order: a warm page asks for
    /// the same two instances again, until progress or the workshop changes.
    /// </summary>
    public static WorkshopProgress Of(LessonNavigator navigator, LessonProgressRows rows)
    {
        if (Computed.TryGetValue(rows, out var known) && ReferenceEquals(known.Item1, navigator)) return known.Item2;
        var progress = From(navigator, rows.Completed) with { Positions = rows.Positions };
        Computed.AddOrUpdate(rows, Tuple.Create(navigator, progress));
        return progress;
    }
}
