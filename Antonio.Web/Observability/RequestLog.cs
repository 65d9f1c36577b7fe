using System.Collections.Concurrent;

namespace Antonio.Web.Observability;

/// <summary>One finished request, as the structured log line and the tests see it.</summary>
public sealed record RequestRecord(string RequestId, string Path, int Status, int Queries, int CacheMisses, double DurationMs,
    string? Route = null, int CacheReads = 0);

/// <summary>
/// The last few hundred finished requests by request id (the client's X-Request-Id when it sends
/// one). Lets tests read the final query count of a streamed page, whose headers left before the
/// streamed sections ran their queries.
/// </summary>
public sealed class RequestLog
{
    private const int Capacity = 512;
    private readonly ConcurrentDictionary<string, RequestRecord> _byId = new();
    private readonly ConcurrentQueue<string> _order = new();

    public void Add(RequestRecord record)
    {
        _byId[record.RequestId] = record;
        _order.Enqueue(record.RequestId);
        while (_order.Count > Capacity && _order.TryDequeue(out var old)) _byId.TryRemove(old, out _);
    }

    public RequestRecord? Find(string requestId) => _byId.GetValueOrDefault(requestId);

    /// <summary>The recent requests that hit an app route (for the performance page).</summary>
    public IReadOnlyList<RequestRecord> Recent() => _byId.Values.Where(r => r.Route is not null).ToList();
}
