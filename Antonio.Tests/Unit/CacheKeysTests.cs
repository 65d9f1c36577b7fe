using Antonio.Web.Caching;

namespace Antonio.Tests.Unit;

/// <summary>
/// Property-style: over many generated arguments (including ':' '%' and unicode), every builder gives
/// distinct keys for distinct arguments, and no two builders ever give the same key.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CacheKeysTests
{
    private static readonly string[] Awkward = ["", ":", "a:b", "%3A", "%", "v1", "workshop", "ünïcödé", "a b", "::", "0", "-"];

    private static IEnumerable<string> Strings(Random rng, int count)
    {
        foreach (var s in Awkward) yield return s;
        const string alphabet = "ab:%-_ 1é/";
        for (var i = 0; i < count; i++)
            yield return new string(Enumerable.Range(0, rng.Next(0, 8)).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
    }

    private static IEnumerable<Guid> Guids(int count) => Enumerable.Range(0, count).Select(_ => Guid.NewGuid());

    /// <summary>Every builder with the arguments it was given, as (builder name, argument tuple, key).</summary>
    private static List<(string Builder, string Args, string Key)> AllKeys()
    {
        var rng = new Random(7);
        var strings = Strings(rng, 300).Distinct().ToList();
        var guids = Guids(40).ToList();
        var keys = new List<(string, string, string)>();
        foreach (var s in strings)
        {
            keys.Add(("WorkshopData", s, CacheKeys.WorkshopData(s)));
            keys.Add(("Markdown", s, CacheKeys.Markdown(s)));
            keys.Add(("CouponByCode", s, CacheKeys.CouponByCode(s)));
        }
        foreach (var g in guids)
        {
            keys.Add(("LessonContent", g.ToString(), CacheKeys.LessonContent(g)));
            keys.Add(("AccessSnapshot", g.ToString(), CacheKeys.AccessSnapshot(g)));
            foreach (var h in guids.Take(10))
                keys.Add(("WorkshopProgress", $"{g},{h}", CacheKeys.WorkshopProgress(g, h)));
        }
        for (var n = 0; n <= 3; n++)
            foreach (var set in guids.Chunk(Math.Max(1, n)).Take(15))
                keys.Add(("PricingInputs", string.Join(",", set.Take(n).Order()), CacheKeys.PricingInputs(set.Take(n))));
        keys.Add(("WorkshopList", "", CacheKeys.WorkshopList()));
        keys.Add(("SiteCoupons", "", CacheKeys.SiteCoupons()));
        return keys;
    }

    [Fact]
    public void No_two_builders_or_argument_lists_share_a_key()
    {
        var keys = AllKeys();
        var collisions = keys.GroupBy(k => k.Key)
            .Where(g => g.Select(x => (x.Builder, x.Args)).Distinct().Count() > 1)
            .Select(g => g.Key).ToList();
        Assert.Empty(collisions);
        Assert.True(keys.Count > 1_000);
    }

    [Fact]
    public void Keys_are_versioned_and_name_their_function()
    {
        Assert.All(AllKeys(), k => Assert.StartsWith(CacheKeys.Version + ":", k.Key));
        Assert.StartsWith(CacheKeys.Version + ":workshop-data:", CacheKeys.WorkshopData("x"));
        Assert.StartsWith(CacheKeys.Version + ":lesson-content:", CacheKeys.LessonContent(Guid.Empty));
    }

    [Fact]
    public void Pricing_inputs_key_does_not_depend_on_product_order()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        Assert.Equal(CacheKeys.PricingInputs([a, b]), CacheKeys.PricingInputs([b, a]));
        Assert.NotEqual(CacheKeys.PricingInputs([a]), CacheKeys.PricingInputs([a, b]));
    }

    [Fact]
    public void Tags_are_distinct_per_kind_and_id()
    {
        var id = Guid.NewGuid();
        var tags = new[] { CacheTags.Content(id), CacheTags.Product(id), CacheTags.User(id), CacheTags.Progress(id), CacheTags.Coupons, CacheTags.WorkshopList };
        Assert.Equal(tags.Length, tags.Distinct().Count());
    }

    /// <summary>The metrics count reads by the builder that made the key and invalidations by what a tag is about.</summary>
    [Fact]
    public void A_key_tells_its_kind_and_a_tag_what_it_is_about()
    {
        var id = Guid.NewGuid();
        Assert.Equal("workshop-data", CacheKeys.KindOf(CacheKeys.WorkshopData("a:b")));
        Assert.Equal("access", CacheKeys.KindOf(CacheKeys.AccessSnapshot(id)));
        Assert.Equal("workshop-list", CacheKeys.KindOf(CacheKeys.WorkshopList()));
        Assert.Same(CacheKeys.KindOf(CacheKeys.LessonContent(id)), CacheKeys.KindOf(CacheKeys.LessonContent(Guid.NewGuid())));
        Assert.Equal("content", CacheTags.KindOf(CacheTags.Content(id)));
        Assert.Equal("user", CacheTags.KindOf(CacheTags.User(id)));
        Assert.Equal("coupons", CacheTags.KindOf(CacheTags.Coupons));
    }
}
