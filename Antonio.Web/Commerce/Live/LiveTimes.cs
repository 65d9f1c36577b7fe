using System.Globalization;
using Antonio.Data.Commerce;

namespace Antonio.Web.Commerce.Live;

/// <summary>How a live session's time is said: in UTC (what a shared page prints before the islands show the visitor's own zone), and in the organiser's zone.</summary>
public static class LiveTimes
{
    public static string Utc(DateTimeOffset at) => at.ToUniversalTime().ToString("dddd, MMMM d, yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"Tuesday, January 12, 2027, 18:00–19:30 (Europe/Berlin)": the start and end on the organiser's clock.</summary>
    public static string InOrganiserZone(LiveSessionData session)
    {
        var zone = Zone(session.TimeZone);
        var start = TimeZoneInfo.ConvertTime(session.StartsAt, zone);
        var end = TimeZoneInfo.ConvertTime(session.EndsAt, zone);
        var endText = end.Date == start.Date ? end.ToString("HH:mm", CultureInfo.InvariantCulture) : end.ToString("MMMM d, HH:mm", CultureInfo.InvariantCulture);
        return $"{start.ToString("dddd, MMMM d, yyyy, HH:mm", CultureInfo.InvariantCulture)}–{endText} ({zone.Id})";
    }

    public static string Duration(LiveSessionData session)
    {
        var length = session.EndsAt - session.StartsAt;
        return length.TotalMinutes < 60 ? $"{length.TotalMinutes:0} minutes"
            : length.Minutes == 0 ? (length.TotalHours == 1 ? "1 hour" : $"{length.TotalHours:0} hours")
            : $"{(int)length.TotalHours} h {length.Minutes} min";
    }

    /// <summary>An IANA zone the machine knows (the admin form checks it when saved), or UTC.</summary>
    public static TimeZoneInfo Zone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
