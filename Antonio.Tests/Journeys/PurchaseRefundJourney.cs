using System.Text.RegularExpressions;
using Antonio.Data.Seeding;
using Microsoft.Playwright;
using static Antonio.Tests.Journeys.JourneyPages;
using static Microsoft.Playwright.Assertions;

namespace Antonio.Tests.Journeys;

/// <summary>
/// Issue #20: a journey that writes and puts things back, so it can run again and again against a shared site. The
/// "refunded" learner (their Essentials purchase was refunded) buys Advanced through the test-mode checkout, reads a
/// paid lesson, and the admin refunds it — in a finally, whatever failed — after which the lesson is closed again.
/// Needs the local test-mode payment provider (Antonio:Payments:Provider = local); skip it by name elsewhere.
/// </summary>
[Collection(JourneyCollection.Name)]
[Trait("Category", "Journey")]
public sealed partial class PurchaseRefundJourney(JourneyTarget target)
{
    [GeneratedRegex("^Continue to payment")]
    private static partial Regex ContinueToPayment();

    [GeneratedRegex(@"^Pay .+ \(test\)$")]
    private static partial Regex Pay();

    [GeneratedRegex(@"/purchases\?thanks=1$")]
    private static partial Regex Thanks();

    [Fact]
    public Task A_learner_buys_and_reads_then_the_admin_refunds_and_the_lesson_closes() =>
        Journey.RunAsync(target, new JourneyInfo("purchase, then refund", "refunded"), async (page, steps) =>
        {
            var learner = JourneyTarget.Email("refunded", DemoAccounts.Refunded);
            steps.Step("sign in as a learner without Advanced, meet its paywall");
            await SignInAsync(page, learner, JourneyTarget.Password);
            await page.GotoAsync("/workshops/" + DemoCatalogue.WorkshopSlug(DemoCatalogue.AdvancedFirst));
            var lesson = await OutlineLesson(page, free: false).GetAttributeAsync("href");
            await OpenLessonAsync(page, OutlineLesson(page, free: false));
            var paywall = await ExpectPaywallAsync(page, "This lesson is part of a paid workshop");

            steps.Step("Buy → checkout → the test-mode payment page");
            await paywall.GetByRole(AriaRole.Link, new() { Name = "Buy", Exact = true }).First.ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { NameRegex = ContinueToPayment() }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("TEST MODE");
            var paid = false;
            try
            {
                steps.Step("pay, land on the purchases page");
                paid = true; // from the click on, a purchase may exist: the refund below runs whatever happens next
                await page.GetByRole(AriaRole.Button, new() { NameRegex = Pay() }).ClickAsync();
                await Expect(page).ToHaveURLAsync(Thanks());

                steps.Step("the paid lesson opens");
                await page.GotoAsync(lesson!);
                await ExpectReadableAsync(page);
            }
            finally
            {
                if (paid) await RefundAsync(learner);
            }

            steps.Step("after the refund the lesson is closed again");
            await page.GotoAsync(lesson!);
            await ExpectPaywallAsync(page, "This lesson is part of a paid workshop");
        });

    /// <summary>The admin, in a browser of their own, refunds every purchase of the learner that still grants access.</summary>
    private async Task RefundAsync(string learner)
    {
        await using var context = await target.Browser.NewContextAsync(new() { BaseURL = target.BaseUrl });
        var admin = await context.NewPageAsync();
        await SignInAsync(admin, JourneyTarget.Email("admin", DemoAccounts.Admin), JourneyTarget.Password);
        await admin.GotoAsync("/admin/purchases?email=" + Uri.EscapeDataString(learner));
        var refund = admin.GetByRole(AriaRole.Button, new() { Name = "Refund", Exact = true });
        while (await refund.CountAsync() > 0)
        {
            var before = await refund.CountAsync();
            await refund.First.ClickAsync();
            await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Refunded");
            await Expect(refund).ToHaveCountAsync(before - 1);
        }
    }
}
