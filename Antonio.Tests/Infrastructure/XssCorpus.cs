using AngleSharp.Html.Parser;

namespace Antonio.Tests.Infrastructure;

/// <summary>
/// Hostile Markdown: the OWASP XSS filter-evasion cheat sheet's vectors (as raw HTML, which Markdown
/// would pass through if allowed), Markdown's own link/image/autolink/attribute syntax carrying them,
/// and script-capable URL schemes in every casing and encoding. Each must render harmless.
/// </summary>
public static class XssCorpus
{
    private static readonly string[] Schemes =
    [
        "javascript:alert(1)", "JavaScript:alert(1)", "JAVASCRIPT:alert(1)", "jAvAsCrIpT:alert(1)", "java\tscript:alert(1)",
        "java\nscript:alert(1)", "java&#x09;script:alert(1)", "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)",
        "&#0000106;&#0000097;vascript:alert(1)", "%6A%61%76%61script:alert(1)", " javascript:alert(1)", "\u0001javascript:alert(1)",
        "javascript&colon;alert(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "DATA:text/html,<script>alert(1)</script>",
        "data:image/svg+xml,<svg onload=alert(1)>", "vbscript:msgbox(1)", "VBScript:msgbox(1)", "livescript:alert(1)",
        "javascript://%0Aalert(1)", "javascript:/*--></title></style></textarea></script><svg/onload=alert(1)>",
    ];

    private static readonly string[] RawHtml =
    [
        "<script>alert(1)</script>", "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>", "<IMG SRC=\"javascript:alert('XSS');\">",
        "<IMG SRC=javascript:alert('XSS')>", "<IMG SRC=JaVaScRiPt:alert('XSS')>", "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
        "<a onmouseover=\"alert(document.cookie)\">xxs link</a>", "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
        "<IMG SRC=# onmouseover=\"alert('xxs')\">", "<IMG SRC= onmouseover=\"alert('xxs')\">", "<IMG onmouseover=\"alert('xxs')\">",
        "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>", "<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097\">",
        "<IMG SRC=\"jav\tascript:alert('XSS');\">", "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">", "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
        "<SCRIPT/XSS SRC=\"https://xss.example/xss.js\"></SCRIPT>", "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
        "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>", "<SCRIPT SRC=https://xss.example/xss.js?< B >", "<SCRIPT SRC=//xss.example/.j>",
        "<IMG SRC=\"`<javascript:alert>`('XSS')\"", "<iframe src=https://xss.example/scriptlet.html <", "\\\";alert('XSS');//",
        "</TITLE><SCRIPT>alert(\"XSS\");</SCRIPT>", "<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS');\">", "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
        "<IMG DYNSRC=\"javascript:alert('XSS')\">", "<IMG LOWSRC=\"javascript:alert('XSS')\">", "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
        "<svg/onload=alert('XSS')>", "<BODY ONLOAD=alert('XSS')>", "<BGSOUND SRC=\"javascript:alert('XSS');\">", "<BR SIZE=\"&{alert('XSS')}\">",
        "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">", "<STYLE>@import'https://xss.example/xss.css';</STYLE>",
        "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">", "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
        "<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>", "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
        "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">", "<DIV STYLE=\"width: expression(alert('XSS'));\">",
        "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"https://xss.example/scriptlet.html\"></OBJECT>", "<EMBED SRC=\"data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv MjAwMC9zdmciIHhtbG5zOnhsaW5rPSJodHRwOi8vd3d3LnczLm9yZy8xOTk5L3hs aW5rIiB2ZXJzaW9uPSIxLjAiIHg9IjAiIHk9IjAiIHdpZHRoPSIxOTQiIGhlaWdodD0iMjAw IiBpZD0ieHNzIj48c2NyaXB0IHR5cGU9InRleHQvZWNtYXNjcmlwdCI+YWxlcnQoIlh TUyIpOzwvc2NyaXB0Pjwvc3ZnPg==\" type=\"image/svg+xml\" AllowScriptAccess=\"always\"></EMBED>",
        "<BASE HREF=\"javascript:alert('XSS');//\">", "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "<details open ontoggle=alert(1)>", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
    ];

