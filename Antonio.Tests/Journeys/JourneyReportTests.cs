using System.IO.Compression;
using static Antonio.Tests.Journeys.JourneyPages;
using static Microsoft.Playwright.Assertions;

namespace Antonio.Tests.Journeys;

/// <summary>
/// Issue #20: the report itself. A journey with a deliberately broken expectation fails, and leaves a Playwright trace,
/// a screenshot, the page's HTML and a failing line naming the step; one that fails once and passes on its retry is
/// reported as flaky. Each writes to a report of its own, not the run's.
/// </summary>
[Collection(JourneyCollection.Name)]
[Trait("Category", "Journey")]
public sealed class JourneyReportTests(JourneyTarget target) : IDisposable
{
    private readonly JourneyReport _report = new(Path.Combine(Path.GetTempPath(), "antonio-journey-report-" + Guid.NewGuid().ToString("N")));

    public void Dispose() => Directory.Delete(_report.Directory, recursive: true);

    [Fact]
    public async Task A_broken_expectation_leaves_a_trace_a_screenshot_the_html_and_a_failing_line()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => Journey.RunAsync(target, new JourneyInfo("broken on purpose", "anonymous"), async (page, steps) =>
        {
            steps.Step("open the home page");
            await page.GotoAsync("/");
            steps.Step("expect a heading the page does not have");
            await Expect(Heading(page, "A heading no page has")).ToBeVisibleAsync(new() { Timeout = 1_000 });
        }, _report, attempts: 1));

        var evidence = Path.Combine(_report.Directory, "broken-on-purpose-desktop", "attempt-1");
        using (var trace = ZipFile.OpenRead(Path.Combine(evidence, "trace.zip")))
            Assert.Contains(trace.Entries, e => e.Name.EndsWith(".trace", StringComparison.Ordinal));
        Assert.True(new FileInfo(Path.Combine(evidence, "screenshot.png")).Length > 1000);
        Assert.Contains("<h1", await File.ReadAllTextAsync(Path.Combine(evidence, "page.html")), StringComparison.Ordinal);
        var report = await File.ReadAllTextAsync(Path.Combine(_report.Directory, "report.md"));
        Assert.Contains("| broken on purpose | anonymous | desktop | FAILED |", report, StringComparison.Ordinal);
        Assert.Contains("at \"expect a heading the page does not have\"", report, StringComparison.Ordinal);
        Assert.Contains("[trace](broken-on-purpose-desktop/attempt-1/trace.zip)", report, StringComparison.Ordinal);
        Assert.Contains("1 failed", await File.ReadAllTextAsync(Path.Combine(_report.Directory, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_journey_that_passes_only_on_its_retry_is_reported_flaky()
    {
        var attempt = 0;
        await Journey.RunAsync(target, new JourneyInfo("fails once", "anonymous", "phone"), async (page, steps) =>
        {
            steps.Step("open the catalogue");
            await page.GotoAsync("/workshops");
            steps.Step(attempt++ == 0 ? "fail the first time" : "pass the second time");
            Assert.True(attempt > 1, "the first attempt fails");
        }, _report);

        var report = await File.ReadAllTextAsync(Path.Combine(_report.Directory, "report.md"));
        Assert.Contains("| fails once | anonymous | phone | FLAKY |", report, StringComparison.Ordinal);
        Assert.Contains("passed on attempt 2; attempt 1: ", report, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_report.Directory, "fails-once-phone", "attempt-1", "trace.zip")));
        Assert.DoesNotContain("PASSED", report, StringComparison.Ordinal);
    }
}
