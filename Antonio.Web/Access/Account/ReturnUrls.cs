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

    /// <summary>Where a signed-in learner lands when nothing asked for another page: their home.</summary>
    public const string Default = "/dashboard";

    /// <summary>The asked-for page when it is safe and is not the front page (a visitor signing in from there wants their home), else the dashboard.</summary>
    public static string OrDashboard(string? url) => IsSafe(url) && url != "/" ? url! : Default;
}
