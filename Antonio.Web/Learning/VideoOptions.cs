namespace Antonio.Web.Learning;

/// <summary>Where lesson and trailer video streams come from (<c>Antonio:Video</c>).</summary>
public sealed class VideoOptions
{
    public const string Section = "Antonio:Video";

    /// <summary>The HLS URL of a playback id ({0}); its host is allowed in the Content-Security-Policy.</summary>
    public string StreamUrlFormat { get; set; } = "https://stream.mux.com/{0}.m3u8";

    public Uri? StreamOrigin => Uri.TryCreate(string.Format(System.Globalization.CultureInfo.InvariantCulture, StreamUrlFormat, "x"), UriKind.Absolute, out var url)
        ? new Uri(url.GetLeftPart(UriPartial.Authority)) : null;
}
