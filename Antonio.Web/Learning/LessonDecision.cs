using Antonio.Data.Content;
using Antonio.Web.Access;

namespace Antonio.Web.Learning;

/// <summary>
/// Which lesson a key names in a workshop (drafts only for those who may see them) and what this viewer may do
/// with it: the lesson page's decision, and the one its caption track and resume position are held to.
/// </summary>
public static class LessonDecision
{
    public static (LessonNavigator Navigator, LessonPosition? Position, AccessFlags Flags) For(WorkshopData workshop, AccessContext viewer, string lessonKey)
    {
        var navigator = LessonNavigator.For(workshop, includeDrafts: AccessRules.CanSeeDrafts(workshop, viewer));
        var position = lessonKey.Length <= WorkshopReader.MaxKeyLength ? navigator.Find(lessonKey) : null;
        return (navigator, position, position is null ? AccessFlags.None : AccessRules.ForLesson(workshop, position.Lesson, position.Section, viewer));
    }
}
