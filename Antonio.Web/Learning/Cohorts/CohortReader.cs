using Antonio.Data.Commerce;
using Antonio.Web.Caching;

namespace Antonio.Web.Learning.Cohorts;

/// <summary>
/// The cohorts with a page, cached as one entry: dropped by any product change or any content change (the workshop-list
/// tag), so a renamed workshop or a moved opening date shows at once.
/// </summary>
public sealed class CohortReader(CachedReader reader)
{
    public ValueTask<IReadOnlyList<CohortData>> ListAsync(CancellationToken ct = default) =>
        reader.GetAsync(CacheKeys.Cohorts(), CacheEntryKinds.Content, (db, token) => CohortQuery.LoadAsync(db, token),
            cohorts => [CacheTags.WorkshopList, .. cohorts.Select(c => CacheTags.Product(c.ProductId)), .. cohorts.SelectMany(c => c.Schedule).Select(w => CacheTags.Content(w.Id))], ct);

    public async ValueTask<CohortData?> GetAsync(string? slug, CancellationToken ct = default) =>
        string.IsNullOrEmpty(slug) || slug.Length > 200 ? null : (await ListAsync(ct)).FirstOrDefault(c => c.Slug == slug);
}
