using Antonio.Data;
using Antonio.Data.Search;
using Antonio.Web.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ZiggyCreatures.Caching.Fusion;

namespace Antonio.Web.Discovery;

/// <summary>
/// Search candidates per normalised query. A query is text anyone can choose, so its candidates are kept only in
/// this node's memory (never in Redis), briefly, and at most <see cref="SearchOptions.MaxCachedQueries"/> queries at once: a flood
/// of made-up queries costs database time (limited per client, see <c>SearchPage.razor</c>) but never fills a cache.
/// Every content edit drops them on every node: they are kept under the current search generation, a value in
/// the shared cache tagged <see cref="CacheTags.Search"/>, which every edit removes.
/// </summary>
public sealed class SearchCandidates(IFusionCache cache, IDbContextFactory<AntonioDbContext> dbFactory, Microsoft.Extensions.Options.IOptions<SearchOptions> options,
    Microsoft.Extensions.Options.IOptionsMonitor<FastPathOptions> fastPaths) : IDisposable
{
    /// <summary>How long a query's candidates are kept: a query that found something may be asked again soon; one that found nothing rarely is.</summary>
    public static readonly TimeSpan Found = TimeSpan.FromMinutes(2), NothingFound = TimeSpan.FromSeconds(30);

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxCachedQueries });

    /// <summary>How many queries' candidates are kept now.</summary>
    public int Count => _entries.Count;

    public async ValueTask<IReadOnlyList<SearchCandidate>> GetAsync(string normalized, CancellationToken ct)
    {
        if (!fastPaths.CurrentValue.DataCache) return await RunAsync(normalized, ct); // the slow path: the database, every time
        var generation = await cache.GetOrSetAsync<Guid>(CacheKeys.SearchGeneration(), (ctx, _) =>
        {
            ctx.Tags = [CacheTags.Search];
            return Task.FromResult(Guid.NewGuid());
        }, options: CacheEntryKinds.SearchGeneration, token: ct);
        var key = (generation, normalized);
        if (_entries.TryGetValue(key, out IReadOnlyList<SearchCandidate>? known)) return known!;
        var candidates = await RunAsync(normalized, ct);
        _entries.Set(key, candidates, new MemoryCacheEntryOptions
        {
            Size = 1, AbsoluteExpirationRelativeToNow = candidates.Count == 0 ? NothingFound : Found,
        });
        return candidates;
    }

    private async Task<IReadOnlyList<SearchCandidate>> RunAsync(string normalized, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await SearchQuery.RunAsync(db, normalized, ct);
    }

    public void Dispose() => _entries.Dispose();
}
