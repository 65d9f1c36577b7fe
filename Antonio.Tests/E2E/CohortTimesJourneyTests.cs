using System.Globalization;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Commerce.Live;
using Antonio.Web.Content;
using Antonio.Web.Learning.Cohorts;
using Microsoft.Playwright;

namespace Antonio.Tests.E2E;

/// <summary>A cohort's openings and a live session's start in the visitor's own time zone, in a real browser set to one the server cannot know.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Journey")]
public sealed class CohortTimesJourneyTests(BrowserFixture browser, SeededDatabaseFixture seeded) : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(seeded.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("Asia/Kolkata")] // half an hour off any UTC hour
    [InlineData("America/Los_Angeles")] // the day before UTC's in the evening
    public async Task A_cohort_page_shows_each_opening_in_the_visitors_time_zone_and_keeps_utc_as_its_title(string zone)
    {
        var winter = await SeededData.WorkshopAsync(seeded.Database, DemoCatalogue.UpcomingCohortWorkshop);
        var opens = winter.StartsAt!.Value;
        var local = TimeZoneInfo.ConvertTime(opens, TimeZoneInfo.FindSystemTimeZoneById(zone));
        await using var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = _app.BaseAddress.ToString(), TimezoneId = zone, Locale = "en-US",
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(CohortLinks.Page(DemoCatalogue.UpcomingCohortSlug));

        var time = page.Locator($"ol.cohort-schedule a[href='/workshops/{winter.Slug}'] ~ span time");
        // The server's UTC text stays as the title once the islands have shown the local time.
        await Assertions.Expect(time).ToHaveAttributeAsync("title", CohortDates.Format(opens));
        var shown = (await time.TextContentAsync())!.Replace('\u202f', ' ');
        Assert.Contains(local.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture), shown, StringComparison.Ordinal);
        Assert.Contains(local.ToString("h:mm tt", CultureInfo.InvariantCulture), shown, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", shown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Asia/Kolkata")]
    [InlineData("America/Los_Angeles")]
    public async Task A_live_session_page_shows_its_start_in_the_visitors_time_zone_beside_the_organisers(string zone)
    {
        var starts = new DateTimeOffset(DateTime.SpecifyKind(await seeded.Database.ScalarAsync<DateTime>("SELECT starts_at FROM live_sessions"), DateTimeKind.Utc));
        var local = TimeZoneInfo.ConvertTime(starts, TimeZoneInfo.FindSystemTimeZoneById(zone));
        await using var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = _app.BaseAddress.ToString(), TimezoneId = zone, Locale = "en-US",
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(LiveLinks.Page(DemoCatalogue.LiveSessionSlug));

        var time = page.Locator("p.live-when time");
        await Assertions.Expect(time).ToHaveAttributeAsync("title", LiveTimes.Utc(starts));
        var shown = (await time.TextContentAsync())!.Replace('\u202f', ' ');
        Assert.Contains(local.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture), shown, StringComparison.Ordinal);
        Assert.Contains(local.ToString("h:mm tt", CultureInfo.InvariantCulture), shown, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("text=(Europe/Berlin)")).ToBeVisibleAsync();
    }
}
