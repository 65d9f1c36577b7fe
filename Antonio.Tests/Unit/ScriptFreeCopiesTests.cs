using Antonio.Tests.Infrastructure;

namespace Antonio.Tests.Unit;

/// <summary>What the Lighthouse gate's floor keeps of a page: everything but the scripts the browser runs.</summary>
[Trait("Category", "Unit")]
public sealed class ScriptFreeCopiesTests
{
    [Fact]
    public void The_floor_drops_every_script_that_runs_and_keeps_structured_data()
    {
        const string page = """
            <head><script type="application/ld+json">{"@type":"Course","name":"A"}</script></head>
            <body><h1>A</h1><script data-islands="x.js">(() => { document.body.append('<p>'); })();</script>
            <SCRIPT type="module">import './y.js';</SCRIPT><script src="z.js"></script></body>
            """;

        var floor = ScriptFreeCopies.WithoutScripts(page);

        Assert.Contains("""<script type="application/ld+json">{"@type":"Course","name":"A"}</script>""", floor, StringComparison.Ordinal);
        Assert.Contains("<h1>A</h1>", floor, StringComparison.Ordinal);
        Assert.DoesNotContain("islands", floor, StringComparison.Ordinal);
        Assert.DoesNotContain("y.js", floor, StringComparison.Ordinal);
        Assert.DoesNotContain("z.js", floor, StringComparison.Ordinal);
        Assert.Equal(1, floor.Split("<script", StringSplitOptions.None).Length - 1);
    }
}
