using System.Buffers.Binary;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Antonio.Data.Content;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Learning;

namespace Antonio.Tests.Integration;

/// <summary>
/// Completing a workshop issues a certificate at an unguessable public address (with an Open Graph image);
/// a refund of the access revokes it; bad and forged requests change nothing.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class CertificateTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Completing_every_lesson_issues_one_certificate_anyone_can_verify()
    {
        const string email = "learner00050@demo.antonio.dev";
        var workshop = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.FreeFirst);
        using var learner = await WebUser.SignedInAsync(_app, email);
        var last = await CompleteAllButLastAsync(email, workshop);
        Assert.DoesNotContain("Certificate", (await learner.GetAsync("/dashboard")).Body.Split("<main")[1]);

        await CompleteAsync(learner, workshop, last);
        var code = await CodeAsync(email, workshop);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", code);
        var home = await learner.GetAsync("/dashboard");
        Assert.Contains($"href=\"/certificates/{code}\"", home.Body);
        Assert.Contains($"<strong>{new LessonNavigator(workshop).Lessons.Count} of {new LessonNavigator(workshop).Lessons.Count}</strong>", home.Body);
        Assert.Contains("Your certificate is on <a href=\"/dashboard\">your dashboard</a>", (await learner.GetAsync(Lesson(workshop, last))).Body);

        // Un-completing and completing again keeps the one certificate.
        await CompleteAsync(learner, workshop, last, complete: false);
        await CompleteAsync(learner, workshop, last);
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM certificates c JOIN users u ON u.id = c.user_id WHERE u.email = '{email}'"));

        // Anyone may open it: a stranger's browser, no cookies.
        var page = await _app.GetAsync($"/certificates/{code}");
        Assert.Equal(200, page.Status);
        Assert.Contains("Certificate of completion", page.Body);
        Assert.Contains(">Learner 50</p>", page.Body);
        Assert.Contains(HtmlEncoder.Default.Encode(workshop.Title), page.Body);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\"", page.Body);
        Assert.True(page.Body.Contains($"<meta property=\"og:image\" content=\"{_app.BaseAddress}certificates/{code}/og.png\"", StringComparison.Ordinal),
            string.Join("\n", Regex.Matches(page.Body, "<meta[^>]*>").Select(m => m.Value)));
        Assert.Contains("data-print", page.Body);

        using var image = await _app.Client.GetAsync($"/certificates/{code}/og.png");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        var png = await image.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal(1200, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(630, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        Assert.True(png.Length > 10_000, "the image has text on it, not a blank card");
    }

    [Fact]
    public async Task Refunding_the_access_revokes_the_certificate()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.EssentialsFirst);
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        await CompleteAsync(buyer, workshop, await CompleteAllButLastAsync(DemoAccounts.Buyer, workshop));
        var code = await CodeAsync(DemoAccounts.Buyer, workshop);
        Assert.Equal(200, (await _app.GetAsync($"/certificates/{code}")).Status);

        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        var search = "/admin/purchases?email=" + Uri.EscapeDataString(DemoAccounts.Buyer);
        var purchaseId = await fixture.Database.ScalarAsync<Guid>(
            $"SELECT p.id FROM purchases p JOIN users u ON u.id = p.user_id WHERE u.email = '{DemoAccounts.Buyer}'");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync(search, $"refund-{purchaseId:N}", [])).StatusCode);

        Assert.Equal("refunded", await fixture.Database.ScalarAsync<string>($"SELECT revoked_reason FROM certificates WHERE code = '{code}'"));
        var revoked = await _app.GetAsync($"/certificates/{code}");
        Assert.Equal(410, revoked.Status);
        Assert.Contains("no longer valid", revoked.Body);
        Assert.DoesNotContain(HtmlEncoder.Default.Encode(workshop.Title), revoked.Body.Split("<main")[1]);
        using var image = await _app.Client.GetAsync($"/certificates/{code}/og.png");
        Assert.Equal(HttpStatusCode.NotFound, image.StatusCode);
        Assert.DoesNotContain($"/certificates/{code}", (await buyer.GetAsync("/dashboard")).Body);
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")] // well-formed, nobody's
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA%00")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Unknown_or_malformed_certificate_ids_are_404(string code)
    {
        // Straight through the client: a NUL is refused before any page is rendered (and logged).
        using var page = await _app.Client.GetAsync($"/certificates/{code}");
        var status = (int)page.StatusCode;
        Assert.True(status is 400 or 404, $"{code}: {status}");
        Assert.DoesNotContain("Exception", await page.Content.ReadAsStringAsync());
        using var image = await _app.Client.GetAsync($"/certificates/{code}/og.png");
        Assert.True(image.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{code}: {image.StatusCode}");
    }

    [Fact]
    public async Task A_forged_certificate_claim_issues_nothing()
    {
        const string email = "learner00051@demo.antonio.dev";
        var workshop = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.FreeFirst + 1);
        using var learner = await WebUser.SignedInAsync(_app, email);
        await CompleteAllButLastAsync(email, workshop);
        var home = await learner.GetAsync("/dashboard");
        Assert.DoesNotContain($"certificate-{workshop.Id:N}", home.Body); // not complete: no claim form
        // A post naming that form, with this page's token: the form does not exist for this learner.
        using var forged = await learner.Client.PostAsync("/dashboard", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = $"certificate-{workshop.Id:N}", ["__RequestVerificationToken"] = WebUser.AntiforgeryToken(home.Body)!,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM certificates c JOIN users u ON u.id = c.user_id WHERE u.email = '{email}'"));
    }

    [Fact]
    public async Task A_learner_who_completed_before_certificates_existed_can_claim_one()
    {
        const string email = "learner00052@demo.antonio.dev";
        var workshop = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.FreeFirst + 2);
        using var learner = await WebUser.SignedInAsync(_app, email);
        var last = await CompleteAllButLastAsync(email, workshop);
        await fixture.Database.ExecuteAsync($"""
            INSERT INTO resource_progress (user_id, resource_id, completed_at, created_at, updated_at)
            SELECT id, '{last.Id}', now(), now(), now() FROM users WHERE email = '{email}'
            """);
        await _app.Service<Antonio.Web.Caching.CacheInvalidator>().ProgressChangedAsync(await UserIdAsync(email));
        var claimed = await learner.SubmitFormAsync("/dashboard", $"certificate-{workshop.Id:N}", []);
        Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", await CodeAsync(email, workshop));
    }

    /// <summary>Marks every lesson but the last complete, straight in the database (the form's own path is tested with the last one).</summary>
    private async Task<TreeNode> CompleteAllButLastAsync(string email, WorkshopData workshop)
    {
        var lessons = new LessonNavigator(workshop).Lessons;
        var ids = string.Join(",", lessons.Take(lessons.Count - 1).Select(l => $"'{l.Lesson.Id}'"));
        await fixture.Database.ExecuteAsync($"""
            INSERT INTO resource_progress (user_id, resource_id, completed_at, created_at, updated_at)
            SELECT u.id, r.id, now(), now(), now() FROM users u CROSS JOIN content_resources r WHERE u.email = '{email}' AND r.id IN ({ids})
            ON CONFLICT DO NOTHING
            """);
        await _app.Service<Antonio.Web.Caching.CacheInvalidator>().ProgressChangedAsync(await UserIdAsync(email));
        return lessons[^1].Lesson;
    }

    private static string Lesson(WorkshopData workshop, TreeNode lesson) => $"/workshops/{workshop.Slug}/{lesson.Slug}";

    private static async Task CompleteAsync(WebUser user, WorkshopData workshop, TreeNode lesson, bool complete = true)
    {
        var response = await user.SubmitFormAsync(Lesson(workshop, lesson), CompletionForm.FormName,
            new() { ["Input.Complete"] = complete ? "true" : "false" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private Task<string> CodeAsync(string email, WorkshopData workshop) => fixture.Database.ScalarAsync<string>(
        $"SELECT c.code FROM certificates c JOIN users u ON u.id = c.user_id WHERE u.email = '{email}' AND c.workshop_id = '{workshop.Id}' AND c.revoked_at IS NULL");

    private Task<Guid> UserIdAsync(string email) => fixture.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{email}'");
}
