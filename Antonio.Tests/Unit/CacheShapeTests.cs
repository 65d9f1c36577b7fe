using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Antonio.Data.Access;
using Antonio.Data.Commerce;
using Antonio.Data.Content;
using Antonio.Data.Progress;
using Antonio.Data.Search;
using Antonio.Web.Caching;
using Antonio.Web.PageCaching;

namespace Antonio.Tests.Unit;

/// <summary>
/// Issue #28, cache versioning: Redis keeps entries across a deploy, serialized as JSON (fields and properties). When
/// a cached type changes shape, the new code must not read the old entries: <see cref="CacheKeys.Version"/> goes into
/// every key, and this test fails when the shape of anything cached changes while the version stays — bump the version
/// and record the new shape here, together.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CacheShapeTests
{
    /// <summary>The version, and the shape of what is cached under it (<see cref="Fingerprint"/>).</summary>
    private const string RecordedVersion = "v6";
    private const string RecordedShape = "556198485a2b5a54";

    /// <summary>What each key builder's entries hold.</summary>
    private static readonly Dictionary<string, Type> Cached = new()
    {
        [nameof(CacheKeys.WorkshopData)] = typeof(WorkshopData),
        [nameof(CacheKeys.LessonContent)] = typeof(LessonContent),
        [nameof(CacheKeys.Markdown)] = typeof(string),
        [nameof(CacheKeys.WorkshopList)] = typeof(IReadOnlyList<WorkshopSummary>),
        [nameof(CacheKeys.CatalogueMap)] = typeof(IReadOnlyList<MappedWorkshop>),
        [nameof(CacheKeys.Cohorts)] = typeof(IReadOnlyList<Antonio.Data.Commerce.CohortData>),
        [nameof(CacheKeys.LiveSessions)] = typeof(IReadOnlyList<Antonio.Data.Commerce.LiveSessionData>),
        [nameof(CacheKeys.SiteCoupons)] = typeof(IReadOnlyList<CouponData>),
        [nameof(CacheKeys.CouponByCode)] = typeof(CouponData),
        [nameof(CacheKeys.PricingInputs)] = typeof(IReadOnlyList<PricingProduct>),
        [nameof(CacheKeys.AccessSnapshot)] = typeof(AccessSnapshot),
        [nameof(CacheKeys.WorkshopProgress)] = typeof(LessonProgressRows),
        [nameof(CacheKeys.LearnerRecord)] = typeof(LearnerRecord),
        [nameof(CacheKeys.Certificate)] = typeof(CertificateView),
        [nameof(CacheKeys.SearchGeneration)] = typeof(Guid),
        [nameof(CacheKeys.Page)] = typeof(byte[]),
        // Kept in each node's memory only (never in Redis): a deploy starts without them; listed so every builder is.
        [nameof(CacheKeys.ViewerPage)] = typeof(ViewerPageTemplate),
    };

    [Fact]
    public void Every_key_builder_names_what_it_caches()
    {
        var builders = typeof(CacheKeys).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(string) && m.Name != nameof(CacheKeys.KindOf)).Select(m => m.Name).ToHashSet();
        Assert.Equal(builders.Order(), Cached.Keys.Order());
    }

    [Fact]
    public void A_cached_type_changes_shape_only_with_a_new_version()
    {
        var shape = Fingerprint();
        Assert.True(CacheKeys.Version == RecordedVersion && shape == RecordedShape,
            $"What is cached has the shape {shape} under {CacheKeys.Version}; recorded: {RecordedShape} under {RecordedVersion}. " +
            "A changed shape needs a new CacheKeys.Version (old entries in Redis would be read as the new type): bump it and record both here.");
    }

    [Fact]
    public void The_shape_sees_a_renamed_or_retyped_member()
    {
        Assert.NotEqual(Describe(typeof(A)), Describe(typeof(B)));
        Assert.NotEqual(Describe(typeof(A)), Describe(typeof(C)));
        Assert.Contains("Children", Describe(typeof(TreeNode))); // a recursive type is described once, not forever
    }

    private sealed record A(int X, string Y);
    private sealed record B(int X, string Z);
    private sealed record C(long X, string Y);

    private static string Fingerprint()
    {
        var text = string.Join("\n", Cached.Where(c => c.Key != nameof(CacheKeys.ViewerPage)).OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => $"{c.Key}={Describe(c.Value)}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 8);
    }

    /// <summary>A type as JSON sees it: its public fields and properties, by name and type, all the way down.</summary>
    private static string Describe(Type type) => Describe(type, []);

    private static string Describe(Type type, HashSet<Type> seen)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return Describe(inner, seen) + "?";
        if (type.IsEnum) return $"{type.Name}({string.Join(",", Enum.GetNames(type))})";
        if (type.IsPrimitive || type == typeof(string) || type == typeof(Guid) || type == typeof(decimal) || type == typeof(DateTimeOffset)
            || type == typeof(DateTime) || type == typeof(TimeSpan) || type == typeof(DateOnly) || type == typeof(object)) return type.Name;
        if (type.IsArray) return Describe(type.GetElementType()!, seen) + "[]";
        if (type.IsGenericType && type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
            return $"{type.Name}<{string.Join(",", type.GetGenericArguments().Select(a => Describe(a, seen)))}>";
        if (!seen.Add(type)) return type.Name;
        var members = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0)
            .Select(p => (p.Name, p.PropertyType))
            .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => (f.Name, f.FieldType)))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .Select(m => $"{m.Name}:{Describe(m.Item2, seen)}");
        return $"{type.Name}{{{string.Join(";", members)}}}";
    }
}
