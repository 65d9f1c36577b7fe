using Antonio.Web.Access;
using Antonio.Web.Learning;
using static Antonio.Tests.Unit.LessonNavigatorTests;

namespace Antonio.Tests.Unit;

/// <summary>
/// Issue #28: a shared template is keyed by the decision its page renders from; every part of that decision the page
/// shows outside the path must change the key — now and when a part is added (a new property fails this test until it
/// is taught how to vary it).
/// </summary>
[Trait("Category", "Unit")]
public sealed class LearnerPageDecisionTests
{
    [Fact]
    public void Every_part_of_the_decision_changes_its_key()
    {
        var workshop = Workshop(Lesson("a"), Lesson("b"));
        var navigator = new LessonNavigator(workshop);
        var lesson = new LearnerPageDecision(navigator, navigator.Find("a"), AccessFlags.None, false, false, "", false);
        var keys = new HashSet<string> { lesson.Key };
        foreach (var property in typeof(LearnerPageDecision).GetProperties().Where(p => p.CanWrite))
        {
            LearnerPageDecision changed = property.Name switch
            {
                // The path names the lesson and the workshop's instance its contents (a viewer who sees drafts is never shared a page):
                // the key tells only a workshop's page from a lesson's.
                nameof(LearnerPageDecision.Position) => lesson with { Position = null },
                nameof(LearnerPageDecision.Navigator) => null!,
                nameof(LearnerPageDecision.Flags) => lesson with { Flags = AccessFlags.None with { CanViewLesson = true } },
                nameof(LearnerPageDecision.ShowsSolution) => lesson with { ShowsSolution = true },
                nameof(LearnerPageDecision.CohortStarted) => lesson with { CohortStarted = true },
                nameof(LearnerPageDecision.NamedCountry) => lesson with { NamedCountry = "DE" },
                nameof(LearnerPageDecision.ShowsPrices) => lesson with { ShowsPrices = true },
                _ => throw new InvalidOperationException($"Teach this test to change {property.Name}, and the key to follow it."),
            };
            if (changed is null) continue;
            Assert.True(keys.Add(changed.Key), $"{property.Name} does not change the key");
        }
        Assert.Equal(7, keys.Count);
        Assert.NotEqual((lesson with { NamedCountry = "DE" }).Key, (lesson with { NamedCountry = "FR" }).Key);
    }
}
