using Antonio.Data.Content;
using Antonio.Web.Admin;
using Bunit;

namespace Antonio.Tests.Components;

/// <summary>The structure editor: reorder, free/paid, remove only after confirming, add with validation.</summary>
[Trait("Category", "Unit")]
public sealed class WorkshopStructureViewTests : ComponentTestContext
{
    private static readonly Guid WorkshopId = Guid.NewGuid();
    private static readonly TreeNode LessonA = new() { Id = Guid.NewGuid(), Type = ContentTypes.Lesson, Title = "Lesson A", State = "published" };
    private static readonly TreeNode LessonB = new() { Id = Guid.NewGuid(), Type = ContentTypes.Lesson, Title = "Lesson B", State = "draft", Tier = LinkTiers.Free };
    private static readonly TreeNode Section = new() { Id = Guid.NewGuid(), Type = ContentTypes.Section, Title = "Basics", State = "published", Children = [LessonA, LessonB] };
    private static readonly WorkshopData Tree = new() { Id = WorkshopId, Slug = "w", Title = "W", Children = [Section] };

    private readonly List<object> _calls = [];

    private IRenderedComponent<WorkshopStructureView> Render(NewChildForm? form = null) =>
        Render<WorkshopStructureView>(p => p.Add(x => x.Tree, Tree).Add(x => x.NewChild, form ?? new NewChildForm { ParentId = WorkshopId })
            .Add(x => x.OnMove, m => _calls.Add(m)).Add(x => x.OnSetFree, f => _calls.Add(f))
            .Add(x => x.OnRemove, id => _calls.Add(id)).Add(x => x.OnAdd, (NewChildForm c) => _calls.Add(c)));

    [Fact]
    public void Moves_name_the_parent_and_the_direction_and_the_ends_cannot_move_further()
    {
        var cut = Render();
        Assert.True(cut.Find("button[aria-label='Move Lesson A up']").HasAttribute("disabled"));
        Assert.True(cut.Find("button[aria-label='Move Lesson B down']").HasAttribute("disabled"));
        cut.Find("button[aria-label='Move Lesson B up']").Click();
        Assert.Equal((Section.Id, LessonB.Id, -1), Assert.Single(_calls));
    }

    [Fact]
    public void The_free_toggle_flips_the_link_tier()
    {
        var cut = Render();
        var rowA = cut.Find($"[data-id='{LessonA.Id}']");
        Assert.DoesNotContain("free", rowA.QuerySelector(".muted")!.TextContent);
        rowA.QuerySelectorAll("button").Single(b => b.TextContent == "Make free").Click();
        cut.Find($"[data-id='{LessonB.Id}']").QuerySelectorAll("button").Single(b => b.TextContent == "Make paid").Click();
        Assert.Equal([(Section.Id, LessonA.Id, true), (Section.Id, LessonB.Id, false)], _calls.Cast<(Guid, Guid, bool)>());
    }

    [Fact]
    public void Remove_asks_first_and_can_be_kept()
    {
        var cut = Render();
        cut.Find("button[aria-label='Remove Lesson A']").Click();
        Assert.Empty(_calls);
        cut.FindAll("button").Single(b => b.TextContent == "Keep").Click();
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent == "Confirm remove");
        cut.Find("button[aria-label='Remove Lesson A']").Click();
        cut.FindAll("button").Single(b => b.TextContent == "Confirm remove").Click();
        Assert.Equal(LessonA.Id, Assert.Single(_calls));
    }

    [Fact]
    public void Adding_needs_a_title_and_a_url_safe_slug_if_one_is_given()
    {
        var cut = Render();
        cut.Find("form").Submit();
        Assert.Contains(cut.FindAll(".validation-message"), m => m.TextContent.Contains("Title field is required"));
        cut.Find("#new-title").Change("Generics: the Basics!");
        cut.Find("#new-slug").Change("Not OK");
        cut.Find("form").Submit();
        Assert.Contains(cut.FindAll(".validation-message"), m => m.TextContent.Contains("single hyphens"));
        Assert.Empty(_calls);
        cut.Find("#new-slug").Change("");
        cut.Find("#new-free").Change(true);
        cut.Find("form").Submit();
        var added = Assert.IsType<NewChildForm>(Assert.Single(_calls));
        Assert.Equal("generics-the-basics", added.EffectiveSlug);
        Assert.True(added.Free);
    }

    [Fact]
    public void Sections_can_only_be_added_at_the_top_level()
    {
        var cut = Render();
        Assert.Contains(cut.FindAll("#new-type option"), o => o.GetAttribute("value") == ContentTypes.Section);
        cut.Find("#new-parent").Change(Section.Id.ToString());
        Assert.DoesNotContain(cut.FindAll("#new-type option"), o => o.GetAttribute("value") == ContentTypes.Section);
    }
}
