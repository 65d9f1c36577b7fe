using System.Security.Cryptography;
using System.Text;
using Antonio.Web.Caching;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Components;
using ZiggyCreatures.Caching.Fusion;

namespace Antonio.Web.Content;

/// <summary>
/// Markdown → HTML with Markdig: advanced extensions (tables, heading ids, …), raw HTML disabled so no
/// script from content ever reaches a page, and link/image URLs limited to safe schemes. Results are
/// cached by the SHA-256 of the source, so an unchanged body is compiled once across all nodes.
/// </summary>
public sealed class MarkdownRenderer(IFusionCache cache)
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .DisableHtml()
        .Build();

    public async ValueTask<MarkupString> RenderAsync(string? markdown, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return default;
        var key = Keys.GetValue(markdown, static text => CacheKeys.Markdown(Sha256(text)));
        var html = await cache.GetOrSetAsync<string>(key, (_, _) => Task.FromResult(ToHtml(markdown)), options: CacheEntryKinds.Markdown, token: ct);
        return new MarkupString(html);
    }

    /// <summary>The uncached conversion; pure.</summary>
    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
            if (!IsSafeUrl(link.Url)) link.Url = "#";
        foreach (var autolink in document.Descendants<AutolinkInline>())
            if (!autolink.IsEmail && !IsSafeUrl(autolink.Url)) autolink.Url = "#";
        return document.ToHtml(Pipeline);
    }

    /// <summary>Relative URLs, fragments and http(s)/mailto only: no javascript:, data:, vbscript: ….</summary>
    internal static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
        var compact = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        var colon = compact.IndexOf(':');
        if (colon < 0) return true;
        var slash = compact.IndexOfAny(['/', '?', '#']);
        if (slash >= 0 && slash < colon) return true; // the colon is in the path, not a scheme
        var scheme = compact[..colon].ToLowerInvariant();
        return scheme is "http" or "https" or "mailto";
    }

    /// <summary>
    /// The cache key of a body, kept as long as that string is: a cached lesson hands every request the
    /// same string instance, so a warm page does not hash its 2–20 KB body again.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, string> Keys = new();

    private static string Sha256(string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
}
