using System.Net;
using System.Net.Http.Headers;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Caching;
using Antonio.Web.Learning;
using Microsoft.AspNetCore.Hosting;
using StackExchange.Redis;

namespace Antonio.Tests.Integration;

/// <summary>
/// Issue #12.3, #12.7–9: each request that used to answer a 500, a stack trace, a wrong status or a
/// cached miss in Redis now gets a clear 4xx page (or its value ignored); payments fail closed; the
/// headers every response carries.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HostileRequestTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;
    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database,
        settings: new Dictionary<string, string?> { ["Antonio:Payments:StripeWebhookSecret"] = "whsec_hostile" });
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static void AssertCleanClientError(PageResult page, string what)
    {
        Assert.True(page.Status is >= 400 and < 500, $"{what}: {page.Status}");
        HostileInput.AssertNoLeak(page.Body, what);
    }

    [Fact]
    public async Task Bad_query_values_are_a_clear_400_page_on_every_page_that_reads_them()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 0);
        var lesson = $"/workshops/{workshop.Slug}/{SeededData.PaidLesson(workshop).Lesson.Slug}";
        var product = await fixture.Database.ScalarAsync<Guid>("SELECT id FROM products WHERE name = 'Essentials'");
        foreach (var page in new[] { $"/workshops/{workshop.Slug}", lesson })
            foreach (var query in new[] { "code=%00", "quantity=abc", "quantity=2147483648", "coupon=a%00b" })
                AssertCleanClientError(await _app.GetAsync($"{page}?{query}"), $"{page}?{query}");

        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        foreach (var path in new[] { $"/checkout?product={product}&quantity=abc", "/checkout?product=not-a-guid", "/purchases?thanks=abc", "/purchases?thanks=99999999999" })
            AssertCleanClientError(await buyer.GetAsync(path), path);

        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        foreach (var path in new[] { "/admin/performance?hours=abc", "/admin/purchases?email=%00", "/admin/purchases?email=" + new string('a', 5000) })
            AssertCleanClientError(await admin.GetAsync(path), path[..Math.Min(path.Length, 40)]);
        // Long but within the query limit: an address no one has, not an error.
        Assert.Equal(200, (await admin.GetAsync("/admin/purchases?email=" + new string('a', 300) + "%40example.com")).Status);
    }

    [Theory]
    [InlineData("/account/login", "")]
    [InlineData("/account/login", "no-such-form")]
    [InlineData("/account/register", "")]
    [InlineData("/account/magic-link", "login")]
    public async Task A_post_naming_no_form_or_another_pages_form_is_a_400(string path, string handler)
    {
        using var user = new WebUser(_app);
        var page = await user.GetAsync(path);
        var response = await user.Client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = handler, ["__RequestVerificationToken"] = WebUser.AntiforgeryToken(page.Body)!, ["Input.Email"] = "a@example.com",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        HostileInput.AssertNoLeak(await response.Content.ReadAsStringAsync(), path);
    }

    [Fact]
    public async Task Rum_refuses_bad_bodies_with_a_4xx_and_its_rate_limit_answers_429()
    {
        var nullMetric = await _app.Client.PostAsync("/rum", new StringContent("[null]", new MediaTypeHeaderValue("application/json")));
        Assert.Equal(HttpStatusCode.BadRequest, nullMetric.StatusCode);

        var broken = await RawHttp.SendAsync(_app.BaseAddress,
            $"POST /rum HTTP/1.1\r\nHost: {_app.BaseAddress.Authority}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n[]\r\n0\r\n\r\n");
        Assert.Equal(400, RawHttp.Status(broken));

        await using var limited = await TestApp.StartAsync(fixture.Database, settings: new Dictionary<string, string?> { ["Antonio:RateLimits:RumPostsPerClientPerMinute"] = "2" });
        HttpResponseMessage last = null!;
        for (var i = 0; i < 3; i++)
            last = await limited.Client.PostAsync("/rum", new StringContent("[{\"route\":\"/\",\"name\":\"LCP\",\"value\":100}]", new MediaTypeHeaderValue("application/json")));
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Contains("Too many requests", await last.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_that_stalls_is_a_408_not_a_500()
    {
        await using var app = await TestApp.StartAsync(fixture.Database, configure: b => b.WebHost.ConfigureKestrel(o =>
            o.Limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(100, TimeSpan.FromSeconds(2))));
        var answer = await RawHttp.SendAsync(app.BaseAddress,
            $"POST /rum HTTP/1.1\r\nHost: {app.BaseAddress.Authority}\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n[{{\"route\"",
            afterPause: "x", pause: TimeSpan.FromSeconds(4));
        Assert.True(RawHttp.Status(answer) is 400 or 408, answer);
    }

    [Fact]
    public async Task A_request_without_a_host_is_a_400()
    {
        Assert.Equal(400, RawHttp.Status(await RawHttp.SendAsync(_app.BaseAddress, "GET / HTTP/1.0\r\n\r\n")));
        Assert.Equal(400, RawHttp.Status(await RawHttp.SendAsync(_app.BaseAddress, "GET / HTTP/1.1\r\nHost:\r\n\r\n")));
    }

    [Fact]
    public async Task Unknown_slugs_and_coupon_codes_are_remembered_briefly_in_memory_never_in_redis()
    {
        var marker = Guid.NewGuid().ToString("N");
        Assert.Equal(404, (await _app.GetAsync($"/workshops/no-such-{marker}")).Status);
        Assert.Equal(200, (await _app.GetAsync($"/workshops/{SeededData.Slug(0)}?code=NOPE{marker}")).Status);
        Assert.Equal(200, (await _app.GetAsync($"/workshops/{SeededData.Slug(0)}")).Status);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis + ",allowAdmin=true");
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        await Task.Delay(300); // L2 writes happen in the background
        Assert.Empty(server.Keys(pattern: $"*{_app.CachePrefix}:*{marker}*").ToList());
        Assert.Empty(server.Keys(pattern: $"*{_app.CachePrefix}:*{marker.ToUpperInvariant()}*").ToList());
        Assert.NotEmpty(server.Keys(pattern: $"*{_app.CachePrefix}:{CacheKeys.WorkshopData(SeededData.Slug(0))}").ToList()); // a hit is shared as before
        // And the local Redis itself is bounded.
        var config = (await server.ConfigGetAsync("maxmemory*")).ToDictionary(p => p.Key, p => p.Value);
        Assert.NotEqual("0", config["maxmemory"]);
        Assert.Equal("allkeys-lru", config["maxmemory-policy"]);
    }

    [Fact]
    public async Task Head_is_answered_like_get_without_a_body()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 0);
        foreach (var path in new[] { "/", "/workshops", $"/workshops/{workshop.Slug}", $"/workshops/{workshop.Slug}/{new LessonNavigator(workshop).First!.Lesson.Slug}", "/account/login" })
        {
            using var response = await _app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }
        using var missing = await _app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/workshops/no-such-thing"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers_and_no_server_banner()
    {
        foreach (var path in new[] { "/", "/workshops/no-such-thing", "/favicon.png", "/status/400" })
        {
            using var response = await _app.Client.GetAsync(path);
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            // Scripts from the site, and one inline script: the page boot script, by the hash of its exact text.
            Assert.Contains($"script-src 'self' {Antonio.Web.Security.InlineScripts.PageBootSource};", csp);
            Assert.DoesNotContain("unsafe-inline';", csp.Split(';').First(d => d.Contains("script-src", StringComparison.Ordinal)) + ";");
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.True(response.Headers.Contains("Referrer-Policy"), path);
            Assert.True(response.Headers.Contains("Permissions-Policy"), path);
            Assert.False(response.Headers.Contains("Server"), path);
        }
    }

    [Fact]
    public async Task The_one_inline_script_a_page_carries_is_the_one_the_policy_allows_by_hash()
    {
        var page = await _app.GetAsync("/");
        var inline = System.Text.RegularExpressions.Regex.Matches(page.Body, @"<script(?![^>]*application/ld\+json)[^>]*>(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value).Where(text => text.Length > 0).ToList();
        var boot = Assert.Single(inline);
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(boot)));
        Assert.Equal($"'sha256-{hash}'", Antonio.Web.Security.InlineScripts.PageBootSource);
    }

    [Fact]
    public async Task Server_timing_goes_to_admins_only_unless_configured_for_everyone()
    {
        await using var app = await TestApp.StartAsync(fixture.Database, settings: new Dictionary<string, string?> { ["Antonio:Observability:ServerTimingForEveryone"] = "false" });
        Assert.Null((await app.GetAsync("/workshops")).ServerTiming);
        using var buyer = await WebUser.SignedInAsync(app, DemoAccounts.Buyer);
        Assert.Null((await buyer.GetAsync("/workshops")).ServerTiming);
        using var admin = await WebUser.SignedInAsync(app, DemoAccounts.Admin);
        Assert.Contains("db;desc=", (await admin.GetAsync("/workshops")).ServerTiming);
    }

    [Fact]
    public async Task Workshop_urls_have_one_spelling()
    {
        var upper = await _app.GetAsync($"/workshops/{SeededData.Slug(0).ToUpperInvariant()}?quantity=2");
        Assert.Equal(301, upper.Status);
        var response = await _app.Client.GetAsync($"/Workshops/{SeededData.Slug(0).ToUpperInvariant()}");
        Assert.Equal($"/workshops/{SeededData.Slug(0)}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_draft_solution_under_a_published_lesson_is_shown_to_staff_only()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 3);
        var position = new LessonNavigator(workshop).Lessons.First(p => p.Lesson.Solution is not null);
        var solution = position.Lesson.Solution!;
        await fixture.Database.ExecuteAsync($"UPDATE content_resources SET fields = jsonb_set(fields, '{{state}}', '\"draft\"') WHERE id = '{solution.Id}'");
        await _app.Service<CacheInvalidator>().ContentChangedAsync(solution.Id);
        try
        {
            var lesson = $"/workshops/{workshop.Slug}/{position.Lesson.Slug}";
            using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.BundleBuyer);
            Assert.Equal(404, (await buyer.GetAsync(lesson + "/solution")).Status);
            Assert.DoesNotContain("See the solution", (await buyer.GetAsync(lesson)).Body);
            using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
            Assert.Equal(200, (await admin.GetAsync(lesson + "/solution")).Status);
        }
        finally
        {
            await fixture.Database.ExecuteAsync($"UPDATE content_resources SET fields = jsonb_set(fields, '{{state}}', '\"published\"') WHERE id = '{solution.Id}'");
            await _app.Service<CacheInvalidator>().ContentChangedAsync(solution.Id);
        }
    }

    [Fact]
    public async Task The_webhook_limit_holds_for_a_chunked_body()
    {
        var big = new StreamContent(new MemoryStream(new byte[600 * 1024])); // no length given: sent chunked
        big.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = big };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.TryAddWithoutValidation("Stripe-Signature", "t=1,v1=00");
        using var response = await _app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task With_no_payment_provider_nothing_can_be_bought()
    {
        await using var app = await TestApp.StartAsync(fixture.Database, settings: new Dictionary<string, string?> { ["Antonio:Payments:Provider"] = "none" });
        var product = await fixture.Database.ScalarAsync<Guid>("SELECT id FROM products WHERE name = 'Essentials'");
        var workshop = await app.GetAsync($"/workshops/{SeededData.Slug(0)}");
        Assert.Contains("Purchases are unavailable", workshop.Body);
        Assert.DoesNotContain("/checkout?product=", workshop.Body);
        using var buyer = await WebUser.SignedInAsync(app, "learner00041@demo.antonio.dev");
        var checkout = await buyer.GetAsync($"/checkout?product={product}");
        Assert.Contains("Purchases are unavailable", checkout.Body);
        Assert.DoesNotContain("_handler\" value=\"checkout\"", checkout.Body);
        Assert.Equal(404, (await buyer.GetAsync("/checkout/local?session=anything")).Status);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM purchases p JOIN users u ON u.id = p.user_id WHERE u.email = 'learner00041@demo.antonio.dev'"));
    }
}
