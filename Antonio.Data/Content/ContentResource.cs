using System.Text.Json;

namespace Antonio.Data.Content;

/// <summary>
/// A piece of content (workshop, section, lesson, solution, video, post). Its editable fields live
/// in a jsonb column so editors can add fields without a migration; see <see cref="ContentFields"/>
/// for the typed view of the fields the platform itself understands.
/// </summary>
public class ContentResource
{
    public Guid Id { get; set; }
    public string Type { get; set; } = "";
    public JsonDocument Fields { get; set; } = JsonDocument.Parse("{}");
    public Guid? CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>PostgreSQL's xmin, used as an optimistic concurrency token for admin edits.</summary>
    public uint Version { get; set; }
}

public static class ContentTypes
{
    public const string Workshop = "workshop";
    public const string Section = "section";
    public const string Lesson = "lesson";
    public const string Solution = "solution";
    public const string VideoResource = "video_resource";
    public const string Post = "post";

    public static readonly IReadOnlyList<string> All = [Workshop, Section, Lesson, Solution, VideoResource, Post];

    /// <summary>The shape of a workshop (docs/domain.md, content): which child types a parent may link to.</summary>
    public static bool CanContain(string parentType, string childType) => (parentType, childType) switch
    {
        (Workshop, Section or Lesson or VideoResource) => true,
        (Section, Lesson) => true,
        (Lesson, Solution or VideoResource) => true,
        _ => false,
    };
}

public static class ContentStates
{
    public const string Draft = "draft";
    public const string Published = "published";
    public const string Archived = "archived";
}

public static class ContentVisibilities
{
    public const string Public = "public";
    public const string Unlisted = "unlisted";
    public const string Private = "private";
}

/// <summary>A video resource's processing states (docs/domain.md, content); only <see cref="Ready"/> plays.</summary>
public static class VideoStates
{
    public const string New = "new";
    public const string Processing = "processing";
    public const string Preparing = "preparing";
    public const string Ready = "ready";
    public const string Errored = "errored";

    public static readonly IReadOnlyList<string> All = [New, Processing, Preparing, Ready, Errored];
}
