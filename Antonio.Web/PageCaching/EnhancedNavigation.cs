namespace Antonio.Web.PageCaching;

/// <summary>
/// Blazor's enhanced navigation as the page caches see it: the request asks for it in its Accept header, and the
/// response consents with <c>blazor-enhanced-nav: allow</c>. A cached copy made for one is kept apart from a whole load.
/// </summary>
internal static class EnhancedNavigation
{
    public const string Header = "blazor-enhanced-nav";
    public const string Allowed = "allow";

    public static bool Asked(HttpRequest request) => request.Headers.Accept.ToString().Contains(Header, StringComparison.Ordinal);
}
