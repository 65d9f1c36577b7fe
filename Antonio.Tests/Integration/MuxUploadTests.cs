using System.Net;
using System.Text;
using System.Text.Json;
using Antonio.Data.Content;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Antonio.Tests.Integration;

/// <summary>Issue #15: an admin's upload to Mux — the direct upload we ask Mux for, against a local stand-in of Mux's API.</summary>
[Trait("Category", "Integration")]
public sealed class MuxUploadTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;
    private WebApplication _mux = null!;
    private readonly List<(string? Authorization, string Body)> _received = [];
    private int _muxStatus = 201;

    public async Task InitializeAsync()
    {
        // Mux's API as its documentation shows it: POST /video/v1/uploads → 201 {"data": {"id", "url", …}}.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _mux = builder.Build();
        _mux.MapPost("/video/v1/uploads", async (HttpContext context) =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            lock (_received) _received.Add((context.Request.Headers.Authorization.ToString(), body));
            return Results.Json(new { data = new { id = "upload-1", status = "waiting", url = "https://storage.googleapis.com/video-storage/upload-1?signature=abc" } },
                statusCode: _muxStatus);
        });
        await _mux.StartAsync();
        var muxUrl = _mux.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _app = await TestApp.StartAsync(fixture.Database, settings: new Dictionary<string, string?>
        {
            ["Antonio:Video:MuxTokenId"] = "token-id", ["Antonio:Video:MuxTokenSecret"] = "token-secret", ["Antonio:Video:MuxApiUrl"] = muxUrl,
            ["Antonio:Video:MuxSigningKeyId"] = TestCertificates.MuxSigningKeyId, ["Antonio:Video:MuxSigningKey"] = TestCertificates.MuxSigningKey,
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _mux.DisposeAsync();
    }

    private async Task<Guid> VideoIdAsync() =>
        await fixture.Database.ScalarAsync<Guid>("SELECT id FROM content_resources WHERE type = 'video_resource' AND deleted_at IS NULL LIMIT 1");

    private static async Task<string> TokenAsync(WebUser admin, Guid videoId)
    {
        var page = await admin.GetAsync($"/admin/content/{videoId}");
        var form = page.Body[page.Body.IndexOf("data-mux-upload", StringComparison.Ordinal)..];
        return WebUser.AntiforgeryToken(form)!;
    }

    private static Task<HttpResponseMessage> AskAsync(WebUser user, Guid videoId, string? token) =>
        user.Client.PostAsync($"/admin/videos/{videoId}/mux-upload",
            new FormUrlEncodedContent(token is null ? [] : new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

    [Fact]
    public async Task An_admin_gets_a_direct_upload_that_names_the_video_and_only_this_site_may_use()
    {
        var videoId = await VideoIdAsync();
        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        using var response = await AskAsync(admin, videoId, await TokenAsync(admin, videoId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("https://storage.googleapis.com/video-storage/upload-1?signature=abc", answer.RootElement.GetProperty("url").GetString());
        var (authorization, body) = Assert.Single(_received);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("token-id:token-secret")), authorization);
        using var sent = JsonDocument.Parse(body);
        Assert.Equal(videoId.ToString(), sent.RootElement.GetProperty("new_asset_settings").GetProperty("passthrough").GetString());
        // Signed: the playback id alone plays nothing; pages carry a token for viewers the lesson allows.
        Assert.Equal("signed", sent.RootElement.GetProperty("new_asset_settings").GetProperty("playback_policy")[0].GetString());
        Assert.Equal(_app.BaseAddress.GetLeftPart(UriPartial.Authority), sent.RootElement.GetProperty("cors_origin").GetString());
        // The browser may send the file there: the storage origin is in the page's connect-src.
        var page = await admin.Client.GetAsync($"/admin/content/{videoId}");
        Assert.Contains("https://storage.googleapis.com", page.Headers.GetValues("Content-Security-Policy").Single().Split("; ").Single(d => d.StartsWith("connect-src", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Nobody_else_gets_one_and_nothing_is_asked_of_Mux_for_them()
    {
        var videoId = await VideoIdAsync();
        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        var token = await TokenAsync(admin, videoId);
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);

        Assert.Equal(HttpStatusCode.Forbidden, (await AskAsync(buyer, videoId, token)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AskAsync(new WebUser(_app), videoId, token)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await AskAsync(admin, videoId, null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AskAsync(admin, Guid.NewGuid(), token)).StatusCode);
        Assert.Empty(_received);

        _muxStatus = 500; // Mux refuses: the admin is told, nothing changes
        Assert.Equal(HttpStatusCode.BadGateway, (await AskAsync(admin, videoId, token)).StatusCode);
    }
}
