using Microsoft.Playwright;

namespace Antonio.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright. No browser is ever downloaded: ExecutablePath points at
/// /usr/bin/chromium (installed by scripts/test.sh). Background networking is off so the browser
/// itself never reaches beyond 127.0.0.1.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The journeys share 2 cores with the other test collections running in parallel: be patient.
        Assertions.SetDefaultExpectTimeout(15_000);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestEnvironment.Chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}

/// <summary>
/// Watches a page: console errors, page errors, failed requests, and every URL it asked for. The browser's events
/// arrive on Playwright's own thread while the test reads, so readers get a copy taken under the lock.
/// </summary>
public sealed class PageWatch
{
    private readonly List<string> errors = [];
    private readonly List<string> requests = [];

    public IReadOnlyList<string> Errors { get { lock (errors) return [.. errors]; } }
    public IReadOnlyList<string> Requests { get { lock (requests) return [.. requests]; } }

    public PageWatch(IPage page)
    {
        page.Console += (_, message) => { if (message.Type == "error") lock (errors) errors.Add("console: " + message.Text); };
        page.PageError += (_, error) => { lock (errors) errors.Add("page: " + error); };
        // A fetch superseded by the next navigation is aborted by the browser by design; anything else is a failure.
        page.RequestFailed += (_, request) =>
        {
            if (request.Failure?.Contains("ERR_ABORTED") == true) return;
            lock (errors) errors.Add($"failed: {request.Url} {request.Failure}");
        };
        page.Request += (_, request) => { lock (requests) requests.Add(request.Url); };
    }

    /// <summary>Takes the one error the test expects (it must be there, and alone) out of the watch.</summary>
    public void ExpectOnlyError(string part)
    {
        lock (errors)
        {
            Assert.Contains(part, Assert.Single(errors), StringComparison.Ordinal);
            errors.Clear();
        }
    }

    public void AssertClean()
    {
        Assert.Empty(Errors);
        Assert.All(Requests, url => Assert.Equal("127.0.0.1", new Uri(url).Host));
    }
}
