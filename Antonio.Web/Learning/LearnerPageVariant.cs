using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Antonio.Data.Commerce;
using Antonio.Data.Content;
using Antonio.Web.Access;
using Antonio.Web.Commerce;
using Antonio.Web.PageCaching;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Antonio.Web.Learning;

/// <summary>
/// The shared-template key of a learner page for a signed-in viewer: everything about the viewer the
/// page shows outside its slots. The catalogue pages show nothing of the viewer; a workshop or lesson
/// page shows the access decision (<see cref="AccessRules"/>), the visitor's country where a region
/// notice names it, and — where prices show (<see cref="PricingPlacement"/>) — the quotes themselves,
/// so every learner offered the same prices shares the page. Staff, who see drafts and the admin link,
/// get pages of their own (null).
/// </summary>
internal sealed class LearnerPageVariant(WorkshopReader workshops, QuoteService quotes) : IViewerPageVariant
{
    public async ValueTask<string?> VariantAsync(HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern: var pattern }) return null;
        var viewer = await context.RequestServices.GetRequiredService<ViewerContext>().CurrentAsync(context.RequestAborted);
        if (viewer.Snapshot is not { } snapshot || snapshot.Roles.Count > 0) return null;
        if (context.GetRouteValue("workshop") is not string key) return pattern.Parameters.Count == 0 ? "learner" : null;
        var workshop = await workshops.GetAsync(key, context.RequestAborted);
        if (workshop is null || AccessRules.CanSeeDrafts(workshop, viewer)) return null;

        var decision = new StringBuilder();
        AccessFlags flags;
        bool pricing;
        if (context.GetRouteValue("lesson") is string lessonKey)
        {
            var found = lessonKey.Length <= WorkshopReader.MaxKeyLength ? LessonNavigator.For(workshop).Find(lessonKey) : null;
            if (found is null) return null;
            flags = AccessRules.ForLesson(workshop, found.Lesson, found.Section, viewer);
            pricing = PricingPlacement.OnLessonPage(flags);
            decision.Append("lesson|").Append(AccessRules.HasVisibleSolution(workshop, found.Lesson, viewer)).Append('|');
        }
        else
        {
            flags = AccessRules.ForWorkshop(workshop, viewer);
            pricing = PricingPlacement.OnWorkshopPage(workshop, flags, teamQuantity: null);
            decision.Append("workshop|");
        }
        decision.Append(flags).Append('|').Append(workshop.StartsAt > viewer.Now); // "starts" or "started"
        if (flags.IsRegionRestricted) decision.Append('|').Append(viewer.Country);
        if (pricing && !AccessRules.IsFreeWorkshop(workshop))
        {
            var offered = await quotes.QuoteAsync(workshop.Products.Where(p => p.Status == RecordStatus.Active).Select(p => p.Id).ToList(), viewer, code: null, quantity: 1,
                context.RequestAborted);
            decision.Append('|').Append(JsonSerializer.Serialize(offered.Select(q => new { q.Product.ProductId, q.Quote })));
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(decision.ToString())), 0, 12).ToLowerInvariant();
    }
}
