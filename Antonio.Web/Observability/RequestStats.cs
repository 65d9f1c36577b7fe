namespace Antonio.Web.Observability;

/// <summary>What one request cost: SQL commands, their time, and whether any cache factory ran.</summary>
public sealed class RequestStats
{
    private int _queries;
    private long _dbTicks;
    private int _cacheMisses;
    private int _cacheReads;

    public int Queries => Volatile.Read(ref _queries);
    public TimeSpan DbTime => TimeSpan.FromTicks(Interlocked.Read(ref _dbTicks));
    public int CacheMisses => Volatile.Read(ref _cacheMisses);
    public int CacheReads => Volatile.Read(ref _cacheReads);

    public void AddQuery(TimeSpan duration)
    {
        Interlocked.Increment(ref _queries);
        Interlocked.Add(ref _dbTicks, duration.Ticks);
    }

    /// <summary>The page cache was asked for this page (an anonymous learner page).</summary>
    public bool PageCacheLookup { get; set; }
    /// <summary>The whole page came from the page cache: nothing was rendered.</summary>
    public bool PageCacheHit { get; set; }
    /// <summary>A signed-in viewer's shared page template was looked up.</summary>
    public bool ViewerPageLookup { get; set; }
    /// <summary>The signed-in page was filled from a shared template: nothing was rendered.</summary>
    public bool ViewerPageHit { get; set; }

    public void AddCacheRead() => Interlocked.Increment(ref _cacheReads);
    public void AddCacheMiss() => Interlocked.Increment(ref _cacheMisses);
}

/// <summary>Finds the current request's <see cref="RequestStats"/>, if there is a current request.</summary>
public sealed class RequestStatsAccessor(IHttpContextAccessor http)
{
    public RequestStats? Current => http.HttpContext?.Features.Get<RequestStats>();
}
