using System.Net;
using Antonio.Web.Access.ExternalLogins;

namespace Antonio.Tests.Infrastructure;

/// <summary>The steps of "Continue with …" as a browser takes them, for the external sign-in tests.</summary>
public static class ExternalSignIn
{
    /// <summary>The provider's button on the sign-in page: where the app sends the browser (the provider's authorize URL).</summary>
    public static async Task<Uri> StartAsync(WebUser user, string provider, string? returnUrl = null, IDictionary<string, string>? headers = null)
    {
        var login = await user.GetAsync("/account/login" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        var button = login.Body.IndexOf($"name=\"provider\" value=\"{provider}\"", StringComparison.Ordinal);
        Assert.True(button > 0, $"no button for {provider} on the sign-in page");
        var start = login.Body.LastIndexOf("<form", button, StringComparison.Ordinal);
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUser.AntiforgeryToken(login.Body[start..button])!, ["provider"] = provider };
        if (returnUrl is not null) fields["returnUrl"] = returnUrl;
        using var request = new HttpRequestMessage(HttpMethod.Post, ExternalLoginSetup.StartPath) { Content = new FormUrlEncodedContent(fields) };
        if (headers is not null) foreach (var (k, v) in headers) request.Headers.TryAddWithoutValidation(k, v);
        using var response = await user.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    /// <summary>Back at the site with the provider's answer: the handler's redirect (to the return page, or to a failure), as a path.</summary>
    public static async Task<string> CallbackAsync(WebUser user, Uri callback)
    {
        using var back = await user.Client.GetAsync(callback.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        return PathOf(back.Headers.Location)!;
    }

    /// <summary>The return page: its status and body, or where it redirected (a path).</summary>
    public static async Task<(int Status, string Body, string? Location)> ReturnPageAsync(WebUser user, string returnPage)
    {
        Assert.StartsWith(ExternalLoginSetup.ReturnPath, returnPage, StringComparison.Ordinal);
        using var page = await user.Client.GetAsync(returnPage);
        return ((int)page.StatusCode, await page.Content.ReadAsStringAsync(), PathOf(page.Headers.Location));
    }

    /// <summary>"E-mail me the link" on the return page (posted to the page's own address, as a browser does).</summary>
    public static async Task<string> ContinueAsync(WebUser user, string returnPage)
    {
        using var asked = await user.SubmitFormAsync(returnPage, "external-continue", []);
        return await asked.Content.ReadAsStringAsync();
    }

    /// <summary>Follows an e-mailed link: open it, press its one button.</summary>
    public static async Task<HttpResponseMessage> FollowAsync(WebUser user, Uri link, string handler) =>
        await user.SubmitFormAsync(link.PathAndQuery, handler, new() { ["Input.Token"] = Uri.UnescapeDataString(link.Query.Split("token=")[1].Split('&')[0]) });

    /// <summary>A redirect's target on this site, as a path (Blazor's redirects are absolute, the handlers' relative).</summary>
    public static string? PathOf(Uri? location) => location is null ? null : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}
