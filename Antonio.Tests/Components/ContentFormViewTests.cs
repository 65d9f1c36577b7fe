using Antonio.Web.Admin;
using Bunit;

namespace Antonio.Tests.Components;

/// <summary>The admin content form: field validation, live preview, save only when valid.</summary>
[Trait("Category", "Unit")]
public sealed class ContentFormViewTests : ComponentTestContext
{
    private static ContentForm Valid() => new() { Title = "Generics", Slug = "generics", Body = "# Hi", State = "published", Visibility = "public" };

    [Fact]
    public void Invalid_fields_show_messages_and_do_not_save()
    {
        var saved = 0;
        var model = Valid();
        model.Title = "";
        model.Slug = "Not A Slug";
        model.CoverImage = "javascript:alert(1)";
        var cut = Render<ContentFormView>(p => p.Add(x => x.Model, model).Add(x => x.Type, "workshop").Add(x => x.OnSave, () => saved++));
        cut.Find("form").Submit();
        var messages = cut.FindAll(".validation-message").Select(m => m.TextContent).ToList();
        Assert.Contains(messages, m => m.Contains("Title field is required"));
        Assert.Contains(messages, m => m.Contains("lower-case letters, digits and single hyphens"));
        Assert.Contains(messages, m => m.Contains("https:// address"));
        Assert.Equal(0, saved);
    }

    [Fact]
    public void An_end_before_the_start_is_refused()
    {
        var saved = 0;
        var model = Valid();
        model.StartsAt = new DateTimeOffset(2026, 5, 2, 0, 0, 0, TimeSpan.Zero);
        model.EndsAt = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var cut = Render<ContentFormView>(p => p.Add(x => x.Model, model).Add(x => x.Type, "workshop").Add(x => x.OnSave, () => saved++));
        cut.Find("form").Submit();
        Assert.Contains(cut.FindAll(".validation-message"), m => m.TextContent.Contains("end must come after the start"));
        Assert.Equal(0, saved);
    }

    [Fact]
    public void A_valid_form_saves()
    {
        var saved = 0;
        var cut = Render<ContentFormView>(p => p.Add(x => x.Model, Valid()).Add(x => x.OnSave, () => saved++));
        cut.Find("form").Submit();
        Assert.Equal(1, saved);
        Assert.Empty(cut.FindAll(".validation-message"));
    }

    [Fact]
    public void The_preview_follows_the_body_as_it_is_typed_and_never_renders_raw_html()
    {
        var model = Valid();
        var cut = Render<ContentFormView>(p => p.Add(x => x.Model, model));
        cut.Find("#body").Input("## Typed heading\n\n<script>alert(1)</script>");
        var preview = cut.Find("section.preview");
        Assert.Equal("Typed heading", preview.QuerySelector("h2")!.TextContent);
        Assert.Null(preview.QuerySelector("script"));
        Assert.Equal("## Typed heading\n\n<script>alert(1)</script>", model.Body);
    }

    [Fact]
    public void Save_messages_are_shown()
    {
        var cut = Render<ContentFormView>(p => p.Add(x => x.Model, Valid()).Add(x => x.Message, "Someone else saved this").Add(x => x.MessageIsError, true));
        Assert.Equal("Someone else saved this", cut.Find(".form-error").TextContent);
    }

    [Fact]
    public void A_video_form_edits_the_player_fields_and_a_ready_video_needs_a_playback_id()
    {
        var saved = 0;
        var model = Valid();
        var cut = Render<ContentFormView>(p => p.Add(x => x.Model, model).Add(x => x.Type, "video_resource").Add(x => x.OnSave, () => saved++));
        Assert.Empty(cut.FindAll("#body"));
        cut.Find("#video-state").Change("ready");
        cut.Find("#duration").Change("-4");
        cut.Find("#playback").Change("bad id!");
        cut.Find("form").Submit();
        var messages = cut.FindAll(".validation-message").Select(m => m.TextContent).ToList();
        Assert.Contains(messages, m => m.Contains("between 0 and 86400"));
        Assert.Contains(messages, m => m.Contains("exactly as the video host gives it"));
        cut.Find("#duration").Change("312");
        cut.Find("#playback").Change("");
        cut.Find("form").Submit();
        Assert.Contains(cut.FindAll(".validation-message"), m => m.TextContent.Contains("needs its playback id"));
        cut.Find("#playback").Change("a1B2-c3_D4");
        cut.Find("#transcript").Change("Hello and welcome.");
        cut.Find("form").Submit();
        Assert.Equal(1, saved);
        Assert.Equal(("a1B2-c3_D4", 312, "ready"), (model.PlaybackId, model.DurationSeconds, model.VideoState));
    }
}

/// <summary>Issue #12.2 in the admin's live preview: the same corpus, typed into the body, previews harmless.</summary>
[Trait("Category", "Unit")]
public sealed class ContentPreviewXssTests : ComponentTestContext
{
    public static TheoryData<string> Vectors() => Antonio.Tests.Infrastructure.XssCorpus.Theory();

    [Theory]
    [MemberData(nameof(Vectors))]
    public void The_live_preview_renders_nothing_that_can_run(string markdown)
    {
        var model = new ContentForm { Title = "T", Slug = "t", Body = markdown, State = "draft", Visibility = "public" };
        var cut = Render<ContentFormView>(p => p.Add(x => x.Model, model).Add(x => x.Type, "lesson"));
        Assert.Empty(Antonio.Tests.Infrastructure.XssCorpus.Violations(cut.Find("section.preview").InnerHtml));
    }
}
