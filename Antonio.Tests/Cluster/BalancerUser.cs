using System.Net;
using Antonio.Tests.Infrastructure;

namespace Antonio.Tests.Cluster;

/// <summary>
/// A signed-in learner talking to the site through the balancer (whichever node answers): reads a form's
/// antiforgery token once, posts it whenever the test says (while the database is down, again once it is back).
/// </summary>
internal sealed class BalancerUser : IDisposable
{
    private readonly HttpClient _client;

    private BalancerUser(string baseUrl) =>
        _client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(15),
        };

    public static async Task<BalancerUser> SignedInAsync(string baseUrl, string email)
    {
        var user = new BalancerUser(baseUrl);
        var response = await user.PostAsync("/account/login", "login", await user.TokenAsync("/account/login", "login"),
            new() { ["Input.Email"] = email, ["Input.Password"] = Antonio.Data.Seeding.DemoAccounts.Password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in as {email} through the balancer: {(int)response.StatusCode}");
        return user;
    }

    /// <summary>The antiforgery token of the form named <paramref name="handler"/> on the page at <paramref name="path"/>.</summary>
    public async Task<string> TokenAsync(string path, string handler) =>
        WebUser.AntiforgeryToken(WebUser.FormMarkup(await _client.GetStringAsync(path), handler))
        ?? throw new InvalidOperationException($"form '{handler}' on {path} carries no antiforgery token");

    public async Task<HttpResponseMessage> PostAsync(string path, string handler, string token, Dictionary<string, string>? fields = null)
    {
        var form = new Dictionary<string, string>(fields ?? []) { ["_handler"] = handler, ["__RequestVerificationToken"] = token };
        return await _client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public void Dispose() => _client.Dispose();
}
