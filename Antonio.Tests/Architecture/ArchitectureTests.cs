using Antonio.Data;
using Antonio.Web;
using Microsoft.AspNetCore.Components;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Antonio.Tests.Architecture;

/// <summary>
/// Issue #13: the feature folders of Antonio.Web depend on each other one way; the platform folders
/// (leaves) know no feature; Caching knows nothing but Observability and Hosting (the Redis connection); a feature uses only what another
/// exposes (its public types); no component talks to the database. Dependencies as ArchUnitNET reads them (<see cref="FeatureGraph"/>).
/// </summary>
[Trait("Category", "Unit")]
public sealed class ArchitectureTests
{
    private static readonly FeatureGraph Graph = new();

    /// <summary>Platform folders every feature may use; they use no feature (only each other, one way).</summary>
    private static readonly HashSet<string> Leaves = ["Hosting", "Observability", "Security", "Caching", "PageCaching", "Mail", "Auditing", "Ui"];

    /// <summary>The application shell (App, routes, layout): it puts the features together, so it may use any.</summary>
    private const string Shell = "Components";

    private static string Show(string from, string to) => $"{from} → {to} ({string.Join(", ", Graph.Edges[(from, to)].Take(3))})";

    [Fact]
    public void The_graph_sees_the_known_dependencies() // the reader works: a test of the other tests
    {
        Assert.Contains("Caching", Graph.DependenciesOf("Learning"));
        Assert.Contains("Commerce", Graph.DependenciesOf("Learning")); // the paywall shows the pricing section
        Assert.Contains("Access", Graph.DependenciesOf("Admin"));
        Assert.Contains("Learning", Graph.DependenciesOf(Shell));
    }

    [Fact]
    public void Feature_folders_have_no_cycles()
    {
        var features = Graph.Edges.Keys.SelectMany(k => new[] { k.From, k.To }).Where(f => f != Shell).Distinct().ToList();
        foreach (var start in features)
        {
            // Depth-first from each feature: reaching it again is a cycle.
            var path = new Stack<string>();
            void Visit(string f)
            {
                path.Push(f);
                foreach (var next in Graph.DependenciesOf(f).Where(n => n != Shell))
                {
                    Assert.False(next == start, "cycle: " + string.Join(" → ", path.Reverse().Append(next)) + "; " + Show(f, next));
                    if (!path.Contains(next)) Visit(next);
                }
                path.Pop();
            }
            Visit(start);
        }
    }

    [Fact]
    public void Platform_folders_know_no_feature()
    {
        foreach (var leaf in Leaves)
            foreach (var to in Graph.DependenciesOf(leaf))
                Assert.True(Leaves.Contains(to), $"{leaf} is a platform folder but uses the feature {to}: {Show(leaf, to)}");
    }

    [Fact]
    public void Caching_uses_nothing_but_observability_and_hosting()
    {
        foreach (var to in Graph.DependenciesOf("Caching"))
            Assert.True(to is "Observability" or "Hosting", $"Caching must stay a leaf: {Show("Caching", to)}");
    }

    [Fact]
    public void A_feature_uses_only_what_another_exposes() => Assert.Empty(Graph.HiddenTypeUses);

    [Fact]
    public void No_component_talks_to_the_database()
    {
        // Pages and components call a reader or a service; nothing of EF Core (a context, its factory, its query
        // extensions) is used by a component, in its markup, its code or its injected properties.
        var components = Classes().That().AreAssignableTo(typeof(ComponentBase)).And().ResideInAssembly(typeof(AntonioApp).Assembly);
        Assert.True(components.GetObjects(FeatureGraph.Web).Count() > 30); // the rule sees the pages
        var rule = components.Should().NotDependOnAnyTypesThat().ResideInNamespace("Microsoft.EntityFrameworkCore")
            .AndShould().NotDependOnAny(typeof(AntonioDbContext));
        var failed = rule.Evaluate(FeatureGraph.Web).Where(r => !r.Passed).Select(r => r.Description).ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }

    [Fact]
    public void Every_feature_folder_has_one_public_face()
    {
        var web = Path.Combine(SourceRoot(), "Antonio.Web");
        foreach (var feature in Graph.Edges.Keys.Select(k => k.From).Distinct().Where(f => f is not (Shell or "Ui")))
            Assert.True(File.Exists(Path.Combine(web, feature, feature + "Module.cs")), $"{feature}/{feature}Module.cs (AddX/MapX) is missing");
    }

    internal static string SourceRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Antonio.Workshops.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("run the tests from inside the checkout");
    }
}
