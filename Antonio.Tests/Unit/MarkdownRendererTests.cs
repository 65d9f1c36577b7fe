using Antonio.Web.Content;

namespace Antonio.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class MarkdownRendererTests
{
    [Fact]
    public void Fenced_code_gets_a_language_class_and_is_escaped()
    {
        var html = MarkdownRenderer.ToHtml("```csharp\nvar x = a < b && c > d;\n```");
        // Focusable: a code block that scrolls sideways can be scrolled from the keyboard.
        Assert.Contains("<pre tabindex=\"0\"><code class=\"language-csharp\">", html);
        Assert.Contains("a &lt; b &amp;&amp; c &gt; d", html);
    }

    [Fact]
    public void Headings_get_ids()
    {
        var html = MarkdownRenderer.ToHtml("## Cold caches, warm pages");
        Assert.Contains("<h2 id=\"cold-caches-warm-pages\">Cold caches, warm pages</h2>", html);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Hello <script src=\"https://evil.example/x.js\"></script> world")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    public void Raw_html_never_reaches_the_page(string markdown)
    {
        var html = MarkdownRenderer.ToHtml(markdown);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<iframe", html);
        Assert.Contains("&lt;", html);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JavaScript:alert(1))")]
    [InlineData("[click](java\tscript:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[click](vbscript:msgbox)")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    public void Dangerous_link_schemes_are_neutralised(string markdown)
    {
        var html = MarkdownRenderer.ToHtml(markdown);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("vbscript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:text", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("[a](https://example.com/x)", "href=\"https://example.com/x\"")]
    [InlineData("[a](/workshops/x)", "href=\"/workshops/x\"")]
    [InlineData("[a](#section)", "href=\"#section\"")]
    [InlineData("[a](mailto:hi@example.com)", "href=\"mailto:hi@example.com\"")]
    [InlineData("[a](docs/a:b)", "href=\"docs/a:b\"")]
    public void Safe_links_are_kept(string markdown, string expected) =>
        Assert.Contains(expected, MarkdownRenderer.ToHtml(markdown));

    [Fact]
    public void Tables_render()
    {
        var html = MarkdownRenderer.ToHtml("| a | b |\n|---|---|\n| 1 | 2 |");
        Assert.Contains("<table>", html);
    }
}

/// <summary>Issue #12.2: no script from content, whatever the Markdown says (more than 100 vectors).</summary>
[Trait("Category", "Unit")]
public sealed class MarkdownXssTests
{
    [Fact]
    public void The_corpus_has_more_than_a_hundred_vectors() => Assert.True(Antonio.Tests.Infrastructure.XssCorpus.All().Count() > 100);

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"JavaScript:alert(1)\">x</a>")]
    [InlineData("<a href=\"java&#x09;script:alert(1)\">x</a>")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<p style=\"background:url(x)\">x</p>")]
    public void The_checker_itself_catches_what_it_looks_for(string html) => Assert.NotEmpty(Antonio.Tests.Infrastructure.XssCorpus.Violations(html));

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Hostile_markdown_renders_nothing_that_can_run(string markdown)
    {
        var html = MarkdownRenderer.ToHtml(markdown);
        Assert.Empty(Antonio.Tests.Infrastructure.XssCorpus.Violations(html));
    }

    public static TheoryData<string> Vectors() => Antonio.Tests.Infrastructure.XssCorpus.Theory();

    [Theory]
    [InlineData("[x](https://a){onclick=\"alert(1)\"}")]
    [InlineData("# T {onmouseover=alert(1)}")]
    [InlineData("![i](x){onerror=alert(1)}")]
    public void Generic_attributes_stay_text(string markdown)
    {
        // Without the generic-attributes extension the braces are just text, visible to the reader, never markup.
        var html = MarkdownRenderer.ToHtml(markdown);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<body>{html}</body>");
        Assert.Contains("{on", document.Body!.TextContent);
        Assert.DoesNotContain(document.Body.QuerySelectorAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void What_lessons_use_survives_the_sanitizer()
    {
        var html = MarkdownRenderer.ToHtml("## Setup\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n```ts\nconst x = 1;\n```\n\nA footnote[^1].\n\n[^1]: Here.\n\n[link](https://example.com) and <https://example.com/auto>");
        Assert.Contains("<h2 id=\"setup\">", html);
        Assert.Contains("<table>", html);
        Assert.Contains("text-align: center", html);
        Assert.Contains("type=\"checkbox\"", html);
        Assert.Contains("class=\"language-ts\"", html);
        Assert.Contains("footnote", html);
        Assert.Contains("href=\"https://example.com/auto\"", html);
    }
}
