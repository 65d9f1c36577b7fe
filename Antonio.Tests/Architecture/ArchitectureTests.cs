using Antonio.Web;

namespace Antonio.Tests.Architecture;

/// <summary>
/// Issue #13: the feature folders of Antonio.Web depend on each other one way; the platform folders
/// (leaves) know no feature; Caching knows nothing but Observability and Hosting (the Redis connection); a feature uses only what another
/// exposes (its public types); no .razor file talks to the database.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ArchitectureTests
{
    private static readonly FeatureGraph Graph = new(typeof(AntonioApp).Assembly);

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
    public void No_razor_file_names_the_database()
    {
        var web = Path.Combine(SourceRoot(), "Antonio.Web");
        var razor = Directory.EnumerateFiles(web, "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")).ToList();
        Assert.True(razor.Count > 30);
        foreach (var file in razor)
        {
            var text = File.ReadAllText(file);
            foreach (var name in new[] { "AntonioDbContext", "IDbContextFactory", "DbContext", "Microsoft.EntityFrameworkCore" })
                Assert.False(text.Contains(name, StringComparison.Ordinal), $"{Path.GetRelativePath(web, file)} names {name}: pages call a reader or a service");
        }
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
