using Antonio.Data.Content;

namespace Antonio.Web.Content;

/// <summary>
/// The learner URLs (docs/domain.md, content), built in one place — every feature links to workshops, so they live
/// with the content — and every slug escaped.
/// </summary>
public static class WorkshopLinks
{
    public static string Workshop(string slug) => "/workshops/" + Uri.EscapeDataString(slug);

    public static string Workshop(WorkshopData workshop) => Workshop(workshop.Slug);

    public static string Lesson(string workshopSlug, string lessonSlug) => Workshop(workshopSlug) + "/" + Uri.EscapeDataString(lessonSlug);

    public static string Lesson(WorkshopData workshop, TreeNode lesson) => Lesson(workshop.Slug, lesson.Slug);

    public static string Solution(WorkshopData workshop, TreeNode lesson) => Lesson(workshop, lesson) + "/solution";

    /// <summary>The workshop's share image (Open Graph), drawn from its title and description.</summary>
    public static string ShareImage(WorkshopData workshop) => Workshop(workshop) + "/og.png";

    /// <summary>The lesson video's captions (WebVTT from its transcript), for viewers who may watch it.</summary>
    public static string Captions(WorkshopData workshop, TreeNode lesson) => Lesson(workshop, lesson) + "/captions.vtt";
}
