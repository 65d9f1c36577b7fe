using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Microsoft.Playwright;
using static Antonio.Tests.Journeys.JourneyPages;
using static Microsoft.Playwright.Assertions;

namespace Antonio.Tests.Journeys;

/// <summary>
/// Issue #20: every demo situation walks its path in a browser — signs in, lands on its home (or the catalogue,
/// signed out), and in each workshop the access table names for it (<see cref="Personas"/>, the table the access
/// matrix checks against AccessRules) opens a free lesson and a paid one: the paid one shows the lesson when the
/// table says it may be read, else the paywall with the offer this persona is shown (a price to buy, the region
/// its regional purchase is bound to, or the date its cohort opens).
/// </summary>
[Collection(JourneyCollection.Name)]
[Trait("Category", "Journey")]
public sealed class PersonaJourneys(JourneyTarget target)
{
    public static TheoryData<string> Names() => [.. Personas.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public Task Each_persona_sees_what_its_access_gives(string persona) => WalkAsync(persona, $"persona {persona}");

    /// <summary>
    /// Issue #28's rollback plan in a browser: a lighter subset of the personas — one of each kind of decision (bought,
    /// free only, another region, a cohort not open, a team seat) — with every fast path of the suite's app switched off.
    /// Against an outside deployment its switches are not ours to flip: skipped there.
    /// </summary>
    [Theory]
    [InlineData("buyer")]
    [InlineData("nobody")]
    [InlineData("ppp-buyer-outside")]
    [InlineData("cohort-early")]
    [InlineData("seat-holder")]
    public async Task Each_persona_sees_the_same_with_every_fast_path_off(string persona)
    {
        if (target.App is not { } app) return;
        app.SetAllFastPaths(on: false);
        try
        {
            await WalkAsync(persona, $"persona {persona}, every fast path off");
        }
        finally
        {
            app.SetAllFastPaths(on: true);
        }
    }

    private Task WalkAsync(string persona, string name)
    {
        var rows = Personas.Access.Where(a => a.Persona == persona).ToList();
        return Journey.RunAsync(target, new JourneyInfo(name, persona, Country: rows[0].Country), async (page, steps) =>
        {
            if (rows[0].Email is { } demo)
            {
                steps.Step("sign in, land on My workshops");
                await SignInAsync(page, JourneyTarget.Email(persona, demo), JourneyTarget.Password);
            }
            else
            {
                steps.Step("open the catalogue");
                await page.GotoAsync("/workshops");
                await Expect(Heading(page, "Workshops")).ToBeVisibleAsync();
            }
            foreach (var row in rows)
            {
                var title = DemoCatalogue.WorkshopTitle(row.WorkshopIndex);
                steps.Step($"open {title}");
                await page.GotoAsync("/workshops/" + DemoCatalogue.WorkshopSlug(row.WorkshopIndex));
                await Expect(Heading(page, title)).ToBeVisibleAsync();
                var paid = OutlineLesson(page, free: false);
                var paidHref = await paid.GetAttributeAsync("href");

                steps.Step($"a free lesson of {title}");
                await OpenLessonAsync(page, OutlineLesson(page, free: true));
                await ExpectReadableAsync(page);

                // "standard": the tier decides lesson by lesson; the access matrix checks each, the journey the free one.
                if (row.Open == "standard") continue;
                steps.Step(row.Open == "all" ? $"a paid lesson of {title}, to read" : $"a paid lesson of {title}, closed");
                await OpenLessonAsync(page, Outline(page).Locator($"a[href='{paidHref}']"));
                if (row.Open == "all") await ExpectReadableAsync(page);
                else await ExpectOfferAsync(page, persona);
            }
        });
    }

    /// <summary>What a closed lesson offers this persona.</summary>
    private static async Task ExpectOfferAsync(IPage page, string persona)
    {
        switch (persona)
        {
            case "cohort-early":
                var cohort = await ExpectPaywallAsync(page, "Your cohort hasn't started yet");
                await Expect(cohort).ToContainTextAsync("Lessons open on");
                break;
            case "ppp-buyer-outside":
                var region = await ExpectPaywallAsync(page, "This purchase is limited to another region");
                await Expect(region).ToContainTextAsync("You're visiting from US");
                await Expect(region.GetByRole(AriaRole.Link, new() { Name = "Buy", Exact = true }).First).ToBeVisibleAsync();
                break;
            default:
                var paywall = await ExpectPaywallAsync(page, "This lesson is part of a paid workshop");
                await Expect(paywall.GetByRole(AriaRole.Link, new() { Name = "Buy", Exact = true }).First).ToBeVisibleAsync();
                if (persona == "anonymous") await Expect(paywall.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
                break;
        }
    }
}
