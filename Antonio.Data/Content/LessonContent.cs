namespace Antonio.Data.Content;

/// <summary>A lesson's protected content: its body, its video's playback id and transcript, its solution.</summary>
public sealed record LessonContent
{
    public required Guid Id { get; init; }
    public required string Type { get; init; }
    public string Title { get; init; } = "";
    public string Slug { get; init; } = "";
    public string State { get; init; } = ContentStates.Draft;
    public string? Description { get; init; }
    public string? Body { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public LessonVideo? Video { get; init; }
    public LessonSolution? Solution { get; init; }
}

public sealed record LessonVideo
{
    public required Guid Id { get; init; }
    public string? PlaybackId { get; init; }
    /// <summary>new | processing | preparing | ready | errored; only ready plays.</summary>
    public string? State { get; init; }
    public int? DurationSeconds { get; init; }
    public string? Transcript { get; init; }
    public string? Poster { get; init; }

    public bool IsReady => State == VideoStates.Ready && !string.IsNullOrEmpty(PlaybackId);
}

public sealed record LessonSolution
{
    public required Guid Id { get; init; }
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public string State { get; init; } = ContentStates.Draft;
    public string? Body { get; init; }
}
