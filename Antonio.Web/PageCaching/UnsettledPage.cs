using Microsoft.AspNetCore.OutputCaching;

namespace Antonio.Web.PageCaching;

/// <summary>
/// Marks a response that shows something other than the page's settled state: a placeholder that went out
/// while a cold read was still pending (the rest streamed after it), or a section degraded by an outage. It
/// still goes to this visitor, but neither page cache stores it — stored, every later visitor would get the
/// placeholder and the script-driven swap (a flash and a layout's worth of main-thread work), or the outage
/// message long after the data is back. The next render, with warm reads, settles at once and is stored.
/// </summary>
public static class UnsettledPage
{
    public static void Mark(HttpContext? context)
    {
        if (context is null) return;
        context.Features.Set(Marker.Instance);
        // The output cache decides at the end of the response, so a mark made while streaming still counts.
        if (context.Features.Get<IOutputCacheFeature>() is { } output) output.Context.AllowCacheStorage = false;
    }

    /// <summary>
    /// A streaming section shows its placeholder. Most of the time its read finishes before anything is sent
    /// and the placeholder never leaves the server; the page is unsettled only if the response starts while a
    /// placeholder is still shown (<see cref="PlaceholderGone"/> when its content replaces it).
    /// </summary>
    public static void PlaceholderShown(HttpContext? context)
    {
        if (context is null) return;
        if (context.Features.Get<LivePlaceholders>() is not { } live)
        {
            live = new LivePlaceholders();
            context.Features.Set(live);
            if (!context.Response.HasStarted) context.Response.OnStarting(MarkIfShown, (context, live));
        }
        live.Count++;
    }

    public static void PlaceholderGone(HttpContext? context)
    {
        if (context?.Features.Get<LivePlaceholders>() is { } live) live.Count--;
    }

    /// <summary>Marked here, or answered from a stale cache entry (<see cref="Caching.StaleReads"/>): either way not a page to keep.</summary>
    internal static bool IsMarked(HttpContext context) => context.Features.Get<Marker>() is not null || Caching.StaleReads.Seen(context);

    private static Task MarkIfShown(object state)
    {
        var (context, live) = ((HttpContext, LivePlaceholders))state;
        if (live.Count > 0) Mark(context);
        return Task.CompletedTask;
    }

    /// <summary>Blazor renders one request on one synchronisation context: no locking needed.</summary>
    private sealed class LivePlaceholders
    {
        public int Count;
    }

    private sealed class Marker
    {
        public static readonly Marker Instance = new();
    }
}
