using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Antonio.Tests.Infrastructure;

/// <summary>
/// The Lighthouse gate's floor: a page's own HTML with every script removed, served by the same app (so its images,
/// favicon and connection are the page's) at /script-free/{n}, with the page's own response headers (a
/// Cross-Origin-Opener-Policy alone moves the first parse by tens of milliseconds) and brotli at the level the
/// app compresses its pages with. What the same bytes could paint without any script is the line a page's own
/// paint is held to.
/// </summary>
public sealed partial class ScriptFreeCopies : IStartupFilter
{
    public const string PathPrefix = "/script-free/";
    private readonly ConcurrentDictionary<string, (byte[] Body, KeyValuePair<string, string[]>[] Headers)> _copies = new();
    private static readonly HashSet<string> SizeAndHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Length", "Content-Encoding", "Transfer-Encoding", "Date", "Set-Cookie",
    };

    [GeneratedRegex(@"<script\b[^>]*>.*?</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Script();

    public static string WithoutScripts(string html) => Script().Replace(html, "");

    /// <summary>Keeps the page's response without its scripts; returns the path that serves it.</summary>
    public async Task<string> AddAsync(HttpResponseMessage page)
    {
        var key = _copies.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var html = await page.Content.ReadAsStringAsync();
        using var packed = new MemoryStream();
        using (var brotli = new BrotliStream(packed, Antonio.Web.PageCaching.PageCachingModule.HtmlCompression, leaveOpen: true))
            brotli.Write(Encoding.UTF8.GetBytes(WithoutScripts(html)));
        var headers = page.Headers.Concat(page.Content.Headers).Where(h => !SizeAndHop.Contains(h.Key))
            .Select(h => KeyValuePair.Create(h.Key, h.Value.ToArray())).ToArray();
        _copies[key] = (packed.ToArray(), headers);
        return PathPrefix + key;
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var path = context.Request.Path.Value ?? "";
            if (!path.StartsWith(PathPrefix, StringComparison.Ordinal) || !_copies.TryGetValue(path[PathPrefix.Length..], out var copy))
            {
                await nextMiddleware(context);
                return;
            }
            foreach (var (name, values) in copy.Headers) context.Response.Headers[name] = values;
            context.Response.Headers.ContentEncoding = "br";
            await context.Response.Body.WriteAsync(copy.Body);
        });
        next(app);
    };
}
