using System.Collections.Frozen;

namespace Antonio.Web.Observability;

/// <summary>
/// The route patterns of this app's endpoints ("/workshops/{Workshop}", as a page's antonio-route meta names them):
/// what a real-user metric may be filed under. Read once, after the endpoints are built.
/// </summary>
public sealed class KnownRoutes(EndpointDataSource endpoints)
{
    private readonly Lazy<FrozenSet<string>> _patterns = new(() => endpoints.Endpoints.OfType<RouteEndpoint>()
        .Select(e => e.RoutePattern.RawText).OfType<string>().Select(p => p.StartsWith('/') ? p : "/" + p)
        .ToFrozenSet(StringComparer.Ordinal));

    public bool IsPage(string route) => _patterns.Value.Contains(route);
}
