using Antonio.Data.Content;
using Antonio.Web.Learning;

namespace Antonio.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class LessonNavigatorTests
{
    internal static TreeNode Lesson(string slug, string state = ContentStates.Published, string? tier = null, bool free = false) =>
        new() { Id = Guid.NewGuid(), Type = ContentTypes.Lesson, Slug = slug, Title = slug.ToUpperInvariant(), State = state, Tier = tier, Free = free };

    internal static TreeNode Section(string slug, string? tier, params TreeNode[] lessons) =>
        new() { Id = Guid.NewGuid(), Type = ContentTypes.Section, Slug = slug, Title = slug, State = ContentStates.Published, Tier = tier, Children = lessons };

    internal static WorkshopData Workshop(params TreeNode[] children) =>
        new() { Id = Guid.NewGuid(), Slug = "w", Title = "W", State = ContentStates.Published, Children = children };

    [Fact]
    public void Reading_order_crosses_section_boundaries_both_ways()
    {
        var w = Workshop(Section("s1", null, Lesson("a"), Lesson("b")), Section("s2", null, Lesson("c")), Lesson("top"));
        var nav = new LessonNavigator(w);
        Assert.Equal(["a", "b", "c", "top"], nav.Lessons.Select(l => l.Lesson.Slug));
        var b = nav.Find("b")!;
        Assert.Equal("c", nav.Next(b)!.Lesson.Slug);
        Assert.Equal("s2", nav.Next(b)!.Section!.Slug);
        var c = nav.Find("c")!;
        Assert.Equal("b", nav.Previous(c)!.Lesson.Slug);
        Assert.Null(nav.Previous(nav.Find("a")!));
        Assert.Null(nav.Next(nav.Find("top")!));
        Assert.Null(nav.Find("top")!.Section);
    }

    [Fact]
    public void First_lesson_is_the_first_child_of_the_first_section_or_the_first_top_level_lesson()
    {
        Assert.Equal("a", new LessonNavigator(Workshop(Section("s1", null, Lesson("a")), Lesson("x"))).First!.Lesson.Slug);
        Assert.Equal("x", new LessonNavigator(Workshop(Lesson("x"), Section("s1", null, Lesson("a")))).First!.Lesson.Slug);
        Assert.Null(new LessonNavigator(Workshop()).First);
    }

    [Fact]
    public void Drafts_are_skipped_for_learners_and_kept_for_admins()
    {
        var w = Workshop(Section("s1", null, Lesson("a"), Lesson("draft", ContentStates.Draft), Lesson("b")));
        var learner = new LessonNavigator(w);
        Assert.Equal(["a", "b"], learner.Lessons.Select(l => l.Lesson.Slug));
        Assert.Equal("b", learner.Next(learner.Find("a")!)!.Lesson.Slug);
        Assert.Null(learner.Find("draft"));
        Assert.NotNull(new LessonNavigator(w, includeDrafts: true).Find("draft"));
    }

    [Fact]
    public void Lessons_are_found_by_id_as_well_as_slug()
    {
        var a = Lesson("a");
        var nav = new LessonNavigator(Workshop(Section("s", null, a)));
        Assert.Same(a, nav.Find(a.Id.ToString())!.Lesson);
        Assert.Null(nav.Find(Guid.NewGuid().ToString()));
    }
}
