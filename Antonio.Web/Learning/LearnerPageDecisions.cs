using Antonio.Data.Content;
using Antonio.Web.Access;

namespace Antonio.Web.Learning;

/// <summary>
/// A request's page decisions, each made once: the shared template's key (<see cref="LearnerPageVariant"/>) and the
/// page it keys (<c>WorkshopPage</c>, <c>LessonPage</c>) read the same <see cref="LearnerPageDecision"/> object. Each is
/// handed to the access shadow check (<see cref="AccessShadow"/>), which may decide it again from a fresh snapshot.
/// </summary>
public sealed class LearnerPageDecisions(AccessShadow shadow)
{
    // Usually one decision per request, sometimes two (a layout and its page): a list made on first need.
    private List<(WorkshopData Workshop, AccessContext Viewer, string? Lesson, int? TeamQuantity, LearnerPageDecision Decision)>? _made;

    public LearnerPageDecision ForWorkshop(WorkshopData workshop, AccessContext viewer, int? teamQuantity = null)
    {
        if (Find(workshop, viewer, null, teamQuantity) is { } made) return made;
        var decision = Keep(workshop, viewer, null, teamQuantity, LearnerPageDecision.ForWorkshop(workshop, viewer, teamQuantity));
        if (shadow.Samples(viewer)) CheckInShadow(workshop, viewer, null, teamQuantity, decision);
        return decision;
    }

    public LearnerPageDecision ForLesson(WorkshopData workshop, AccessContext viewer, string lessonKey)
    {
        if (Find(workshop, viewer, lessonKey, null) is { } made) return made;
        var decision = Keep(workshop, viewer, lessonKey, null, LearnerPageDecision.ForLesson(workshop, viewer, lessonKey));
        // No such lesson: nothing was decided about the viewer.
        if (decision.Position is not null && shadow.Samples(viewer)) CheckInShadow(workshop, viewer, lessonKey, null, decision);
        return decision;
    }

    /// <summary>A method of its own, so a decision outside the sampled share allocates no closure.</summary>
    private void CheckInShadow(WorkshopData workshop, AccessContext viewer, string? lessonKey, int? teamQuantity, LearnerPageDecision served) =>
        shadow.Check(lessonKey is null ? "workshop" : "lesson", lessonKey is null ? workshop.Slug : $"{workshop.Slug}/{lessonKey}", viewer, served.Key,
            fresh => (lessonKey is null ? LearnerPageDecision.ForWorkshop(workshop, fresh, teamQuantity) : LearnerPageDecision.ForLesson(workshop, fresh, lessonKey)).Key);

    private LearnerPageDecision? Find(WorkshopData workshop, AccessContext viewer, string? lesson, int? teamQuantity)
    {
        if (_made is null) return null;
        foreach (var made in _made)
            if (ReferenceEquals(made.Workshop, workshop) && ReferenceEquals(made.Viewer, viewer) && made.Lesson == lesson && made.TeamQuantity == teamQuantity)
                return made.Decision;
        return null;
    }

    private LearnerPageDecision Keep(WorkshopData workshop, AccessContext viewer, string? lesson, int? teamQuantity, LearnerPageDecision decision)
    {
        (_made ??= []).Add((workshop, viewer, lesson, teamQuantity, decision));
        return decision;
    }
}
