namespace Antonio.Web.Security;

/// <summary>
/// Marks each request with whether its connection came from a trusted proxy (<see cref="ProxiedRequest"/>),
/// from the connection's own address — before the forwarded-headers middleware replaces that address
/// with the client's.
/// </summary>
public sealed class ProxyTrust(RequestDelegate next, TrustedProxies proxies)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Features.Set(new ProxiedRequest(proxies.Contains(context.Connection.RemoteIpAddress)));
        return next(context);
    }
}
