using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Antonio.Tests.E2E;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<SeededDatabaseFixture>
{
    public const string Name = "browser";
}

/// <summary>A learner's first visit, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Journey")]
public sealed class LearnerJourneyTests(BrowserFixture browser, SeededDatabaseFixture seeded) : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(seeded.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Shot(string name) => Path.Combine(TestEnvironment.ArtifactsDirectory, name + ".png");

    [Fact]
    public async Task Home_to_workshop_to_free_lesson_to_paywalled_lesson_and_back()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = _app.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var watch = new PageWatch(page);
        var slug = DemoCatalogue.WorkshopSlug(0);

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Workshops that teach by building");
        await page.ScreenshotAsync(new() { Path = Shot("01-home"), FullPage = true });

        await page.Locator($"a[href='/workshops/{slug}']").First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(DemoCatalogue.WorkshopTitle(0));
        await Assertions.Expect(page.Locator("section.pricing .price-final").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("02-workshop"), FullPage = true });

        await page.Locator("a.button", new() { HasTextString = "Start with" }).ClickAsync();
        await Assertions.Expect(page.Locator("article.lesson video")).ToBeVisibleAsync();
        var freeTitle = await page.Locator("h1").TextContentAsync();
        await Assertions.Expect(page.Locator("nav.module-nav a[aria-current=page]")).ToHaveTextAsync(freeTitle!);
        await page.ScreenshotAsync(new() { Path = Shot("03-free-lesson"), FullPage = true });

        await page.Locator("a[rel=next]").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).Not.ToHaveTextAsync(freeTitle!);
        await Assertions.Expect(page.Locator(".paywall")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("article.lesson video")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".paywall .price-final").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("04-paywalled-lesson"), FullPage = true });

        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(freeTitle!);

        watch.AssertClean();
        Assert.Contains(watch.Requests, url => url.Contains("/_framework/blazor.web"));
        Assert.DoesNotContain(watch.Requests, url => url.EndsWith(".wasm", StringComparison.Ordinal) || url.Contains("dotnet.js"));
    }
}
