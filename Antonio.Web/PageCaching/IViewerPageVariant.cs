namespace Antonio.Web.PageCaching;

/// <summary>
/// Says, for a signed-in viewer's request of a <see cref="SharedPageAttribute"/> page, everything about
/// the viewer that the page shows apart from its slots — the access decision, the prices offered — as a
/// short key. Viewers with the same key share one rendered template. Null: render this one for the viewer
/// alone (staff, who see drafts; anything unusual).
/// </summary>
public interface IViewerPageVariant
{
    ValueTask<ViewerPageVariant?> VariantAsync(HttpContext context);
}

/// <summary>
/// A shared page's key, and optionally the cached value it was decided from (its <paramref name="Basis"/>,
/// e.g. the workshop): a template made from that very instance is used only while the cache still hands
/// out that instance, so the template needs no tag that the basis's own removal already follows
/// (<paramref name="CoveredTags"/>) — fewer tags to check on every hit.
/// </summary>
public sealed record ViewerPageVariant(string Key, object? Basis = null, IReadOnlySet<string>? CoveredTags = null);
