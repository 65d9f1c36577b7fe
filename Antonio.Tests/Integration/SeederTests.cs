using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;

namespace Antonio.Tests.Integration;

[Trait("Category", "Integration")]
public sealed class SeederTests
{
    private static readonly string[] Tables =
    [
        "users", "roles", "user_roles", "entitlement_types", "content_resources", "content_links", "products", "prices",
        "content_products", "upgradable_products", "coupons", "merchant_charges", "purchases", "organizations",
        "organization_memberships", "entitlements",
    ];

    /// <summary>A fingerprint of every row of every seeded table, in a stable order.</summary>
    private static async Task<Dictionary<string, string>> FingerprintAsync(TestDatabase db)
    {
        var result = new Dictionary<string, string>();
        foreach (var table in Tables)
            result[table] = await db.ScalarAsync<string>(
                $"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {table} t");
        return result;
    }

    [Fact]
    public async Task Same_seed_gives_the_same_rows_and_another_seed_does_not()
    {
        var options = DemoSeedOptions.Default(TestEnvironment.SeedNow) with { Learners = 25, Purchases = 40 };
        await using var a = await TestDatabase.CreateAsync(options);
        await using var b = await TestDatabase.CreateAsync(options);
        await using var c = await TestDatabase.CreateAsync(options with { Seed = options.Seed + 1 });

        var fa = await FingerprintAsync(a);
        Assert.Equal(fa, await FingerprintAsync(b));
        var fc = await FingerprintAsync(c);
        Assert.NotEqual(fa["content_resources"], fc["content_resources"]);
        Assert.NotEqual(fa["purchases"], fc["purchases"]);
    }

    /// <summary>The slugs of everything in the written workshops start with one of these (section, lesson, video slugs too).</summary>
    private static string WrittenPrefixes => "ARRAY[" + string.Join(", ", DemoCatalogue.Written.Select(i => $"'{DemoCatalogue.WorkshopSlug(i)}%'")) + "]";

    [Fact]
    public async Task Default_size_matches_the_specification()
    {
        await using var db = await TestDatabase.CreateAsync(DemoSeedOptions.Default(TestEnvironment.SeedNow));
        Assert.Equal(12L, await db.ScalarAsync<long>(
            "SELECT count(*) FROM content_resources WHERE type = 'workshop' AND fields->>'state' = 'published' AND deleted_at IS NULL AND fields->>'visibility' <> 'private'"));
        // Every workshop of the default demo is written by a person: what a visitor reads first is prose.
        Assert.All(Enumerable.Range(0, 12), index => Assert.Contains(index, DemoCatalogue.Written));

        Assert.Equal(0L, await db.ScalarAsync<long>(
            "SELECT count(*) FROM content_resources WHERE type IN ('workshop', 'section', 'lesson') AND fields->>'title' ~ 's that [a-z]+s '"));
        // Every lesson has a video with a transcript.
        Assert.Equal(0L, await db.ScalarAsync<long>("""
            SELECT count(*) FROM content_resources l WHERE l.type = 'lesson' AND l.fields->>'slug' NOT LIKE '%-workshop-lesson-%'
            AND NOT EXISTS (SELECT 1 FROM content_links k JOIN content_resources v ON v.id = k.child_id AND v.type = 'video_resource'
                            WHERE k.parent_id = l.id AND length(v.fields->>'transcript') > 300)
            """));
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM users") >= 300);
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT count(*) FROM upgradable_products u JOIN products p ON p.id = u.upgradable_to_id WHERE p.name = 'Complete Bundle'"));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM coupons WHERE is_default AND restricted_to_product_id IS NOT NULL"));
    }

    [Fact]
    public async Task The_generated_workshops_of_a_larger_set_have_the_specified_shape()
    {
        // Past the twelve written ones (the large benchmark set's workshops): generated, for load.
        await using var db = await TestDatabase.CreateAsync(DemoSeedOptions.Default(TestEnvironment.SeedNow) with { Workshops = 24, Learners = 25, Purchases = 40 });
        var generated = $"NOT (fields->>'slug' LIKE ANY ({WrittenPrefixes}))";
        // 4–6 sections per workshop, 4–8 lessons per section.
        var sections = await db.ScalarAsync<string>($"""
            SELECT min(n) || '-' || max(n) FROM (SELECT count(*) n FROM content_links l JOIN content_resources s ON s.id = l.child_id AND s.type = 'section'
            WHERE NOT (s.fields->>'slug' LIKE ANY ({WrittenPrefixes})) GROUP BY l.parent_id) x
            """);
        Assert.Equal("4-6", sections);
        var lessons = await db.ScalarAsync<string>($"""
            SELECT min(n) || '-' || max(n) FROM (SELECT count(*) n FROM content_links l JOIN content_resources s ON s.id = l.parent_id AND s.type = 'section'
            JOIN content_resources c ON c.id = l.child_id AND c.type = 'lesson' WHERE NOT (s.fields->>'slug' LIKE ANY ({WrittenPrefixes})) GROUP BY l.parent_id) x
            """);
        Assert.Equal("4-8", lessons);
        // Lesson bodies: realistic Markdown of 2–20 KB with code blocks; titles in plain English.
        var bodies = await db.ScalarAsync<string>($"""
            SELECT min(length(fields->>'body')) || '-' || max(length(fields->>'body')) FROM content_resources r
            WHERE type = 'lesson' AND {generated} AND EXISTS (SELECT 1 FROM content_links l JOIN content_resources s ON s.id = l.parent_id AND s.type = 'section' WHERE l.child_id = r.id)
            """);
        var range = bodies.Split('-').Select(int.Parse).ToArray();
        Assert.InRange(range[0], 2_000, 3_000);
        Assert.InRange(range[1], 15_000, 21_000);
        Assert.True(await db.ScalarAsync<long>($"SELECT count(*) FROM content_resources WHERE type = 'lesson' AND {generated} AND fields->>'body' LIKE '%```%'") > 100);
        Assert.Equal(0L, await db.ScalarAsync<long>(
            "SELECT count(*) FROM content_resources WHERE type IN ('section', 'lesson') AND fields->>'title' ~ 's that [a-z]+s '"));
        Assert.True(await db.ScalarAsync<long>($"SELECT count(*) FROM content_resources WHERE type = 'lesson' AND {generated} AND fields->>'title' LIKE '%ies that %'") > 0);
    }
}

