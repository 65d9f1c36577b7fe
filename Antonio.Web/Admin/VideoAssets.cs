using Antonio.Data;
using Antonio.Data.Content;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Admin;

public enum VideoAssetOutcome { Applied, Unchanged, UnknownVideo, OutOfDate }

/// <summary>Which asset a provider's event is about and when it happened (Mux: data.id, data.created_at, created_at).</summary>
public sealed record VideoAssetEvent(string AssetId, DateTimeOffset AssetCreatedAt, DateTimeOffset At);

/// <summary>
/// Applies what the video provider says about an asset to the video resource it was uploaded for: ready (with
/// its playback id and length) or errored — through <see cref="ContentEditor"/>, so audited and invalidated like
/// an admin's edit. Saying the same thing twice changes nothing the second time (no write, no audit row, no
/// invalidation): providers retry and replay their webhooks, and two deliveries racing meet the row version.
/// A provider's event (<see cref="VideoAssetEvent"/>) counts only when it is about the video's current asset — not
/// one created before it (an upload replaced) — and newer than the last event applied: a replayed or late
/// "created" or "errored" never turns a ready video back.
/// </summary>
public sealed class VideoAssets(IDbContextFactory<AntonioDbContext> dbFactory, ContentEditor editor)
{
    public async Task<bool> ExistsAsync(Guid videoId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ContentResources.AnyAsync(r => r.Id == videoId && r.DeletedAt == null && r.Type == ContentTypes.VideoResource, ct);
    }

    public async Task<VideoAssetOutcome> ApplyAsync(Guid videoId, string state, string? playbackId, int? durationSeconds, VideoAssetEvent? about = null,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var video = await db.ContentResources.Where(r => r.Id == videoId && r.DeletedAt == null)
            .Select(r => new { r.Type, r.Fields, r.Version }).SingleOrDefaultAsync(ct);
        if (video is null || video.Type != ContentTypes.VideoResource) return VideoAssetOutcome.UnknownVideo;
        var current = ContentFields.From(video.Fields);
        if (about is not null && IsOutOfDate(current, about)) return VideoAssetOutcome.OutOfDate;
        var ready = state == VideoStates.Ready;
        if (current.VideoState == state && (!ready || (current.PlaybackId == playbackId && current.DurationSeconds == durationSeconds)))
            return VideoAssetOutcome.Unchanged;
        var outcome = await editor.UpdateFieldsAsync(videoId, video.Version, fields =>
        {
            fields.VideoState = state;
            if (about is not null) (fields.VideoAssetId, fields.VideoAssetCreatedAt, fields.VideoEventAt) = (about.AssetId, about.AssetCreatedAt, about.At);
            if (!ready) return;
            fields.PlaybackId = playbackId;
            fields.DurationSeconds = durationSeconds;
        }, actorId: null, action: "video." + state, ct);
        return outcome switch
        {
            EditOutcome.Saved => VideoAssetOutcome.Applied,
            EditOutcome.Conflict => VideoAssetOutcome.Unchanged, // another delivery of the same event got there first
            _ => VideoAssetOutcome.UnknownVideo,
        };
    }

    private static bool IsOutOfDate(ContentFields current, VideoAssetEvent about) =>
        (current.VideoAssetCreatedAt is { } currentAsset && about.AssetCreatedAt < currentAsset)
        || (current.VideoAssetId == about.AssetId && current.VideoEventAt is { } last && about.At <= last);
}
