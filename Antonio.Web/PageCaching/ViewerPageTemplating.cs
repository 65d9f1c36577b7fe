using System.Text;
using Antonio.Web.Caching;

namespace Antonio.Web.PageCaching;

/// <summary>
/// Renders a missed shared page (<see cref="ViewerPageMiss"/>) as a template: components write slot
/// tokens instead of the viewer's values, the tags of what the page reads are collected, and the template
/// is kept and then filled for this viewer (<see cref="ViewerPages"/>). It stands inside response
/// compression, which leaves the gzip it writes alone.
/// </summary>
internal sealed class ViewerPageTemplating(RequestDelegate next, ViewerPages pages)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<ViewerPageMiss>() is not { } miss)
        {
            await next(context);
            return;
        }
        context.Features.Set<ViewerPageMiss>(null);
        context.RequestServices.GetRequiredService<ViewerSlots>().Templating = true;
        var tags = new HashSet<string>();
        CacheReadTags.CollectInto(context, tags);
        var body = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
            // The template is tagged with what the page was rendered from; this viewer's values, read next to fill
            // it, are theirs alone (their progress changing must not drop the page everyone shares).
            CacheReadTags.Stop(context);
        }
        var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        // Buffered here, so the response never started while a placeholder showed: the streamed batches tell.
        if (html.Contains("<blazor-ssr>", StringComparison.Ordinal)) UnsettledPage.Mark(context);
        var (template, values) = await pages.CutAsync(context, html);
        if (context.Response.StatusCode == StatusCodes.Status200OK && !UnsettledPage.IsMarked(context))
            await pages.StoreAsync(miss, template, tags, context.RequestAborted);
        await pages.WriteAsync(context, template, values);
    }
}
