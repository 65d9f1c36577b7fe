using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace Antonio.Tests.Integration;

/// <summary>The admin area is for admins: sign-in for the anonymous, a 403 page for everyone else.</summary>
[Collection(SeededCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AdminAccessTests(SeededDatabaseFixture seeded) : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(seeded.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>
    /// Every admin route the app maps (read from its endpoint table, so a new admin page is covered
    /// without editing this test), with real ids for its parameters, plus a few query variants.
    /// </summary>
    /// <param name="pages">Only routes answering GET (pages); otherwise every route, POST-only endpoints too.</param>
    private async Task<string[]> AdminPathsAsync(bool pages = false)
    {
        var db = seeded.Database;
        var ids = new Dictionary<string, string>
        {
            ["/admin/content/{Id:guid}"] = (await SeededData.WorkshopAsync(db, 0)).Id.ToString(),
            ["/admin/products/{Id:guid}"] = (await db.ScalarAsync<Guid>("SELECT id FROM products LIMIT 1")).ToString(),
            ["/admin/coupons/{Id:guid}"] = (await db.ScalarAsync<Guid>("SELECT id FROM coupons WHERE bulk_purchase_id IS NULL LIMIT 1")).ToString(),
            ["/admin/users/{Id:guid}"] = (await db.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{DemoAccounts.Buyer}'")).ToString(),
            ["/admin/videos/{id:guid}/upload"] = (await db.ScalarAsync<Guid>("SELECT id FROM content_resources WHERE type = 'video_resource' LIMIT 1")).ToString(),
        };
        var patterns = _app.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !pages || e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods.Contains("GET") != false)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p == "/admin" || p.StartsWith("/admin/", StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(patterns.Count >= 12, string.Join(", ", patterns));
        var paths = patterns.Select(p => p.Contains('{')
            ? ids.TryGetValue(p, out var id) ? p[..p.IndexOf('{')] + id + p[(p.IndexOf('}') + 1)..] : throw new Xunit.Sdk.XunitException($"Give the test an id for {p}")
            : p).ToList();
        paths.AddRange(["/admin/workshops?q=type&state=published", "/admin/purchases?email=buyer%40antonio.dev", "/admin/users?email=antonio"]);
        return [.. paths];
    }

    [Theory]
    [InlineData(null, 302)]
    [InlineData(DemoAccounts.Buyer, 403)]
    [InlineData(DemoAccounts.Reviewer, 403)]
    [InlineData(DemoAccounts.Contributor, 403)]
    [InlineData(DemoAccounts.Admin, 200)]
    public async Task Admin_routes_answer_by_role(string? email, int status)
    {
        using var user = email is null ? new WebUser(_app) : await WebUser.SignedInAsync(_app, email);
        foreach (var path in await AdminPathsAsync(pages: true))
        {
            var page = await user.GetAsync(path);
            Assert.True(status == page.Status, $"{email ?? "anonymous"} {path}: {page.Status}");
            if (status == 403) Assert.Contains("You don&#x27;t have access", page.Body);
        }
    }

    [Theory]
    [InlineData(null, 302)]
    [InlineData(DemoAccounts.Buyer, 403)]
    [InlineData(DemoAccounts.Reviewer, 403)]
    [InlineData(DemoAccounts.Contributor, 403)]
    public async Task Admin_posts_from_non_admins_are_refused_on_every_route(string? email, int status)
    {
        var workshop = await SeededData.WorkshopAsync(seeded.Database, 0);
        using var user = email is null ? new WebUser(_app) : await WebUser.SignedInAsync(_app, email);
        var token = WebUser.AntiforgeryToken((await user.GetAsync("/")).Body)!;
        var handlers = new[] { "content-edit", "new-workshop", "product-edit", "coupon-edit", "entitlement-grant", "add-child" };
        foreach (var path in await AdminPathsAsync())
            foreach (var handler in handlers)
            {
                var response = await user.Client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["_handler"] = handler, ["__RequestVerificationToken"] = token, ["Model.Title"] = "Hacked", ["NewWorkshop.Title"] = "Hacked",
                }));
                Assert.True(status == (int)response.StatusCode, $"{email ?? "anonymous"} POST {path} ({handler}): {(int)response.StatusCode}");
            }
        Assert.NotEqual("Hacked", await seeded.Database.ScalarAsync<string>($"SELECT fields->>'title' FROM content_resources WHERE id = '{workshop.Id}'"));
        Assert.Equal(0, await seeded.Database.ScalarAsync<long>("SELECT count(*) FROM content_resources WHERE fields->>'title' = 'Hacked'"));
    }

    /// <summary>The results table of the list page (the sale banner above it names a workshop too).</summary>
    private static string Table(string html) => html[html.IndexOf("<table", StringComparison.Ordinal)..html.IndexOf("</table>", StringComparison.Ordinal)];

    [Fact]
    public async Task The_workshop_list_searches_and_filters_by_state()
    {
        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        var all = Table((await admin.GetAsync("/admin/workshops")).Body);
        Assert.Contains("Hidden: draft-workshop", all);
        Assert.Contains(DemoCatalogue.WorkshopTitle(0), all);
        var drafts = Table((await admin.GetAsync("/admin/workshops?state=draft")).Body);
        Assert.Contains("Hidden: draft-workshop", drafts);
        Assert.DoesNotContain(DemoCatalogue.WorkshopTitle(0), drafts);
        var search = Table((await admin.GetAsync("/admin/workshops?q=typescript")).Body);
        Assert.Contains(DemoCatalogue.WorkshopTitle(0), search);
        Assert.DoesNotContain(DemoCatalogue.WorkshopTitle(1), search);
        Assert.Equal(200, (await admin.GetAsync("/admin/workshops?q=%25_%5C'")).Status);
    }

    [Fact]
    public async Task Unknown_ids_in_the_admin_area_are_404_pages()
    {
        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        foreach (var area in new[] { "content", "products", "coupons", "users" })
        {
            var page = await admin.GetAsync($"/admin/{area}/{Guid.NewGuid()}");
            Assert.True(page.Status == 404, $"{area}: {page.Status}");
        }
        Assert.Equal(404, (await admin.GetAsync("/admin/content/not-a-guid")).Status);
    }
}
