using Microsoft.AspNetCore.Diagnostics;

namespace Antonio.Web.Security;

/// <summary>
/// An error page re-executed for a failed POST (a 429 from the rate limiter, a 400 from a guard, an
/// exception) is rendered as a GET: the re-executed request would otherwise reach the page as a form
/// post without a form and answer a 400 about its content type instead of the real status's page.
/// Sits after the error handlers, so it sees only their re-executions.
/// </summary>
public sealed class ErrorPageRequests(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var reExecuted = context.Features.Get<IStatusCodeReExecuteFeature>() is not null
                         || context.Features.Get<IExceptionHandlerPathFeature>() is not null;
        if (reExecuted && !HttpMethods.IsGet(context.Request.Method)) context.Request.Method = HttpMethods.Get;
        return next(context);
    }
}
