using Antonio.Data;
using Microsoft.EntityFrameworkCore;
using ZiggyCreatures.Caching.Fusion;

namespace Antonio.Web.Caching;

/// <summary>
/// The one helper every write path calls after it commits. Removing by tag reaches every node: the
/// backplane tells the other nodes' L1s, and the tag's expiry lives in Redis.
/// </summary>
public sealed class CacheInvalidator(IFusionCache cache, IDbContextFactory<AntonioDbContext> dbFactory, IHttpContextAccessor http,
    Microsoft.Extensions.Options.IOptions<CacheOptions> options, Observability.AppMetrics metrics)
{
    /// <summary>
    /// A content resource changed (edit, publish, delete): drop its entries and those of every
    /// workshop that contains it (its tree, title or slug may be shown there), and the listings.
    /// </summary>
    public async Task ContentChangedAsync(Guid resourceId, CancellationToken ct = default)
    {
        var tags = new HashSet<string> { CacheTags.Content(resourceId), CacheTags.WorkshopList, CacheTags.Search };
        foreach (var ancestor in await AncestorsAsync(resourceId, ct)) tags.Add(CacheTags.Content(ancestor));
        await RemoveByTagsAsync([.. tags], ct);
    }

    public async Task ProductChangedAsync(Guid productId, CancellationToken ct = default)
    {
        await RemoveByTagsAsync([CacheTags.Product(productId), CacheTags.WorkshopList], ct);
    }

    /// <summary>A ticket to a live session sold or refunded: the seats left change.</summary>
    public Task TicketsChangedAsync(CancellationToken ct = default) =>
        RemoveByTagsAsync([CacheTags.LiveSessions], ct).AsTask();

    public Task CouponsChangedAsync(CancellationToken ct = default) =>
        RemoveByTagsAsync([CacheTags.Coupons], ct).AsTask();

    /// <summary>Purchases, refunds, seat redemptions, role changes: that user's access snapshot.</summary>
    public Task UserChangedAsync(Guid userId, CancellationToken ct = default) =>
        RemoveByTagsAsync([CacheTags.User(userId)], ct).AsTask();

    /// <summary>A lesson completed or un-completed: that user's progress entries.</summary>
    public Task ProgressChangedAsync(Guid userId, CancellationToken ct = default) =>
        RemoveByTagsAsync([CacheTags.Progress(userId)], ct).AsTask();

    /// <summary>Parents up to the workshop (lesson → section → workshop), via the content_links(child_id) index.</summary>
    private async Task<List<Guid>> AncestorsAsync(Guid resourceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Database.SqlQueryRaw<Guid>("""
            WITH RECURSIVE up(id, depth) AS (
              SELECT parent_id, 1 FROM content_links WHERE child_id = {0}
              UNION
              SELECT l.parent_id, up.depth + 1 FROM content_links l JOIN up ON l.child_id = up.id WHERE up.depth < 4
            )
            SELECT DISTINCT id AS "Value" FROM up
            """, resourceId).ToListAsync(ct);
    }

    /// <summary>
    /// Every removal goes through here: it also forgets what the current request already read, and removes the tag
    /// again a little later. A read that began before the write and ends after the removal — a factory on another
    /// node that loaded the old row, or a page rendered from it — stores the old value as if it were new, and the
    /// cluster test saw it outlive the edit under load (for the entry's whole duration). Removing again after the
    /// window such reads take drops what they stored (the "delayed double delete").
    /// </summary>
    private async ValueTask RemoveByTagsAsync(string[] tags, CancellationToken token)
    {
        RequestReads.Forget(http.HttpContext);
        foreach (var tag in tags) metrics.RecordInvalidation(CacheTags.KindOf(tag));
        await cache.RemoveByTagAsync(tags, token: token);
        if (options.Value.RemoveAgain) _ = RemoveAgainAsync(tags);
    }

    /// <summary>After the reads in flight at the write have ended: most within a few hundred ms, slow ones within the factory's hard timeout (10 s).</summary>
    internal static readonly TimeSpan[] Again = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(11)];

    private async Task RemoveAgainAsync(string[] tags)
    {
        try
        {
            foreach (var delay in Again.Select((d, i) => i == 0 ? d : d - Again[i - 1]))
            {
                await Task.Delay(delay);
                await cache.RemoveByTagAsync(tags);
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException)
        {
            // The app is stopping: the entries go with it.
        }
    }
}
