using Antonio.Data.Content;
using Antonio.Web.Access;

namespace Antonio.Web.Learning;

/// <summary>
/// A request's page decisions, each made once: the shared template's key (<see cref="LearnerPageVariant"/>) and the
/// page it keys (<c>WorkshopPage</c>, <c>LessonPage</c>) read the same <see cref="LearnerPageDecision"/> object.
/// </summary>
public sealed class LearnerPageDecisions
{
    private readonly List<(WorkshopData Workshop, AccessContext Viewer, string? Lesson, int? TeamQuantity, LearnerPageDecision Decision)> _made = [];

    public LearnerPageDecision ForWorkshop(WorkshopData workshop, AccessContext viewer, int? teamQuantity = null) =>
        Find(workshop, viewer, null, teamQuantity) ?? Keep(workshop, viewer, null, teamQuantity, LearnerPageDecision.ForWorkshop(workshop, viewer, teamQuantity));

    public LearnerPageDecision ForLesson(WorkshopData workshop, AccessContext viewer, string lessonKey) =>
        Find(workshop, viewer, lessonKey, null) ?? Keep(workshop, viewer, lessonKey, null, LearnerPageDecision.ForLesson(workshop, viewer, lessonKey));

    private LearnerPageDecision? Find(WorkshopData workshop, AccessContext viewer, string? lesson, int? teamQuantity)
    {
        foreach (var made in _made)
            if (ReferenceEquals(made.Workshop, workshop) && ReferenceEquals(made.Viewer, viewer) && made.Lesson == lesson && made.TeamQuantity == teamQuantity)
                return made.Decision;
        return null;
    }

    private LearnerPageDecision Keep(WorkshopData workshop, AccessContext viewer, string? lesson, int? teamQuantity, LearnerPageDecision decision)
    {
        _made.Add((workshop, viewer, lesson, teamQuantity, decision));
        return decision;
    }
}
