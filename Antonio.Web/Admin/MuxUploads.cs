using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Antonio.Web.Learning;
using Antonio.Web.Security;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Admin;

/// <summary>
/// Asks Mux for a direct upload for one video resource: a signed URL the admin's browser sends the file to. The
/// asset Mux makes of it carries the video's id as its passthrough, so the webhook knows which lesson it is for;
/// only this site's public origin may upload (cors_origin).
/// </summary>
public sealed class MuxUploads(HttpClient http, IOptions<VideoOptions> options, SiteUrls site)
{
    /// <summary>How long one request to Mux may take (<c>AdminModule</c>'s resilience handler).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>Signed when the site can sign playback tokens (always in Production): the playback id alone then plays nothing.</summary>
    private static readonly string[] SignedPlayback = ["signed"], PublicPlayback = ["public"];

    /// <returns>The upload URL, or null when Mux refused or answered something else.</returns>
    public async Task<string?> CreateAsync(Guid videoId, CancellationToken ct = default)
    {
        var o = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(o.MuxApiUrl), "/video/v1/uploads"))
        {
            Content = JsonContent.Create(new
            {
                cors_origin = site.Base.GetLeftPart(UriPartial.Authority),
                new_asset_settings = new { playback_policy = o.SignedPlayback ? SignedPlayback : PublicPlayback, passthrough = videoId.ToString() },
            }),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.MuxTokenId}:{o.MuxTokenSecret}")));
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode) return null;
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            return json.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("url", out var url) && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var upload) && upload.Scheme == "https"
                ? upload.AbsoluteUri : null;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or Polly.ExecutionRejectedException
            or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }
}
