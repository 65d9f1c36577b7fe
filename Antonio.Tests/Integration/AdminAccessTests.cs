using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;

namespace Antonio.Tests.Integration;

/// <summary>The admin area is for admins: sign-in for the anonymous, a 403 page for everyone else.</summary>
[Collection(SeededCollection.Name)]
public sealed class AdminAccessTests(SeededDatabaseFixture seeded) : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(seeded.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string[]> AdminPathsAsync()
    {
        var workshop = await SeededData.WorkshopAsync(seeded.Database, 0);
        return ["/admin/workshops", "/admin/workshops?q=type&state=published", $"/admin/content/{workshop.Id}", "/admin/performance",
            "/admin/purchases?email=buyer%40antonio.dev"];
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
        foreach (var path in await AdminPathsAsync())
        {
            var page = await user.GetAsync(path);
            Assert.True(status == page.Status, $"{email ?? "anonymous"} {path}: {page.Status}");
            if (status == 403) Assert.Contains("You don&#x27;t have access", page.Body);
        }
    }

    [Fact]
    public async Task Admin_posts_from_non_admins_are_refused()
    {
        var workshop = await SeededData.WorkshopAsync(seeded.Database, 0);
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        var home = await buyer.GetAsync("/");
        var response = await buyer.Client.PostAsync($"/admin/content/{workshop.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "content-edit", ["__RequestVerificationToken"] = WebUser.AntiforgeryToken(home.Body)!, ["Model.Title"] = "Hacked",
        }));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual("Hacked", await seeded.Database.ScalarAsync<string>($"SELECT fields->>'title' FROM content_resources WHERE id = '{workshop.Id}'"));
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
}
