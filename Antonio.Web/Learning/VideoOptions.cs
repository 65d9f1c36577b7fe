namespace Antonio.Web.Learning;

/// <summary>Where lesson and trailer video streams come from (<c>Antonio:Video</c>).</summary>
public sealed class VideoOptions
{
    public const string Section = "Antonio:Video";

    /// <summary>The path the local origin serves streams under: <c>/media/{playbackId}/index.m3u8</c>.</summary>
    public const string LocalStreamUrlFormat = "/media/{0}/index.m3u8";

    /// <summary>
    /// The HLS URL of a playback id ({0}); its host is allowed in the Content-Security-Policy. With
    /// <see cref="LocalOrigin"/> it is <see cref="LocalStreamUrlFormat"/>, on this site.
    /// </summary>
    public string StreamUrlFormat { get; set; } = "https://stream.mux.com/{0}.m3u8";

    /// <summary>
    /// Serve streams from this app (Development and tests, where Mux cannot be reached): each playback id's
    /// HLS files from <see cref="LocalDirectory"/>/{id}/, and the bundled demo stream for ids it does not
    /// have, so the demo data plays offline. Refused in Production.
    /// </summary>
    public bool LocalOrigin { get; set; }

    /// <summary>Where the local origin keeps streams, one folder per playback id (relative to the content root,
    /// where the build copies the bundled demo stream).</summary>
    public string LocalDirectory { get; set; } = "Media";

    /// <summary>
    /// Mux's webhook signing secret: with it, POST /webhooks/mux accepts Mux's signed events (an asset ready or
    /// errored updates its lesson's video); without it the webhook does not exist (404).
    /// </summary>
    public string? MuxWebhookSecret { get; set; }

    /// <summary>
    /// Mux API access token (id and secret): with both, an admin's upload goes from the browser straight to Mux,
    /// through a direct upload Mux creates for the video (its id as the asset's passthrough, for the webhook).
    /// </summary>
    public string? MuxTokenId { get; set; }

    public string? MuxTokenSecret { get; set; }

    /// <summary>Mux's API (tests point it at a local stand-in).</summary>
    public string MuxApiUrl { get; set; } = "https://api.mux.com";

    /// <summary>Where browsers send Mux direct uploads (signed Google Cloud Storage URLs): allowed in connect-src.</summary>
    public string MuxUploadOrigin { get; set; } = "https://storage.googleapis.com";

    public bool MuxUploads => !string.IsNullOrEmpty(MuxTokenId) && !string.IsNullOrEmpty(MuxTokenSecret);

    /// <summary>
    /// Mux's URL-signing key (its id, and the private key as Mux gives it: base64 of a PEM): with them, uploads get a
    /// signed playback policy and pages carry a playback token (PlaybackUrls). Required in Production: without it a
    /// stream's playback id alone would play it, for anyone, refunded learners too.
    /// </summary>
    public string? MuxSigningKeyId { get; set; }

    public string? MuxSigningKey { get; set; }

    public bool SignedPlayback => !string.IsNullOrEmpty(MuxSigningKeyId) && !string.IsNullOrEmpty(MuxSigningKey);

    /// <summary>How long a playback URL a page carries works (longer than any page stays cached: ten minutes).</summary>
    public TimeSpan PlaybackTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The bundled stream's folder: what the local origin plays for a playback id it has no folder for.</summary>
    public const string DemoPlaybackId = "demo";

    /// <summary>The stream host (null for the local origin: this site). On Unix "/media/…" parses as a file URI, hence the scheme test.</summary>
    public Uri? StreamOrigin => Uri.TryCreate(string.Format(System.Globalization.CultureInfo.InvariantCulture, StreamUrlFormat, "x"), UriKind.Absolute, out var url)
        && url.Scheme is "https" or "http" ? new Uri(url.GetLeftPart(UriPartial.Authority)) : null;

    /// <summary>The stream URL of a playback id, as pages write it.</summary>
    public string StreamUrl(string playbackId) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, StreamUrlFormat, Uri.EscapeDataString(playbackId));
}
