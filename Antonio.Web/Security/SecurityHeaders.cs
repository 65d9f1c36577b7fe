using Microsoft.Extensions.Options;

namespace Antonio.Web.Security;

/// <summary>
/// The headers every response carries: a Content-Security-Policy with scripts from this origin only (no eval, and
/// no inline script but the page boot one, allowed by its hash: <see cref="InlineScripts"/>), no framing, nosniff, a
/// referrer policy and a permissions policy. HSTS is added by the framework in Production.
/// </summary>
public sealed class SecurityHeaders
{
    private readonly RequestDelegate _next;
    private readonly string _policy;

    public SecurityHeaders(RequestDelegate next, IOptions<SecurityHeadersOptions> options)
    {
        _next = next;
        _policy = Policy(options.Value);
    }

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = _policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), fullscreen=(self), picture-in-picture=(self)";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return _next(context);
    }

    /// <summary>
    /// Styles allow inline attributes (placeholders size themselves with style="…"; no script can run
    /// from a style). Images may come from any https origin (admins link cover images). Blazor's
    /// interactive admin pages connect back to this origin ('self' covers ws/wss of the same host).
    /// </summary>
    public static string Policy(SecurityHeadersOptions options)
    {
        static string With(string first, IEnumerable<string> more) => string.Join(' ', more.Order(StringComparer.Ordinal).Prepend(first));
        return string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' {InlineScripts.PageBootSource}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: https:",
            "font-src 'self'",
            With("media-src 'self' blob:", options.MediaOrigins),
            With("connect-src 'self'", options.MediaOrigins.Union(options.ConnectOrigins)),
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
            With("form-action 'self'", options.FormActionOrigins));
    }
}
