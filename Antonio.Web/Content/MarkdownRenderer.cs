using System.Security.Cryptography;
using System.Text;
using Antonio.Web.Caching;
using Ganss.Xss;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Components;
using ZiggyCreatures.Caching.Fusion;

namespace Antonio.Web.Content;

/// <summary>
/// Markdown → HTML with Markdig, safe by construction and checked again: the pipeline is built from
/// the extensions lessons use (tables, heading ids, task lists, footnotes, …) — never the generic
/// attributes extension, whose <c>{onclick=…}</c> no HTML switch covers — with raw HTML disabled and
/// link/image URLs limited to <see cref="SafeSchemes"/>; then the HTML passes through HtmlSanitizer
/// with an allow-list of exactly what that pipeline emits. Cached by the SHA-256 of the source, so an
/// unchanged body is compiled (and sanitized) once across all nodes.
/// </summary>
public sealed class MarkdownRenderer(IFusionCache cache)
{
    /// <summary>The URL schemes content may link to; anything else (javascript:, data:, vbscript: …) is dropped.</summary>
    public static readonly IReadOnlySet<string> SafeSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" };

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseTaskLists()
        .UseDefinitionLists()
        .UseFootnotes()
        .UseFigures()
        .UseCustomContainers()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public async ValueTask<MarkupString> RenderAsync(string? markdown, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return default;
        var key = Keys.GetValue(markdown, static text => CacheKeys.Markdown(Sha256(text)));
        var html = await cache.GetOrSetAsync<string>(key, (_, _) => Task.FromResult(ToHtml(markdown)), options: CacheEntryKinds.Markdown, token: ct);
        return new MarkupString(html);
    }

    /// <summary>The uncached conversion; pure (the admin live preview calls it on every keystroke).</summary>
    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
            if (!IsSafeUrl(link.Url)) link.Url = "#";
        foreach (var autolink in document.Descendants<AutolinkInline>())
            if (!autolink.IsEmail && !IsSafeUrl(autolink.Url)) autolink.Url = "#";
        // A code block wider than its column scrolls sideways; a keyboard user can scroll it only once it takes focus
        // (WCAG 2.1.1; axe's scrollable-region-focusable). Added after sanitizing: the sanitizer allows no tabindex.
        return Sanitizer.Sanitize(document.ToHtml(Pipeline)).Replace("<pre>", "<pre tabindex=\"0\">", StringComparison.Ordinal);
    }

    /// <summary>Relative URLs, fragments and <see cref="SafeSchemes"/> only.</summary>
    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
        var compact = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        var colon = compact.IndexOf(':');
        if (colon < 0) return true;
        var slash = compact.IndexOfAny(['/', '?', '#']);
        if (slash >= 0 && slash < colon) return true; // the colon is in the path, not a scheme
        return SafeSchemes.Contains(compact[..colon]);
    }

    /// <summary>Exactly the elements and attributes the pipeline above produces; every URL checked again.</summary>
    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "a", "abbr", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "figcaption", "figure",
                "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "input", "ins", "kbd", "li", "mark", "ol", "p", "pre",
                "s", "section", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "src", "alt", "title", "id", "class", "start", "type", "checked", "disabled", "colspan", "rowspan", "style",
            },
            // Pipe tables align cells with style="text-align: …"; nothing else may be styled.
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "text-align" },
            AllowedSchemes = new HashSet<string>(SafeSchemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
        });
        sanitizer.AllowDataAttributes = false;
        return sanitizer;
    }

    /// <summary>
    /// The cache key of a body, kept as long as that string is: a cached lesson hands every request the
    /// same string instance, so a warm page does not hash its 2–20 KB body again.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, string> Keys = new();

    private static string Sha256(string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
}
