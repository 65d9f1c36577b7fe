using System.Text;
using Antonio.Web.Ui.Calendar;

namespace Antonio.Tests.Unit;

/// <summary>The calendar file (RFC 5545) and add-to-calendar links a cohort's openings go out as.</summary>
[Trait("Category", "Unit")]
public sealed class IcsFileTests
{
    private static readonly DateTimeOffset Opens = new(2026, 12, 20, 16, 30, 0, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset Stamp = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CalendarEvent Event(string summary = "TypeScript in Depth opens", string description = "Every lesson is yours.") =>
        new("cohort-1-2@example.com", Opens, null, summary, description, new Uri("https://workshops.example.com/workshops/typescript"));

    [Fact]
    public void A_file_is_one_calendar_of_events_in_utc_with_crlf_lines()
    {
        var ics = IcsFile.Write([Event()], Stamp);

        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nVERSION:2.0\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nPRODID:-//Antonio Workshops//Calendar//EN\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nMETHOD:PUBLISH\r\n", ics, StringComparison.Ordinal);
        Assert.EndsWith("END:VEVENT\r\nEND:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", ics.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\r\nDTSTART:20261220T153000Z\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nDTSTAMP:20261207T090000Z\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nUID:cohort-1-2@example.com\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nURL:https://workshops.example.com/workshops/typescript\r\n", ics, StringComparison.Ordinal);
        // An opening is a moment: no end (RFC 5545, 3.6.1); a span has one.
        Assert.DoesNotContain("DTEND", ics, StringComparison.Ordinal);
        Assert.Contains("\r\nDTEND:20261220T163000Z\r\n", IcsFile.Write([Event() with { End = Opens.AddHours(1) }], Stamp), StringComparison.Ordinal);
    }

    [Fact]
    public void An_authors_text_cannot_end_the_event_or_start_another()
    {
        var ics = IcsFile.Write([Event("Evil\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Pay here; now, please \\ \u0007", "Line one\nLine two")], Stamp);

        Assert.Single(Lines(ics), l => l == "BEGIN:VEVENT");
        Assert.Single(Lines(ics), l => l.StartsWith("SUMMARY:", StringComparison.Ordinal));
        Assert.Contains(@"SUMMARY:Evil\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:Pay here\; now\, please \\ ", Unfolded(ics), StringComparison.Ordinal);
        Assert.DoesNotContain("\u0007", ics, StringComparison.Ordinal);
        Assert.Contains(@"DESCRIPTION:Line one\nLine two", Unfolded(ics), StringComparison.Ordinal);
    }

    [Fact]
    public void Long_lines_fold_at_75_octets_without_splitting_a_character_and_unfold_to_the_text()
    {
        var title = string.Concat(Enumerable.Repeat("Zürich ☕ 🎓 ", 20));
        var ics = IcsFile.Write([Event(title)], Stamp);

        Assert.All(ics.Split("\r\n"), line => Assert.InRange(Encoding.UTF8.GetByteCount(line), 0, 75));
        Assert.DoesNotContain('\uFFFD', ics);
        Assert.Contains("SUMMARY:" + title.Replace(",", "\\,", StringComparison.Ordinal), Unfolded(ics), StringComparison.Ordinal);
    }

    [Fact]
    public void Add_to_calendar_links_carry_the_event_encoded()
    {
        var e = Event("C# & F#: types", "Bring questions") with { End = Opens.AddHours(1) };

        var google = new Uri(CalendarLinks.Google(e));
        var outlook = new Uri(CalendarLinks.Outlook(e));

        Assert.Equal("calendar.google.com", google.Host);
        Assert.Contains("dates=20261220T153000Z/20261220T163000Z", google.Query, StringComparison.Ordinal);
        Assert.Contains("text=C%23%20%26%20F%23%3A%20types", google.Query, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString("https://workshops.example.com/workshops/typescript"), google.Query, StringComparison.Ordinal);
        Assert.Equal("outlook.live.com", outlook.Host);
        Assert.Contains("startdt=2026-12-20T15%3A30%3A00Z&enddt=2026-12-20T16%3A30%3A00Z", outlook.Query, StringComparison.Ordinal);
        // A moment: the same start and end.
        Assert.Contains("dates=20261220T153000Z/20261220T153000Z", CalendarLinks.Google(Event()), StringComparison.Ordinal);
    }

    private static string Unfolded(string ics) => ics.Replace("\r\n ", "", StringComparison.Ordinal);

    private static string[] Lines(string ics) => Unfolded(ics).Split("\r\n");
}
