using Microsoft.Extensions.Primitives;

namespace Antonio.Web.Security;

/// <summary>
/// Turns away, before anything else reads them, requests no page could answer well: a query string too
/// long for any real link (414), a NUL character in a query value or a posted form field (400 —
/// PostgreSQL refuses NUL in text, and a streamed section that found out mid-page used to break),
/// and a form body that cannot be read (400, or 413 when too large). The status code pages give each a
/// clear page.
/// </summary>
public sealed partial class RequestGuard(RequestDelegate next, ILogger<RequestGuard> log)
{
    public const int MaxQueryLength = 4096;

    public async Task InvokeAsync(HttpContext context)
    {
        if (await RefusalAsync(context.Request, context.RequestAborted) is { } status)
        {
            LogRefused(log, context.Request.Method, context.Request.Path.Value, status);
            context.Response.StatusCode = status;
            return;
        }
        await next(context);
    }

    private static async Task<int?> RefusalAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.QueryString.Value is { Length: > MaxQueryLength }) return StatusCodes.Status414UriTooLong;
        if (HasNul(request.Query)) return StatusCodes.Status400BadRequest;
        // URL-encoded forms only: they are small and read anyway (the read is kept for the page). Multipart
        // uploads are left to their endpoint.
        if (!HttpMethods.IsPost(request.Method) || !IsUrlEncodedForm(request)) return null;
        try
        {
            return HasNul(await request.ReadFormAsync(ct)) ? StatusCodes.Status400BadRequest : null;
        }
        catch (BadHttpRequestException e)
        {
            return e.StatusCode; // too large (413), cut short or too slow (400/408)
        }
        catch (InvalidDataException)
        {
            return StatusCodes.Status400BadRequest; // too many fields, a field too long
        }
    }

    private static bool IsUrlEncodedForm(HttpRequest request) =>
        request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    private static bool HasNul(IEnumerable<KeyValuePair<string, StringValues>> values)
    {
        foreach (var (key, value) in values)
        {
            if (key.Contains('\0')) return true;
            foreach (var v in value)
                if (v?.Contains('\0') == true) return true;
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path} with {Status}: unusable input")]
    private static partial void LogRefused(ILogger logger, string method, string? path, int status);
}
