using System.Globalization;
using System.Text;

namespace Antonio.Web.Ui.Calendar;

/// <summary>
/// An iCalendar file (RFC 5545) of events: lines end in CRLF and are folded at 75 octets without splitting a
/// character; text values are escaped (backslash, semicolon, comma, line breaks) and lose other control characters,
/// so an author's title can never end the event or start another; times are written in UTC (the "Z" form, which
/// needs no time zone definitions — every calendar shows them in its owner's zone).
/// </summary>
public static class IcsFile
{
    public const string ContentType = "text/calendar; charset=utf-8";
    private const int MaxLineOctets = 75;

    public static string Write(IEnumerable<CalendarEvent> events, DateTimeOffset stamp)
    {
        var ics = new StringBuilder();
        Line(ics, "BEGIN:VCALENDAR");
        Line(ics, "VERSION:2.0");
        Line(ics, "PRODID:-//Antonio Workshops//Calendar//EN");
        Line(ics, "CALSCALE:GREGORIAN");
        Line(ics, "METHOD:PUBLISH");
        foreach (var e in events)
        {
            Line(ics, "BEGIN:VEVENT");
            Line(ics, "UID:" + Text(e.Uid));
            Line(ics, "DTSTAMP:" + Utc(stamp));
            Line(ics, "DTSTART:" + Utc(e.Start));
            // Without DTEND an event with a start time is a moment (RFC 5545, 3.6.1): an opening, not a meeting.
            if (e.End is { } end) Line(ics, "DTEND:" + Utc(end));
            Line(ics, "SUMMARY:" + Text(e.Summary));
            Line(ics, "DESCRIPTION:" + Text(e.Description));
            Line(ics, "URL:" + e.Url.AbsoluteUri);
            Line(ics, "END:VEVENT");
        }
        Line(ics, "END:VCALENDAR");
        return ics.ToString();
    }

    /// <summary>A UTC time in the basic form calendars share: 20261220T160000Z.</summary>
    public static string Utc(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A TEXT value (RFC 5545, 3.3.11).</summary>
    public static string Text(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value.Replace("\r\n", "\n", StringComparison.Ordinal))
        {
            switch (c)
            {
                case '\\' or ';' or ',': text.Append('\\').Append(c); break;
                case '\n' or '\r': text.Append("\\n"); break;
                case '\t': text.Append(c); break;
                default:
                    if (!char.IsControl(c)) text.Append(c);
                    break;
            }
        }
        return text.ToString();
    }

    /// <summary>One content line, folded: a continuation starts with a space, which counts towards its 75 octets.</summary>
    private static void Line(StringBuilder ics, string line)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > MaxLineOctets)
            {
                ics.Append("\r\n ");
                octets = 1;
            }
            ics.Append(rune.ToString());
            octets += size;
        }
        ics.Append("\r\n");
    }
}
