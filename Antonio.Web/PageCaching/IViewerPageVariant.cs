namespace Antonio.Web.PageCaching;

/// <summary>
/// Says, for a signed-in viewer's request of a <see cref="SharedPageAttribute"/> page, everything about
/// the viewer that the page shows apart from its slots — the access decision, the prices offered — as a
/// short key. Viewers with the same key share one rendered template. Null: render this one for the viewer
/// alone (staff, who see drafts; anything unusual).
/// </summary>
public interface IViewerPageVariant
{
    ValueTask<string?> VariantAsync(HttpContext context);
}
