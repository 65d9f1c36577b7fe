// Loads a page in Debian's headless Chromium (never a downloaded browser) and prints, as JSON:
// LCP and CLS (PerformanceObserver, median of several loads; LCP also of a static image from the same
// server, the floor of this browser on this box), the JavaScript the page loaded (bytes
// as served with Accept-Encoding: gzip) and whether any WebAssembly was requested.
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: BenchProbe <url> [runs]");
    return 2;
}
var url = args[0];
var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 7;
var chromium = Environment.GetEnvironmentVariable("ANTONIO_CHROMIUM") ?? "/usr/bin/chromium";

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = chromium, Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

var lcps = new List<double>();
var clss = new List<double>();
var floor = new List<double>();
var scripts = new HashSet<string>();
var wasm = false;
// The floor: the same browser loading a static image from the same server, a page with nothing to
// render but one image. What the lesson page adds is the difference.
var floorUrl = new Uri(new Uri(url), "/favicon.png").ToString();
for (var i = 0; i < runs; i++)
{
    var (lcp, cls) = await LoadAsync(url, track: true);
    lcps.Add(lcp);
    clss.Add(cls);
    floor.Add((await LoadAsync(floorUrl, track: false)).Lcp);
}

async Task<(double Lcp, double Cls)> LoadAsync(string target, bool track)
{
    await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
    var page = await context.NewPageAsync();
    if (track)
        page.Request += (_, r) =>
        {
            if (r.ResourceType == "script") scripts.Add(r.Url);
            if (r.Url.EndsWith(".wasm", StringComparison.Ordinal) || r.Url.Contains("dotnet.", StringComparison.Ordinal)) wasm = true;
        };
    await page.AddInitScriptAsync("""
        window.__lcp = 0; window.__cls = 0;
        new PerformanceObserver(l => l.getEntries().forEach(e => window.__lcp = e.startTime)).observe({ type: 'largest-contentful-paint', buffered: true });
        new PerformanceObserver(l => l.getEntries().forEach(e => { if (!e.hadRecentInput) window.__cls += e.value; })).observe({ type: 'layout-shift', buffered: true });
        """);
    await page.GotoAsync(target, new() { WaitUntil = WaitUntilState.NetworkIdle });
    await page.WaitForTimeoutAsync(300);
    return (await page.EvaluateAsync<double>("() => window.__lcp"), await page.EvaluateAsync<double>("() => window.__cls"));
}

using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None });
long jsBytes = 0;
foreach (var script in scripts)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, script);
    request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
    using var response = await http.SendAsync(request);
    var body = await response.Content.ReadAsByteArrayAsync();
    if (response.Content.Headers.ContentEncoding.Contains("gzip")) jsBytes += body.Length;
    else
    {
        // Served uncompressed: count what gzip would send.
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) await gzip.WriteAsync(body);
        jsBytes += buffer.Length;
    }
}

static double Median(List<double> xs) { var s = xs.Order().ToList(); return s[s.Count / 2]; }
Console.WriteLine(JsonSerializer.Serialize(new
{
    url, runs, lcpMs = Math.Round(Median(lcps), 1), lcpMaxMs = Math.Round(lcps.Max(), 1), lcpFloorMs = Math.Round(Median(floor), 1), cls = Math.Round(clss.Max(), 4),
    jsGzipBytes = jsBytes, scripts = scripts.Select(s => new Uri(s).AbsolutePath).Order().ToArray(), webAssembly = wasm,
}));
return 0;
