namespace Antonio.Web.Learning;

/// <summary>
/// What a playback URL was minted for: a stream, and the page whose access decision allowed it — a workshop's lesson,
/// its trailer (<see cref="Lesson"/> null), or an admin's preview (<see cref="Workshop"/> null). The local origin
/// decides again on every file it serves (<see cref="LessonMediaEndpoints"/>).
/// </summary>
public sealed record PlaybackGrant(string PlaybackId, string? Workshop, Guid? Lesson)
{
    public static PlaybackGrant ForLesson(string playbackId, string workshop, Guid lesson) => new(playbackId, workshop, lesson);
    public static PlaybackGrant ForTrailer(string playbackId, string workshop) => new(playbackId, workshop, null);
    public static PlaybackGrant ForAdminPreview(string playbackId) => new(playbackId, null, null);
}
