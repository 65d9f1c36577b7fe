namespace Antonio.Web.Caching;

/// <summary>
/// What one request has read through the cache, by key, so a second read of the same key in the same
/// request is answered at once. Forgotten whenever the request writes (<see cref="CacheInvalidator"/>):
/// a page that saves and reads back sees what it saved.
/// </summary>
internal static class RequestReads
{
    private static readonly object Key = new();

    public static bool TryGet<T>(HttpContext? context, string key, out T? value)
    {
        if (context?.Items[Key] is Dictionary<string, object?> reads && reads.TryGetValue(key, out var found) && found is T typed)
        {
            value = typed;
            return true;
        }
        value = default;
        return false;
    }

    public static void Remember<T>(HttpContext? context, string key, T value)
    {
        if (context is null || value is null) return;
        if (context.Items[Key] is not Dictionary<string, object?> reads) context.Items[Key] = reads = new Dictionary<string, object?>(StringComparer.Ordinal);
        lock (reads) reads[key] = value;
    }

    public static void Forget(HttpContext? context) => context?.Items.Remove(Key);
}
