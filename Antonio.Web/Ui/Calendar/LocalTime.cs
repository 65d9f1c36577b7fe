using System.Globalization;

namespace Antonio.Web.Ui.Calendar;

/// <summary>
/// Times a shared page prints in UTC for the islands to show in the visitor's own zone (<c>&lt;time data-local&gt;</c>,
/// islands.js): cohort openings, live sessions.
/// </summary>
public static class LocalTime
{
    /// <summary>The instant a <c>&lt;time data-local&gt;</c> element carries in its <c>datetime</c>.</summary>
    public static string Machine(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}
