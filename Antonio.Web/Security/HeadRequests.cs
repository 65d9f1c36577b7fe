namespace Antonio.Web.Security;

/// <summary>
/// HEAD is answered like GET without a body (RFC 9110): pages are mapped for GET only, so HEAD used to
/// be a 404 everywhere. The request goes through as a GET; Kestrel still knows the request line said
/// HEAD and sends no body.
/// </summary>
public sealed class HeadRequests(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsHead(context.Request.Method)) context.Request.Method = HttpMethods.Get;
        return next(context);
    }
}
