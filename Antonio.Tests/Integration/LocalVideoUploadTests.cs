using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Antonio.Data.Content;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Content;
using Antonio.Web.Learning;

namespace Antonio.Tests.Integration;

/// <summary>Issue #15: an admin uploads a file (local provider), ffmpeg makes it a stream, the lesson plays it.</summary>
[Trait("Category", "Integration")]
public sealed class LocalVideoUploadTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;
    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(string Path, Guid VideoId, Guid LessonId)> LessonAsync(int workshopIndex)
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, workshopIndex);
        var lesson = SeededData.PaidLesson(workshop).Lesson;
        await using var db = fixture.Database.CreateContext();
        return (WorkshopLinks.Lesson(workshop, lesson), (await LessonContentQuery.LoadAsync(db, lesson.Id))!.Video!.Id, lesson.Id);
    }

    private async Task<LessonVideo> VideoAsync(Guid lessonId)
    {
        await using var db = fixture.Database.CreateContext();
        return (await LessonContentQuery.LoadAsync(db, lessonId))!.Video!;
    }

    /// <summary>Two seconds of test pattern and tone, as a phone would record it (H.264 + AAC in MP4).</summary>
    private static async Task<byte[]> RecordingAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"upload-{Guid.NewGuid():N}.mp4");
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var a in new[] { "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2",
                     "-f", "lavfi", "-i", "sine=frequency=330:duration=2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", file })
            start.ArgumentList.Add(a);
        using var ffmpeg = Process.Start(start)!;
        var error = await ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.WaitForExitAsync();
        Assert.True(ffmpeg.ExitCode == 0, error);
        try
        {
            return await File.ReadAllBytesAsync(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static MultipartFormDataContent Upload(byte[]? video, string? token)
    {
        var form = new MultipartFormDataContent();
        if (token is not null) form.Add(new StringContent(token), "__RequestVerificationToken");
        if (video is not null)
        {
            var file = new ByteArrayContent(video);
            file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
            form.Add(file, "video", "recording.mp4");
        }
        return form;
    }

    private static async Task<string> TokenAsync(WebUser admin, Guid videoId)
    {
        var page = await admin.GetAsync($"/admin/content/{videoId}");
        Assert.Contains("enctype=\"multipart/form-data\"", page.Body);
        return WebUser.AntiforgeryToken(page.Body[page.Body.IndexOf("class=\"upload-form\"", StringComparison.Ordinal)..])!;
    }

    [Fact]
    public async Task An_uploaded_recording_becomes_a_stream_and_the_lesson_plays_it()
    {
        var (path, videoId, lessonId) = await LessonAsync(0);
        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        using var response = await admin.Client.PostAsync($"/admin/videos/{videoId}/upload", Upload(await RecordingAsync(), await TokenAsync(admin, videoId)));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/admin/content/{videoId}", response.Headers.Location?.OriginalString);

        var video = await VideoAsync(lessonId);
        for (var i = 0; i < 300 && video.State != VideoStates.Ready && video.State != VideoStates.Errored; i++)
        {
            await Task.Delay(200);
            video = await VideoAsync(lessonId);
        }
        Assert.Equal(VideoStates.Ready, video.State);
        Assert.StartsWith("local", video.PlaybackId, StringComparison.Ordinal);
        Assert.Equal(2, video.DurationSeconds);

        // The lesson's page gives its reader the stream, with the token every file of it needs.
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        var src = WebUser.StreamUrl((await buyer.GetAsync(path)).Body);
        Assert.StartsWith($"/media/{video.PlaybackId}/index.m3u8?token=", src, StringComparison.Ordinal);
        var playlist = await buyer.Client.GetStringAsync(src);
        Assert.StartsWith("#EXTM3U", playlist, StringComparison.Ordinal);
        var segment = await buyer.Client.GetByteArrayAsync($"/media/{video.PlaybackId}/{playlist.Split('\n').First(l => l.Contains(".ts?token=", StringComparison.Ordinal))}");
        Assert.True(segment.Length > 1000);
        Assert.Contains(video.PlaybackId!, (await admin.GetAsync($"/admin/content/{videoId}")).Body); // the admin's preview
    }

    [Fact]
    public async Task Only_an_admin_with_the_forms_token_and_a_file_can_upload()
    {
        var (_, videoId, lessonId) = await LessonAsync(1);
        var before = await VideoAsync(lessonId);
        var recording = new byte[4096];
        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        var token = await TokenAsync(admin, videoId);
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        using var anonymous = new WebUser(_app);

        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.Client.PostAsync($"/admin/videos/{videoId}/upload", Upload(recording, token))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.Client.PostAsync($"/admin/videos/{videoId}/upload", Upload(recording, token))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Client.PostAsync($"/admin/videos/{videoId}/upload", Upload(recording, null))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Client.PostAsync($"/admin/videos/{videoId}/upload", Upload(null, token))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.PostAsync($"/admin/videos/{Guid.NewGuid()}/upload", Upload(recording, token))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.PostAsync($"/admin/videos/{lessonId}/upload", Upload(recording, token))).StatusCode); // a lesson, not a video

        var after = await VideoAsync(lessonId);
        Assert.Equal((before.State, before.PlaybackId), (after.State, after.PlaybackId));
    }
}
