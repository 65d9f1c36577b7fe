namespace Antonio.Data.Progress;

/// <summary>
/// A learner's progress in one lesson (docs/domain.md, progress): when they completed it (null: not complete) and where they
/// stopped its video. One row per learner × lesson, upserted by both writes.
/// </summary>
public class ResourceProgress
{
    public Guid UserId { get; set; }
    public Guid ResourceId { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>Where the learner's player last was in the lesson's video, in whole seconds.</summary>
    public int? PositionSeconds { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the learner last completed, un-completed or watched the lesson: "where they stopped".</summary>
    public DateTimeOffset? UpdatedAt { get; set; }
}
