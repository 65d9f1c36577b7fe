namespace Antonio.Data.Content;

/// <summary>
/// Everything a workshop page and its lessons' navigation need, loaded in one round trip by
/// <see cref="WorkshopTreeQuery"/> and cached as one entry. No lesson bodies: those are per lesson.
/// </summary>
public sealed record WorkshopData
{
    public required Guid Id { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public string State { get; init; } = ContentStates.Draft;
    public string Visibility { get; init; } = ContentVisibilities.Public;
    public string? Description { get; init; }
    public string? Body { get; init; }
    public string? CoverImage { get; init; }
    public DateTimeOffset? StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }
    public Guid? CreatedById { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>The workshop's own trailer (a video_resource linked to the workshop): public by nature.</summary>
    public LessonVideo? IntroVideo { get; init; }
    /// <summary>Sections and top-level lessons, in link position order.</summary>
    public IReadOnlyList<TreeNode> Children { get; init; } = [];
    public IReadOnlyList<WorkshopProduct> Products { get; init; } = [];
}

/// <summary>A section or a lesson in a workshop's tree: titles, slugs and flags only.</summary>
public sealed record TreeNode
{
    public required Guid Id { get; init; }
    public required string Type { get; init; }
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public string State { get; init; } = ContentStates.Draft;
    /// <summary>The link's metadata.tier (free | standard | pro), if any.</summary>
    public string? Tier { get; init; }
    /// <summary>The lesson's own fields.free flag.</summary>
    public bool Free { get; init; }
    public TreeRef? Solution { get; init; }
    public TreeVideo? Video { get; init; }
    /// <summary>A section's lessons; empty for lessons.</summary>
    public IReadOnlyList<TreeNode> Children { get; init; } = [];

    public bool IsSection => Type == ContentTypes.Section;
    public bool IsPublished => State == ContentStates.Published;
}

/// <summary>A lesson's solution in the tree: enough to link to it, and its own state (a draft solution stays hidden).</summary>
public sealed record TreeRef(Guid Id, string? Slug, string? Title, string? State = null)
{
    public bool IsPublished => State == ContentStates.Published;
}

public sealed record TreeVideo(Guid Id, string? State, int? DurationSeconds);

/// <summary>A product that sells the workshop, with its current unit price.</summary>
public sealed record WorkshopProduct
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Type { get; init; }
    public int Status { get; init; }
    public long? UnitAmountCents { get; init; }
    /// <summary>Products whose owners may upgrade to this one.</summary>
    public IReadOnlyList<Guid> UpgradableFrom { get; init; } = [];
}
