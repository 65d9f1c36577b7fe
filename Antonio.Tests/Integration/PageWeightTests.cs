using System.IO.Compression;
using System.Text.RegularExpressions;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Learning;

namespace Antonio.Tests.Integration;

/// <summary>The budget (README, "Measured"): the JavaScript a learner page ships (before any play intent) is under 60 KB gzip, and no WebAssembly.</summary>
[Collection(SeededCollection.Name)]
public sealed partial class PageWeightTests(SeededDatabaseFixture seeded) : IAsyncLifetime
{
    public const int MaxScriptGzipBytes = 60 * 1024;
    private TestApp _app = null!;
    public async Task InitializeAsync() => _app = await TestApp.StartAsync(seeded.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [GeneratedRegex("<script[^>]*\\bsrc=\"([^\"]+)\"")]
    private static partial Regex Script();

    [Theory]
    [InlineData(null)]
    [InlineData(DemoAccounts.Buyer)]
    public async Task A_lesson_page_ships_under_60_KB_of_gzipped_JavaScript_and_no_WebAssembly(string? email)
    {
        var workshop = await SeededData.WorkshopAsync(seeded.Database, 0);
        var lesson = (await SeededData.LessonsWithReadyVideoAsync(seeded.Database, workshop, free: email is null))[0].Lesson;
        using var user = email is null ? new WebUser(_app) : await WebUser.SignedInAsync(_app, email);
        var page = await user.GetAsync(WorkshopLinks.Lesson(workshop, lesson));

        var scripts = Script().Matches(page.Body).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(scripts, s => s.Contains("blazor.web", StringComparison.Ordinal));
        Assert.DoesNotContain(scripts, s => s.EndsWith(".wasm", StringComparison.Ordinal) || s.Contains("dotnet.", StringComparison.Ordinal));
        long gzipped = 0;
        foreach (var script in scripts)
        {
            var bytes = await _app.Client.GetByteArrayAsync("/" + script.TrimStart('/'));
            using var packed = new MemoryStream();
            await using (var gzip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true)) await gzip.WriteAsync(bytes);
            gzipped += packed.Length;
        }
        Assert.True(gzipped < MaxScriptGzipBytes, $"{gzipped} bytes of gzipped script: {string.Join(", ", scripts)}");
        // The player and hls.js come only with a play intent.
        Assert.DoesNotContain(scripts, s => s.Contains("video-player", StringComparison.Ordinal) || s.Contains("hls", StringComparison.Ordinal));
    }
}
