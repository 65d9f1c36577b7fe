namespace Antonio.Web.Access.Account;

/// <summary>Where sign-in may send a user back to: this site's own paths only (no open redirects).</summary>
public static class ReturnUrls
{
    public static bool IsSafe(string? url) =>
        !string.IsNullOrEmpty(url) && url.Length <= 2048
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl)
        && !url.Contains("://", StringComparison.Ordinal);

    public static string OrHome(string? url) => IsSafe(url) ? url! : "/";
}
