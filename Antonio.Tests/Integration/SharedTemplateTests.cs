using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Antonio.Data.Access;
using Antonio.Data.Content;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Access;
using Antonio.Web.Content;
using Antonio.Web.Learning;

namespace Antonio.Tests.Integration;

/// <summary>
/// Issue #14: signed-in pages come from templates shared by every viewer with the same access decision,
/// each filled with the viewer's own name, progress and form token; interleaved viewers never see each
/// other's state; pages go out compressed.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class SharedTemplateTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;
    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>The lesson body's element (the bare class name is also in the inlined stylesheet).</summary>
    private const string LessonBody = "class=\"prose lesson-body\"";


    [GeneratedRegex("<li class=\"[^\"]*\\bdone\\b[^\"]*\">.*?href=\"([^\"]+)\"", RegexOptions.Singleline)]
    private static partial Regex DoneLesson();

    private static HashSet<string> DoneIn(string html) => DoneLesson().Matches(html).Select(m => m.Groups[1].Value).ToHashSet();

    private async Task<Guid> UserIdAsync(string email) => await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{email}'");

    private async Task CompleteAsync(string email, Guid lesson) =>
        await _app.Service<ProgressService>().SetCompletedAsync(await UserIdAsync(email), lesson, true);

    [Fact]
    public async Task A_second_learner_with_the_same_access_gets_the_shared_page_with_their_own_name_progress_and_form_token()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 1);
        var lessons = new LessonNavigator(workshop).Lessons;
        var lesson = SeededData.PaidLesson(workshop);
        var path = $"/workshops/{workshop.Slug}/{lesson.Lesson.Slug}";
        await CompleteAsync(DemoAccounts.Buyer, lessons[0].Lesson.Id);
        await CompleteAsync(DemoAccounts.BundleBuyer, lessons[1].Lesson.Id);

        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        var first = await buyer.GetAsync(path);
        Assert.False(first.FromTemplate);
        Assert.Contains(DemoAccounts.Buyer, first.Body);
        Assert.Equal([$"/workshops/{workshop.Slug}/{lessons[0].Lesson.Slug}"], DoneIn(first.Body));

        using var other = await WebUser.SignedInAsync(_app, DemoAccounts.BundleBuyer);
        var shared = await other.GetAsync(path);
        Assert.True(shared.FromTemplate, shared.ServerTiming);
        Assert.InRange(shared.Queries, 0, 2); // this learner's own snapshot and progress, read for the first time
        Assert.Equal(0, (await other.GetAsync(path)).Queries);
        Assert.Contains(DemoAccounts.BundleBuyer, shared.Body);
        Assert.DoesNotMatch("(?<![\\w.-])" + Regex.Escape(DemoAccounts.Buyer), shared.Body);
        Assert.Equal([$"/workshops/{workshop.Slug}/{lessons[1].Lesson.Slug}"], DoneIn(shared.Body));
        Assert.DoesNotContain("x-vh-", shared.Body);
        Assert.Contains("<strong>1 of ", shared.Body);

        // The filled form token is this viewer's: completing the lesson from the shared page works.
        var posted = await other.SubmitFormAsync(path, "lesson-progress", new() { ["Input.Complete"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await other.GetAsync(path);
        Assert.Contains(path, DoneIn(after.Body));
        Assert.Contains("mark as not done", after.Body);
        Assert.DoesNotContain(path, DoneIn((await buyer.GetAsync(path)).Body));
    }

    [Fact]
    public async Task Interleaved_viewers_each_see_exactly_their_own_access_and_progress()
    {
        string[] viewers = [DemoAccounts.Buyer, DemoAccounts.BundleBuyer, DemoAccounts.Refunded, DemoAccounts.Nobody, DemoAccounts.SeatHolder,
            DemoAccounts.SubscriberPro, DemoAccounts.SubscriberStandard, DemoAccounts.PppBuyer, ""];
        var trees = new[] { await SeededData.WorkshopAsync(fixture.Database, 0), await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.AdvancedFirst) };
        var pages = trees.SelectMany(t => new LessonNavigator(t).Lessons.Take(5).Select(p => (Tree: t, Position: p))).ToList();
        // Everyone with progress has different progress.
        for (var i = 0; i < viewers.Length - 1; i++)
            foreach (var (tree, position) in pages.Where((_, n) => (n + i) % 3 == 0))
                await CompleteAsync(viewers[i], position.Lesson.Id);

        var users = new Dictionary<string, WebUser>();
        foreach (var email in viewers) users[email] = email == "" ? new WebUser(_app) : await WebUser.SignedInAsync(_app, email);
        var expectations = new Dictionary<(string, string), (bool Open, HashSet<string> Done)>();
        await using (var db = fixture.Database.CreateContext())
            foreach (var email in viewers)
            {
                var snapshot = email == "" ? null : await AccessSnapshotQuery.LoadAsync(db, await UserIdAsync(email));
                var viewer = new AccessContext(snapshot, "US", DateTimeOffset.UtcNow);
                var done = snapshot is null ? [] : (await fixture.Database.ScalarAsync<string>(
                    $"SELECT COALESCE(string_agg(resource_id::text, ','), '') FROM resource_progress WHERE user_id = '{snapshot.UserId}'")).Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
                foreach (var (tree, position) in pages)
                {
                    var open = AccessRules.ForLesson(tree, position.Lesson, position.Section, viewer).CanViewLesson;
                    var doneHere = open && snapshot is not null
                        ? new LessonNavigator(tree).Lessons.Where(l => done.Contains(l.Lesson.Id.ToString())).Select(l => WorkshopLinks.Lesson(tree, l.Lesson)).ToHashSet()
                        : [];
                    expectations[(email, WorkshopLinks.Lesson(tree, position.Lesson))] = (open, doneHere);
                }
            }
        Assert.Contains(expectations, e => e.Value.Open && e.Key.Item1 != "");
        Assert.Contains(expectations, e => !e.Value.Open && e.Key.Item1 != "");

        var requests = Enumerable.Range(0, 3).SelectMany(_ => expectations.Keys).OrderBy(_ => Random.Shared.Next()).ToList();
        using var gate = new SemaphoreSlim(16);
        var templated = 0;
        await Task.WhenAll(requests.Select(async key =>
        {
            await gate.WaitAsync();
            try
            {
                var (email, path) = key;
                var page = await users[email].GetAsync(path);
                var (open, done) = expectations[key];
                var who = email == "" ? "anonymous" : email;
                Assert.True(open == page.Body.Contains(LessonBody), $"{who} on {path}: expected {(open ? "the lesson" : "the paywall")}");
                Assert.True(open != page.Body.Contains("class=\"paywall\""), $"{who} on {path}");
                Assert.True(done.SetEquals(DoneIn(page.Body)), $"{who} on {path}: progress {string.Join(",", DoneIn(page.Body))} is not theirs ({string.Join(",", done)})");
                foreach (var other in viewers.Where(v => v != "" && v != email))
                    Assert.False(Regex.IsMatch(page.Body, "(?<![\\w.-])" + Regex.Escape(other)), $"{who} on {path} sees {other}");
                if (email != "") Assert.Contains(email, page.Body);
                Assert.DoesNotContain("x-vh-", page.Body);
                if (page.FromTemplate) Interlocked.Increment(ref templated);
            }
            finally
            {
                gate.Release();
            }
        }));
        Assert.True(templated > requests.Count / 2, $"only {templated} of {requests.Count} signed-in pages came from shared templates");
        foreach (var user in users.Values) user.Dispose();
    }

    [Fact]
    public async Task A_refund_changes_the_decision_and_with_it_the_page_at_once()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 2);
        var path = $"/workshops/{workshop.Slug}/{SeededData.PaidLesson(workshop).Lesson.Slug}";
        using var learner = await WebUser.SignedInAsync(_app, DemoAccounts.Disputed); // owns nothing any more
        Assert.Contains("class=\"paywall\"", (await learner.GetAsync(path)).Body);
        using var buyer = await WebUser.SignedInAsync(_app, "learner00050@demo.antonio.dev");
        var userId = await UserIdAsync("learner00050@demo.antonio.dev");
        var product = await fixture.Database.ScalarAsync<Guid>("SELECT id FROM products WHERE name = 'Essentials'");
        var (_, purchase) = await _app.Service<Antonio.Web.Commerce.Fulfilment>().FulfilAsync(new Antonio.Web.Commerce.PaidCheckout
        {
            Provider = "local", ChargeId = "ch_template_" + Guid.NewGuid().ToString("N"), UserId = userId, ProductId = product, AmountCents = 100,
        });
        Assert.Contains(LessonBody, (await buyer.GetAsync(path)).Body);
        await _app.Service<Antonio.Web.Commerce.Fulfilment>().RefundAsync(purchase!.Value, actorId: null);
        var refunded = await buyer.GetAsync(path);
        Assert.Contains("class=\"paywall\"", refunded.Body);
        Assert.DoesNotContain(LessonBody, refunded.Body);
    }

    [Fact]
    public async Task An_edit_reaches_every_learner_of_a_shared_page_at_once_and_a_learners_progress_drops_nobody_elses_page()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 1);
        var lesson = new LessonNavigator(workshop).Lessons[2].Lesson;
        var path = $"/workshops/{workshop.Slug}/{lesson.Slug}";
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        using var other = await WebUser.SignedInAsync(_app, DemoAccounts.BundleBuyer);
        Assert.False((await buyer.GetAsync(path)).FromTemplate);
        Assert.True((await other.GetAsync(path)).FromTemplate);

        // The template was rendered after both the workshop and this viewer's access had been read for
        // its key: it still goes stale with them, and with the lesson.
        var editor = _app.Service<Antonio.Web.Admin.ContentEditor>();
        Assert.Equal(Antonio.Web.Admin.EditOutcome.Saved, await editor.UpdateFieldsAsync(workshop.Id, null, f => f.Title = "Retitled for everyone"));
        foreach (var viewer in new[] { buyer, other })
            Assert.Contains("Retitled for everyone", (await viewer.GetAsync(path)).Body);
        Assert.Equal(Antonio.Web.Admin.EditOutcome.Saved, await editor.UpdateFieldsAsync(lesson.Id, null, f => f.Title = "Renamed for everyone"));
        foreach (var viewer in new[] { buyer, other })
        {
            var page = await viewer.GetAsync(path);
            Assert.Contains("Renamed for everyone", page.Body);
            Assert.DoesNotContain(lesson.Title, page.Body);
        }

        // Completing a lesson changes the learner's own slots, not the page the others share.
        Assert.True((await other.GetAsync(path)).FromTemplate);
        await CompleteAsync(DemoAccounts.Buyer, lesson.Id);
        var shared = await other.GetAsync(path);
        Assert.True(shared.FromTemplate, "one learner's progress dropped the page every learner shares");
        Assert.DoesNotContain(path, DoneIn(shared.Body));
        Assert.Contains(path, DoneIn((await buyer.GetAsync(path)).Body));
    }

    [Fact]
    public async Task Pages_go_out_compressed_and_unpack_to_the_page()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 0);
        var path = $"/workshops/{workshop.Slug}/{new LessonNavigator(workshop).Lessons[1].Lesson.Slug}";
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        static string Tokens(string html) => Regex.Replace(html, "name=\"__RequestVerificationToken\" value=\"[^\"]+\"|value=\"[^\"]+\" name=\"__RequestVerificationToken\"", "TOKEN");
        var plain = await buyer.SettledAsync(path);
        for (var i = 0; i < 2; i++) // the same page, from the template
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Accept-Encoding", "gzip");
            using var response = await buyer.Client.SendAsync(request);
            Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
            await using var unzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
            Assert.Equal(Tokens(plain.Body), Tokens(await new StreamReader(unzip).ReadToEndAsync()));
        }

        var anonymousPath = $"/workshops/{workshop.Slug}";
        await _app.SettledAsync(anonymousPath);
        var pages = new List<string>();
        for (var i = 0; i < 2; i++) // rendered, then from the page cache: the same compressed page
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, anonymousPath);
            request.Headers.Add("Accept-Encoding", "br, gzip");
            using var response = await _app.Client.SendAsync(request);
            Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
            await using var unbrotli = new BrotliStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
            pages.Add(await new StreamReader(unbrotli).ReadToEndAsync());
        }
        Assert.Equal(pages[0], pages[1]);
        Assert.Contains($"<h1>{workshop.Title}</h1>", pages[1]);
        Assert.Contains("</html>", pages[1]);
    }

    [Fact]
    public async Task A_filled_lesson_page_weighs_about_what_the_page_weighs_compressed_whole_and_carries_no_component_state()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 0);
        var path = $"/workshops/{workshop.Slug}/{SeededData.PaidLesson(workshop).Lesson.Slug}";
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        var plain = (await buyer.SettledAsync(path)).Body;
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept-Encoding", "gzip");
        using var response = await buyer.Client.SendAsync(request);
        var sent = (await response.Content.ReadAsByteArrayAsync()).Length;
        var whole = Unit.GzipSegmentsTests.DeflatedAlone(System.Text.Encoding.UTF8.GetBytes(plain)).Length;
        // The viewer's values go out stored (a form token, their summary, a class a lesson) and the texts are
        // compressed against each other across fixed-width slots: a quarter more than whole at most. Compressed
        // one by one (every lesson's class cutting the navigation) it was two fifths more: a second round trip.
        Assert.True(sent < whole * 1.25, $"{sent} bytes sent, {whole} bytes compressed whole");

        // The framework's encrypted persisted state (for a circuit that never starts on a learner page) is not sent.
        Assert.DoesNotContain("Component-State", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("Component-State", (await _app.SettledAsync($"/workshops/{workshop.Slug}")).Body, StringComparison.Ordinal);
    }
}
