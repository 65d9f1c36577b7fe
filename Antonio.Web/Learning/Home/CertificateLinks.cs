namespace Antonio.Web.Learning.Home;

/// <summary>A certificate's addresses (relative: <see cref="Security.SiteUrls"/> makes them absolute).</summary>
public static class CertificateLinks
{
    public static string Page(string code) => "/certificates/" + code;
    public static string Image(string code) => Page(code) + "/og.png";
}
