using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;

namespace Antonio.Web.PageCaching;

/// <summary>
/// The viewer's own antiforgery request token, for every form of a shared template (slot "af").
/// A request token stays valid for as long as its session's antiforgery cookie and user do, so it is
/// made once per (cookie, user) and remembered for a while: making one is a Data Protection operation,
/// the dearest part of filling a page. (It goes out in a stored, uncompressed gzip block
/// (<see cref="GzipSegments"/>), so repeating it gives compression nothing to leak.)
/// </summary>
internal sealed class AntiforgerySlot(IAntiforgery antiforgery, Microsoft.Extensions.Options.IOptions<AntiforgeryOptions> options) : IViewerSlotSource, IDisposable
{
    public const string Slot = "af";

    private readonly MemoryCache _tokens = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    public IReadOnlyCollection<string> Slots { get; } = [Slot];

    /// <summary>A signed-in viewer's request token is the same size for everyone: fixed fields and a hash of their claims, encrypted.</summary>
    public bool HasFixedWidth(string slot) => true;

    public ValueTask<Func<string, string, byte[]>> PrepareAsync(HttpContext context)
    {
        var cookie = options.Value.Cookie.Name is { } name ? context.Request.Cookies[name] : null;
        object? key = cookie is null ? null : (context.User.Identity?.Name ?? "", cookie);
        if (key is null || !_tokens.TryGetValue(key, out byte[]? token))
        {
            token = Encoding.UTF8.GetBytes(HtmlEncoder.Default.Encode(antiforgery.GetAndStoreTokens(context).RequestToken ?? ""));
            // Remember it only for the cookie it was made for: a request whose cookie was missing or
            // unusable has just been given a new one.
            var newCookie = context.Response.Headers.SetCookie.Any(c => c?.StartsWith(options.Value.Cookie.Name + "=", StringComparison.Ordinal) == true);
            if (key is not null && !newCookie)
                _tokens.Set(key, token, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(20) });
        }
        return ValueTask.FromResult<Func<string, string, byte[]>>((_, _) => token!);
    }

    public void Dispose() => _tokens.Dispose();
}
