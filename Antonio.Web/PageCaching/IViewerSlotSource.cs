namespace Antonio.Web.PageCaching;

/// <summary>The values of some viewer slots (<see cref="ViewerSlots"/>), for one request.</summary>
public interface IViewerSlotSource
{
    /// <summary>The slots this source fills.</summary>
    IReadOnlyCollection<string> Slots { get; }

    /// <summary>
    /// Whether every viewer's value of <paramref name="slot"/> has the same length in bytes (a class of
    /// fixed spelling, a token of fixed format). A template takes the width from the viewer it was rendered
    /// for and compresses the text after such a slot against the text before it (<see cref="GzipSegments"/>),
    /// which is what makes a page with a slot in every list item as small as the page rendered whole.
    /// </summary>
    bool HasFixedWidth(string slot) => false;

    /// <summary>
    /// Looks up what the slots need for this viewer once, and returns the function that gives a slot's
    /// value for an argument: HTML, already encoded, as UTF-8 (the bytes that are sent; sources hand out
    /// shared arrays for values that repeat, which nobody writes to).
    /// </summary>
    ValueTask<Func<string, string, byte[]>> PrepareAsync(HttpContext context);
}
