using System.Security.Cryptography;
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
/// page shows its <see cref="LearnerPageDecision"/> — the very object the page renders from — and, where
/// prices show, the quotes themselves, so every learner offered the same prices shares the page. Staff, who see drafts and the admin link,
/// get pages of their own (null). The workshop instance is the basis of its pages' templates
/// (<see cref="ViewerPageVariant"/>): an edit anywhere in its tree, or of its products, brings a new instance.
/// </summary>
internal sealed class LearnerPageVariant(WorkshopReader workshops, QuoteService quotes) : IViewerPageVariant
{
    private static readonly ViewerPageVariant Catalogue = new("learner");

    public async ValueTask<ViewerPageVariant?> VariantAsync(HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern: var pattern } endpoint
            || endpoint.Metadata.GetMetadata<Home.LearnerHomePageAttribute>() is not null) return null; // a page of one viewer's own
        var viewer = await context.RequestServices.GetRequiredService<ViewerContext>().CurrentAsync(context.RequestAborted);
        if (viewer.Snapshot is not { } snapshot || snapshot.Roles.Count > 0) return null;
        if (context.GetRouteValue("workshop") is not string key) return pattern.Parameters.Count == 0 ? Catalogue : null;
        var workshop = await workshops.GetAsync(key, context.RequestAborted);
        if (workshop is null || AccessRules.CanSeeDrafts(workshop, viewer)) return null;

        var decisions = context.RequestServices.GetRequiredService<LearnerPageDecisions>();
        var lessonKey = context.GetRouteValue("lesson") as string;
        var decision = lessonKey is null ? decisions.ForWorkshop(workshop, viewer) : decisions.ForLesson(workshop, viewer, lessonKey);
        if (lessonKey is not null && decision.Position is null) return null; // no such lesson: the page says so to everyone alike
        var offer = "";
        if (decision.ShowsPrices && !AccessRules.IsFreeWorkshop(workshop))
        {
            var offered = await quotes.QuoteAsync(workshop.Products.Where(p => p.Status == RecordStatus.Active).Select(p => p.Id).ToList(), viewer, code: null, quantity: 1,
                context.RequestAborted);
            var json = JsonSerializer.SerializeToUtf8Bytes(offered.Select(q => new { q.Product.ProductId, q.Quote }));
            offer = Convert.ToHexStringLower(SHA256.HashData(json), 0, 12);
        }
        // The offer is hex, after the decision's last separator: the key stays exact.
        return new ViewerPageVariant(string.Concat([decision.Key, "-", offer]), workshop,
            WorkshopReader.TagsCoveredBy(workshop));
    }
}
