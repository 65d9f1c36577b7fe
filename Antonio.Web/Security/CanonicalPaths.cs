namespace Antonio.Web.Security;

/// <summary>
/// Learner URLs have one spelling: slugs are lower case, so /workshops/TypeScript-In-Depth is
/// redirected (301) to /workshops/typescript-in-depth (only slug-shaped paths: anything else is a 404 as it is). Before this, the slug lookup was case-sensitive
/// while the page cache was not, and the upper-case URL answered 200 only while the lower-case page
/// happened to be cached.
/// </summary>
public sealed class CanonicalPaths(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && request.Path.StartsWithSegments("/workshops", StringComparison.OrdinalIgnoreCase)
            && request.Path.Value!.Any(char.IsAsciiLetterUpper)
            && request.Path.Value!.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/'))
        {
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            // A relative Location (the host is never echoed back), escaped as a URI (any non-ASCII stays legal in the header).
            var canonical = request.PathBase + new PathString(request.Path.Value!.ToLowerInvariant());
            context.Response.Headers.Location = canonical.ToUriComponent() + request.QueryString.ToUriComponent();
            return Task.CompletedTask;
        }
        return next(context);
    }
}
