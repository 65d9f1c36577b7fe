namespace Antonio.Web.Ui.Calendar;

/// <summary>
/// "Add to calendar" links for the two web calendars most learners use: each opens the calendar's new-event form
/// filled with the event (nothing is sent to them until the learner saves it). Other calendars take the .ics file.
/// </summary>
public static class CalendarLinks
{
    public static string Google(CalendarEvent e) =>
        "https://calendar.google.com/calendar/render?action=TEMPLATE&text=" + Uri.EscapeDataString(e.Summary)
        + "&dates=" + IcsFile.Utc(e.Start) + "/" + IcsFile.Utc(e.End ?? e.Start)
        + "&details=" + Uri.EscapeDataString(Details(e));

    public static string Outlook(CalendarEvent e) =>
        "https://outlook.live.com/calendar/0/action/compose?rru=addevent&subject=" + Uri.EscapeDataString(e.Summary)
        + "&startdt=" + Uri.EscapeDataString(Iso(e.Start)) + "&enddt=" + Uri.EscapeDataString(Iso(e.End ?? e.Start))
        + "&body=" + Uri.EscapeDataString(Details(e));

    private static string Details(CalendarEvent e) => e.Description + "\n\n" + e.Url.AbsoluteUri;

    private static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
