using Antonio.Web.Access;
using Antonio.Web.Security;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Learning;

/// <summary>What a lesson's video player fetches and sends besides the stream: captions, the resume position, and
/// (Development and tests) the stream itself from the local origin.</summary>
internal static class LessonMediaEndpoints
{
    /// <summary>{"workshop": slug, "lesson": id, "seconds": n}: far below this.</summary>
    public const int MaxPositionBytes = 512;

    /// <summary>No lesson video is a day long; a larger position is not a player's.</summary>
    public const int MaxPositionSeconds = 24 * 60 * 60;

    /// <summary>The lesson is its id, as the player has it from the page ("N" or "D" format).</summary>
    public sealed record PositionReport(string? Workshop, string? Lesson, double? Seconds);

    /// <summary>The per-learner limit on position reports: each one is a write (an upsert and the progress entries dropped).</summary>
    public const string PositionRateLimit = "position";

    public static void AddPositionRateLimit(IServiceCollection services) =>
        SharedRateLimits.AddPerMinutePolicy(services, PositionRateLimit,
            context => ViewerContext.UserId(context.User)?.ToString("N") ?? "anonymous:" + SharedRateLimits.ClientOf(context),
            limits => limits.PositionReportsPerLearnerPerMinute);

    public static void MapLessonMedia(this WebApplication app)
    {
        app.MapGet("/workshops/{workshop}/{lesson}/captions.vtt", CaptionsAsync);
        app.MapPost("/progress/position", PositionAsync).DisableAntiforgery().RequireRateLimiting(PositionRateLimit);
        var video = app.Services.GetRequiredService<IOptions<VideoOptions>>().Value;
        if (video.LocalOrigin) app.MapLocalOrigin(video);
    }

    /// <summary>
    /// The lesson's transcript as WebVTT, decided exactly as the lesson page decides its body: a viewer who
    /// may not watch gets a 404, the same as for a lesson with no transcript.
    /// </summary>
    private static async Task<IResult> CaptionsAsync(string workshop, string lesson, HttpContext context,
        WorkshopReader workshops, LessonReader lessons, ViewerContext viewers)
    {
        var (position, allowed) = await DecideAsync(workshop, lesson, workshops, viewers, context.RequestAborted);
        if (position is null || !allowed) return Results.NotFound();
        var content = await lessons.GetAsync(position.Lesson.Id, context.RequestAborted);
        if (content?.Video is not { Transcript: { Length: > 0 } transcript } video) return Results.NotFound();
        // The viewer's own decision made this response: never shared by a cache between viewers.
        context.Response.Headers.CacheControl = "private, max-age=300";
        return Results.Text(CaptionTrack.ToWebVtt(transcript, video.DurationSeconds), "text/vtt; charset=utf-8");
    }

