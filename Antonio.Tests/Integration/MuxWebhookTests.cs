using System.Net;
using System.Text;
using Antonio.Data.Content;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Admin;
using Antonio.Web.Content;
using Antonio.Web.Learning;

namespace Antonio.Tests.Integration;

/// <summary>Issue #15: Mux's webhook, with signed fixture payloads of the shape Mux sends.</summary>
[Trait("Category", "Integration")]
public sealed class MuxWebhookTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private const string Secret = "mux-test-signing-secret";
    private TestApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await TestApp.StartAsync(fixture.Database, settings: new Dictionary<string, string?> { ["Antonio:Video:MuxWebhookSecret"] = Secret });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A signed-shape Mux event; <paramref name="at"/> minutes after a fixed hour, about the asset created <paramref name="assetCreated"/> minutes after it.</summary>
    private static string Event(string type, Guid videoId, string playbackId = "MuxPlayback123abc", double duration = 8.4, int at = 1, int assetCreated = 0,
        string? asset = null)
    {
        var hour = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        asset ??= $"asset-{videoId:N}";
        return $$"""
            {"type":"{{type}}","object":{"type":"asset","id":"{{asset}}"},"id":"{{Guid.NewGuid()}}","environment":{"name":"Production","id":"env1"},
             "data":{"id":"{{asset}}","created_at":"{{hour.AddMinutes(assetCreated).ToUnixTimeSeconds()}}","status":"{{(type.EndsWith("ready", StringComparison.Ordinal) ? "ready" : "errored")}}",
                     "duration":{{duration.ToString(System.Globalization.CultureInfo.InvariantCulture)}},
                     "playback_ids":[{"policy":"public","id":"{{playbackId}}"}],"passthrough":"{{videoId}}"},
             "created_at":"{{hour.AddMinutes(at):yyyy-MM-ddTHH:mm:ss.ffffffZ}}"}
            """;
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/mux") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.TryAddWithoutValidation("Mux-Signature", signature);
        return await _app.Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> SignedAsync(string body) => PostAsync(body, MuxSignature.Header(Secret, body, DateTimeOffset.UtcNow));

    private async Task<(string Path, LessonVideo Video)> LessonAsync(int workshopIndex)
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, workshopIndex);
        var lesson = SeededData.PaidLesson(workshop).Lesson;
        await using var db = fixture.Database.CreateContext();
        return (WorkshopLinks.Lesson(workshop, lesson), (await LessonContentQuery.LoadAsync(db, lesson.Id))!.Video!);
    }

    private async Task<LessonVideo> VideoAsync(string path, Guid videoId)
    {
        await using var db = fixture.Database.CreateContext();
        var lessonId = await fixture.Database.ScalarAsync<Guid>($"SELECT parent_id FROM content_links WHERE child_id = '{videoId}'");
        return (await LessonContentQuery.LoadAsync(db, lessonId))!.Video!;
    }

    private Task<long> AuditsAsync(Guid videoId, string action) =>
        fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_entries WHERE entity_id = '{videoId}' AND action = '{action}'");

    [Fact]
    public async Task A_ready_asset_makes_the_lessons_video_play_once_however_often_it_is_delivered()
    {
        var (path, video) = await LessonAsync(0);
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        Assert.DoesNotContain("MuxPlayback123abc", (await buyer.SettledAsync(path)).Body);

        var body = Event("video.asset.ready", video.Id);
        Assert.Equal(HttpStatusCode.OK, (await SignedAsync(body)).StatusCode);
        var now = await VideoAsync(path, video.Id);
        Assert.Equal(("MuxPlayback123abc", 8, VideoStates.Ready), (now.PlaybackId, now.DurationSeconds, now.State));
        Assert.Contains("/media/MuxPlayback123abc/index.m3u8", (await buyer.GetAsync(path)).Body); // the cached page was dropped
        Assert.Equal(1, await AuditsAsync(video.Id, "video.ready"));

        // Mux retries and replays: the same news again changes nothing.
        Assert.Equal(HttpStatusCode.OK, (await SignedAsync(body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignedAsync(Event("video.asset.ready", video.Id))).StatusCode);
        Assert.Equal(1, await AuditsAsync(video.Id, "video.ready"));
    }

    [Fact]
    public async Task An_errored_asset_marks_the_video_errored_and_the_page_stops_offering_it()
    {
        var (path, video) = await LessonAsync(1);
        // First Mux says it made an asset of the upload: the video is processing.
        Assert.Equal(HttpStatusCode.OK, (await SignedAsync(Event("video.asset.created", video.Id))).StatusCode);
        Assert.Equal(VideoStates.Processing, (await VideoAsync(path, video.Id)).State);
        Assert.Equal(HttpStatusCode.OK, (await SignedAsync(Event("video.asset.errored", video.Id, at: 2))).StatusCode);
        Assert.Equal(VideoStates.Errored, (await VideoAsync(path, video.Id)).State);
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        var page = await buyer.GetAsync(path);
        Assert.Contains("still processing", page.Body);
        Assert.DoesNotContain(".m3u8", page.Body);
    }

    [Fact]
    public async Task A_replayed_or_late_event_or_one_about_a_replaced_asset_never_turns_a_ready_video_back()
    {
        var (path, video) = await LessonAsync(3);
        Assert.Equal(HttpStatusCode.OK, (await SignedAsync(Event("video.asset.ready", video.Id, "ReadyPlayback1", at: 5))).StatusCode);
        Assert.Equal(VideoStates.Ready, (await VideoAsync(path, video.Id)).State);
        // Mux delivers in no promised order and retries: "created" and "errored" from before the ready one arrive late.
        foreach (var late in new[] { Event("video.asset.created", video.Id, at: 1), Event("video.asset.errored", video.Id, at: 4), Event("video.asset.ready", video.Id, "ReadyPlayback1", at: 5) })
            Assert.Equal(HttpStatusCode.OK, (await SignedAsync(late)).StatusCode);
        var still = await VideoAsync(path, video.Id);
        Assert.Equal(VideoStates.Ready, still.State);
        Assert.Equal("ReadyPlayback1", still.PlaybackId);
        // A new upload made a new asset; the old asset's later error is not about the video any more.
        Assert.Equal(HttpStatusCode.OK, (await SignedAsync(Event("video.asset.ready", video.Id, "NewerPlayback2", at: 20, assetCreated: 15, asset: "asset-new"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignedAsync(Event("video.asset.errored", video.Id, at: 30))).StatusCode);
        var replaced = await VideoAsync(path, video.Id);
        Assert.Equal(VideoStates.Ready, replaced.State);
        Assert.Equal("NewerPlayback2", replaced.PlaybackId);
        // A newer event about the current asset still counts.
        Assert.Equal(HttpStatusCode.OK, (await SignedAsync(Event("video.asset.errored", video.Id, at: 31, assetCreated: 15, asset: "asset-new"))).StatusCode);
        Assert.Equal(VideoStates.Errored, (await VideoAsync(path, video.Id)).State);
    }

    [Fact]
    public async Task Unsigned_badly_signed_stale_or_unreadable_events_change_nothing()
    {
        var (path, video) = await LessonAsync(2);
        var body = Event("video.asset.ready", video.Id, "ForgedPlayback1");
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(body, null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(body, MuxSignature.Header("another-secret", body, now))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(body + " ", MuxSignature.Header(Secret, body, now))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(body, MuxSignature.Header(Secret, body, now.AddMinutes(-10)))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(body, "t=abc,v1=zz")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(body, "t=99999999999999999999,v1=00")).StatusCode);
        Assert.NotEqual("ForgedPlayback1", (await VideoAsync(path, video.Id)).PlaybackId);

        // Signed but not ours to act on: acknowledged (so Mux stops retrying), nothing written.
        foreach (var other in new[] { "not json", "[]", "{\"type\":\"video.asset.ready\"}", Event("video.asset.ready", Guid.NewGuid()), Event("video.upload.created", video.Id) })
            Assert.Equal(HttpStatusCode.OK, (await SignedAsync(other)).StatusCode);
        Assert.Equal(0, await AuditsAsync(video.Id, "video.ready"));
    }

    [Fact]
    public async Task Without_a_signing_secret_there_is_no_webhook()
    {
        await using var app = await TestApp.StartAsync(fixture.Database);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/mux") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.SendAsync(request)).StatusCode);
    }
}
