using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Access;
using Antonio.Web.Learning;

namespace Antonio.Tests.E2E;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LighthouseCollection : ICollectionFixture<SeededDatabaseFixture>
{
    public const string Name = "lighthouse";
}

/// <summary>
/// Issue #14's page-quality gate: Lighthouse (npm, pinned in Antonio.Tests/browser-tools, mobile defaults with
/// simulated throttling, Debian's Chromium) over the home, a workshop, a free lesson and a signed-in lesson.
/// Lighthouse's own scores and metrics, from the median of three runs (Lighthouse's computeMedianRun). It runs
/// alone (no parallel tests) because its timings are CPU time on this machine, multiplied by four.
/// Each page's HTML report is written to the test artifacts.
/// </summary>
[Collection(LighthouseCollection.Name)]
public sealed class LighthouseTests(SeededDatabaseFixture seeded) : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(seeded.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static TheoryData<string> Pages => new() { "home", "workshop", "free lesson", "signed-in lesson" };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_meets_the_budgets(string page)
    {
        var workshop = await SeededData.WorkshopAsync(seeded.Database, 0);
        var lessons = new LessonNavigator(workshop).Lessons;
        var (path, cookie) = page switch
        {
            "home" => ("/", ""),
            "workshop" => ($"/workshops/{workshop.Slug}", ""),
            "free lesson" => ($"/workshops/{workshop.Slug}/{lessons.First(p => p.Lesson.IsPublished && AccessRules.IsFreeTier(p.Lesson, p.Section)).Lesson.Slug}", ""),
            _ => ($"/workshops/{workshop.Slug}/{SeededData.PaidLesson(workshop).Lesson.Slug}", await SignedInCookieAsync(DemoAccounts.Buyer)),
        };
        var url = new Uri(_app.BaseAddress, path);
        // Warm: the gate measures the page a learner gets, not the first render after a deploy.
        using (var warm = new WebUser(_app)) await warm.GetAsync(path, cookie.Length == 0 ? null : new Dictionary<string, string> { ["Cookie"] = cookie });

        var result = await RunAsync(url, cookie, Path.Combine(TestEnvironment.ArtifactsDirectory, $"lighthouse-{page.Replace(' ', '-')}.html"));

        Assert.Null(result.RuntimeError);
        var summary = $"{page}: {result}";
        foreach (var category in new[] { "accessibility", "best-practices", "seo" })
            Assert.True(result.Scores[category] == 1, $"{category} below 100 — {summary}");
        Assert.True(result.Cls < LighthouseBudgets.MaxCls, $"layout shift — {summary}");
        Assert.True(result.Fcp <= LighthouseBudgets.MaxFcpMs, $"first contentful paint — {summary}");
        Assert.True(result.Lcp <= LighthouseBudgets.MaxLcpMs, $"largest contentful paint — {summary}");
        Assert.True(result.Tbt <= LighthouseBudgets.MaxTbtMs, $"total blocking time — {summary}");
        Assert.True(result.Scores["performance"] >= LighthouseBudgets.MinPerformance, $"performance — {summary}");
    }

    private async Task<string> SignedInCookieAsync(string email)
    {
        using var user = await WebUser.SignedInAsync(_app, email);
        return user.Cookies.GetCookieHeader(_app.BaseAddress);
    }

    private static async Task<LighthouseResult> RunAsync(Uri url, string cookie, string report)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = LighthouseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "gate.mjs", url.ToString(), "--runs", "3", "--report", report }) start.ArgumentList.Add(arg);
        if (cookie.Length > 0)
        {
            start.ArgumentList.Add("--cookie");
            start.ArgumentList.Add(cookie);
        }
        start.Environment["CHROME_PATH"] = TestEnvironment.Chromium;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"lighthouse failed: {await error}");
        var line = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        return JsonSerializer.Deserialize<LighthouseResult>(line, Json)!;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string LighthouseDirectory => BrowserTools.DirectoryWith("lighthouse");

    private sealed record LighthouseResult(string? RuntimeError, Dictionary<string, double> Scores, double Fcp, double Lcp, double Cls, double Tbt,
        string[] Failing, JsonElement AllRuns)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"scores {string.Join(", ", Scores.Select(s => $"{s.Key} {s.Value}"))}; FCP {Fcp:0} ms, LCP {Lcp:0} ms, CLS {Cls:0.###}, TBT {Tbt:0} ms; runs {AllRuns}; below 1: {string.Join(", ", Failing)}");
    }
}
