using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Microsoft.Playwright;

namespace Antonio.Tests.Journeys;

/// <summary>
/// Runs one journey in a fresh browser context with a Playwright trace recording. A failed attempt keeps its trace,
/// a screenshot and the page's HTML; the journey is tried once more, and one that then passes is reported as flaky,
/// never silently green. Journeys named in ANTONIO_JOURNEY_SKIP (comma-separated) are reported as skipped.
/// </summary>
public static class Journey
{
    public static async Task RunAsync(JourneyTarget target, JourneyInfo info, Func<IPage, JourneySteps, Task> body, JourneyReport? report = null, int attempts = 2)
    {
        report ??= JourneyReport.Default;
        var skipped = (Environment.GetEnvironmentVariable("ANTONIO_JOURNEY_SKIP") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (skipped.Contains(info.Name))
        {
            await report.RecordAsync(new JourneyResult(info.Name, info.Persona, info.Viewport, "skipped", 0, ["skipped by ANTONIO_JOURNEY_SKIP"]));
            return;
        }
        var clock = Stopwatch.StartNew();
        JourneyResult? failed = null;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            await using var context = await target.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = target.BaseUrl,
                ViewportSize = Viewports.Named(info.Viewport),
                ExtraHTTPHeaders = info.Country is null ? null : new Dictionary<string, string> { ["CF-IPCountry"] = info.Country },
                BypassCSP = info.InjectsScripts,
            });
            await context.Tracing.StartAsync(new() { Title = info.Name, Screenshots = true, Snapshots = true });
            var page = await context.NewPageAsync();
            var steps = new JourneySteps();
            try
            {
                await body(page, steps);
                steps.Step("done");
                await context.Tracing.StopAsync();
                await report.RecordAsync(failed is null
                    ? new JourneyResult(info.Name, info.Persona, info.Viewport, "passed", clock.Elapsed.TotalSeconds, steps.Done)
                    : failed with { Status = "flaky", Seconds = clock.Elapsed.TotalSeconds, Steps = steps.Done, Message = $"passed on attempt {attempt}; attempt 1: {failed.Message}" });
                return;
            }
            catch (Exception e)
            {
                var evidence = report.EvidenceDirectory(info.Name, info.Viewport, attempt);
                await KeepEvidenceAsync(context, page, evidence);
                failed = new JourneyResult(info.Name, info.Persona, info.Viewport, "failed", clock.Elapsed.TotalSeconds, steps.Done,
                    steps.Current, e.Message.Length > 3000 ? e.Message[..3000] + " …" : e.Message, Path.GetRelativePath(report.Directory, evidence));
                if (attempt == attempts)
                {
                    await report.RecordAsync(failed);
                    ExceptionDispatchInfo.Capture(e).Throw();
                }
            }
        }
    }

    private static async Task KeepEvidenceAsync(IBrowserContext context, IPage page, string directory)
    {
        // Each piece on its own: a page that crashed may give no screenshot, and the trace is still worth having.
        try { await page.ScreenshotAsync(new() { Path = Path.Combine(directory, "screenshot.png"), FullPage = true, Timeout = 10_000 }); }
        catch (PlaywrightException) { }
        try { await File.WriteAllTextAsync(Path.Combine(directory, "page.html"), await page.ContentAsync()); }
        catch (PlaywrightException) { }
        await context.Tracing.StopAsync(new() { Path = Path.Combine(directory, "trace.zip") });
    }
}
