using Antonio.Web.Observability;

namespace Antonio.Web.PageCaching;

/// <summary>
/// Serves a signed-in viewer's shared page from its template (<see cref="ViewerPages"/>). It stands before
/// the output cache and response compression, so a hit writes its own gzip straight to the connection;
/// a miss goes on, marked (<see cref="ViewerPageMiss"/>), to be rendered by <see cref="ViewerPageTemplating"/>.
/// </summary>
internal sealed class ViewerPageHits(RequestDelegate next, ViewerPages pages, RequestStatsAccessor stats)
{
    public async Task InvokeAsync(HttpContext context)
    {
        context.Features.Set<ViewerPageMiss>(null); // a re-executed request (an error page) starts unmarked
        if (await pages.PageAsync(context) is not { } page)
        {
            await next(context);
            return;
        }
        var found = await pages.FindAsync(page, context.RequestAborted);
        if (stats.Current is { } current) (current.ViewerPageLookup, current.ViewerPageHit) = (true, found is not null);
        if (found is not null)
        {
            await pages.WriteAsync(context, found);
            return;
        }
        context.Features.Set(page);
        await next(context);
    }
}

/// <summary>A shared page (its template key and variant); set on the request when its template was not found: render it as one.</summary>
internal sealed record ViewerPageMiss(string Key, ViewerPageVariant Variant);
