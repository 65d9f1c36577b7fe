using Antonio.Data.Access;
using Antonio.Web.Caching;

namespace Antonio.Web.Access;

/// <summary>A user's access snapshot, cached per user (short-lived, dropped by every write that changes it).</summary>
public sealed class AccessReader(CachedReader reader)
{
    public ValueTask<AccessSnapshot> GetAsync(Guid userId, CancellationToken ct = default) =>
        reader.GetAsync(CacheKeys.AccessSnapshot(userId), CacheEntryKinds.PerUser,
            (db, token) => AccessSnapshotQuery.LoadAsync(db, userId, token), _ => [CacheTags.User(userId)], ct);
}
