using Antonio.Data.Commerce;
using Antonio.Web.Commerce.Live;
using Antonio.Web.Security;
using Antonio.Web.Ui.Calendar;

namespace Antonio.Web.Learning.Live;

/// <summary>
/// A live session for the learner's calendar: its start and end, linking to its page on the public URL (never to where
/// it happens: the page's join link decides who goes there, and when) — as a file (<c>/live/{slug}/calendar.ics</c>)
/// and as add-to-calendar links on the page. The event keeps its id when the session moves, so importing the file
/// again moves it in the calendar.
/// </summary>
public static class LiveCalendar
{
    public static CalendarEvent Session(LiveSessionData session, SiteUrls urls) => new(
        $"live-{session.ProductId:N}@{urls.Base.Host}",
        session.StartsAt,
        session.EndsAt,
        session.Name,
        $"{session.Name}, live. Ticket holders join from the session's page: {urls.Absolute(LiveLinks.Page(session.Slug))}",
        new Uri(urls.Absolute(LiveLinks.Page(session.Slug))));

    public static WebApplication MapLiveCalendar(this WebApplication app)
    {
        app.MapGet(LiveLinks.List + "/{slug}/calendar.ics", async (string slug, LiveSessionReader sessions, SiteUrls urls, TimeProvider clock, HttpContext context) =>
        {
            if (await sessions.GetAsync(slug, context.RequestAborted) is not { } session) return Results.NotFound();
            return Results.File(System.Text.Encoding.UTF8.GetBytes(IcsFile.Write([Session(session, urls)], clock.GetUtcNow())), IcsFile.ContentType, session.Slug + ".ics");
        });
        return app;
    }
}
