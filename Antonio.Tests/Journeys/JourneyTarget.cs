using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Antonio.Tests.Journeys;

/// <summary>
/// Where the journeys run and who they run as. With ANTONIO_JOURNEY_BASE_URL set (scripts/journeys.sh URL), any
/// deployment that has the demo data; otherwise an app this process starts over a demo-seeded database of its own
/// (the suite's way). Accounts are the demo ones (DemoAccounts) unless ANTONIO_JOURNEY_ACCOUNT_&lt;PERSONA&gt; names
/// another e-mail for a persona (BUYER, BUNDLE_BUYER, …) and ANTONIO_JOURNEY_PASSWORD their password.
/// </summary>
public sealed class JourneyTarget : IAsyncLifetime
{
    public const string BaseUrlVariable = "ANTONIO_JOURNEY_BASE_URL";

    private TestDatabase? _database;
    private TestApp? _app;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser => _browser.Browser;
    private readonly BrowserFixture _browser = new();

    /// <summary>The suite's own app (null against an outside deployment).</summary>
    public TestApp? App => _app;

    public async Task InitializeAsync()
    {
        await _browser.InitializeAsync();
        if (Environment.GetEnvironmentVariable(BaseUrlVariable) is { Length: > 0 } url)
        {
            BaseUrl = url.TrimEnd('/');
            return;
        }
        _database = await TestDatabase.CreateAsync(DemoSeedOptions.Default(TestEnvironment.SeedNow) with { Learners = 5, Purchases = 5 });
        _app = await TestApp.StartAsync(_database);
        BaseUrl = _app.BaseAddress.ToString().TrimEnd('/');
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        await _browser.DisposeAsync();
    }

    /// <summary>The e-mail the persona signs in with: the demo account, or the one named for it by environment variable.</summary>
    public static string Email(string persona, string demoEmail) =>
        Environment.GetEnvironmentVariable("ANTONIO_JOURNEY_ACCOUNT_" + persona.ToUpperInvariant().Replace('-', '_')) is { Length: > 0 } email ? email : demoEmail;

    public static string Password => Environment.GetEnvironmentVariable("ANTONIO_JOURNEY_PASSWORD") is { Length: > 0 } password ? password : DemoAccounts.Password;
}

[CollectionDefinition(Name)]
public sealed class JourneyCollection : ICollectionFixture<JourneyTarget>
{
    public const string Name = "Journeys";
}
