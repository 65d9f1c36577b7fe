namespace Antonio.Web.PageCaching;

/// <summary>
/// Something besides the URL that an anonymous page's content depends on (the PPP offer of the
/// visitor's country, say). Features that make pages vary register one; the page cache keeps one copy
/// per value and knows nothing else about them.
/// </summary>
public interface IPageVariation
{
    /// <summary>Names the variation in the cache key.</summary>
    string Name { get; }

    /// <summary>The value for this request: as few distinct values as the page really has.</summary>
    string ValueFor(HttpContext context);
}
