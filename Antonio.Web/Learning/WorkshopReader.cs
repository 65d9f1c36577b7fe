using Antonio.Data.Content;
using Antonio.Web.Caching;

namespace Antonio.Web.Learning;

/// <summary>Cached reads of workshops: one entry per workshop (by the slug or id asked for) and the listing.</summary>
public sealed class WorkshopReader(CachedReader reader)
{
    /// <summary>Longer keys are never valid slugs or ids: answered without touching cache or database.</summary>
    public const int MaxKeyLength = 200;

    public async ValueTask<WorkshopData?> GetAsync(string slugOrId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(slugOrId) || slugOrId.Length > MaxKeyLength) return null;
        // Misses are cached too (as null, briefly, in memory: see CachedReader), so repeating a bad slug does not reach the database.
        return await reader.GetAsync(CacheKeys.WorkshopData(slugOrId), CacheEntryKinds.Content,
            (db, token) => WorkshopTreeQuery.LoadAsync(db, slugOrId, token),
            data => data is null ? [CacheTags.WorkshopList] : Tags(data), ct);
    }

    public ValueTask<IReadOnlyList<WorkshopSummary>> ListAsync(CancellationToken ct = default) =>
        reader.GetAsync(CacheKeys.WorkshopList(), CacheEntryKinds.Content,
            (db, token) => WorkshopListQuery.LoadAsync(db, token), _ => [CacheTags.WorkshopList], ct);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<WorkshopData, IReadOnlySet<string>> Covered = new();

    /// <summary>
    /// Every tag whose removal also removes this cached workshop, so that whatever was made from this very
    /// instance goes stale with it: the workshop's own tags, and the content tag of every resource in its
    /// tree (the workshop, its sections, lessons, solutions and videos) — an edit of any of them drops its
    /// ancestors' tags too (<see cref="CacheInvalidator.ContentChangedAsync"/>). Computed once per instance.
    /// </summary>
    public static IReadOnlySet<string> TagsCoveredBy(WorkshopData data) => Covered.GetValue(data, static data =>
    {
        var tags = Tags(data).ToHashSet();
        if (data.IntroVideo is { } intro) tags.Add(CacheTags.Content(intro.Id));
        var nodes = new Stack<TreeNode>(data.Children);
        while (nodes.TryPop(out var node))
        {
            tags.Add(CacheTags.Content(node.Id));
            if (node.Solution is { } solution) tags.Add(CacheTags.Content(solution.Id));
            if (node.Video is { } video) tags.Add(CacheTags.Content(video.Id));
            foreach (var child in node.Children) nodes.Push(child);
        }
        return tags;
    });

    /// <summary>
    /// The workshop's own tag covers its whole tree: edits of a section or lesson invalidate their
    /// ancestors' tags too (<see cref="CacheInvalidator.ContentChangedAsync"/>). Products: their own tags.
    /// Not the listing's tag: an edit elsewhere must not drop this workshop (nor its pages). A cached
    /// miss (null) does carry it, so a workshop created or published under that slug replaces the 404.
    /// </summary>
    private static IEnumerable<string> Tags(WorkshopData data) =>
        data.Products.Select(p => CacheTags.Product(p.Id)).Prepend(CacheTags.Content(data.Id));
}
