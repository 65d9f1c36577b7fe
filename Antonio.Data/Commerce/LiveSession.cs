namespace Antonio.Data.Commerce;

/// <summary>
/// A live session: what a <see cref="ProductTypes.Live"/> product sells a ticket to — a moment (start, end) in its
/// organiser's time zone, a number of seats, and the address where it happens, which only a ticket holder is sent to
/// and only near the start. Its page is the product's (<see cref="Product.Slug"/>, <see cref="Product.Description"/>).
/// </summary>
public class LiveSession
{
    public Guid ProductId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    /// <summary>The organiser's IANA time zone (Europe/Berlin): how the page says the time beside the visitor's own.</summary>
    public string TimeZone { get; set; } = "Etc/UTC";
    /// <summary>How many tickets may be held at once (refunded ones free their seat); null: no limit.</summary>
    public int? Capacity { get; set; }
    /// <summary>Where the session happens (a video call): never on a page, only behind the join check.</summary>
    public string? JoinUrl { get; set; }
}
