using System.Text.Json;
using Antonio.Data.Content;
using Antonio.Web.Learning;
using Antonio.Web.Security;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Admin;

/// <summary>
/// POST /webhooks/mux: Mux's events about the assets our uploads became. The signature is checked first (bad,
/// missing or stale → 400, nothing written); <c>video.asset.ready</c> gives the lesson's video its playback id and
/// length and makes it ready, <c>video.asset.created</c> marks it processing and <c>video.asset.errored</c> errored. The asset names its video resource in
/// <c>passthrough</c> (set when the upload was created). Anything else is acknowledged and ignored, so Mux does
/// not retry it. Exists only when <see cref="VideoOptions.MuxWebhookSecret"/> is set.
/// </summary>
public static partial class MuxWebhookEndpoint
{
    public const int MaxBodyBytes = 256 * 1024;

    public static void MapMuxWebhook(this IEndpointRouteBuilder app) =>
        app.MapPost("/webhooks/mux", async (HttpContext context, IOptions<VideoOptions> options, VideoAssets assets, TimeProvider clock, ILoggerFactory logs) =>
        {
            var secret = options.Value.MuxWebhookSecret;
            if (string.IsNullOrEmpty(secret)) return Results.NotFound();
            var (body, refusal) = await WebhookBody.ReadAsync(context, MaxBodyBytes);
            if (refusal is not null) return refusal;
            if (!MuxSignature.IsValid(context.Request.Headers["Mux-Signature"], body, secret, clock.GetUtcNow()))
                return Results.BadRequest("Invalid signature.");
            var log = logs.CreateLogger(typeof(MuxWebhookEndpoint));
            if (Read(body) is not { } asset)
            {
                LogIgnored(log, "(unreadable)");
                return Results.Ok();
            }
            var outcome = asset.Type switch
            {
                "video.asset.ready" when asset.PlaybackId is not null =>
                    await assets.ApplyAsync(asset.VideoId, VideoStates.Ready, asset.PlaybackId, asset.DurationSeconds, asset.About, context.RequestAborted),
                "video.asset.created" => await assets.ApplyAsync(asset.VideoId, VideoStates.Processing, null, null, asset.About, context.RequestAborted),
                "video.asset.errored" => await assets.ApplyAsync(asset.VideoId, VideoStates.Errored, null, null, asset.About, context.RequestAborted),
                _ => (VideoAssetOutcome?)null,
            };
            if (outcome is null) LogIgnored(log, asset.Type);
            else if (outcome == VideoAssetOutcome.UnknownVideo) LogUnknownVideo(log, asset.Type, asset.VideoId);
            else if (outcome == VideoAssetOutcome.OutOfDate) LogOutOfDate(log, asset.Type, asset.VideoId);
            return Results.Ok();
        }).DisableAntiforgery();

    private sealed record MuxAsset(string Type, Guid VideoId, string? PlaybackId, int? DurationSeconds, VideoAssetEvent About);

    /// <summary>
    /// The fields we use of Mux's event: type, created_at (when it happened), data.passthrough (our video id), data.id and
    /// data.created_at (which asset, created when), data.playback_ids[0].id, data.duration. An event without its times is not read.
    /// </summary>
    private static MuxAsset? Read(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String) return null;
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object) return null;
            if (!data.TryGetProperty("passthrough", out var passthrough) || !Guid.TryParse(passthrough.GetString(), out var videoId)) return null;
            string? playbackId = null;
            if (data.TryGetProperty("playback_ids", out var ids) && ids.ValueKind == JsonValueKind.Array && ids.GetArrayLength() > 0
                && ids[0].TryGetProperty("id", out var id) && id.GetString() is { Length: > 0 and <= 200 } value && value.All(char.IsAsciiLetterOrDigit))
                playbackId = value;
            int? duration = data.TryGetProperty("duration", out var d) && d.TryGetDouble(out var seconds) && seconds is >= 0 and < 86_400
                ? (int)Math.Round(seconds) : null;
            if (!root.TryGetProperty("created_at", out var at) || !DateTimeOffset.TryParse(at.GetString(), System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var happened)
                || !data.TryGetProperty("id", out var assetId) || assetId.GetString() is not { Length: > 0 and <= 200 } asset
                || !data.TryGetProperty("created_at", out var assetAt) || !long.TryParse(assetAt.GetString(), out var assetCreated))
                return null;
            return new MuxAsset(type.GetString()!, videoId, playbackId, duration,
                new VideoAssetEvent(asset, DateTimeOffset.FromUnixTimeSeconds(assetCreated), happened));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored Mux event {Type}")]
    private static partial void LogIgnored(ILogger logger, string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mux event {Type} for video {VideoId} is older than what was applied, or about a replaced asset: ignored")]
    private static partial void LogOutOfDate(ILogger logger, string type, Guid videoId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mux event {Type} names no video of ours ({VideoId})")]
    private static partial void LogUnknownVideo(ILogger logger, string type, Guid videoId);
}
