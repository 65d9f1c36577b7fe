namespace Antonio.Data.Progress;

/// <summary>A learner's completion of a lesson (§5d). Un-completing deletes the row.</summary>
public class ResourceProgress
{
    public Guid UserId { get; set; }
    public Guid ResourceId { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
