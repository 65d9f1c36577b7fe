using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Security;

/// <summary>
/// Absolute URLs of this site, from the configured public URL — never from the request's Host header,
/// which a client chooses (a sign-in link built from it is an account takeover). In Development,
/// without a configured URL, the first address Kestrel listens on stands in.
/// </summary>
public sealed class SiteUrls(IOptions<SiteOptions> options, IServer server)
{
    private Uri? _base;

    /// <summary>The public base URL, always ending in '/'.</summary>
    public Uri Base => _base ?? Resolve();

    /// <summary>The absolute URL of a site-relative path ("/account/magic?token=…").</summary>
    public string Absolute(string relative) => new Uri(Base, relative.TrimStart('/')).AbsoluteUri;

    /// <summary>
    /// Whether a cookie-authenticated POST without a form token came from our own pages: browsers say where a
    /// request came from (Sec-Fetch-Site, else Origin); another site's page cannot post as the learner.
    /// </summary>
    public bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return site == "same-origin";
        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && Uri.TryCreate(origin, UriKind.Absolute, out var url)
            && string.Equals(url.GetLeftPart(UriPartial.Authority), Base.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The configured URL; in Development without one, the address Kestrel listens on — remembered only once it is
    /// known (a port of 0 means "not bound yet": asking before the server started must not fix a wrong address).
    /// </summary>
    private Uri Resolve()
    {
        var configured = options.Value.PublicUrl;
        var final = true;
        if (string.IsNullOrWhiteSpace(configured))
        {
            // Development only (the validator requires the setting elsewhere): where this process listens.
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
            configured = address.Replace("://+", "://localhost").Replace("://*", "://localhost")
                .Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost");
            final = Uri.TryCreate(configured, UriKind.Absolute, out var listening) && listening.Port != 0;
        }
        var resolved = new Uri(configured.EndsWith('/') ? configured : configured + "/");
        if (final) _base = resolved;
        return resolved;
    }
}
