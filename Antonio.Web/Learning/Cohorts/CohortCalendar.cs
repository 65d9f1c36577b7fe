using Antonio.Data.Commerce;
using Antonio.Web.Content;
using Antonio.Web.Security;
using Antonio.Web.Ui.Calendar;

namespace Antonio.Web.Learning.Cohorts;

/// <summary>
/// A cohort's openings for the learner's calendar: one event per scheduled workshop, the moment it opens, linking to
/// the workshop on the public URL — as a file (<c>/cohorts/{slug}/calendar.ics</c>) and as add-to-calendar links on
/// the cohort's page. Built from the cached cohort (no query when warm); the same event keeps its id when the opening
/// moves, so importing the file again moves it in the calendar.
/// </summary>
public static class CohortCalendar
{
    public static string Path(string slug) => CohortLinks.Page(slug) + "/calendar.ics";

    public static CalendarEvent? Opening(CohortData cohort, CohortWorkshop workshop, SiteUrls urls) =>
        workshop.OpensAt is not { } opens ? null : new CalendarEvent(
            $"cohort-{cohort.ProductId:N}-{workshop.Id:N}@{urls.Base.Host}",
            opens,
            End: null,
            $"{workshop.Title} opens ({cohort.Name})",
            $"{cohort.Name}: {workshop.Title} opens to the cohort. Every lesson is yours from then on.",
            new Uri(urls.Absolute(WorkshopLinks.Workshop(workshop.Slug))));

    public static WebApplication MapCohortCalendar(this WebApplication app)
    {
        app.MapGet("/cohorts/{slug}/calendar.ics", async (string slug, CohortReader cohorts, SiteUrls urls, TimeProvider clock, HttpContext context) =>
        {
            if (await cohorts.GetAsync(slug, context.RequestAborted) is not { } cohort) return Results.NotFound();
            var events = cohort.Schedule.Select(w => Opening(cohort, w, urls)).OfType<CalendarEvent>();
            return Results.File(System.Text.Encoding.UTF8.GetBytes(IcsFile.Write(events, clock.GetUtcNow())), IcsFile.ContentType, cohort.Slug + ".ics");
        });
        return app;
    }
}
