namespace Antonio.Web.Ui.Calendar;

/// <summary>
/// One event for a learner's calendar: when (an instant, or a span when <paramref name="End"/> is set), what it is and
/// where to read more. <paramref name="Uid"/> stays the same for the same event, so a calendar that imports the file
/// again updates the event instead of adding a second one.
/// </summary>
public sealed record CalendarEvent(string Uid, DateTimeOffset Start, DateTimeOffset? End, string Summary, string Description, Uri Url);
