using Antonio.Web;
using Antonio.Web.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Antonio.Tests.Infrastructure;

/// <summary>
/// The real web host (Kestrel on a free loopback port) over a test database. Each instance has its
/// own L1 cache and its own Redis key prefix unless a prefix is shared on purpose (two-node tests).
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public HttpClient Client { get; }
    public string CachePrefix { get; }
    /// <summary>The real SMTP server this app's outbox delivers to.</summary>
    public TestSmtpServer Mail { get; }

    private TestApp(WebApplication app, string cachePrefix, TestSmtpServer mail)
    {
        App = app;
        CachePrefix = cachePrefix;
        Mail = mail;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1"));
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };
    }

    /// <param name="environment">Development by default (as scripts/dev.sh); Production to test what a deployment refuses or enforces.</param>
    public static async Task<TestApp> StartAsync(TestDatabase db, bool redis = true, string? cachePrefix = null,
        Action<WebApplicationBuilder>? configure = null, IDictionary<string, string?>? settings = null, string environment = "Development")
    {
        var prefix = cachePrefix ?? "test-" + Guid.NewGuid().ToString("N")[..10];
        var mail = TestSmtpServer.Start();
        // The test's output folder holds the app's settings and Media, wherever the test runner was started.
        var app = await AntonioApp.CreateAsync(["--environment", environment, "--contentRoot", AppContext.BaseDirectory], builder =>
        {
            var values = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Postgres"] = db.ConnectionString,
                ["ConnectionStrings:Redis"] = redis ? TestEnvironment.Redis : "",
                ["Antonio:Cache:Prefix"] = prefix,
                ["Antonio:Database:Migrate"] = "false",
                ["Antonio:Seed:Demo"] = "false",
                ["Logging:LogLevel:Default"] = "Warning",
                // The tests play the part of the CDN in front of the app (they send CF-IPCountry from loopback).
                ["Antonio:Network:TrustedProxies:0"] = "127.0.0.1",
                ["Antonio:Payments:Provider"] = "local",
                // Many sign-ins from one address; the rate-limit tests set their own limits.
                ["Antonio:RateLimits:AccountPostsPerClientPerMinute"] = "100000",
                ["Antonio:RateLimits:SignInLinksPerAddress"] = "100000",
                ["Antonio:RateLimits:SignUpsPerAddress"] = "100000",
                ["Antonio:RateLimits:SearchesPerClientPerMinute"] = "100000",
                ["Antonio:RateLimits:PositionReportsPerLearnerPerMinute"] = "100000",
                ["Antonio:Mail:SmtpHost"] = "127.0.0.1",
                ["Antonio:Mail:SmtpPort"] = mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Antonio:Mail:SmtpSecurity"] = "none",
                ["Antonio:Mail:RetryBaseDelay"] = "00:00:00.200",
                ["Antonio:Mail:PollInterval"] = "00:00:01",
                ["Antonio:Observability:ServerTimingForEveryone"] = "true",
                // Every signed-in page decision is checked again from a fresh snapshot (shadow mode, 1 % in Production).
                ["Antonio:FastPaths:AccessShadowPercent"] = "100",
                // A test app stops at once: the drain delay is for load balancers (a test of the drain sets its own).
                ["Antonio:Drain:NotReadyFor"] = "00:00:00",
                // Tests count queries right after a write: a tag removed again half a second later would make a
                // warm page cold at a random moment. The cluster test turns it on (it is what that test needs).
                ["Antonio:Cache:RemoveAgain"] = "false",
            };
            // "Continue with GitHub" against the app's own stand-in for GitHub (Development only).
            if (environment != "Production") values["Antonio:ExternalLogins:LocalGitHub"] = "true";
            if (environment == "Production")
            {
                values["Antonio:DataProtection:CertificatePath"] = TestCertificates.KeyRingPfx;
                values["Antonio:DataProtection:CertificatePassword"] = TestCertificates.Password;
                values["Antonio:Video:MuxSigningKeyId"] = TestCertificates.MuxSigningKeyId;
                values["Antonio:Video:MuxSigningKey"] = TestCertificates.MuxSigningKey;
            }
            if (settings is not null) foreach (var (k, v) in settings) values[k] = v;
            builder.Configuration.AddInMemoryCollection(values);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new TestApp(app, prefix, mail);
    }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Every fast path's switch (<c>Antonio:FastPaths</c>).</summary>
    public static readonly string[] FastPathSwitches =
    [
        nameof(Antonio.Web.Caching.FastPathOptions.AnonymousPages), nameof(Antonio.Web.Caching.FastPathOptions.SharedTemplates),
        nameof(Antonio.Web.Caching.FastPathOptions.DataCache), nameof(Antonio.Web.Caching.FastPathOptions.DataCacheL2),
    ];

    /// <summary>What an operator does to a running node: change fast-path settings; the app follows without a restart.</summary>
    public void SetFastPaths(params (string Name, string Value)[] settings)
    {
        var configuration = (Microsoft.Extensions.Configuration.IConfigurationRoot)Service<Microsoft.Extensions.Configuration.IConfiguration>();
        foreach (var (name, value) in settings) configuration[$"{Antonio.Web.Caching.FastPathOptions.Section}:{name}"] = value;
        configuration.Reload();
    }

    /// <summary>Every fast path on (the default) or off (the rollback plan: every page rendered from PostgreSQL for its viewer).</summary>
    public void SetAllFastPaths(bool on) => SetFastPaths([.. FastPathSwitches.Select(s => (s, on ? "true" : "false"))]);

    /// <summary>An anonymous visitor with its own cookies.</summary>
    public WebUser Anonymous => _anonymous ??= new WebUser(this);
    private WebUser? _anonymous;

    /// <summary>GETs a path as an anonymous visitor: the response, its body and the request's final record (queries, cache misses).</summary>
    public Task<PageResult> GetAsync(string path, IDictionary<string, string>? headers = null) => Anonymous.GetAsync(path, headers);

    /// <summary>As <see cref="WebUser.SettledAsync"/>, as an anonymous visitor.</summary>
    public Task<PageResult> SettledAsync(string path, IDictionary<string, string>? headers = null) => Anonymous.SettledAsync(path, headers);

    public async Task<RequestRecord> WaitForRecordAsync(string id)
    {
        var log = Service<RequestLog>();
        // The record is written when the middleware's finally block runs, just after the body ends.
        for (var i = 0; i < 200; i++)
        {
            if (log.Find(id) is { } record) return record;
            await Task.Delay(5);
        }
        throw new TimeoutException($"request {id} was never logged");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _anonymous?.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Mail.DisposeAsync();
    }
}

public sealed record PageResult(int Status, string Body, RequestRecord Record, string? ServerTiming, string? EnhancedNavigation = null)
{
    public int Queries => Record.Queries;

    /// <summary>Served whole from the anonymous page cache (Server-Timing's page;desc="hit").</summary>
    public bool FromPageCache => ServerTiming?.Contains("page;desc=\"hit\"", StringComparison.Ordinal) == true;

    /// <summary>Filled from a shared signed-in template (Server-Timing's page;desc="template").</summary>
    public bool FromTemplate => ServerTiming?.Contains("page;desc=\"template\"", StringComparison.Ordinal) == true;

    /// <summary>Whether Blazor streamed part of the page after its first flush (a placeholder was shown).</summary>
    public bool Streamed => Body.Contains("<blazor-ssr>", StringComparison.Ordinal);
}
