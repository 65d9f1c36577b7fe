namespace Antonio.Web.PageCaching;

/// <summary>The values of some viewer slots (<see cref="ViewerSlots"/>), for one request.</summary>
public interface IViewerSlotSource
{
    /// <summary>The slots this source fills.</summary>
    IReadOnlyCollection<string> Slots { get; }

    /// <summary>
    /// Looks up what the slots need for this viewer once, and returns the function that gives a slot's
    /// value (HTML, already encoded) for an argument.
    /// </summary>
    ValueTask<Func<string, string, string>> PrepareAsync(HttpContext context);
}
