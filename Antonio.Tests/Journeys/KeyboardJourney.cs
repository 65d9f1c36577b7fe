using Antonio.Data.Seeding;
using Microsoft.Playwright;
using static Antonio.Tests.Journeys.JourneyPages;
using static Microsoft.Playwright.Assertions;

namespace Antonio.Tests.Journeys;

/// <summary>
/// Issue #20: a learner who uses only the keyboard signs in, opens a lesson from their home and marks it complete —
/// Tab to move, Enter to act, never the mouse — then marks it not done again, as it was (it can run again and again
/// against a shared site).
/// </summary>
[Collection(JourneyCollection.Name)]
[Trait("Category", "Journey")]
public sealed partial class KeyboardJourney(JourneyTarget target)
{
    /// <summary>The completion button, in either state (ProgressMarkup.CompleteButtonLabel).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^(Mark lesson complete|Completed ✓ — mark as not done)$")]
    private static partial System.Text.RegularExpressions.Regex CompletionButton();

    [Fact]
    public Task Sign_in_open_a_lesson_and_complete_it_with_the_keyboard_alone() =>
        Journey.RunAsync(target, new JourneyInfo("keyboard: sign in, lesson, completion", "buyer"), async (page, steps) =>
        {
            steps.Step("Tab to the e-mail field, type, Tab to the password, type, Enter");
            await SubmitSignInAsync(page, async () =>
            {
                await page.GotoAsync("/account/login");
                await TabToAsync(page, "the e-mail field", "document.activeElement?.id === 'email'");
                await page.Keyboard.TypeAsync(JourneyTarget.Email("buyer", DemoAccounts.Buyer));
                await page.Keyboard.PressAsync("Tab");
                Assert.True(await page.EvaluateAsync<bool>("document.activeElement?.id === 'password'"), "Tab from the e-mail field does not reach the password");
                await page.Keyboard.TypeAsync(JourneyTarget.Password);
                await page.Keyboard.PressAsync("Enter");
            });
            await Expect(Heading(page, "My workshops")).ToBeVisibleAsync();

            steps.Step("Tab to a lesson of Essentials on the home page, Enter");
            var workshop = "/workshops/" + DemoCatalogue.WorkshopSlug(0) + "/";
            await TabToAsync(page, "a lesson link", $"document.activeElement?.tagName === 'A' && new URL(document.activeElement.href).pathname.startsWith('{workshop}')");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            var lesson = new Uri(page.Url).AbsolutePath;

            var button = page.GetByRole(AriaRole.Button, new() { NameRegex = CompletionButton() });
            var before = (await button.TextContentAsync())!.Trim();
            foreach (var (round, label) in new[] { (1, "the completion button"), (2, "the completion button again, to put it back") })
            {
                steps.Step($"Tab to {label}, Enter");
                await TabToAsync(page, label, "document.activeElement?.closest('form.completion') !== null && document.activeElement.tagName === 'BUTTON'");
                var label0 = (await button.TextContentAsync())!.Trim();
                await page.Keyboard.PressAsync("Enter");
                await Expect(button).Not.ToHaveTextAsync(label0);
                Assert.Equal(lesson, new Uri(page.Url).AbsolutePath);
                if (round == 2) await Expect(button).ToHaveTextAsync(before);
            }
        });

    /// <summary>Presses Tab until <paramref name="focused"/> (a script) holds: the element is reachable from the keyboard, in order.</summary>
    private static async Task TabToAsync(IPage page, string what, string focused)
    {
        for (var presses = 0; presses < 150; presses++)
        {
            if (await page.EvaluateAsync<bool>(focused)) return;
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"{what} is not reached with Tab (150 presses)");
    }
}
