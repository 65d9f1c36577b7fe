using System.Text.Json;

namespace Antonio.Web.Security;

/// <summary>
/// Reads the small JSON bodies browsers beacon to us (vitals, video positions): never more than the given
/// number of bytes whatever Content-Length says (a chunked body cannot get past it), null for anything that
/// is not the expected JSON. A malformed chunked body or a stalled one throws BadHttpRequestException
/// (400/408), which the error handler answers with its status code.
/// </summary>
public static class SmallJsonBody
{
    public static async Task<T?> ReadAsync<T>(HttpRequest request, int maxBytes) where T : class
    {
        if (request.ContentLength > maxBytes) return null;
        var buffer = new byte[maxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted)) > 0) length += read;
        if (length == 0 || length > maxBytes) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(buffer.AsSpan(0, length), JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
