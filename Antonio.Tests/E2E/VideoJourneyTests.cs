using System.Text.RegularExpressions;
using Antonio.Data.Content;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Access;
using Antonio.Web.Content;
using Antonio.Web.Learning;
using Microsoft.Playwright;

namespace Antonio.Tests.E2E;

/// <summary>
/// Issue #15 in a real browser, on the demo data and its bundled stream (the local video origin): playback
/// through the browser's own HLS and through hls.js, speed and captions remembered, resume on any device,
/// completion at the end and "Up next".
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Journey")]
public sealed partial class VideoJourneyTests(BrowserFixture browser) : OwnDatabaseJourney
{
    private const string Video = "article.lesson video";

    [GeneratedRegex("^(native|hls\\.js)$")]
    private static partial Regex AnyEngine();

    private async Task<IBrowserContext> ContextAsync(string? email = null, bool forceHlsJs = false)
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = App.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        if (forceHlsJs) await context.AddInitScriptAsync("window.antonioForceHlsJs = true;");
        if (email is not null)
        {
            // Signed in as a learner would be, on a device of its own: a fresh sign-in, a fresh cookie.
            using var user = await WebUser.SignedInAsync(App, email);
            await context.AddCookiesAsync(user.Cookies.GetAllCookies().Select(c => new Cookie
            {
                Name = c.Name, Value = c.Value, Domain = App.BaseAddress.Host, Path = "/", HttpOnly = c.HttpOnly,
            }));
        }
        return context;
    }

    /// <summary>Lessons of the first workshop whose video is ready, with their paths.</summary>
    private async Task<List<(string Path, LessonPosition Position)>> LessonsWithVideoAsync(bool free)
    {
        var workshop = await SeededData.WorkshopAsync(Db, 0);
        return [.. (await SeededData.LessonsWithReadyVideoAsync(Db, workshop, free)).Select(p => (WorkshopLinks.Lesson(workshop, p.Lesson), p))];
    }

    private static Task<double> CurrentTimeAsync(IPage page) => page.EvalOnSelectorAsync<double>(Video, "v => v.currentTime");

    private static async Task PlaysAsync(IPage page)
    {
        await page.Locator(Video).ClickAsync();
        await page.WaitForFunctionAsync($"() => document.querySelector('{Video}').currentTime > 0.5", null, new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task Plays_with_the_browsers_hls_or_with_hls_js_and_remembers_speed_and_captions()
    {
        var (path, _) = (await LessonsWithVideoAsync(free: true))[0];

        await using (var hlsJs = await ContextAsync(forceHlsJs: true))
        {
            var page = await hlsJs.NewPageAsync();
            var watch = new PageWatch(page);
            await page.GotoAsync(path);
            await PlaysAsync(page);
            await Assertions.Expect(page.Locator(Video)).ToHaveAttributeAsync("data-engine", "hls.js");
            Assert.Contains(watch.Requests, url => url.Contains("/lib/hls.js/", StringComparison.Ordinal));
            watch.AssertClean();
        }

        await using var context = await ContextAsync();
        var learner = await context.NewPageAsync();
        var requests = new PageWatch(learner);
        await learner.GotoAsync(path);
        // Nothing of the player (or hls.js) before the first intent to play.
        Assert.DoesNotContain(requests.Requests, url => url.Contains("video-player", StringComparison.Ordinal) || url.Contains("hls", StringComparison.Ordinal));
        await PlaysAsync(learner);
        await Assertions.Expect(learner.Locator(Video)).ToHaveAttributeAsync("data-engine", AnyEngine());
        await learner.Locator(".player-bar select.speed").SelectOptionAsync("1.5");
        await learner.Locator(".player-bar .captions-toggle").ClickAsync();
        await Assertions.Expect(learner.Locator(".player-bar .captions-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal("showing", await learner.EvalOnSelectorAsync<string>(Video, "v => v.textTracks[0].mode"));

        await learner.ReloadAsync();
        await PlaysAsync(learner);
        Assert.Equal(1.5, await learner.EvalOnSelectorAsync<double>(Video, "v => v.playbackRate"));
        Assert.Equal("showing", await learner.EvalOnSelectorAsync<string>(Video, "v => v.textTracks[0].mode"));
        await Assertions.Expect(learner.Locator(".player-bar .captions-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        // The caption track loads and has cues from the transcript.
        await learner.WaitForFunctionAsync($"() => document.querySelector('{Video}').textTracks[0].cues?.length > 0");
        // Keyboard: "c" turns captions off, space pauses.
        await learner.Locator(Video).FocusAsync();
        await learner.Keyboard.PressAsync("c");
        Assert.Equal("hidden", await learner.EvalOnSelectorAsync<string>(Video, "v => v.textTracks[0].mode"));
        await learner.Keyboard.PressAsync(" ");
        Assert.True(await learner.EvalOnSelectorAsync<bool>(Video, "v => v.paused"));
        requests.AssertClean();
    }

    [Fact]
    public async Task A_link_with_a_time_starts_the_video_there_and_a_time_in_the_transcript_jumps_to_it()
    {
        var (path, _) = (await LessonsWithVideoAsync(free: true))[0];
        await using var context = await ContextAsync();
        var page = await context.NewPageAsync();
        var watch = new PageWatch(page);
        // What a transcript hit in search links to: the player loads by itself and stands at 0:04 (the stream is 8 s).
        await page.GotoAsync($"{path}?t=4");
        await Assertions.Expect(page.Locator(Video)).ToHaveAttributeAsync("data-engine", AnyEngine());
        await page.WaitForFunctionAsync($"() => document.querySelector('{Video}')?.currentTime >= 3.5");
        Assert.InRange(await CurrentTimeAsync(page), 3.5, 8);

        // The transcript's times are links: the first (0:00) takes the running player back to the start.
        await page.Locator("details.transcript summary").ClickAsync();
        var first = page.Locator("details.transcript a[data-seek]").First;
        await Assertions.Expect(first).ToHaveAttributeAsync("data-seek", "0");
        await Assertions.Expect(first).ToHaveAccessibleNameAsync("Play from 0:00");
        await first.ClickAsync();
        await page.WaitForFunctionAsync($"() => document.querySelector('{Video}')?.currentTime < 3");
        await Assertions.Expect(page.Locator(Video)).ToHaveAttributeAsync("data-engine", AnyEngine()); // the same player, still there
        Assert.EndsWith("?t=0", page.Url, StringComparison.Ordinal);
        // A forged time is ignored, never thrown.
        await page.GotoAsync($"{path}?t=-5%3Cscript%3E");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.Locator(Video)).Not.ToHaveAttributeAsync("data-engine", AnyEngine());
        watch.AssertClean();
    }

    [Fact]
    public async Task A_learner_resumes_where_they_stopped_on_this_device_and_on_another()
    {
        var (path, _) = (await LessonsWithVideoAsync(free: false))[0];
        await using (var laptop = await ContextAsync(DemoAccounts.BundleBuyer))
        {
            var page = await laptop.NewPageAsync();
            await page.GotoAsync(path);
            await PlaysAsync(page);
            await page.EvalOnSelectorAsync(Video, "v => new Promise(done => { v.addEventListener('seeked', done, { once: true }); v.currentTime = 3; })");
            // The pause sends the position (a beacon): once the server has answered it, the reloaded page says where to resume.
            await page.RunAndWaitForRequestFinishedAsync(() => page.EvalOnSelectorAsync(Video, "v => v.pause()"),
                new() { Predicate = request => request.Url.EndsWith("/progress/position", StringComparison.Ordinal) });
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator(Video)).ToHaveAttributeAsync("data-start", "3");
            await page.Locator(Video).ClickAsync();
            await page.WaitForFunctionAsync($"() => document.querySelector('{Video}').currentTime > 0");
            Assert.InRange(await CurrentTimeAsync(page), 2.0, 4.5);
        }

        await using var phone = await ContextAsync(DemoAccounts.BundleBuyer);
        var other = await phone.NewPageAsync();
        await other.GotoAsync(path);
        await Assertions.Expect(other.Locator(Video)).ToHaveAttributeAsync("data-start", "3");
        await other.Locator(Video).ClickAsync();
        await other.WaitForFunctionAsync($"() => document.querySelector('{Video}').currentTime > 0");
        Assert.InRange(await CurrentTimeAsync(other), 2.0, 4.5);
    }

    [Fact]
    public async Task Watching_to_the_end_completes_the_lesson_and_up_next_moves_on()
    {
        var lessons = await LessonsWithVideoAsync(free: false);
        var (path, position) = lessons[0];
        await using var context = await ContextAsync(DemoAccounts.BundleBuyer);
        var page = await context.NewPageAsync();
        var watch = new PageWatch(page);
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator("form.completion button")).ToContainTextAsync("Mark lesson complete");
        var nextTitle = await page.Locator("a[rel=next]").TextContentAsync();
        await PlaysAsync(page);
        await page.EvalOnSelectorAsync(Video, "v => { v.currentTime = Math.max(0, v.duration - 1); }");

        // At 90% the lesson is completed by the same post the button makes; the button and the navigation say so.
        await Assertions.Expect(page.Locator("form.completion button")).ToContainTextAsync("Completed", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator($"nav.module-nav li.done a[href='{path}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".up-next")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator(".up-next .countdown")).ToContainTextAsync("Starting in");
        // The countdown takes the next lesson's link (enhanced navigation), and its video starts by itself.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(nextTitle!.Replace("→", "", StringComparison.Ordinal).Trim(), new() { Timeout = 20_000 });
        Assert.NotEqual(position.Lesson.Title, await page.Locator("h1").TextContentAsync());
        watch.AssertClean();
    }
}
