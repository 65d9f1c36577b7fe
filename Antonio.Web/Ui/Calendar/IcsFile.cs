using System.Globalization;
using System.Text;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcalCalendar = Ical.Net.Calendar;
using IcalEvent = Ical.Net.CalendarComponents.CalendarEvent;

namespace Antonio.Web.Ui.Calendar;

/// <summary>
/// An iCalendar file (RFC 5545) of events, written by Ical.Net: CRLF lines folded at 75 octets, text values escaped
/// (backslash, semicolon, comma, line breaks), so an author's title can never end the event or start another. Times
/// go in UTC (the "Z" form, which needs no time zone definitions: every calendar shows them in its owner's zone).
/// Control characters other than tab and line breaks are dropped first: RFC 5545 does not allow them in text.
/// </summary>
public static class IcsFile
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Write(IEnumerable<CalendarEvent> events, DateTimeOffset stamp)
    {
        var calendar = new IcalCalendar { ProductId = "-//Antonio Workshops//Calendar//EN", Method = "PUBLISH" };
        foreach (var e in events)
        {
            calendar.Events.Add(new IcalEvent
            {
                Uid = Text(e.Uid),
                DtStamp = At(stamp),
                DtStart = At(e.Start),
                // Without DTEND an event with a start time is a moment (RFC 5545, 3.6.1): an opening, not a meeting.
                DtEnd = e.End is { } end ? At(end) : null,
                Summary = Text(e.Summary),
                Description = Text(e.Description),
                Url = e.Url,
            });
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>A UTC time in the basic form calendars share: 20261220T160000Z.</summary>
    public static string Utc(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static CalDateTime At(DateTimeOffset at) => new(at.UtcDateTime);

    /// <summary>Text without the control characters RFC 5545 does not allow in it (line breaks stay: they are escaped).</summary>
    private static string Text(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (!char.IsControl(c) || c is '\t' or '\n' or '\r') text.Append(c);
        }
        return text.ToString();
    }
}
