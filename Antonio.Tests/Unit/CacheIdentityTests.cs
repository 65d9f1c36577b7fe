using Antonio.Web.Caching;
using ZiggyCreatures.Caching.Fusion;

namespace Antonio.Tests.Unit;

/// <summary>
/// What the shared templates assume of the data cache (issue #28, docs/fast-paths.md): a value read twice from a
/// node's memory is the same instance, not a copy. A template remembers the instance it was rendered from
/// (<c>ViewerPages.FindAsync</c> compares by reference) and weak tables keyed by cached values (<c>WorkshopProgress</c>,
/// <c>LearnerSlots</c>) hold what was computed from them; if FusionCache handed out copies (its auto-clone option)
/// every template would look stale and every weak table would miss — slower, never wrong, and this test says so.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CacheIdentityTests
{
    private sealed record Cached(string Title);

    [Fact]
    public async Task A_value_read_again_from_memory_is_the_same_instance_and_a_new_entry_is_another()
    {
        using var cache = new FusionCache(new FusionCacheOptions());
        var first = await cache.GetOrSetAsync("workshop", _ => Task.FromResult(new Cached("One")), CacheEntryKinds.Content);
        var again = await cache.GetOrSetAsync("workshop", _ => Task.FromResult(new Cached("Never made")), CacheEntryKinds.Content);
        Assert.Same(first, again);
        // No kind of entry asks for copies.
        var kinds = typeof(CacheEntryKinds).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => f.GetValue(null)).OfType<FusionCacheEntryOptions>().ToList();
        Assert.NotEmpty(kinds);
        Assert.All(kinds, k => Assert.False(k.EnableAutoClone));

        await cache.RemoveAsync("workshop");
        var replaced = await cache.GetOrSetAsync("workshop", _ => Task.FromResult(new Cached("One")), CacheEntryKinds.Content);
        Assert.NotSame(first, replaced); // equal in value, but a new basis: templates made from the old one are not used
        Assert.Equal(first, replaced);
    }
}
