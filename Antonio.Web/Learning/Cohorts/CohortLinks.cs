namespace Antonio.Web.Learning.Cohorts;

/// <summary>Cohort addresses, in one place.</summary>
public static class CohortLinks
{
    public const string List = "/cohorts";

    public static string Page(string slug) => List + "/" + Uri.EscapeDataString(slug);
}
