using System.Diagnostics;
using System.Text.RegularExpressions;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;

namespace Antonio.Tests.Integration;

/// <summary>
/// Issue #12: every route and every form of the app — read from its endpoint table and from the pages
/// themselves, so a new page is covered without editing this test — with every value of
/// <see cref="HostileInput.Values"/> (NUL, overlong, unicode, percent-encoded, traversal, wrong types,
/// huge numbers): in each route parameter, in every query parameter any page binds, and in every field
/// of every form. No answer is a 5xx, none shows exception text or a server path, each comes in under 2 s.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class HostileInputSweepTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Route patterns of pages and endpoints a client can GET (not static files, not Blazor's own plumbing).</summary>
    private List<string> Patterns() => _app.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
        .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("GET") != false)
        .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
        .Where(p => !p.StartsWith("/_", StringComparison.Ordinal))
        .Distinct().Order().ToList();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();

    private static async Task<(int Status, string Body, TimeSpan Took)> SendAsync(WebUser user, HttpRequestMessage request)
    {
        var clock = Stopwatch.StartNew();
        using var response = await user.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, body, clock.Elapsed);
    }

    private static async Task CheckAsync(WebUser user, Func<HttpRequestMessage> request, string what)
    {
        var answer = await SendAsync(user, request());
        Assert.True(answer.Status < 500, $"{what}: {answer.Status}");
        HostileInput.AssertNoLeak(answer.Body, what);
        // The budget catches input that makes the server work hard (backtracking, huge allocations): such input
        // is slow every time. A single slow answer under a loaded suite (a GC pause, the other test classes
        // competing for two cores) is asked again, and only a second slow answer fails.
        if (answer.Took >= Budget) answer = await SendAsync(user, request());
        Assert.True(answer.Took < Budget, $"{what}: took {answer.Took.TotalMilliseconds:F0} ms, twice");
    }

    private static string Show(string value) => value.Length > 24 ? value[..24] + "…" : value;

    [Fact]
    public async Task Every_route_with_every_hostile_value_in_its_path_and_query_answers_without_a_5xx()
    {
        var patterns = Patterns();
        Assert.True(patterns.Count >= 30, string.Join(", ", patterns));
        var queryNames = _app.Service<QueryParameterCatalog>().Types.Keys.ToList();
        Assert.True(queryNames.Count >= 8, string.Join(", ", queryNames));
        Assert.True(HostileInput.Values.Count >= 40);
        using var anonymous = new WebUser(_app);
        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        var requests = 0;
        foreach (var user in new[] { anonymous, admin })
            foreach (var pattern in patterns)
                foreach (var value in HostileInput.Values)
                {
                    var escaped = Uri.EscapeDataString(value);
                    var path = Parameter().Replace(pattern, escaped);
                    var query = string.Join("&", queryNames.Select(n => $"{n}={escaped}"));
                    await CheckAsync(user, () => new HttpRequestMessage(HttpMethod.Get, $"{path}?{query}"), $"GET {pattern} with '{Show(value)}'");
                    requests++;
                }
        Assert.True(requests >= 2 * 30 * 40);
    }

    /// <summary>Real values for route parameters, so each page renders for real and shows its forms.</summary>
    private async Task<Dictionary<string, string>> RealRouteValuesAsync()
    {
        var db = fixture.Database;
        var workshop = await SeededData.WorkshopAsync(db, 0);
        return new Dictionary<string, string>
        {
            ["/workshops/{Workshop}"] = $"/workshops/{workshop.Slug}",
            ["/workshops/{Workshop}/{Lesson}"] = $"/workshops/{workshop.Slug}/{SeededData.PaidLesson(workshop).Lesson.Slug}",
            ["/workshops/{Workshop}/{Lesson}/solution"] = $"/workshops/{workshop.Slug}/{SeededData.PaidLesson(workshop).Lesson.Slug}/solution",
            ["/team/redeem/{Code}"] = "/team/redeem/" + await db.ScalarAsync<string>("SELECT code FROM coupons WHERE bulk_purchase_id IS NOT NULL LIMIT 1"),
            ["/admin/content/{Id:guid}"] = $"/admin/content/{workshop.Id}",
            ["/admin/products/{Id:guid}"] = $"/admin/products/{await db.ScalarAsync<Guid>("SELECT id FROM products LIMIT 1")}",
            ["/admin/coupons/{Id:guid}"] = $"/admin/coupons/{await db.ScalarAsync<Guid>("SELECT id FROM coupons WHERE bulk_purchase_id IS NULL LIMIT 1")}",
            ["/admin/users/{Id:guid}"] = $"/admin/users/{await db.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{DemoAccounts.Buyer}'")}",
            ["/status/{Code:int}"] = "/status/400",
            ["/checkout"] = $"/checkout?product={await db.ScalarAsync<Guid>("SELECT id FROM products WHERE name = 'Essentials'")}",
            ["/admin/purchases"] = "/admin/purchases?email=refunded%40antonio.dev",
        };
    }

    [GeneratedRegex("<form[^>]*method=\"post\"[^>]*>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Form();

    [GeneratedRegex("name=\"([^\"]+)\"")]
    private static partial Regex FieldName();

    [Fact]
    public async Task Every_form_with_every_hostile_value_in_every_field_answers_without_a_5xx()
    {
        var real = await RealRouteValuesAsync();
        using var anonymous = new WebUser(_app);
        using var learner = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        var handlers = new HashSet<string>();
        foreach (var user in new[] { anonymous, learner, admin })
            foreach (var pattern in Patterns())
            {
                var path = real.TryGetValue(pattern, out var concrete) ? concrete : pattern;
                if (path.Contains('{')) continue;
                var page = await user.GetAsync(path);
                foreach (Match form in Form().Matches(page.Body))
                {
                    var markup = form.Value;
                    var action = Regex.Match(markup, "action=\"([^\"]*)\"") is { Success: true } a && a.Groups[1].Value.Length > 0 ? a.Groups[1].Value : path;
                    var token = WebUser.AntiforgeryToken(markup);
                    var handler = Regex.Match(markup, "name=\"_handler\" value=\"([^\"]*)\"").Groups[1].Value;
                    var fields = FieldName().Matches(form.Groups[1].Value).Select(m => m.Groups[1].Value)
                        .Where(n => n is not ("_handler" or "__RequestVerificationToken")).Distinct().ToList();
                    handlers.Add(handler.Length > 0 ? handler : action);
                    foreach (var value in HostileInput.Values.Append(null))
                    {
                        var post = new Dictionary<string, string>();
                        // A form whose only field is its token (sign out, refund, claim a seat, pay) gets the hostile
                        // value as its token: the sweep tests its refusal without signing out or refunding for real.
                        if (token is not null) post["__RequestVerificationToken"] = fields.Count == 0 ? value ?? "not-a-token" : token;
                        // null: the right fields, a handler no form has.
                        post["_handler"] = value is null ? "no-such-form" : handler;
                        foreach (var field in fields) post[field] = value ?? "x";
                        await CheckAsync(user, () => new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(post) }, $"POST {path} form '{handler}' with '{Show(value ?? "(unknown handler)")}'");
                    }
                }
            }
        // The forms a person uses are all found (a page that stopped rendering its form would shrink this list).
        foreach (var expected in new[] { "login", "register", "magic-link", "magic-sign-in", "confirm-sign-up", "change-password", "checkout", "lesson-progress", "redeem-seat", "/account/logout" })
            Assert.True(handlers.Contains(expected), $"{expected} not in {string.Join(", ", handlers)}");
    }
}
