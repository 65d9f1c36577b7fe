using Antonio.Data.Content;
using Antonio.Web.Caching;

namespace Antonio.Web.Learning;

/// <summary>Cached read of one lesson's protected content. Call only after access has been granted.</summary>
public sealed class LessonReader(CachedReader reader)
{
    public ValueTask<LessonContent?> GetAsync(Guid lessonId, CancellationToken ct = default) =>
        reader.GetAsync(CacheKeys.LessonContent(lessonId), CacheEntryKinds.Content,
            (db, token) => LessonContentQuery.LoadAsync(db, lessonId, token),
            content => Tags(lessonId, content), ct);

    private static IEnumerable<string> Tags(Guid lessonId, LessonContent? content)
    {
        yield return CacheTags.Content(lessonId);
        if (content?.Video is { } video) yield return CacheTags.Content(video.Id);
        if (content?.Solution is { } solution) yield return CacheTags.Content(solution.Id);
    }
}
