using System.Text.Json;

namespace Antonio.Data.Content;

/// <summary>
/// An ordered parent→child edge: workshop→section, workshop→lesson, section→lesson,
/// lesson→solution, lesson→video_resource. <c>metadata.tier = "free"</c> frees the child (docs/domain.md, content).
/// </summary>
public class ContentLink
{
    public Guid ParentId { get; set; }
    public Guid ChildId { get; set; }
    public double Position { get; set; }
    public JsonDocument? Metadata { get; set; }
}

public static class LinkTiers
{
    public const string Free = "free";
    public const string Standard = "standard";
    public const string Pro = "pro";
}
