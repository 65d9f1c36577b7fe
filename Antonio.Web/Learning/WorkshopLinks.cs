using Antonio.Data.Content;

namespace Antonio.Web.Learning;

/// <summary>The learner URLs (§5a), built in one place.</summary>
public static class WorkshopLinks
{
    public static string Workshop(WorkshopData workshop) => "/workshops/" + Uri.EscapeDataString(workshop.Slug);

    public static string Lesson(WorkshopData workshop, TreeNode lesson) =>
        Workshop(workshop) + "/" + Uri.EscapeDataString(lesson.Slug);

    public static string Solution(WorkshopData workshop, TreeNode lesson) => Lesson(workshop, lesson) + "/solution";

    /// <summary>The workshop's share image (Open Graph), drawn from its title and description.</summary>
    public static string ShareImage(WorkshopData workshop) => Workshop(workshop) + "/og.png";

    /// <summary>schema.org's Course for a workshop page (JSON-LD), with absolute addresses from the public URL.</summary>
    public static object CourseData(WorkshopData workshop, Security.SiteUrls urls) => new Dictionary<string, object?>
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "Course",
        ["name"] = workshop.Title,
        ["description"] = workshop.Description ?? workshop.Title,
        ["url"] = urls.Absolute(Workshop(workshop)),
        ["image"] = urls.Absolute(ShareImage(workshop)),
        ["isAccessibleForFree"] = Access.AccessRules.IsFreeWorkshop(workshop),
        ["provider"] = new Dictionary<string, object?> { ["@type"] = "Organization", ["name"] = "Antonio Workshops", ["url"] = urls.Base.ToString() },
    };

    /// <summary>The lesson video's captions (WebVTT from its transcript), for viewers who may watch it.</summary>
    public static string Captions(WorkshopData workshop, TreeNode lesson) => Lesson(workshop, lesson) + "/captions.vtt";
}
