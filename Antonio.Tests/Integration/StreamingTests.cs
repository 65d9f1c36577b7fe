using System.Data.Common;
using System.Diagnostics;
using System.Text;
using Antonio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Antonio.Tests.Integration;

/// <summary>The workshop page's hero leaves before its pricing is computed (streaming SSR).</summary>
[Collection(SeededCollection.Name)]
[Trait("Category", "Integration")]
public sealed class StreamingTests(SeededDatabaseFixture seeded)
{
    /// <summary>Makes the pricing-inputs query slow, as a loaded database would.</summary>
    private sealed class SlowPricingInterceptor : DbCommandInterceptor
    {
        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("'upgradableFrom'") && command.CommandText.Contains("FROM products p WHERE p.id = ANY"))
                await Task.Delay(1500, cancellationToken); // well past the cold first render (JIT, sanitizer set-up) of a loaded test machine
            return result;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // compressed, the hero still leaves first: the compressor flushes with the page
    public async Task Hero_is_flushed_in_an_earlier_chunk_than_the_streamed_pricing(bool gzip)
    {
        await using var app = await TestApp.StartAsync(seeded.Database,
            configure: b => b.Services.AddSingleton<IInterceptor, SlowPricingInterceptor>());
        var slug = SeededData.Slug(0);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/workshops/{slug}");
        if (gzip) request.Headers.Add("Accept-Encoding", "gzip");
        using var response = await app.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(gzip == response.Content.Headers.ContentEncoding.Contains("gzip"), response.ToString());
        await using var raw = await response.Content.ReadAsStreamAsync();
        await using var stream = gzip ? new System.IO.Compression.GZipStream(raw, System.IO.Compression.CompressionMode.Decompress) : raw;
        var clock = Stopwatch.StartNew();
        var received = new StringBuilder();
        TimeSpan? heroAt = null, pricingAt = null;
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            var text = received.ToString();
            if (heroAt is null && text.Contains("<h1>")) heroAt = clock.Elapsed;
            if (pricingAt is null && text.Contains("class=\"products\"")) pricingAt = clock.Elapsed;
        }

        var html = received.ToString();
        Assert.NotNull(heroAt);
        Assert.NotNull(pricingAt);
        // The first chunk carried the hero and the pricing placeholder (a skeleton of the final size)…
        var heroIndex = html.IndexOf("<h1>", StringComparison.Ordinal);
        var templateIndex = html.IndexOf("<blazor-ssr>", StringComparison.Ordinal);
        Assert.True(templateIndex > heroIndex, "the pricing arrives as a later streaming update");
        Assert.Contains("class=\"skeleton\"", html[..templateIndex]);
        // …and the pricing markup came later, in its own chunk, after the slow query.
        Assert.True(pricingAt - heroAt > TimeSpan.FromMilliseconds(300), $"hero at {heroAt}, pricing at {pricingAt}");
    }

    [Fact]
    public async Task A_page_that_streamed_a_placeholder_is_not_stored_and_the_next_settled_render_is()
    {
        await using var app = await TestApp.StartAsync(seeded.Database,
            configure: b => b.Services.AddSingleton<IInterceptor, SlowPricingInterceptor>());
        var path = $"/workshops/{SeededData.Slug(0)}";

        var streamed = await app.GetAsync(path);
        Assert.Contains("<blazor-ssr>", streamed.Body);
        Assert.Contains("class=\"skeleton\"", streamed.Body);

        // Not served from the page cache: rendered again, now from warm reads, with no placeholder to swap.
        var settled = await app.GetAsync(path);
        Assert.DoesNotContain("page;desc=\"hit\"", settled.ServerTiming ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("<blazor-ssr>", settled.Body);
        Assert.DoesNotContain("class=\"skeleton\"", settled.Body);
        Assert.Contains("class=\"products\"", settled.Body);

        // That settled page is the one stored.
        var hit = await app.GetAsync(path);
        Assert.Contains("page;desc=\"hit\"", hit.ServerTiming ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("<blazor-ssr>", hit.Body);
    }
}
