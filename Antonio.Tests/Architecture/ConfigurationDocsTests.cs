using System.Reflection;
using Antonio.Web;

namespace Antonio.Tests.Architecture;

/// <summary>Issue #13: every setting of every options class is in the README's configuration table, under its environment-variable name.</summary>
[Trait("Category", "Unit")]
public sealed class ConfigurationDocsTests
{
    /// <summary>Settings read from elsewhere than their class's section (connection strings).</summary>
    private static readonly HashSet<string> ElsewhereInConfiguration = ["CacheOptions.Redis", "DatabaseOptions.Postgres"];

    public static IEnumerable<(Type Options, string Key)> Settings() =>
        from type in typeof(AntonioApp).Assembly.GetTypes()
        where type.Name.EndsWith("Options", StringComparison.Ordinal) && type.GetField("Section") is { IsLiteral: true }
        let section = (string)type.GetField("Section")!.GetRawConstantValue()!
        from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        where property.CanWrite && !ElsewhereInConfiguration.Contains($"{type.Name}.{property.Name}")
        select (type, $"{section.Replace(":", "__", StringComparison.Ordinal)}__{property.Name}");

    [Fact]
    public void Every_setting_is_documented_in_the_readme()
    {
        var readme = File.ReadAllText(Path.Combine(ArchitectureTests.SourceRoot(), "README.md"));
        var settings = Settings().ToList();
        Assert.True(settings.Count >= 30, $"only {settings.Count} settings found");
        var missing = settings.Where(s => !readme.Contains($"`{s.Key}", StringComparison.Ordinal)).Select(s => $"{s.Key} ({s.Options.Name})").ToList();
        Assert.True(missing.Count == 0, "README's configuration table lacks: " + string.Join(", ", missing));
    }
}
