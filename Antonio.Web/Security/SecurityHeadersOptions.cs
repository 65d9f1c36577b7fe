namespace Antonio.Web.Security;

/// <summary>
/// What the Content-Security-Policy allows beyond this site's own origin. Features add the origins they
/// need (the video stream host, the payment provider's checkout) when they are registered.
/// </summary>
public sealed class SecurityHeadersOptions
{
    /// <summary>Origins video and its playlists stream from (media-src, connect-src: hls.js fetches segments).</summary>
    public HashSet<string> MediaOrigins { get; } = [];

    /// <summary>Origins scripts may send to besides this site and the media origins (connect-src): a video upload host.</summary>
    public HashSet<string> ConnectOrigins { get; } = [];

    /// <summary>Origins a form may submit or redirect to (form-action): a hosted payment page.</summary>
    public HashSet<string> FormActionOrigins { get; } = [];
}
