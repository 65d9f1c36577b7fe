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
        await SubmitSignInAsync(page, async () =>
        {
            await page.GotoAsync("/account/login");
            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByLabel("Password").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        });
        await Expect(page).ToHaveURLAsync(Dashboard());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My workshops", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>
    /// Fills and sends the sign-in form as <paramref name="submit"/> does; when the site answers 429 (a shared site such
    /// as scripts/dev.sh keeps the real limit on account posts per client), waits as long as its Retry-After says and
    /// sends it again — what a person would do, and the limit itself stays as deployed.
    /// </summary>
    public static async Task SubmitSignInAsync(IPage page, Func<Task> submit)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await page.RunAndWaitForResponseAsync(submit,
                r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/account/login");
            if (response.Status != 429 || attempt == 3) return;
            var seconds = int.TryParse(await response.HeaderValueAsync("retry-after"), out var s) ? Math.Clamp(s, 1, 60) : 60;
            await Task.Delay(TimeSpan.FromSeconds(seconds) + TimeSpan.FromMilliseconds(250));
        }
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
