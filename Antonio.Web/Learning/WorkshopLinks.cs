using Antonio.Data.Content;

namespace Antonio.Web.Learning;

/// <summary>The learner URLs (§5a), built in one place.</summary>
public static class WorkshopLinks
{
    public static string Workshop(WorkshopData workshop) => "/workshops/" + Uri.EscapeDataString(workshop.Slug);

    public static string Lesson(WorkshopData workshop, TreeNode lesson) =>
        Workshop(workshop) + "/" + Uri.EscapeDataString(lesson.Slug);

    public static string Solution(WorkshopData workshop, TreeNode lesson) => Lesson(workshop, lesson) + "/solution";

    /// <summary>The lesson video's captions (WebVTT from its transcript), for viewers who may watch it.</summary>
    public static string Captions(WorkshopData workshop, TreeNode lesson) => Lesson(workshop, lesson) + "/captions.vtt";
}
