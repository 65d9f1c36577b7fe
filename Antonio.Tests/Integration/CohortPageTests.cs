using System.Net;
using Antonio.Data.Commerce;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Admin;
using Antonio.Web.Content;
using Antonio.Web.Learning.Cohorts;
using Antonio.Web.Ui.Calendar;

namespace Antonio.Tests.Integration;

/// <summary>
/// /cohorts and /cohorts/{slug}: every cohort with a page, its schedule and its price for the visitor; shared whole
/// between anonymous visitors, and fresh after an admin moves an opening or edits the cohort; author text shown literally.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CohortPageTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_cohorts_show_their_schedule_and_price_and_are_served_from_the_page_cache()
    {
        var winter = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.UpcomingCohortWorkshop);
        var autumn = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.LiveCohortWorkshop);

        var list = await _app.SettledAsync(CohortLinks.List);
        Assert.Equal(200, list.Status);
        Assert.Contains($"href=\"{CohortLinks.Page(DemoCatalogue.UpcomingCohortSlug)}\"", list.Body);
        Assert.Contains($"href=\"{CohortLinks.Page(DemoCatalogue.LiveCohortSlug)}\"", list.Body);
        Assert.Contains(CohortDates.Format(winter.StartsAt!.Value), list.Body);
        Assert.Contains(CohortDates.Format(autumn.StartsAt!.Value), list.Body);

        var page = await _app.SettledAsync(CohortLinks.Page(DemoCatalogue.UpcomingCohortSlug));
        Assert.Equal(200, page.Status);
        Assert.Contains("<h1>Cohort: Winter</h1>", page.Body);
        Assert.Contains($"href=\"{WorkshopLinks.Workshop(winter.Slug)}\"", page.Body);
        Assert.Contains("$499", page.Body);
        var product = await fixture.Database.ScalarAsync<Guid>("SELECT id FROM products WHERE name = 'Cohort: Winter'");
        Assert.Contains($"/checkout?product={product}", page.Body);

        var warm = await _app.GetAsync(CohortLinks.Page(DemoCatalogue.UpcomingCohortSlug));
        Assert.True(warm.FromPageCache);
        Assert.Equal(0, warm.Queries);

        Assert.Equal(404, (await _app.GetAsync("/cohorts/no-such-cohort")).Status);
    }

    [Fact]
    public async Task A_cohorts_openings_go_to_a_calendar_as_a_file_and_as_links_on_its_page()
    {
        var winter = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.UpcomingCohortWorkshop);
        var opens = IcsFile.Utc(winter.StartsAt!.Value);
        var workshopUrl = new Uri(_app.BaseAddress, WorkshopLinks.Workshop(winter.Slug)).AbsoluteUri;

        using var file = await _app.Client.GetAsync(CohortCalendar.Path(DemoCatalogue.UpcomingCohortSlug));

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/calendar", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains("winter-cohort.ics", file.Content.Headers.ContentDisposition.ToString(), StringComparison.Ordinal);
        var ics = (await file.Content.ReadAsStringAsync()).Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Contains($"\r\nDTSTART:{opens}\r\n", ics, StringComparison.Ordinal);
        Assert.Contains($"\r\nSUMMARY:{winter.Title} opens (Cohort: Winter)\r\n", ics, StringComparison.Ordinal);
        Assert.Contains($"\r\nURL:{workshopUrl}\r\n", ics, StringComparison.Ordinal);

        var page = await _app.SettledAsync(CohortLinks.Page(DemoCatalogue.UpcomingCohortSlug));
        Assert.Contains($"href=\"{CohortCalendar.Path(DemoCatalogue.UpcomingCohortSlug)}\" download", page.Body, StringComparison.Ordinal);
        Assert.Contains($"https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text=", page.Body, StringComparison.Ordinal);
        Assert.Contains($"dates={opens}/{opens}", page.Body, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await _app.Client.GetAsync(CohortCalendar.Path("no-such-cohort"))).StatusCode);
    }

    [Fact]
    public async Task A_cohort_page_cold_costs_at_most_3_queries()
    {
        // A fresh node with a fresh cache: nothing of the cohort, its workshops or its price is in memory yet.
        await using var fresh = await TestApp.StartAsync(fixture.Database);

        var cold = await fresh.GetAsync(CohortLinks.Page(DemoCatalogue.LiveCohortSlug));

        Assert.Equal(200, cold.Status);
        Assert.InRange(cold.Queries, 1, 3);
    }

    [Fact]
    public async Task Moving_an_opening_or_editing_the_cohort_shows_at_once_and_author_text_stays_text()
    {
        var winter = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.UpcomingCohortWorkshop);
        var path = CohortLinks.Page(DemoCatalogue.UpcomingCohortSlug);
        await _app.SettledAsync(path);
        Assert.True((await _app.GetAsync(path)).FromPageCache);

        var moved = winter.StartsAt!.Value.AddDays(3);
        Assert.Equal(EditOutcome.Saved, await _app.Service<ContentEditor>().UpdateFieldsAsync(winter.Id, null, f => f.StartsAt = moved));
        Assert.Contains(CohortDates.Format(moved), (await _app.SettledAsync(path)).Body);
        Assert.Contains(CohortDates.Format(moved), (await _app.SettledAsync(CohortLinks.List)).Body);

        // The cohort's own form: its description, and its schedule (each workshop's start, written in the same save).
        var products = _app.Service<ProductEditor>();
        var id = await fixture.Database.ScalarAsync<Guid>("SELECT id FROM products WHERE name = 'Cohort: Winter'");
        var (form, version) = (await products.LoadAsync(id))!.Value;
        Assert.Equal(moved, form.OpeningFor(winter.Id).OpensAt);
        form.Description = "<script>alert(1)</script> Meet **every Monday**.";
        var rescheduled = new DateTimeOffset(moved.UtcDateTime.Date.AddDays(7).AddHours(9), TimeSpan.Zero);
        form.OpeningFor(winter.Id).OpensAt = new DateTimeOffset(rescheduled.DateTime); // as the browser's local-time field gives it
        Assert.Equal(EditOutcome.Saved, (await products.SaveAsync(id, version, form, null)).Outcome);
        var page = await _app.SettledAsync(path);
        Assert.Contains("<strong>every Monday</strong>", page.Body);
        Assert.DoesNotContain("<script>alert(1)</script>", page.Body);
        Assert.Contains(CohortDates.Format(rescheduled), page.Body);
        Assert.Equal(rescheduled, (await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.UpcomingCohortWorkshop)).StartsAt);
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_entries WHERE action = 'cohort.schedule' AND entity_id = '{winter.Id}'"));

        // Another product cannot take the address; a product that is not a cohort cannot have one.
        var essentials = await fixture.Database.ScalarAsync<Guid>("SELECT id FROM products WHERE name = 'Cohort: Autumn'");
        var (other, otherVersion) = (await products.LoadAsync(essentials))!.Value;
        other.Slug = DemoCatalogue.UpcomingCohortSlug;
        Assert.Equal(EditOutcome.SlugTaken, (await products.SaveAsync(essentials, otherVersion, other, null)).Outcome);
        Assert.Contains(new ProductForm { Name = "x", Type = ProductTypes.SelfPaced, UnitAmount = 1, WorkshopIds = [winter.Id], Slug = "a-page" }
            .Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new object())), r => r.MemberNames.Contains(nameof(ProductForm.Slug)));
    }
}
