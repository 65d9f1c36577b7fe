using Antonio.Data.Commerce;
using Antonio.Web.Caching;

namespace Antonio.Web.Commerce.Live;

/// <summary>
/// The live sessions with a page, cached as one entry: dropped by any product change (the workshop-list tag, which
/// product edits drop), by every ticket sold or refunded (<see cref="CacheTags.LiveSessions"/>), so the seats left
/// are never stale, and by an edit of a workshop holding a recording.
/// </summary>
public sealed class LiveSessionReader(CachedReader reader)
{
    public ValueTask<IReadOnlyList<LiveSessionData>> ListAsync(CancellationToken ct = default) =>
        reader.GetAsync(CacheKeys.LiveSessions(), CacheEntryKinds.Content, (db, token) => LiveSessionQuery.LoadAsync(db, token),
            sessions => [CacheTags.WorkshopList, CacheTags.LiveSessions, .. sessions.Select(s => CacheTags.Product(s.ProductId)),
                .. sessions.SelectMany(s => s.Recordings).Select(r => CacheTags.Content(r.WorkshopId))], ct);

    public async ValueTask<LiveSessionData?> GetAsync(string? slug, CancellationToken ct = default) =>
        string.IsNullOrEmpty(slug) || slug.Length > 200 ? null : (await ListAsync(ct)).FirstOrDefault(s => s.Slug == slug);

    public async ValueTask<LiveSessionData?> GetAsync(Guid productId, CancellationToken ct = default) =>
        (await ListAsync(ct)).FirstOrDefault(s => s.ProductId == productId);
}
