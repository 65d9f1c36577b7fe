using Antonio.Data.Seeding;
using Microsoft.Playwright;
using static Antonio.Tests.Journeys.JourneyPages;
using static Microsoft.Playwright.Assertions;

namespace Antonio.Tests.Journeys;

/// <summary>
/// Issue #30: a buyer searches from the header box, sees results as they type, moves through them with the arrow keys
/// and opens one with Enter; then narrows the full results page with a facet, and the same page works with the
/// browser's JavaScript off (the form and the facets are links and a GET form).
/// </summary>
[Collection(JourneyCollection.Name)]
[Trait("Category", "Journey")]
public sealed class SearchJourney(JourneyTarget target)
{
    private const string Lesson = "Joins and the nested loop trap";

    [Fact]
    public Task Results_as_you_type_open_with_the_keyboard_and_facets_narrow_the_page() =>
        Journey.RunAsync(target, new JourneyInfo("search: as you type, keyboard, facets", "buyer"), async (page, steps) =>
        {
            await SignInAsync(page, JourneyTarget.Email("buyer", DemoAccounts.Buyer), JourneyTarget.Password);

            steps.Step("Type in the header's search box: results appear under it, the count is announced");
            var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Search the workshops" });
            await page.Locator("#site-search").FocusAsync();
            await Expect(box).ToBeVisibleAsync(); // the island made the box a combobox on focus
            var before = await page.Locator("main").BoundingBoxAsync();
            await box.PressSequentiallyAsync("nested loop", new() { Delay = 40 });
            var list = page.GetByRole(AriaRole.Listbox, new() { Name = "Results as you type" });
            await Expect(list.GetByRole(AriaRole.Option).First).ToContainTextAsync(Lesson);
            await Expect(box).ToHaveAttributeAsync("aria-expanded", "true");
            await Expect(page.Locator(".site-search [role=status]")).ToContainTextAsync("for nested loop");
            Assert.Equal(before?.Y, (await page.Locator("main").BoundingBoxAsync())?.Y); // the list lies over the page

            steps.Step("Arrow down to the first result, Enter: its lesson opens");
            await page.Keyboard.PressAsync("ArrowDown");
            await Expect(list.GetByRole(AriaRole.Option).First).ToHaveAttributeAsync("aria-selected", "true");
            await page.Keyboard.PressAsync("Enter");
            await Expect(Heading(page, Lesson)).ToBeVisibleAsync();

            steps.Step("Search the full page, choose a facet: only lessons, the facet marked as chosen");
            await page.GotoAsync("/search?q=nested+loop");
            var facets = page.GetByRole(AriaRole.Navigation, new() { Name = "Refine the results" });
            await facets.GetByRole(AriaRole.Link, new() { Name = "Lessons" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("kind=lesson"));
            await Expect(facets.Locator("[aria-current=true]", new() { HasText = "Lessons" })).ToBeVisibleAsync();
            await Expect(page.Locator(".search-results li").First).ToContainTextAsync(Lesson);
        });

    [Fact]
    public Task Search_works_without_javascript() =>
        Journey.RunAsync(target, new JourneyInfo("search without JavaScript", "anonymous"), async (page, steps) =>
        {
            steps.Step("With scripts off: type in the box, Enter, a facet link");
            await using var context = await target.Browser.NewContextAsync(new() { BaseURL = target.BaseUrl, JavaScriptEnabled = false });
            var bare = await context.NewPageAsync();
            await bare.GotoAsync("/");
            await bare.Locator("#site-search").FillAsync("indexes");
            await bare.Locator("#site-search").PressAsync("Enter");
            await Expect(bare.Locator(".search-page [role=status]")).ToContainTextAsync("for “indexes”");
            await bare.GetByRole(AriaRole.Navigation, new() { Name = "Refine the results" }).GetByRole(AriaRole.Link, new() { Name = "Workshops" }).ClickAsync();
            await Expect(bare).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("kind=workshop"));
        });
}
