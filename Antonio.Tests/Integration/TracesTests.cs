using System.Diagnostics;
using Antonio.Data.Mail;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Access.Account;
using Antonio.Web.Content;
using Antonio.Web.Mail;
using Antonio.Web.Observability;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Antonio.Tests.Integration;

/// <summary>
/// Issue #31: traces, not only metrics. With a collector configured, a request's span carries its route, its query count
/// and its cache outcome, and has the SQL commands and cache operations it caused under it; each outbox delivery is a span
/// of its own; without a collector, nothing records a trace.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TracesTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>
{
    [Fact]
    public async Task A_request_is_traced_with_its_sql_commands_and_cache_reads_under_it()
    {
        var spans = new List<Activity>();
        await using var app = await TestApp.StartAsync(fixture.Database,
            configure: builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)),
            // Nothing listens there: the spans this test reads are the in-memory copies.
            settings: new Dictionary<string, string?> { ["Antonio:Observability:TracesEndpoint"] = "http://127.0.0.1:1" });
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 0);

        var page = await app.GetAsync(WorkshopLinks.Workshop(workshop)); // cold: read from the database
        Assert.Equal(200, page.Status);
        Assert.True(page.Queries > 0);
        using (var probe = await app.Client.GetAsync("/health/ready")) Assert.True(probe.IsSuccessStatusCode);
        app.Service<TracerProvider>().ForceFlush();

        List<Activity> seen;
        lock (spans) seen = [.. spans];
        // Tracing listens to the whole process, where other tests' apps serve the same route: this request is the one with its id.
        var request = Assert.Single(seen, s => s.Kind == ActivityKind.Server && s.GetTagItem(RequestMetricsMiddleware.RequestIdTag) as string == page.Record.RequestId);
        Assert.Equal("/workshops/{Workshop}", request.GetTagItem("http.route"));
        var under = seen.Where(s => s.TraceId == request.TraceId && s != request).ToList();
        Assert.Contains(under, s => s.Source.Name == "Npgsql");
        Assert.Contains(under, s => s.Source.Name.StartsWith("ZiggyCreatures.Caching.Fusion", StringComparison.Ordinal));
        Assert.DoesNotContain(seen, s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") is "/health/ready");
        // The request's own span says what it cost: its queries (as Server-Timing counted them) and how the caches answered.
        Assert.Equal(page.Queries, request.GetTagItem(RequestMetricsMiddleware.QueriesTag));
        Assert.Equal("miss", request.GetTagItem(RequestMetricsMiddleware.CacheOutcomeTag));

        await app.SettledAsync(WorkshopLinks.Workshop(workshop));
        var again = await app.GetAsync(WorkshopLinks.Workshop(workshop)); // warm: the whole page from the page cache
        Assert.True(again.FromPageCache);
        app.Service<TracerProvider>().ForceFlush();
        lock (spans) seen = [.. spans];
        var warm = seen.Where(s => s.Kind == ActivityKind.Server && s.GetTagItem("http.route") as string == "/workshops/{Workshop}").MaxBy(s => s.StartTimeUtc)!;
        Assert.Equal(0, warm.GetTagItem(RequestMetricsMiddleware.QueriesTag));
        Assert.Equal("page", warm.GetTagItem(RequestMetricsMiddleware.CacheOutcomeTag));
    }

    [Fact]
    public async Task Each_e_mail_the_outbox_delivers_is_a_span_with_its_sql_under_it()
    {
        var spans = new List<Activity>();
        await using var app = await TestApp.StartAsync(fixture.Database,
            configure: builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)),
            settings: new Dictionary<string, string?> { ["Antonio:Observability:TracesEndpoint"] = "http://127.0.0.1:1" });
        var recipient = $"traced-{Guid.NewGuid():N}@example.test";
        await using (var db = fixture.Database.CreateContext())
        {
            app.Service<Outbox>().Add(db, AccountMailKinds.EmailChanged, recipient, new EmailChangedNotice("new-address@example.test"));
            await db.SaveChangesAsync();
        }
        await app.Mail.WaitForAsync(recipient);
        await fixture.Database.WaitForAsync($"SELECT status FROM email_outbox WHERE recipient = '{recipient}'", OutboxStatus.Sent);
        app.Service<TracerProvider>().ForceFlush();

        List<Activity> seen;
        lock (spans) seen = [.. spans];
        var delivery = Assert.Single(seen, s => s.Source.Name == "Antonio.Outbox" && s.GetTagItem("antonio.mail.kind") as string == AccountMailKinds.EmailChanged
            && seen.Any(q => q.TraceId == s.TraceId && q.Source.Name == "Npgsql" && (q.GetTagItem("db.query.text") ?? q.GetTagItem("db.statement")) is string sql && sql.Contains("UPDATE email_outbox", StringComparison.Ordinal)));
        Assert.Equal(OutboxStatus.Sent, delivery.GetTagItem("antonio.mail.status"));
        Assert.Equal(1, delivery.GetTagItem("antonio.mail.attempt"));
    }

    [Fact]
    public async Task Without_a_collector_nothing_records_a_trace()
    {
        await using var app = await TestApp.StartAsync(fixture.Database);
        Assert.Null(app.App.Services.GetService<TracerProvider>());
    }
}
