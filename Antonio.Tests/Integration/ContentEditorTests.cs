using Antonio.Data.Content;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Admin;
using Antonio.Web.Learning;

namespace Antonio.Tests.Integration;

/// <summary>The write path admin forms use: slug rules, uniqueness, audit rows, nothing half-written.</summary>
[Trait("Category", "Integration")]
public sealed class ContentEditorTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("typescript-in-depth", true), InlineData("a", true), InlineData("lesson-2", true), InlineData("", false),
     InlineData("Upper", false), InlineData("with space", false), InlineData("-leading", false), InlineData("trailing-", false),
     InlineData("double--hyphen", false), InlineData("ünïcode", false), InlineData("a/b", false), InlineData("<script>", false)]
    public void Slugs_must_be_url_safe(string slug, bool valid) => Assert.Equal(valid, ContentEditor.IsValidSlug(slug));

    [Fact]
    public void Slugs_have_a_length_limit() => Assert.False(ContentEditor.IsValidSlug(new string('a', ContentEditor.MaxSlugLength + 1)));

    [Fact]
    public async Task An_edit_writes_an_audit_row_with_before_after_and_who()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 11);
        var lesson = new LessonNavigator(workshop).Lessons[1].Lesson;
        var admin = await fixture.Database.ScalarAsync<Guid>("SELECT id FROM users WHERE email = 'admin@antonio.dev'");
        Assert.Equal(EditOutcome.Saved, await _app.Service<ContentEditor>().UpdateFieldsAsync(lesson.Id, null, f => f.Title = "Audited title", admin));
        var row = await fixture.Database.ScalarAsync<string>($"""
            SELECT user_id || '|' || action || '|' || entity_type || '|' || (before->>'title') || '|' || (after->>'title')
              FROM audit_entries WHERE entity_id = '{lesson.Id}' ORDER BY id DESC LIMIT 1
            """);
        Assert.Equal($"{admin}|content.update|{ContentTypes.Lesson}|{lesson.Title}|Audited title", row);
    }

    [Fact]
    public async Task A_slug_taken_by_another_resource_of_the_type_is_refused_and_nothing_is_written()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 8);
        var lessons = new LessonNavigator(workshop).Lessons;
        var audits = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM audit_entries");
        var outcome = await _app.Service<ContentEditor>().UpdateFieldsAsync(lessons[0].Lesson.Id, null, f => f.Slug = lessons[1].Lesson.Slug);
        Assert.Equal(EditOutcome.SlugTaken, outcome);
        Assert.Equal(lessons[0].Lesson.Slug, await fixture.Database.ScalarAsync<string>($"SELECT fields->>'slug' FROM content_resources WHERE id = '{lessons[0].Lesson.Id}'"));
        Assert.Equal(audits, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM audit_entries"));
    }

    [Fact]
    public async Task An_unsafe_slug_is_refused_before_the_database()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 7);
        var lesson = new LessonNavigator(workshop).Lessons[0].Lesson;
        Assert.Equal(EditOutcome.InvalidSlug, await _app.Service<ContentEditor>().UpdateFieldsAsync(lesson.Id, null, f => f.Slug = "Not A Slug"));
        Assert.Equal(EditOutcome.NotFound, await _app.Service<ContentEditor>().UpdateFieldsAsync(Guid.NewGuid(), null, f => f.Title = "x"));
    }
}