/// <summary>Every access situation AccessRules decides (Antonio.Web/Access/AccessRules.cs) has a demo account in the seeded data.</summary>
[Collection(SeededCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SeededSituationTests(SeededDatabaseFixture seeded)
{
    [Theory]
    [InlineData(DemoAccounts.Admin, "role:admin")]
    [InlineData(DemoAccounts.Reviewer, "role:reviewer")]
    [InlineData(DemoAccounts.Contributor, "role:contributor")]
    [InlineData(DemoAccounts.Buyer, "purchase:Valid:US:workshop_content_access:live")]
    [InlineData(DemoAccounts.BundleBuyer, "purchase:Valid:US:workshop_content_access:live")]
    [InlineData(DemoAccounts.PppBuyer, "purchase:Restricted:IN:workshop_content_access:live")]
    [InlineData(DemoAccounts.Refunded, "purchase:Refunded:US:workshop_content_access:deleted")]
    [InlineData(DemoAccounts.Disputed, "purchase:Disputed:US:workshop_content_access:deleted")]
    [InlineData(DemoAccounts.ExpiredEntitlement, "purchase:Valid:US:workshop_content_access:expired")]
    [InlineData(DemoAccounts.CohortEarly, "purchase:Valid:US:cohort_content_access:live")]
    [InlineData(DemoAccounts.CohortStarted, "purchase:Valid:US:cohort_content_access:live")]
    [InlineData(DemoAccounts.SeatHolder, "seat:Valid:workshop_content_access:live")]
    [InlineData(DemoAccounts.TeamBuyer, "bulk:10:2")]
    [InlineData(DemoAccounts.SubscriberPro, "subscription:pro")]
    [InlineData(DemoAccounts.SubscriberStandard, "subscription:standard")]
    [InlineData(DemoAccounts.Nobody, "nothing")]
    public async Task Each_access_situation_is_seeded(string email, string expected)
    {
        var db = seeded.Database;
        var situation = await db.ScalarAsync<string>($$"""
            WITH u AS (SELECT id FROM users WHERE email = '{{email}}')
            SELECT COALESCE(
              (SELECT 'role:' || r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = (SELECT id FROM u)),
              (SELECT 'bulk:' || c.max_uses || ':' || c.used_count FROM purchases p JOIN coupons c ON c.id = p.bulk_coupon_id WHERE p.user_id = (SELECT id FROM u)),
              (SELECT 'seat:' || p.status || ':' || t.name || ':' || CASE WHEN e.deleted_at IS NOT NULL THEN 'deleted' ELSE 'live' END
                 FROM purchases p JOIN entitlements e ON e.source_id = p.id JOIN entitlement_types t ON t.id = e.entitlement_type_id
                WHERE p.user_id = (SELECT id FROM u) AND p.redeemed_bulk_coupon_id IS NOT NULL),
              (SELECT 'purchase:' || p.status || ':' || p.country || ':' || t.name || ':' ||
                      CASE WHEN e.deleted_at IS NOT NULL THEN 'deleted' WHEN e.expires_at <= '{{TestEnvironment.SeedNow:O}}' THEN 'expired' ELSE 'live' END
                 FROM purchases p JOIN entitlements e ON e.source_id = p.id JOIN entitlement_types t ON t.id = e.entitlement_type_id
                WHERE p.user_id = (SELECT id FROM u)),
              (SELECT 'subscription:' || (e.metadata->>'tier') FROM entitlements e JOIN entitlement_types t ON t.id = e.entitlement_type_id
                WHERE e.user_id = (SELECT id FROM u) AND t.name = 'subscription_access'),
              CASE WHEN EXISTS (SELECT 1 FROM u) THEN 'nothing' END)
            """);
        Assert.Equal(expected, situation);
    }
}
