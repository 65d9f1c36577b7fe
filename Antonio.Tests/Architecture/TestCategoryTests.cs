using System.Reflection;
using Antonio.Tests.Infrastructure;

namespace Antonio.Tests.Architecture;

/// <summary>
/// Issue #31, the fast inner loop: every test class says what it needs by its category, so
/// <c>dotnet test --filter Category=Unit</c> runs in seconds with no PostgreSQL, Redis or browser, and the other
/// categories can be chosen or left out by name. A unit test that reached for a database, an app or a browser would
/// make that loop fail on a machine without services: it is refused here instead.
/// </summary>
[Trait("Category", "Unit")]
public sealed class TestCategoryTests
{
    private static readonly string[] Categories = ["Unit", "Integration", "Journey", "Cluster"];

    /// <summary>What only the other categories may use: each needs PostgreSQL, Redis, the app or a browser.</summary>
    private static readonly Type[] Services =
        [typeof(TestDatabase), typeof(WritableDatabaseFixture), typeof(SeededDatabaseFixture), typeof(TestApp), typeof(BrowserFixture), typeof(WebUser)];

    private static IEnumerable<Type> TestClasses() =>
        typeof(TestCategoryTests).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }
            && t.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>().Any()));

    private static string[] CategoriesOf(Type type) =>
        [.. type.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(TraitAttribute) && (string?)a.ConstructorArguments[0].Value == "Category")
            .Select(a => (string)a.ConstructorArguments[1].Value!)];

    [Fact]
    public void Every_test_class_has_one_known_category()
    {
        var classes = TestClasses().ToList();
        Assert.True(classes.Count > 50, $"only {classes.Count} test classes found");
        var wrong = classes.Where(t => CategoriesOf(t) is not [var c] || !Categories.Contains(c)).Select(t => t.FullName).ToList();
        Assert.True(wrong.Count == 0, "Give each a [Trait(\"Category\", …)] of " + string.Join(", ", Categories) + ": " + string.Join(", ", wrong));
    }

    [Fact]
    public void Unit_tests_take_no_service()
    {
        var unit = TestClasses().Where(t => CategoriesOf(t) is ["Unit"]).ToList();
        var needing = unit.Where(t => ServicesTakenBy(t).Any()).Select(t => $"{t.Name} ({string.Join(", ", ServicesTakenBy(t).Select(s => s.Name))})").ToList();
        Assert.True(needing.Count == 0, "A unit test must run with no services; make these Integration: " + string.Join("; ", needing));
    }

    private static IEnumerable<Type> ServicesTakenBy(Type test)
    {
        var fixtures = test.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IClassFixture<>))
            .Select(i => i.GetGenericArguments()[0]);
        var parameters = test.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType);
        var fields = test.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public).Select(f => f.FieldType);
        return fixtures.Concat(parameters).Concat(fields).Where(type => Services.Any(s => s.IsAssignableFrom(type))).Distinct();
    }
}
