using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Antonio.Tests.Journeys;

/// <summary>The moves journeys share, by role and accessible name.</summary>
public static partial class JourneyPages
{
    [GeneratedRegex("/dashboard$")]
    private static partial Regex Dashboard();

    /// <summary>Signs in through the form and lands on the learner's home.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Dashboard());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My workshops", Level = 1 })).ToBeVisibleAsync();
    }

    public static ILocator Heading(IPage page, string name) => page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1, Exact = true });

    /// <summary>The workshop's outline (on its page and beside every lesson).</summary>
    public static ILocator Outline(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Workshop contents" });

    /// <summary>The first lesson in the outline marked "Free", or the first not marked so.</summary>
    public static ILocator OutlineLesson(IPage page, bool free)
    {
        var items = Outline(page).GetByRole(AriaRole.Listitem);
        var badge = page.GetByText("Free", new() { Exact = true });
        return (free ? items.Filter(new() { Has = badge }) : items.Filter(new() { HasNot = badge })).First.GetByRole(AriaRole.Link).First;
    }

    /// <summary>Follows a lesson link and checks the lesson that opens is the one the link named.</summary>
    public static async Task<string> OpenLessonAsync(IPage page, ILocator link)
    {
        var title = (await link.TextContentAsync())!.Trim();
        await link.ClickAsync();
        await Expect(Heading(page, title)).ToBeVisibleAsync();
        return title;
    }

    /// <summary>The lesson is there to read: its body, and no paywall.</summary>
    public static async Task ExpectReadableAsync(IPage page)
    {
        await Expect(page.GetByTestId("lesson-body")).ToBeVisibleAsync();
        await Expect(page.Locator(".paywall")).ToHaveCountAsync(0);
    }

    /// <summary>The lesson is closed: a paywall with the given heading, no body.</summary>
    public static async Task<ILocator> ExpectPaywallAsync(IPage page, string heading)
    {
        var paywall = page.GetByRole(AriaRole.Region, new() { Name = heading, Exact = true });
        await Expect(paywall).ToBeVisibleAsync();
        await Expect(page.GetByTestId("lesson-body")).ToHaveCountAsync(0);
        return paywall;
    }
}
