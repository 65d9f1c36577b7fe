using System.Net;
using System.Text;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Content;
using Antonio.Web.Learning;

namespace Antonio.Tests.Integration;

/// <summary>Issue #15: what a lesson's player sends and fetches — its resume position, its captions, its stream.</summary>
[Trait("Category", "Integration")]
public sealed class LessonMediaTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;
    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static readonly Dictionary<string, string> SameOrigin = new() { ["Sec-Fetch-Site"] = "same-origin" };

    private static async Task<HttpResponseMessage> ReportAsync(WebUser user, string body, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/progress/position") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (k, v) in headers ?? SameOrigin) request.Headers.TryAddWithoutValidation(k, v);
        return await user.Client.SendAsync(request);
    }

    private static string Report(string workshop, Guid lesson, double seconds) =>
        $$"""{"workshop":"{{workshop}}","lesson":"{{lesson:N}}","seconds":{{seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}""";

    private async Task<int> RowsAsync() => (int)await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM resource_progress WHERE position_seconds IS NOT NULL");

    [Fact]
    public async Task A_learner_resumes_where_they_stopped_and_another_learner_of_the_same_shared_page_does_not()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 0);
        var lesson = (await SeededData.LessonsWithReadyVideoAsync(fixture.Database, workshop, free: false))[0].Lesson;
        var path = $"/workshops/{workshop.Slug}/{lesson.Slug}";
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        using var other = await WebUser.SignedInAsync(_app, DemoAccounts.BundleBuyer);
        Assert.Contains("data-start=\"0\"", (await buyer.SettledAsync(path)).Body);

        Assert.Equal(HttpStatusCode.NoContent, (await ReportAsync(buyer, Report(workshop.Slug, lesson.Id, 42.7))).StatusCode);
        var resumed = await buyer.GetAsync(path);
        Assert.Contains("data-start=\"42\"", resumed.Body);
        Assert.Equal(0, (await buyer.GetAsync(path)).Queries); // warm again: the position rides in the cached progress read
        Assert.Contains("data-start=\"0\"", (await other.SettledAsync(path)).Body);

        // A new position replaces the old (one row per learner and lesson); completing keeps it, un-completing too.
        Assert.Equal(HttpStatusCode.NoContent, (await ReportAsync(buyer, Report(workshop.Slug, lesson.Id, 7))).StatusCode);
        var progress = _app.Service<ProgressService>();
        var userId = await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{DemoAccounts.Buyer}'");
        await progress.SetCompletedAsync(userId, lesson.Id, true);
        await progress.SetCompletedAsync(userId, lesson.Id, false);
        Assert.Contains("data-start=\"7\"", (await buyer.GetAsync(path)).Body);
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM resource_progress WHERE user_id = '{userId}' AND resource_id = '{lesson.Id}'"));
    }

    [Fact]
    public async Task Positions_are_refused_for_lessons_the_learner_may_not_watch_and_for_anything_malformed()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 1);
        var paid = SeededData.PaidLesson(workshop).Lesson;
        var before = await RowsAsync();
        using var nobody = await WebUser.SignedInAsync(_app, DemoAccounts.Nobody);
        using var anonymous = new WebUser(_app);

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReportAsync(anonymous, Report(workshop.Slug, paid.Id, 5))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ReportAsync(nobody, Report(workshop.Slug, paid.Id, 5))).StatusCode);
        // From another site's page (no form token to check: the browser says where the post came from).
        Assert.Equal(HttpStatusCode.Forbidden, (await ReportAsync(nobody, Report(workshop.Slug, paid.Id, 5), new Dictionary<string, string> { ["Sec-Fetch-Site"] = "cross-site" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ReportAsync(nobody, Report(workshop.Slug, paid.Id, 5), new Dictionary<string, string> { ["Origin"] = "https://evil.example" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ReportAsync(nobody, Report(workshop.Slug, Guid.NewGuid(), 5))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ReportAsync(nobody, Report("no-such-workshop", paid.Id, 5))).StatusCode);
        foreach (var bad in new[]
        {
            "", "null", "[]", "{}", "not json", "{\"workshop\":\"" + workshop.Slug + "\",\"lesson\":\"not-a-guid\",\"seconds\":1}",
            Report(workshop.Slug, paid.Id, -1), Report(workshop.Slug, paid.Id, 1e12),
            "{\"workshop\":\"" + workshop.Slug + "\",\"lesson\":\"" + paid.Id + "\",\"seconds\":\"NaN\"}",
            "{\"workshop\":\"" + new string('a', 300) + "\",\"lesson\":\"" + paid.Id + "\",\"seconds\":1}",
            "{\"workshop\":\"" + workshop.Slug + "\",\"lesson\":\"" + paid.Id + "\",\"seconds\":1,\"pad\":\"" + new string('x', 600) + "\"}",
            "{\"workshop\":\"a\u0000b\",\"lesson\":\"" + paid.Id + "\",\"seconds\":1}",
        })
        {
            var response = await ReportAsync(nobody, bad);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{bad[..Math.Min(bad.Length, 60)]}: {(int)response.StatusCode}");
        }
        Assert.Equal(before, await RowsAsync());
    }

    [Fact]
    public async Task The_local_origin_serves_a_stream_only_with_its_token_and_only_to_a_viewer_the_lesson_still_allows()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 0);
        var lesson = (await SeededData.LessonsWithReadyVideoAsync(fixture.Database, workshop, free: false))[0];
        var path = WorkshopLinks.Lesson(workshop, lesson.Lesson);
        // A learner of its own, who holds nothing yet (so the refund below leaves nothing), buys the workshop now.
        var email = await fixture.Database.ScalarAsync<string>("""
            SELECT email FROM users u WHERE email LIKE 'learner%' AND NOT EXISTS (SELECT 1 FROM purchases p WHERE p.user_id = u.id)
               AND NOT EXISTS (SELECT 1 FROM entitlements e WHERE e.user_id = u.id) ORDER BY email DESC LIMIT 1
            """);
        var learnerId = await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{email}'");
        var (_, purchase) = await _app.Service<Antonio.Web.Commerce.Fulfilment>().FulfilAsync(new Antonio.Web.Commerce.PaidCheckout
        {
            Provider = "local", ChargeId = "stream-" + Guid.NewGuid().ToString("N"), UserId = learnerId,
            ProductId = await fixture.Database.ScalarAsync<Guid>("SELECT id FROM products WHERE name = 'Essentials'"), AmountCents = 100,
        });
        using var learner = await WebUser.SignedInAsync(_app, email);
        var page = await learner.GetAsync(path);
        var src = WebUser.StreamUrl(page.Body);
        Assert.Matches("^/media/[A-Za-z0-9]+/index\\.m3u8\\?token=.+", src);
        var folder = src[..(src.LastIndexOf('/') + 1)];

        var master = await learner.Client.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, master.StatusCode);
        Assert.Equal("application/vnd.apple.mpegurl", master.Content.Headers.ContentType?.MediaType);
        var playlist = await master.Content.ReadAsStringAsync();
        Assert.StartsWith("#EXTM3U", playlist, StringComparison.Ordinal);
        var files = playlist.Split('\n').Where(l => l.Length > 0 && l[0] != '#').ToList();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.Contains("?token=", f)); // every file the playlist lists carries the token
        var segments = await learner.Client.GetStringAsync(folder + files[0]);
        var segmentUrl = folder + segments.Split('\n').First(l => l.Contains(".ts?token=", StringComparison.Ordinal));
        var segment = await learner.Client.GetAsync(segmentUrl);
        Assert.Equal("video/mp2t", segment.Content.Headers.ContentType?.MediaType);
        Assert.True((await segment.Content.ReadAsByteArrayAsync()).Length > 1000);

        // No token, a forged one, another stream's: refused. The same URL in a browser the lesson does not allow: refused.
        var bare = src[..src.IndexOf('?')];
        foreach (var other in new[] { bare, bare + "?token=forged", src.Replace("/media/", "/media/x", StringComparison.Ordinal) })
            Assert.Equal(HttpStatusCode.Forbidden, (await learner.Client.GetAsync(other)).StatusCode);
        using var stranger = new WebUser(_app);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Client.GetAsync(segmentUrl)).StatusCode);

        // Refunded: the learner's open player stops at its next file.
        Assert.Equal(Antonio.Web.Commerce.RefundOutcome.Refunded, await _app.Service<Antonio.Web.Commerce.Fulfilment>().RefundAsync(purchase!.Value, null));
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.Client.GetAsync(segmentUrl)).StatusCode);

        foreach (var hostile in new[] { "/media/..%2F..%2Fappsettings.json/x.m3u8", "/media/demo/..%2Fappsettings.json", "/media/demo/.hidden.ts", "/media/demo/index.exe", "/media/%00/index.m3u8" })
            Assert.InRange((int)(await learner.Client.GetAsync(hostile)).StatusCode, 400, 499);
    }

    [Fact]
    public async Task From_mux_a_lesson_page_carries_a_signed_playback_token_for_its_stream_and_only_for_a_viewer_it_allows()
    {
        await using var app = await TestApp.StartAsync(fixture.Database, settings: new Dictionary<string, string?>
        {
            ["Antonio:Video:LocalOrigin"] = "false", ["Antonio:Video:StreamUrlFormat"] = "https://stream.mux.com/{0}.m3u8",
            ["Antonio:Video:MuxSigningKeyId"] = TestCertificates.MuxSigningKeyId, ["Antonio:Video:MuxSigningKey"] = TestCertificates.MuxSigningKey,
        });
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 0);
        var lesson = (await SeededData.LessonsWithReadyVideoAsync(fixture.Database, workshop, free: false))[0];
        var path = WorkshopLinks.Lesson(workshop, lesson.Lesson);
        using var buyer = await WebUser.SignedInAsync(app, DemoAccounts.BundleBuyer);
        var src = WebUser.StreamUrl((await buyer.GetAsync(path)).Body);
        var match = System.Text.RegularExpressions.Regex.Match(src, "^https://stream\\.mux\\.com/([A-Za-z0-9]+)\\.m3u8\\?token=(.+)$");
        Assert.True(match.Success, src);
        var claims = Antonio.Tests.Unit.MuxPlaybackTokenTests.Verify(match.Groups[2].Value);
        Assert.Equal(match.Groups[1].Value, claims.GetProperty("sub").GetString());
        Assert.InRange(DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64()) - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(61));
        var anonymous = await app.GetAsync(path);
        Assert.DoesNotContain("token=", anonymous.Body);
        Assert.DoesNotContain("stream.mux.com/" + match.Groups[1].Value, anonymous.Body);
    }

    [Theory]
    [InlineData("Staging")]
    [InlineData("Production")]
    public async Task The_local_media_origin_is_refused_outside_development(string environment)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestApp.StartAsync(fixture.Database, environment: environment, settings: new Dictionary<string, string?>
        {
            ["Antonio:PublicUrl"] = "https://workshops.example.com", ["Antonio:Payments:Provider"] = "none",
            ["Antonio:Video:LocalOrigin"] = "true", ["Antonio:Video:StreamUrlFormat"] = Antonio.Web.Learning.VideoOptions.LocalStreamUrlFormat,
        }));
        Assert.Contains($"Antonio:Video:LocalOrigin is on in {environment}", error.ToString());
    }
}
