using Antonio.Web.Content;

namespace Antonio.Tests.Unit;

public sealed class MarkdownRendererTests
{
    [Fact]
    public void Fenced_code_gets_a_language_class_and_is_escaped()
    {
        var html = MarkdownRenderer.ToHtml("```csharp\nvar x = a < b && c > d;\n```");
        Assert.Contains("<pre><code class=\"language-csharp\">", html);
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
