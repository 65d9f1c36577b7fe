using System.Net;
using System.Text.Json;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Learning;
using Microsoft.Extensions.DependencyInjection;

namespace Antonio.Tests.Integration;

/// <summary>
/// /account: the display name, an e-mail change confirmed from the new inbox, "download my data", and
/// "delete my account" — each with its validation, and forged or wrong posts changing nothing.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AccountEditorTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_name_is_saved_and_validated()
    {
        const string email = "learner00041@demo.antonio.dev";
        using var user = await WebUser.SignedInAsync(_app, email);
        var saved = await user.SubmitFormAsync("/account", "profile", new() { ["Profile.Name"] = "  Ada Lovelace " });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Ada Lovelace", await NameAsync(email));
        var page = await user.GetAsync("/account?done=profile");
        Assert.Contains("Your name was saved.", page.Body);
        Assert.Contains("value=\"Ada Lovelace\"", page.Body);

        var tooLong = await user.SubmitFormAsync("/account", "profile", new() { ["Profile.Name"] = new string('x', 201) });
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains("Use at most 200 characters.", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal("Ada Lovelace", await NameAsync(email));
    }

    [Fact]
    public async Task An_email_change_happens_when_the_new_inbox_confirms_it()
    {
        const string email = "learner00042@demo.antonio.dev", next = "ada.new@example.test";
        using var user = await WebUser.SignedInAsync(_app, email);

        var wrong = await user.SubmitFormAsync("/account", "change-email", new() { ["Email.NewEmail"] = next, ["Email.Password"] = "not-it" });
        Assert.Contains("current password is not right", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM email_outbox WHERE recipient = '{next}'"));
        var malformed = await user.SubmitFormAsync("/account", "change-email", new() { ["Email.NewEmail"] = "not an address", ["Email.Password"] = DemoAccounts.Password });
        Assert.Contains("Enter a valid e-mail address.", await malformed.Content.ReadAsStringAsync());

        var asked = await user.SubmitFormAsync("/account", "change-email", new() { ["Email.NewEmail"] = next, ["Email.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal(email, await EmailOfAsync("Learner 42")); // nothing changes until the link is followed
        var message = await _app.Mail.WaitForAsync(next);
        var link = TestSmtpServer.LinkIn(message);
        Assert.StartsWith(_app.BaseAddress + "account/confirm-email?token=", link.ToString());

        var confirmPath = link.PathAndQuery;
        var shown = await user.GetAsync(confirmPath);
        Assert.Contains("Confirm the new address", shown.Body);
        Assert.Equal(email, await EmailOfAsync("Learner 42")); // opening the link (a mail scanner, say) changes nothing
        var confirmed = await user.SubmitFormAsync(confirmPath, "confirm-email", new() { ["Input.Token"] = Uri.UnescapeDataString(link.Query.Split("token=")[1]) });
        Assert.Contains("Your e-mail address is now", await confirmed.Content.ReadAsStringAsync());
        Assert.Equal(next, await EmailOfAsync("Learner 42"));
        var notice = await _app.Mail.WaitForAsync(email);
        Assert.Contains(next, notice.TextBody);

        await Assert.ThrowsAsync<InvalidOperationException>(() => WebUser.SignedInAsync(_app, email));
        using var again = await WebUser.SignedInAsync(_app, next);
        // The link is spent: the change rotated the security stamp it carried.
        var reused = await again.SubmitFormAsync(confirmPath, "confirm-email", new() { ["Input.Token"] = Uri.UnescapeDataString(link.Query.Split("token=")[1]) });
        Assert.Contains("expired, was already used", await reused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_email_change_to_an_address_another_account_uses_is_refused_at_confirmation()
    {
        const string email = "learner00043@demo.antonio.dev", taken = "learner00044@demo.antonio.dev";
        using var user = await WebUser.SignedInAsync(_app, email);
        var asked = await user.SubmitFormAsync("/account", "change-email", new() { ["Email.NewEmail"] = taken, ["Email.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode); // the same answer as for a free address
        var link = TestSmtpServer.LinkIn(await _app.Mail.WaitForAsync(taken, m => m.Subject?.Contains("Confirm your new e-mail") == true));
        var confirmed = await user.SubmitFormAsync(link.PathAndQuery, "confirm-email", new() { ["Input.Token"] = Uri.UnescapeDataString(link.Query.Split("token=")[1]) });
        Assert.Contains("Another account already uses this address", await confirmed.Content.ReadAsStringAsync());
        Assert.Equal(email, await EmailOfAsync("Learner 43"));
    }

    [Fact]
    public async Task Download_my_data_holds_the_profile_purchases_access_and_progress()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 0);
        var lesson = new LessonNavigator(workshop).Lessons[2].Lesson;
        using var user = await WebUser.SignedInAsync(_app, DemoAccounts.BundleBuyer);
        await user.SubmitFormAsync($"/workshops/{workshop.Slug}/{lesson.Slug}", CompletionForm.FormName, new() { ["Input.Complete"] = "true" });

        using var response = await user.Client.GetAsync("/account/data");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(DemoAccounts.BundleBuyer, root.GetProperty("profile").GetProperty("email").GetString());
        Assert.Contains(root.GetProperty("purchases").EnumerateArray(), p => p.GetProperty("product").GetString()!.Contains("Bundle"));
        Assert.NotEmpty(root.GetProperty("access").EnumerateArray());
        Assert.Contains(root.GetProperty("progress").EnumerateArray(), p => p.GetProperty("lessonId").GetGuid() == lesson.Id && p.GetProperty("lesson").GetString() == lesson.Title);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("certificates").ValueKind);
        Assert.DoesNotContain("passwordHash", root.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Deleting_the_account_erases_it_ends_access_and_keeps_the_purchases()
    {
        const string email = DemoAccounts.SeatHolder;
        var userId = await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{email}'");
        var purchases = await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM purchases WHERE user_id = '{userId}'");
        Assert.True(purchases > 0);
        var workshop = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.AdvancedFirst);
        using var user = await WebUser.SignedInAsync(_app, email);
        var other = user.Copy();
        await user.SubmitFormAsync($"/workshops/{workshop.Slug}/{new LessonNavigator(workshop).Lessons[3].Lesson.Slug}", CompletionForm.FormName, new() { ["Input.Complete"] = "true" });

        var wrong = await user.SubmitFormAsync("/account", "delete-account", new() { ["Delete.ConfirmEmail"] = "someone@else.test", ["Delete.Password"] = DemoAccounts.Password });
        Assert.Contains("Type the e-mail address of your account to confirm.", await wrong.Content.ReadAsStringAsync());
        var forged = await user.SubmitFormAsync("/account", "delete-account", new() { ["Delete.ConfirmEmail"] = email, ["Delete.Password"] = DemoAccounts.Password }, includeToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(email, await fixture.Database.ScalarAsync<string>($"SELECT email FROM users WHERE id = '{userId}'"));

        var deleted = await user.SubmitFormAsync("/account", "delete-account", new() { ["Delete.ConfirmEmail"] = email.ToUpperInvariant(), ["Delete.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.EndsWith("/account/deleted", deleted.Headers.Location!.OriginalString);

        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM users WHERE email ILIKE '{email}' OR name IS NOT NULL AND id = '{userId}'"));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM resource_progress WHERE user_id = '{userId}'"));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM entitlements WHERE user_id = '{userId}' AND deleted_at IS NULL"));
        Assert.Equal(purchases, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM purchases WHERE user_id = '{userId}'"));
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_entries WHERE entity_id = '{userId}' AND action = 'account.deleted'"));

        Assert.Equal(302, (await other.GetAsync("/dashboard")).Status); // every session ended
        await Assert.ThrowsAsync<InvalidOperationException>(() => WebUser.SignedInAsync(_app, email));
        other.Dispose();
    }

    [Fact]
    public async Task Account_forms_without_a_token_are_refused()
    {
        using var user = await WebUser.SignedInAsync(_app, "learner00045@demo.antonio.dev");
        foreach (var (handler, field) in new[] { ("profile", "Profile.Name"), ("change-email", "Email.NewEmail"), ("change-password", "Input.NewPassword") })
        {
            var forged = await user.SubmitFormAsync("/account", handler, new() { [field] = "forged@example.test" }, includeToken: false);
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }
        Assert.Equal("Learner 45", await NameAsync("learner00045@demo.antonio.dev"));
    }

    private Task<string?> NameAsync(string email) => fixture.Database.ScalarAsync<string?>($"SELECT name FROM users WHERE email = '{email}'");

    private Task<string> EmailOfAsync(string name) => fixture.Database.ScalarAsync<string>($"SELECT email FROM users WHERE name = '{name}'");

    [Fact]
    public async Task A_passwordless_account_changes_its_password_address_or_existence_only_right_after_a_link_sign_in()
    {
        const string email = "learner00042@demo.antonio.dev";
        // A database of its own: another app on the class's database would deliver some of this app's e-mails.
        await using var database = await TestDatabase.CreateAsync(Antonio.Data.Seeding.DemoSeedOptions.Default(TestEnvironment.SeedNow) with { Learners = 50, Purchases = 5 });
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(database, configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        await database.ExecuteAsync($"UPDATE users SET password_hash = NULL WHERE email = '{email}'");
        using var session = await LinkSignInAsync(app, email);

        // Later — or in a borrowed session: nothing that could take the account over happens; a link goes to its own inbox.
        clock.Advance(TimeSpan.FromMinutes(11));
        var asks = new (string Form, Dictionary<string, string> Fields)[]
        {
            ("change-password", new() { ["Input.NewPassword"] = "Taken-over-1", ["Input.ConfirmPassword"] = "Taken-over-1" }),
            ("change-email", new() { ["Email.NewEmail"] = "attacker@example.test" }),
            ("delete-account", new() { ["Delete.ConfirmEmail"] = email }),
        };
        var linksBefore = app.Mail.To(email).Count;
        foreach (var (form, fields) in asks)
        {
            var refused = await session.SubmitFormAsync("/account", form, fields);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("confirm it&#x27;s you first", await refused.Content.ReadAsStringAsync());
        }
        Assert.True(await database.ScalarAsync<bool>($"SELECT password_hash IS NULL FROM users WHERE email = '{email}'"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM email_outbox WHERE recipient = 'attacker@example.test'"));
        await app.Mail.WaitForAsync(email, m => app.Mail.To(email).Count >= linksBefore + 3);

        // Through the inbox just now: the first password is set.
        using var fresh = await LinkSignInAsync(app, email);
        var set = await fresh.SubmitFormAsync("/account", "change-password", asks[0].Fields);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.False(await database.ScalarAsync<bool>($"SELECT password_hash IS NULL FROM users WHERE email = '{email}'"));
    }

    /// <summary>Signs in the way a passwordless learner does: asks for a link, follows the newest one, presses the button.</summary>
    private static async Task<WebUser> LinkSignInAsync(TestApp app, string email)
    {
        var before = app.Mail.To(email).Count;
        using (var asker = new WebUser(app))
            await asker.SubmitFormAsync("/account/magic-link?returnUrl=%2Faccount", "magic-link", new() { ["Input.Email"] = email });
        await app.Mail.WaitForAsync(email, _ => app.Mail.To(email).Count > before);
        var link = TestSmtpServer.LinkIn(app.Mail.To(email)[^1]);
        var user = new WebUser(app);
        var token = Uri.UnescapeDataString(link.Query.Split("token=")[1].Split('&')[0]);
        Assert.Equal(HttpStatusCode.Redirect, (await user.SubmitFormAsync(link.PathAndQuery, "magic-sign-in", new() { ["Input.Token"] = token })).StatusCode);
        return user;
    }
}
