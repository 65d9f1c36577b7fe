using System.Text.RegularExpressions;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Microsoft.Playwright;
using static Antonio.Tests.Journeys.JourneyPages;
using static Microsoft.Playwright.Assertions;

namespace Antonio.Tests.Journeys;

/// <summary>
/// Issue #20: axe-core (pinned in Antonio.Tests/browser-tools, injected by Playwright) over every learner, account,
/// checkout and admin page, at phone and desktop widths, signed out, signed in as a learner and as the admin:
/// no violation of the WCAG 2.0/2.1 A and AA rules. Every page is visited before the journey fails, so the report
/// lists all that need work at once.
/// </summary>
[Collection(JourneyCollection.Name)]
[Trait("Category", "Journey")]
public sealed partial class AccessibilityJourneys(JourneyTarget target)
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    [GeneratedRegex(@"^/admin/(content|products|coupons|users)/[0-9a-f-]{36}$")]
    private static partial Regex AdminEditor();

    public static TheoryData<string, string> Audiences() => new()
    {
        { "anonymous", "phone" }, { "anonymous", "desktop" },
        { "buyer", "phone" }, { "buyer", "desktop" },
        { "admin", "phone" }, { "admin", "desktop" },
    };

    [Theory]
    [MemberData(nameof(Audiences))]
    public Task Every_page_passes_axe(string persona, string viewport) =>
        Journey.RunAsync(target, new JourneyInfo($"axe {persona}", persona, viewport, InjectsScripts: true), async (page, steps) =>
        {
            var violations = new List<string>();
            async Task CheckAsync(string path)
            {
                steps.Step("axe " + path);
                // The load event: a streamed page has finished streaming by then.
                await page.GotoAsync(path);
                foreach (var v in await AxeAsync(page)) violations.Add($"{path}: {v}");
            }

            if (persona != "anonymous")
            {
                steps.Step("sign in");
                await SignInAsync(page, JourneyTarget.Email(persona, persona == "admin" ? DemoAccounts.Admin : DemoAccounts.Buyer), JourneyTarget.Password);
            }
            foreach (var path in await LearnerPagesAsync(page, persona)) await CheckAsync(path);
            if (persona == "admin")
                foreach (var path in await AdminPagesAsync(page)) await CheckAsync(path);
            Assert.True(violations.Count == 0, $"{violations.Count} axe violations:\n" + string.Join("\n", violations));
        });

    /// <summary>The learner's, account and checkout pages this visitor can reach (found from the pages themselves).</summary>
    private static async Task<List<string>> LearnerPagesAsync(IPage page, string persona)
    {
        var essentials = "/workshops/" + DemoCatalogue.WorkshopSlug(0);
        var advanced = "/workshops/" + DemoCatalogue.WorkshopSlug(DemoCatalogue.AdvancedFirst);
        await page.GotoAsync(essentials);
        var free = await OutlineLesson(page, free: true).GetAttributeAsync("href");
        var paid = await OutlineLesson(page, free: false).GetAttributeAsync("href");
        await page.GotoAsync(advanced);
        var closed = await OutlineLesson(page, free: false).GetAttributeAsync("href");
        // The offer, where this visitor has one (the admin may read everything and is offered nothing).
        var offer = page.GetByRole(AriaRole.Region, new() { Name = "Get access" }).GetByRole(AriaRole.Link, new() { Name = "Buy", Exact = true });
        var buy = await offer.CountAsync() > 0 ? await offer.First.GetAttributeAsync("href") : null;
        List<string> pages = ["/", "/workshops", essentials, free!, paid!, advanced, closed!, "/search?q=postgresql", "/workshops/no-such-workshop",
            "/cohorts", "/cohorts/" + DemoCatalogue.UpcomingCohortSlug, "/live", "/live/" + DemoCatalogue.LiveSessionSlug];
        if (buy is not null) pages.Add(buy);
        if (persona == "anonymous") return [.. pages, "/account/login", "/account/register", "/account/magic-link"];
        pages.AddRange(["/dashboard", "/account", "/purchases", "/team"]);
        if (buy is null) return pages;
        // The local test-mode payment page: a checkout started (nothing is bought).
        await page.GotoAsync(buy);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Continue to payment") }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/checkout/local"));
        pages.Add(new Uri(page.Url).PathAndQuery);
        return pages;
    }

    /// <summary>The admin's pages: its menu, and the first editor each list links to.</summary>
    private static async Task<List<string>> AdminPagesAsync(IPage page)
    {
        await page.GotoAsync("/admin");
        var menu = await page.Locator("a[href^='/admin/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        var pages = new List<string> { "/admin" };
        foreach (var list in menu.Distinct().Where(h => h.Count(c => c == '/') == 2))
        {
            pages.Add(list);
            await page.GotoAsync(list);
            var editors = await page.Locator("a[href^='/admin/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            if (editors.FirstOrDefault(h => AdminEditor().IsMatch(h)) is { } editor) pages.Add(editor);
            if (editors.FirstOrDefault(h => h.EndsWith("/new", StringComparison.Ordinal)) is { } create) pages.Add(create);
        }
        return [.. pages.Distinct()];
    }

    private static async Task<string[]> AxeAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = BrowserTools.AxeScript });
        return await page.EvaluateAsync<string[]>("""
            async tags => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
              return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
            }
            """, WcagTags);
    }
}
