using System.Net;
using System.Text.RegularExpressions;
using Antonio.Web.Observability;

namespace Antonio.Tests.Infrastructure;

/// <summary>
/// An HTTP "user" of a test app: keeps cookies, reads antiforgery tokens from forms and posts them
/// back, signs in through the real sign-in form.
/// </summary>
public sealed partial class WebUser : IDisposable
{
    private readonly TestApp _app;
    public CookieContainer Cookies { get; } = new();
    public HttpClient Client { get; }

    public WebUser(TestApp app)
    {
        _app = app;
        Client = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
    }

    public static async Task<WebUser> SignedInAsync(TestApp app, string email, string password = Antonio.Data.Seeding.DemoAccounts.Password)
    {
        var user = new WebUser(app);
        var response = await user.SubmitFormAsync("/account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in as {email} failed: {(int)response.StatusCode}");
        return user;
    }

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]+)"|<input[^>]*value="([^"]+)"[^>]*name="__RequestVerificationToken" """)]
    private static partial Regex TokenPattern();

    public static string? AntiforgeryToken(string html)
    {
        var m = TokenPattern().Match(html);
        return m.Success ? (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value) : null;
    }

    [GeneratedRegex("data-src=\"([^\"]+)\"")]
    private static partial Regex StreamPattern();

    /// <summary>The stream URL of the page's video player (with its playback token), decoded; "" when the page has none.</summary>
    public static string StreamUrl(string html) => System.Net.WebUtility.HtmlDecode(StreamPattern().Match(html).Groups[1].Value);

    /// <summary>The markup of the form whose _handler is <paramref name="handler"/>.</summary>
    public static string FormMarkup(string html, string handler)
    {
        var marker = html.IndexOf($"name=\"_handler\" value=\"{handler}\"", StringComparison.Ordinal);
        if (marker < 0) throw new InvalidOperationException($"no form '{handler}' on the page");
        var start = html.LastIndexOf("<form", marker, StringComparison.Ordinal);
        var end = html.IndexOf("</form>", marker, StringComparison.Ordinal);
        return html[start..end];
    }

    /// <summary>GET the page, then POST the named form back to it with that form's own antiforgery token and the given fields.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string path, string handler, Dictionary<string, string> fields, bool includeToken = true, string? action = null,
        IDictionary<string, string>? headers = null)
    {
        var page = await GetAsync(path, headers);
        var form = new Dictionary<string, string>(fields) { ["_handler"] = handler };
        if (includeToken)
            form["__RequestVerificationToken"] = AntiforgeryToken(FormMarkup(page.Body, handler))
                ?? throw new InvalidOperationException($"form '{handler}' on {path} carries no antiforgery token");
        using var request = new HttpRequestMessage(HttpMethod.Post, action ?? path) { Content = new FormUrlEncodedContent(form) };
        if (headers is not null) foreach (var (k, v) in headers) request.Headers.TryAddWithoutValidation(k, v);
        return await Client.SendAsync(request);
    }

    /// <summary>A second client with a copy of this one's cookies: someone who copied the session cookie.</summary>
    public WebUser Copy()
    {
        var copy = new WebUser(_app);
        copy.Cookies.Add(Cookies.GetAllCookies());
        return copy;
    }

    public async Task<PageResult> GetAsync(string path, IDictionary<string, string>? headers = null)
    {
        var id = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(RequestMetricsMiddleware.RequestIdHeader, id);
        if (headers is not null) foreach (var (k, v) in headers) request.Headers.TryAddWithoutValidation(k, v);
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var record = await _app.WaitForRecordAsync(id);
        return new PageResult((int)response.StatusCode, body, record,
            response.Headers.TryGetValues("Server-Timing", out var st) ? string.Join(",", st) : null,
            response.Headers.TryGetValues("blazor-enhanced-nav", out var enhanced) ? string.Join(",", enhanced) : null);
    }

    /// <summary>
    /// GETs a page until it has settled: a cold first render may stream placeholders, and the page caches never
    /// store such a page (<c>UnsettledPage</c>); the render after it, from warm reads, is the one stored.
    /// </summary>
    public async Task<PageResult> SettledAsync(string path, IDictionary<string, string>? headers = null)
    {
        var page = await GetAsync(path, headers);
        // Usually the second render settles; one whose reads were still warming (a read that completes
        // asynchronously streams too) may take another.
        for (var i = 0; page.Streamed && i < 5; i++) page = await GetAsync(path, headers);
        Assert.False(page.Streamed, $"{path} never settled");
        return page;
    }

    public void Dispose() => Client.Dispose();
}
