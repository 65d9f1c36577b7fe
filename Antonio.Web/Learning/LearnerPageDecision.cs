using Antonio.Data.Content;
using Antonio.Web.Access;

namespace Antonio.Web.Learning;

/// <summary>
/// Everything a workshop or lesson page shows that depends on its viewer, decided once per request: which lessons
/// the viewer's contents list holds (drafts only for those who may see them), the lesson a key names, the access
/// flags, whether the solution is open, whether the cohort has started, the country a region notice names and
/// whether prices show. The page renders from this object and a shared template is keyed by it
/// (<see cref="Key"/>, <see cref="LearnerPageVariant"/>), so the key cannot forget what the page shows; the caption
/// track and the resume position are held to the same decision.
/// </summary>
public sealed record LearnerPageDecision(
    LessonNavigator Navigator,
    LessonPosition? Position,
    AccessFlags Flags,
    bool ShowsSolution,
    bool CohortStarted,
    string NamedCountry,
    bool ShowsPrices)
{
    /// <summary>A workshop's page as it is shown without a query (the team-quantity link prices seats of its own).</summary>
    public static LearnerPageDecision ForWorkshop(WorkshopData workshop, AccessContext viewer, int? teamQuantity = null)
    {
        var flags = AccessRules.ForWorkshop(workshop, viewer);
        return new(LessonNavigator.For(workshop, includeDrafts: AccessRules.CanSeeDrafts(workshop, viewer)), null, flags, false,
            Started(workshop, viewer), "", PricingPlacement.OnWorkshopPage(workshop, flags, teamQuantity));
    }

    /// <summary>A lesson's page (and its solution's): the lesson the key names, or no position when it names none the viewer may find.</summary>
    public static LearnerPageDecision ForLesson(WorkshopData workshop, AccessContext viewer, string lessonKey)
    {
        var navigator = LessonNavigator.For(workshop, includeDrafts: AccessRules.CanSeeDrafts(workshop, viewer));
        var position = lessonKey.Length <= WorkshopReader.MaxKeyLength ? navigator.Find(lessonKey) : null;
        if (position is null) return new(navigator, null, AccessFlags.None, false, Started(workshop, viewer), "", false);
        var flags = AccessRules.ForLesson(workshop, position.Lesson, position.Section, viewer);
        return new(navigator, position, flags, AccessRules.HasVisibleSolution(workshop, position.Lesson, viewer), Started(workshop, viewer),
            flags.IsRegionRestricted ? viewer.Country : "", PricingPlacement.OnLessonPage(flags));
    }

    private static bool Started(WorkshopData workshop, AccessContext viewer) => !(workshop.StartsAt > viewer.Now);

    /// <summary>
    /// The decision in a few characters, different whenever any part of it is (a test varies each one). The position
    /// is named by the path already, the navigator by the workshop's instance and whether drafts show — and a viewer
    /// who sees drafts is never shared a page. Each part is made of characters the others cannot contain where they
    /// meet, so the key is exact.
    /// </summary>
    public string Key => string.Concat([Position is null ? "w" : "l", ShowsSolution ? "s" : "", "-", Flags.Key, "-", CohortStarted ? "S" : "s", "-",
        NamedCountry, "-", ShowsPrices ? "p" : ""]);
}
