using Antonio.Data;
using Antonio.Data.Search;
using Antonio.Web.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ZiggyCreatures.Caching.Fusion;

namespace Antonio.Web.Discovery;

/// <summary>
/// Search candidates per normalised query, and the snippets of each page of results shown (the same for every viewer
/// who may read the same texts). A query is text anyone can choose, so they are kept only in
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
        return await KeptAsync(normalized, (db, token) => SearchQuery.RunAsync(db, normalized, token), ct);
    }

    /// <summary>The snippets of one page of results, each from the text its viewer may read.</summary>
    public async ValueTask<IReadOnlyList<SearchSnippet>> SnippetsAsync(string normalized, IReadOnlyList<(Guid Id, SnippetSource Source)> wanted, CancellationToken ct)
    {
        if (wanted.Count == 0) return [];
        var page = string.Join(',', wanted.Select(w => $"{w.Id:N}{(int)w.Source}"));
        return await KeptAsync((normalized, page), (db, token) => SearchSnippets.RunAsync(db, normalized, wanted, token), ct);
    }

    /// <summary>A query's value under the current search generation: from memory, or the database (then kept).</summary>
    private async ValueTask<IReadOnlyList<T>> KeptAsync<T>(object what, Func<AntonioDbContext, CancellationToken, Task<IReadOnlyList<T>>> run, CancellationToken ct)
    {
        if (!fastPaths.CurrentValue.DataCache) return await RunAsync(run, ct); // the slow path: the database, every time
        var generation = await cache.GetOrSetAsync<Guid>(CacheKeys.SearchGeneration(), (ctx, _) =>
        {
            ctx.Tags = [CacheTags.Search];
            return Task.FromResult(Guid.NewGuid());
        }, options: CacheEntryKinds.SearchGeneration, token: ct);
        var key = (generation, what);
        if (_entries.TryGetValue(key, out IReadOnlyList<T>? known)) return known!;
        var value = await RunAsync(run, ct);
        _entries.Set(key, value, new MemoryCacheEntryOptions
        {
            Size = 1, AbsoluteExpirationRelativeToNow = value.Count == 0 ? NothingFound : Found,
        });
        return value;
    }

    private async Task<IReadOnlyList<T>> RunAsync<T>(Func<AntonioDbContext, CancellationToken, Task<IReadOnlyList<T>>> run, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await run(db, ct);
    }

    public void Dispose() => _entries.Dispose();
}
