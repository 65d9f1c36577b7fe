using Antonio.Data.Commerce;
using Antonio.Data.Content;
using Antonio.Web.Learning;
using Bunit;
using static Antonio.Tests.Unit.LessonNavigatorTests;

namespace Antonio.Tests.Components;

[Trait("Category", "Unit")]
public sealed class WorkshopNavigationTests : ComponentTestContext
{
    private static WorkshopData Paid(params TreeNode[] children) => Workshop(children) with
    {
        Products = [new WorkshopProduct { Id = Guid.NewGuid(), Name = "P", Type = ProductTypes.SelfPaced, Status = 1, UnitAmountCents = 100 }],
    };

    [Fact]
    public void Marks_the_current_lesson_and_only_it()
    {
        var b = Lesson("b");
        var w = Paid(Section("s1", null, Lesson("a"), b), Section("s2", null, Lesson("c")));
        var cut = Render<WorkshopNavigation>(p => p.Add(x => x.Workshop, w).Add(x => x.CurrentLessonId, b.Id));
        var current = cut.FindAll("a[aria-current=page]");
        Assert.Single(current);
        Assert.Equal("/workshops/w/b", current[0].GetAttribute("href"));
        Assert.Contains("current", current[0].ParentElement!.ClassName);
    }

    [Fact]
    public void Shows_free_badges_for_free_lessons_free_sections_and_free_flags_of_paid_workshops()
    {
        var w = Paid(
            Section("s1", null, Lesson("free-link", tier: LinkTiers.Free), Lesson("paid"), Lesson("free-flag", free: true)),
            Section("s2", LinkTiers.Free, Lesson("in-free-section")));
        var cut = Render<WorkshopNavigation>(p => p.Add(x => x.Workshop, w));
        string? BadgeFor(string slug) => cut.Find($"a[href='/workshops/w/{slug}']").ParentElement!.QuerySelector(".badge")?.TextContent;
        Assert.Equal("Free", BadgeFor("free-link"));
        Assert.Equal("Free", BadgeFor("free-flag"));
        Assert.Equal("Free", BadgeFor("in-free-section"));
        Assert.Null(BadgeFor("paid"));
    }

    [Fact]
    public void A_free_workshop_needs_no_per_lesson_badges()
    {
        var w = Workshop(Section("s1", null, Lesson("a", tier: LinkTiers.Free), Lesson("b")));
        var cut = Render<WorkshopNavigation>(p => p.Add(x => x.Workshop, w));
        Assert.Empty(cut.FindAll("li .badge"));
    }

    [Fact]
    public void Hides_drafts_and_keeps_reading_order()
    {
        var w = Paid(Section("s1", null, Lesson("a"), Lesson("d", ContentStates.Draft), Lesson("b")), Lesson("top"));
        var cut = Render<WorkshopNavigation>(p => p.Add(x => x.Workshop, w));
        var hrefs = cut.FindAll("nav a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/workshops/w/a", "/workshops/w/b", "/workshops/w/top"], hrefs);
    }
}
