namespace Antonio.Web.Security;

/// <summary>Where the site lives publicly (<c>Antonio:PublicUrl</c>).</summary>
public sealed class SiteOptions
{
    public const string Section = "Antonio";

    /// <summary>
    /// The site's public base URL (scheme, host, optional port and path), e.g. https://workshops.example.com.
    /// Every absolute URL the app sends out — sign-in links, payment return URLs, canonical links — is
    /// built from it, never from the request's Host header. Required outside Development (https in
    /// Production); in Development it defaults to the first address Kestrel listens on.
    /// </summary>
    public string? PublicUrl { get; set; }
}
