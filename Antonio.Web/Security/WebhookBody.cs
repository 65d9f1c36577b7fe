using Microsoft.AspNetCore.Http.Features;

namespace Antonio.Web.Security;

/// <summary>Reads a provider's webhook body (Stripe, Mux) whole, for its signature check.</summary>
public static class WebhookBody
{
    /// <summary>
    /// The body as text, never more than <paramref name="maxBytes"/> however it comes: Kestrel enforces the limit
    /// set here for Content-Length and chunked bodies alike (past it the read throws a 413). Or, with an empty body,
    /// the status to answer with (413, or 400/408 for a malformed or stalled body).
    /// </summary>
    public static async Task<(string Body, IResult? Refusal)> ReadAsync(HttpContext context, long maxBytes)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = maxBytes;
        if (context.Request.ContentLength > maxBytes) return ("", Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        try
        {
            return (await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted), null);
        }
        catch (BadHttpRequestException e)
        {
            return ("", Results.StatusCode(e.StatusCode));
        }
    }
}
