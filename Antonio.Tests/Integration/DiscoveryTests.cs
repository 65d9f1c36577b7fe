using System.Buffers.Binary;
using System.Net;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Learning;

namespace Antonio.Tests.Integration;

/// <summary>What search engines and link previews read: meta, canonical, Open Graph, JSON-LD, share images, sitemap, feed, robots.</summary>
[Collection(SeededCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DiscoveryTests(SeededDatabaseFixture seeded) : IAsyncLifetime
{
    private const string PublicUrl = "https://learn.example.test";
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(seeded.Database,
        settings: new Dictionary<string, string?> { ["Antonio:PublicUrl"] = PublicUrl, ["AllowedHosts"] = "*" });
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_workshop_page_says_what_it_is_to_search_engines_and_link_previews()
    {
        var workshop = await SeededData.WorkshopAsync(seeded.Database, 0);
        var page = (await _app.SettledAsync($"/workshops/{workshop.Slug}")).Body;
        Assert.Contains($"<link rel=\"canonical\" href=\"{PublicUrl}/workshops/{workshop.Slug}\"", page);
        Assert.Contains($"<meta property=\"og:image\" content=\"{PublicUrl}/workshops/{workshop.Slug}/og.png\"", page);
        Assert.Contains("<meta name=\"twitter:card\" content=\"summary_large_image\"", page);
        Assert.Contains("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"Course\"", page);
        Assert.Contains("<meta name=\"description\"", page);
        Assert.DoesNotContain("noindex", page);

        var lesson = (await _app.SettledAsync($"/workshops/{workshop.Slug}/{new LessonNavigator(workshop).Lessons[1].Lesson.Slug}")).Body;
        Assert.Contains($"<link rel=\"canonical\" href=\"{PublicUrl}/workshops/{workshop.Slug}/", lesson);

        using var image = await _app.Client.GetAsync($"/workshops/{workshop.Slug}/og.png");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        var png = await image.Content.ReadAsByteArrayAsync();
        Assert.Equal(1200, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(630, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        using var missing = await _app.Client.GetAsync("/workshops/no-such-workshop/og.png");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Personal_checkout_admin_and_unlisted_pages_are_noindex()
    {
        var unlisted = await SeededData.WorkshopAsync(seeded.Database, DemoCatalogue.UnlistedWorkshop);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\"", (await _app.GetAsync($"/workshops/{unlisted.Slug}")).Body);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\"", (await _app.GetAsync("/account/login")).Body);
        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        foreach (var path in new[] { "/admin", "/admin/emails", "/dashboard", "/account", "/purchases", "/team",
                     $"/checkout?product={await seeded.Database.ScalarAsync<Guid>("SELECT id FROM products WHERE name = 'Essentials'")}" })
            Assert.Contains("<meta name=\"robots\" content=\"noindex\"", (await admin.GetAsync(path)).Body);
    }

    [Fact]
    public async Task The_sitemap_lists_public_published_pages_from_the_public_url_and_is_cached()
    {
        var sitemap = await _app.GetAsync("/sitemap.xml");
        Assert.Equal(200, sitemap.Status);
        var workshop = await SeededData.WorkshopAsync(seeded.Database, 0);
        Assert.Contains($"<loc>{PublicUrl}/workshops/{workshop.Slug}</loc>", sitemap.Body);
        Assert.Contains($"<loc>{PublicUrl}/workshops/{workshop.Slug}/{new LessonNavigator(workshop).Lessons[^1].Lesson.Slug}</loc>", sitemap.Body);
        Assert.DoesNotContain(DemoCatalogue.WorkshopSlug(DemoCatalogue.UnlistedWorkshop), sitemap.Body);
        var drafts = await seeded.Database.ScalarAsync<string>("SELECT fields->>'slug' FROM content_resources WHERE type = 'lesson' AND fields->>'state' = 'draft' LIMIT 1");
        Assert.DoesNotContain("/" + drafts + "</loc>", sitemap.Body);
        Assert.Equal(0, (await _app.GetAsync("/sitemap.xml")).Queries);

        var feed = await _app.GetAsync("/rss.xml");
        Assert.Contains("<rss version=\"2.0\">", feed.Body);
        Assert.Contains($"<link>{PublicUrl}/workshops/", feed.Body);
        Assert.DoesNotContain(DemoCatalogue.WorkshopSlug(DemoCatalogue.UnlistedWorkshop), feed.Body);

        var robots = await _app.GetAsync("/robots.txt");
        Assert.Contains("Disallow: /account", robots.Body);
        Assert.Contains("Disallow: /admin", robots.Body);
        Assert.Contains($"Sitemap: {PublicUrl}/sitemap.xml", robots.Body);
    }
}
