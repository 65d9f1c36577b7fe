using System.IO.Compression;
using System.Text.RegularExpressions;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Content;
using Antonio.Web.Learning;

namespace Antonio.Tests.Integration;

/// <summary>
/// The budget (README, "Measured"): the JavaScript a learner page ships before any intent is under 60 KB gzip, and no
/// WebAssembly: the inline boot script, the islands it starts once the page has painted and the modules they import
/// at once (the real-user metrics and web-vitals). blazor.web.js waits for the learner's first intent (pointer,
/// touch, key, focus), the player and hls.js for an intent to play.
/// </summary>
[Collection(SeededCollection.Name)]
[Trait("Category", "Integration")]
public sealed partial class PageWeightTests(SeededDatabaseFixture seeded) : IAsyncLifetime
{
    public const int MaxScriptGzipBytes = 60 * 1024;
    private TestApp _app = null!;
    public async Task InitializeAsync() => _app = await TestApp.StartAsync(seeded.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [GeneratedRegex("(?:<script[^>]*?\\bsrc|\\bdata-islands)=\"([^\"]+)\"")]
    private static partial Regex Script();

    [GeneratedRegex(@"<script[^>]*>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();

    /// <summary>A module's imports of its neighbours: <c>import('./x.js')</c> and <c>from './x.js'</c>.</summary>
    [GeneratedRegex(@"(?:import\(|from\s*)'\./([^']+)'")]
    private static partial Regex Import();

    [Theory]
    [InlineData(null)]
    [InlineData(DemoAccounts.Buyer)]
    public async Task A_lesson_page_ships_under_60_KB_of_gzipped_JavaScript_and_no_WebAssembly(string? email)
    {
        var workshop = await SeededData.WorkshopAsync(seeded.Database, 0);
        var lesson = (await SeededData.LessonsWithReadyVideoAsync(seeded.Database, workshop, free: email is null))[0].Lesson;
        using var user = email is null ? new WebUser(_app) : await WebUser.SignedInAsync(_app, email);
        var page = await user.GetAsync(WorkshopLinks.Lesson(workshop, lesson));

        var scripts = Script().Matches(page.Body).Select(m => "/" + m.Groups[1].Value.TrimStart('/')).ToList();
        Assert.Matches("<script data-blazor=\"_framework/blazor\\.web\\.[a-z0-9]+\\.js\"", page.Body); // named, not loaded
        Assert.DoesNotContain(scripts, s => s.Contains("blazor.web", StringComparison.Ordinal));
        Assert.Contains(scripts, s => s.Contains("islands", StringComparison.Ordinal));
        Assert.DoesNotContain(scripts, s => s.EndsWith(".wasm", StringComparison.Ordinal) || s.Contains("dotnet.", StringComparison.Ordinal));
        long gzipped = Gzipped(System.Text.Encoding.UTF8.GetBytes(string.Concat(InlineScript().Matches(page.Body).Select(m => m.Groups[1].Value))));
        for (var i = 0; i < scripts.Count; i++)
        {
            var text = await _app.Client.GetStringAsync(scripts[i]);
            gzipped += Gzipped(System.Text.Encoding.UTF8.GetBytes(text));
            var folder = scripts[i][..(scripts[i].LastIndexOf('/') + 1)];
            foreach (var module in Import().Matches(text).Select(m => folder + m.Groups[1].Value))
                if (!scripts.Contains(module) && !module.Contains("video-player", StringComparison.Ordinal) && !module.Contains("admin-video-upload", StringComparison.Ordinal))
                    scripts.Add(module);
        }
        Assert.True(scripts.Any(s => s.EndsWith("/lib/web-vitals/web-vitals.js", StringComparison.Ordinal)), string.Join(", ", scripts));
        Assert.True(gzipped < MaxScriptGzipBytes, $"{gzipped} bytes of gzipped script: {string.Join(", ", scripts)}");
        // The player and hls.js come only with a play intent.
        Assert.DoesNotContain(scripts, s => s.Contains("video-player", StringComparison.Ordinal) || s.Contains("hls", StringComparison.Ordinal));
    }

    private static long Gzipped(byte[] bytes)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(bytes);
        return packed.Length;
    }
}