    /// <summary>
    /// Where a signed-in learner's player is (sendBeacon, every ~10 s of playback and on leaving): only for a
    /// lesson they may watch, only from our own pages, only a small well-formed body; 204 when stored.
    /// </summary>
    private static async Task<IResult> PositionAsync(HttpContext context, WorkshopReader workshops, ViewerContext viewers,
        ProgressService progress, SiteUrls site)
    {
        if (ViewerContext.UserId(context.User) is not { } userId) return Results.Unauthorized();
        if (!site.IsSameOrigin(context.Request)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        var report = await SmallJsonBody.ReadAsync<PositionReport>(context.Request, MaxPositionBytes);
        if (report is not { Workshop: { Length: > 0 and <= WorkshopReader.MaxKeyLength } slug, Lesson: { } lessonText, Seconds: { } seconds }
            || !Guid.TryParse(lessonText, out var lessonId)
            || !double.IsFinite(seconds) || seconds < 0 || seconds > MaxPositionSeconds)
            return Results.BadRequest("Expected {\"workshop\": slug, \"lesson\": id, \"seconds\": 0–86400}, under 512 bytes.");
        var (position, allowed) = await DecideAsync(slug, lessonId.ToString(), workshops, viewers, context.RequestAborted);
        if (position is null) return Results.NotFound();
        if (!allowed) return Results.StatusCode(StatusCodes.Status403Forbidden);
        await progress.SetPositionAsync(userId, position.Lesson.Id, (int)seconds, context.RequestAborted);
        return Results.NoContent();
    }

    /// <summary>The lesson page's own decision: the workshop visible (as its layout decides), then <see cref="LearnerPageDecision"/>.</summary>
    private static async Task<(LessonPosition? Position, bool Allowed)> DecideAsync(string workshopKey, string lessonKey,
        WorkshopReader workshops, ViewerContext viewers, CancellationToken ct)
    {
        if (workshopKey.Length > WorkshopReader.MaxKeyLength) return (null, false);
        var viewer = await viewers.CurrentAsync(ct);
        var workshop = await workshops.GetAsync(workshopKey, ct);
        if (workshop is null || !AccessRules.ForWorkshop(workshop, viewer).CanViewWorkshop) return (null, false);
        var decision = LearnerPageDecision.ForLesson(workshop, viewer, lessonKey);
        return (decision.Position, decision.Flags.CanViewLesson);
    }

    /// <summary>
    /// HLS from this app: /media/{id}/{file}?token=… from the id's folder under the local directory, or the bundled demo
    /// stream for ids it has no folder for, so the seeded lessons play on a machine with no network. Every file — each
    /// playlist and each segment — needs a token (<see cref="PlaybackUrls"/>) minted for this stream and still in date,
    /// and the viewer asking must still pass the access decision the token names: a refunded learner's open player stops
    /// at its next segment. Playlists are rewritten so the files they list carry the same token.
    /// </summary>
    private static void MapLocalOrigin(this WebApplication app, VideoOptions video)
    {
        var root = Path.GetFullPath(Path.Combine(app.Environment.ContentRootPath, video.LocalDirectory));
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".m3u8"] = "application/vnd.apple.mpegurl";
        types.Mappings[".ts"] = "video/mp2t";
        app.MapGet("/media/{id}/{file}", async (string id, string file, string? token, HttpContext context, PlaybackUrls playback,
            WorkshopReader workshops, ViewerContext viewers) =>
        {
            if (!IsPlainName(id) || !IsPlainName(file) || !types.TryGetContentType(file, out var type)) return Results.NotFound();
            if (playback.Read(token) is not { } grant || grant.PlaybackId != id) return Results.StatusCode(StatusCodes.Status403Forbidden);
            if (!await AllowsAsync(grant, workshops, viewers, context.RequestAborted)) return Results.StatusCode(StatusCodes.Status403Forbidden);
            var folder = Directory.Exists(Path.Combine(root, id)) ? id : VideoOptions.DemoPlaybackId;
            var path = Path.Combine(root, folder, file);
            if (!File.Exists(path)) return Results.NotFound();
            // Each viewer's own decision made this response: no shared cache keeps it.
            context.Response.Headers.CacheControl = "private, max-age=60";
            return file.EndsWith(".m3u8", StringComparison.Ordinal)
                ? Results.Text(HlsPlaylist.WithToken(await File.ReadAllTextAsync(path, context.RequestAborted), token!), type)
                : Results.File(path, type, enableRangeProcessing: true);
        });
    }

    /// <summary>The decision the grant names, made again for the viewer asking now.</summary>
    private static async Task<bool> AllowsAsync(PlaybackGrant grant, WorkshopReader workshops, ViewerContext viewers, CancellationToken ct)
    {
        if (grant.Workshop is null) return (await viewers.CurrentAsync(ct)).IsAdmin; // an admin's preview
        if (grant.Lesson is { } lesson) return (await DecideAsync(grant.Workshop, lesson.ToString(), workshops, viewers, ct)).Allowed;
        return await workshops.GetAsync(grant.Workshop, ct) is { } workshop && AccessRules.ForWorkshop(workshop, await viewers.CurrentAsync(ct)).CanViewWorkshop;
    }

    /// <summary>A file or folder name with nothing that could leave the directory.</summary>
    private static bool IsPlainName(string name) =>
        name.Length is > 0 and <= 100 && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
