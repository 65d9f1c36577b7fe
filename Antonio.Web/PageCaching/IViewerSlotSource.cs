namespace Antonio.Web.PageCaching;

/// <summary>The values of some viewer slots (<see cref="ViewerSlots"/>), for one request.</summary>
public interface IViewerSlotSource
{
    /// <summary>The slots this source fills.</summary>
    IReadOnlyCollection<string> Slots { get; }

    /// <summary>
    /// Looks up what the slots need for this viewer once, and returns the function that gives a slot's
    /// value for an argument: HTML, already encoded, as UTF-8 (the bytes that are sent; sources hand out
    /// shared arrays for values that repeat, which nobody writes to).
    /// </summary>
    ValueTask<Func<string, string, byte[]>> PrepareAsync(HttpContext context);
}
