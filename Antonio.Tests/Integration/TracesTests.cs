using System.Diagnostics;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Content;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Antonio.Tests.Integration;

/// <summary>
/// Issue #31: traces, not only metrics. With a collector configured, a request's span carries its route and has the
/// SQL commands and cache operations it caused under it; without one, nothing records a trace.
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
        var request = Assert.Single(seen, s => s.Kind == ActivityKind.Server && s.GetTagItem("http.route") as string == "/workshops/{Workshop}");
        var under = seen.Where(s => s.TraceId == request.TraceId && s != request).ToList();
        Assert.Contains(under, s => s.Source.Name == "Npgsql");
        Assert.Contains(under, s => s.Source.Name.StartsWith("ZiggyCreatures.Caching.Fusion", StringComparison.Ordinal));
        Assert.DoesNotContain(seen, s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") is "/health/ready");
    }

    [Fact]
    public async Task Without_a_collector_nothing_records_a_trace()
    {
        await using var app = await TestApp.StartAsync(fixture.Database);
        Assert.Null(app.App.Services.GetService<TracerProvider>());
    }
}
