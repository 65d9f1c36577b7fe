namespace Antonio.Web.Commerce.Live;

/// <summary>Live session addresses, in one place.</summary>
public static class LiveLinks
{
    public const string List = "/live";

    public static string Page(string slug) => List + "/" + Uri.EscapeDataString(slug);

    /// <summary>Where a ticket holder is sent on to the session (<see cref="LiveJoin"/>).</summary>
    public static string Join(string slug) => Page(slug) + "/join";

    public static string Calendar(string slug) => Page(slug) + "/calendar.ics";
}
