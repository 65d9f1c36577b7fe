namespace Antonio.Web.Caching;

/// <summary>
/// What one request has read through the cache, by key, so a second read of the same key in the same
/// request is answered at once — with the entry's tags, for whoever started collecting them
/// (<see cref="CacheReadTags"/>) between the two reads. Forgotten whenever the request writes
/// (<see cref="CacheInvalidator"/>): a page that saves and reads back sees what it saved.
/// </summary>
internal static class RequestReads
{
    private static readonly object Key = new();

    private sealed record Read(object Value, Func<IEnumerable<string>> Tags);

    public static bool TryGet<T>(HttpContext? context, string key, out T? value)
    {
        if (context?.Items[Key] is Dictionary<string, Read> reads)
        {
            Read? found;
            lock (reads) reads.TryGetValue(key, out found);
            if (found?.Value is T typed)
            {
                CacheReadTags.Of(context)?.UnionWith(found.Tags());
                value = typed;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <param name="tags">The entry's tags (asked for only if a later read of the key finds someone collecting).</param>
    public static void Remember<T>(HttpContext? context, string key, T value, Func<IEnumerable<string>> tags)
    {
        if (context is null || value is null || IsCircuit(context)) return;
        if (context.Items[Key] is not Dictionary<string, Read> reads) context.Items[Key] = reads = new Dictionary<string, Read>(StringComparer.Ordinal);
        lock (reads) reads[key] = new Read(value, tags);
    }

    public static void Forget(HttpContext? context) => context?.Items.Remove(Key);

    /// <summary>
    /// An interactive page's circuit: its "request" is the connection, which lives as long as the page is open, so
    /// nothing read through it is remembered — every event reads the cache again (a role revoked, an entry edited).
    /// </summary>
    private static bool IsCircuit(HttpContext context) => context.Request.Path.StartsWithSegments("/_blazor", StringComparison.Ordinal);
}
