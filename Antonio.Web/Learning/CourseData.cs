using Antonio.Data.Content;
using Antonio.Web.Access;
using Antonio.Web.Content;
using Antonio.Web.Security;

namespace Antonio.Web.Learning;

/// <summary>schema.org's Course for a workshop page (JSON-LD), with absolute addresses from the public URL.</summary>
public static class CourseData
{
    public static object For(WorkshopData workshop, SiteUrls urls) => new Dictionary<string, object?>
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "Course",
        ["name"] = workshop.Title,
        ["description"] = workshop.Description ?? workshop.Title,
        ["url"] = urls.Absolute(WorkshopLinks.Workshop(workshop)),
        ["image"] = urls.Absolute(WorkshopLinks.ShareImage(workshop)),
        ["isAccessibleForFree"] = AccessRules.IsFreeWorkshop(workshop),
        ["provider"] = new Dictionary<string, object?> { ["@type"] = "Organization", ["name"] = "Antonio Workshops", ["url"] = urls.Base.ToString() },
    };
}
