using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Antonio.Tests.Infrastructure;

/// <summary>
/// The Lighthouse gate's floor: a page's own HTML with every script it runs removed, served by the same app (so its images,
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

    /// <summary>
    /// A script the browser runs: every script element but a data block (structured data, type
    /// application/ld+json), which runs nothing and is part of the bytes the page must carry for search engines —
    /// the floor is what the same bytes paint without what runs.
    /// </summary>
    [GeneratedRegex(@"<script\b(?![^>]*\btype=""application/ld\+json"")[^>]*>.*?</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Script();

    public static string WithoutScripts(string html) => Script().Replace(html, "");

    /// <summary>
    /// Keeps the page's response without its scripts; returns the path that serves it, and the path of an empty page
    /// with the same headers for Lighthouse to start each run from (<c>--blank</c> in gate.mjs, which says why): a
    /// page of the same site that shares nothing with the measured one — starting the floor's runs from the floor
    /// itself would have its images decoded in the renderer before the measured load.
    /// </summary>
    public async Task<(string Floor, string Start)> AddAsync(HttpResponseMessage page)
    {
        var key = _copies.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var headers = page.Headers.Concat(page.Content.Headers).Where(h => !SizeAndHop.Contains(h.Key))
            .Select(h => KeyValuePair.Create(h.Key, h.Value.ToArray())).ToArray();
        _copies[key] = (Packed(WithoutScripts(await page.Content.ReadAsStringAsync())), headers);
        _copies[key + StartSuffix] = (Packed(EmptyPage), headers);
        return (PathPrefix + key, PathPrefix + key + StartSuffix);
    }

    private const string StartSuffix = "/start";

    /// <summary>Its icon is the site's, so the browser asks for no /favicon.ico (a 404 in the console) meanwhile.</summary>
    private const string EmptyPage = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="icon" type="image/png" href="/favicon.png"><title>Start</title></head><body></body></html>""";

    private static byte[] Packed(string html)
    {
        using var packed = new MemoryStream();
        using (var brotli = new BrotliStream(packed, Antonio.Web.PageCaching.PageCachingModule.HtmlCompression, leaveOpen: true))
            brotli.Write(Encoding.UTF8.GetBytes(html));
        return packed.ToArray();
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
