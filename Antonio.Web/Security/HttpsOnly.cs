using Microsoft.Extensions.Options;

namespace Antonio.Web.Security;

/// <summary>
/// Production serves pages over https only (its cookies are Secure): a plain-http request — one that did
/// not come through a trusted TLS proxy saying otherwise — is redirected (308) to the same path on the
/// public URL. The framework's HTTPS redirection would build the target from the request's Host.
/// Health checks and metrics, which load balancers and Prometheus fetch over the internal network,
/// are answered as they are.
/// </summary>
public sealed class HttpsOnly(RequestDelegate next, SiteUrls urls)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.IsHttps || request.Path.StartsWithSegments("/health") || request.Path.StartsWithSegments("/metrics")) return next(context);
        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = urls.Absolute(request.Path.ToUriComponent() + request.QueryString.ToUriComponent());
        return Task.CompletedTask;
    }
}