    private static readonly string[] MarkdownSyntax =
    [
        "[x](https://a){onclick=\"alert(1)\"}", "# T {onmouseover=alert(1)}", "![i](x){onerror=alert(1)}", "## Heading {#id .cls onclick=alert(1)}",
        "paragraph {onclick=alert(1)}\n", "| a |\n|---|\n| b {onclick=alert(1)} |", "- item {onmouseover=alert(1)}",
        "::: note {onclick=alert(1)}\ninside\n:::", "```js {onclick=alert(1)}\ncode\n```", "[x][ref]\n\n[ref]: javascript:alert(1)",
        "[x](<javascript:alert(1)>)", "[x](javascript:alert(1) \"title\")", "[x]( javascript:alert(1) )", "![x](javascript:alert(1))",
        "<javascript:alert(1)>", "<vbscript:msgbox(1)>", "<data:text/html,<script>alert(1)</script>>", "www.example.com/\"onmouseover=\"alert(1)",
        "[a](https://example.com\"onmouseover=\"alert(1))", "![a](https://example.com/x.png\"onerror=\"alert(1))", "[a](#\"onclick=\"alert(1))",
        "[<img src=x onerror=alert(1)>](https://example.com)", "*<script>alert(1)</script>*", "`<script>alert(1)</script>`",
        "[footnote][^1]\n\n[^1]: <script>alert(1)</script>", "Term\n: <iframe src=javascript:alert(1)>",
    ];

    /// <summary>Every vector, each on its own and inside a Markdown link and image.</summary>
    public static IEnumerable<string> All() => Vectors().Distinct();

    private static IEnumerable<string> Vectors()
    {
        foreach (var v in RawHtml) yield return v;
        foreach (var v in MarkdownSyntax) yield return v;
        foreach (var s in Schemes)
        {
            yield return $"[click]({s})";
            yield return $"![img]({s})";
            yield return $"<{s}>";
            yield return $"[ref link][r]\n\n[r]: {s}";
        }
    }

    public static TheoryData<string> Theory()
    {
        var data = new TheoryData<string>();
        foreach (var v in All()) data.Add(v);
        return data;
    }

    private static readonly HashSet<string> Forbidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "style", "link", "meta", "base", "form", "svg", "math", "applet", "bgsound", "noscript",
    };

    /// <summary>What in rendered HTML could run script: event handlers, script-capable URLs, dangerous elements, inline styles beyond alignment.</summary>
    public static IReadOnlyList<string> Violations(string html)
    {
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        var problems = new List<string>();
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            if (Forbidden.Contains(element.LocalName)) problems.Add($"<{element.LocalName}> element");
            foreach (var attribute in element.Attributes)
            {
                var name = attribute.Name.ToLowerInvariant();
                if (name.StartsWith("on", StringComparison.Ordinal)) problems.Add($"{name} handler on <{element.LocalName}>");
                if (name is "href" or "src" or "action" or "formaction" or "background" or "dynsrc" or "lowsrc" or "data" && !IsSafeUrl(attribute.Value))
                    problems.Add($"{name}=\"{attribute.Value}\" on <{element.LocalName}>");
                if (name == "style" && !System.Text.RegularExpressions.Regex.IsMatch(attribute.Value, @"^\s*text-align:\s*(left|right|center)\s*;?\s*$"))
                    problems.Add($"style=\"{attribute.Value}\"");
            }
        }
        return problems;
    }

    private static bool IsSafeUrl(string url)
    {
        var compact = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
        var colon = compact.IndexOf(':');
        var slash = compact.IndexOfAny(['/', '?', '#']);
        return colon < 0 || (slash >= 0 && slash < colon) || compact.StartsWith("http:", StringComparison.Ordinal) || compact.StartsWith("https:", StringComparison.Ordinal) || compact.StartsWith("mailto:", StringComparison.Ordinal);
    }
}
