using System.Text.RegularExpressions;

namespace Antonio.Tests.Architecture;

/// <summary>
/// docs/architecture.md lists the request's path through the pipeline; this reads the same path from the code —
/// <c>AntonioApp.cs</c>, each room's <c>UseX</c> expanded into the middlewares it adds — and holds the table to it.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class PipelineDocsTests
{
    [Fact]
    public void The_architecture_page_lists_every_pipeline_step_in_the_code_order()
    {
        var steps = Pipeline();
        Assert.Contains("RequestMetricsMiddleware", steps); // the reader works: a room's UseX was expanded
        Assert.Contains("UseRouting", steps);
        var page = File.ReadAllText(Path.Combine(ArchitectureTests.SourceRoot(), "docs", "architecture.md"));
        var table = page[page.IndexOf("## A request's path", StringComparison.Ordinal)..page.IndexOf("## Rules", StringComparison.Ordinal)];
        var at = 0;
        foreach (var step in steps)
        {
            var found = table.IndexOf($"`{step}`", at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"docs/architecture.md's pipeline table does not list `{step}` after the step before it (the code's order: {string.Join(", ", steps)})");
            at = found;
        }
    }

    /// <summary>The pipeline's steps in order: framework calls by their method name, the app's middlewares by their type.</summary>
    private static List<string> Pipeline()
    {
        var web = Path.Combine(ArchitectureTests.SourceRoot(), "Antonio.Web");
        var sources = Directory.EnumerateFiles(web, "*Module.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText).ToList();
        var app = File.ReadAllText(Path.Combine(web, "AntonioApp.cs"));
        var built = app[app.IndexOf("app.UseObservability", StringComparison.Ordinal)..app.IndexOf("app.MapHosting", StringComparison.Ordinal)];
        return [.. Steps(built, sources)];
    }

    private static IEnumerable<string> Steps(string code, List<string> sources)
    {
        foreach (Match call in Call().Matches(code))
        {
            if (call.Groups["middleware"].Success) { yield return call.Groups["middleware"].Value; continue; }
            var name = call.Groups["use"].Value;
            if (name == "UseWhen") continue; // its branch's own calls follow in the text
            var room = sources.Select(s => RoomUse(s, name)).FirstOrDefault(body => body is not null);
            if (room is null) yield return name;
            else foreach (var step in Steps(room, sources)) yield return step;
        }
    }

    /// <summary>The body of a room's <c>public static WebApplication UseX(this WebApplication app)</c>, if this source has it.</summary>
    private static string? RoomUse(string source, string name)
    {
        var start = source.IndexOf($"public static WebApplication {name}(this WebApplication app)", StringComparison.Ordinal);
        if (start < 0) return null;
        var end = source.IndexOf("return app;", start, StringComparison.Ordinal);
        return source[(source.IndexOf('{', start) + 1)..end];
    }

    [GeneratedRegex(@"UseMiddleware<(?<middleware>\w+)>|\.(?<use>Use\w+)\(")]
    private static partial Regex Call();
}
