using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
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
            offer = OfferKey([.. offered.Select(q => new OfferedPrice(q.Product.ProductId, q.Quote))]);
        }
        // The offer is hex, after the decision's last separator: the key stays exact.
        return new ViewerPageVariant(string.Concat([decision.Key, "-", offer]), workshop,
            WorkshopReader.TagsCoveredBy(workshop));
    }

    /// <summary>
    /// The quotes in a few characters: a hash of every field of every quote as JSON (a field added to a quote is in it
    /// without a change here). Written into this thread's buffer and hashed on the stack: this runs on every signed-in
    /// page where prices show, and on a busy node every allocation is paid for again in collections (docs/benchmarks.md).
    /// </summary>
    private static string OfferKey(OfferedPrice[] offered)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(2048);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, offered, OfferJson.Default.OfferedPriceArray);
        writer.Flush();
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash[..12]);
    }

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;
}

internal sealed record OfferedPrice(Guid ProductId, Quote Quote);

[JsonSerializable(typeof(OfferedPrice[]))]
internal sealed partial class OfferJson : JsonSerializerContext;
