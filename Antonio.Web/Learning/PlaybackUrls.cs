using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Learning;

/// <summary>
/// Stream URLs as pages write them, each carrying a token that expires after <see cref="VideoOptions.PlaybackTokenLifetime"/>
/// and is minted only where the page's access decision shows the player: from Mux, a signed-playback JWT
/// (<see cref="MuxPlaybackToken"/>; assets are uploaded with a signed policy); from the local origin, a Data Protection
/// token naming the <see cref="PlaybackGrant"/>, checked — with the viewer's access decision — on every file it serves.
/// A page is shared by viewers with the same decision and cached for minutes (10 at most), well inside a token's hour.
/// </summary>
public sealed class PlaybackUrls(IOptions<VideoOptions> options, IDataProtectionProvider protection, TimeProvider clock) : IDisposable
{
    private readonly Lazy<RSA?> _signingKey = new(() => MuxPlaybackToken.ReadKey(options.Value.MuxSigningKey));

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Antonio.Playback.v1").ToTimeLimitedDataProtector();

    public string For(PlaybackGrant grant)
    {
        var video = options.Value;
        var url = video.StreamUrl(grant.PlaybackId);
        if (video.LocalOrigin)
            return url + "?token=" + Uri.EscapeDataString(Protector.Protect(JsonSerializer.Serialize(grant), video.PlaybackTokenLifetime));
        if (_signingKey.Value is { } key && video.MuxSigningKeyId is { } keyId)
            return url + "?token=" + MuxPlaybackToken.Create(keyId, key, grant.PlaybackId, clock.GetUtcNow() + video.PlaybackTokenLifetime);
        return url; // Development against Mux's public playback only: Production refuses to start without a signing key
    }

    /// <summary>The grant a local-origin token names, or null when it is forged, for another purpose or expired.</summary>
    public PlaybackGrant? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096) return null;
        try
        {
            return JsonSerializer.Deserialize<PlaybackGrant>(Protector.Unprotect(token));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (_signingKey.IsValueCreated) _signingKey.Value?.Dispose();
    }
}
