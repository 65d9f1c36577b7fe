using System.Globalization;
using System.Runtime.CompilerServices;
using Antonio.Data.Content;
using Antonio.Web.Access;
using Antonio.Web.Ui;

namespace Antonio.Web.Learning;

/// <summary>
/// A workshop's Open Graph image (<c>/workshops/{slug}/og.png</c>): its title, description and lesson count on a
/// share card, drawn once per cached workshop instance (an edit brings a new instance, and a new image). Only
/// for workshops anyone may see; drafts and private ones are 404 like their pages.
/// </summary>
internal static class WorkshopShareImage
{
    private static readonly ConditionalWeakTable<WorkshopData, byte[]> Drawn = new();

    public static void MapWorkshopShareImage(this IEndpointRouteBuilder app) =>
        app.MapGet("/workshops/{workshop}/og.png", async (string workshop, WorkshopReader workshops, TimeProvider clock, HttpContext context) =>
        {
            var data = await workshops.GetAsync(workshop, context.RequestAborted);
            if (data is null || !AccessRules.IsReachable(data, AccessContext.Anonymous(clock.GetUtcNow()))) return Results.NotFound();
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(Drawn.GetValue(data, Draw), "image/png");
        });

    private static byte[] Draw(WorkshopData w)
    {
        var lessons = LessonNavigator.For(w).Lessons.Count;
        var kind = AccessRules.IsFreeWorkshop(w) ? "Free workshop" : w.StartsAt is { } starts ? $"Cohort from {starts.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}" : "Workshop";
        return ShareCard.Png(
        [
            new ShareCardLine("ANTONIO WORKSHOPS", 26, Accent: true, After: 90),
            new ShareCardLine(w.Title, 64, Bold: true, After: 80),
            new ShareCardLine(w.Description ?? "", 28, Muted: true, After: 80),
            new ShareCardLine($"{kind} · {lessons} lessons", 30, Accent: true),
        ]);
    }
}
