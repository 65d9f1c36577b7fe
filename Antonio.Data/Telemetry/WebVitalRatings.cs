using System.Collections.Frozen;

namespace Antonio.Data.Telemetry;

/// <summary>
/// Google's lines for each Core Web Vital (web.dev's "good" and "poor" thresholds, judged at the 75th percentile):
/// a value up to <see cref="Line.Good"/> is good, above <see cref="Line.Poor"/> poor, between them needs
/// improvement. TTFB, FCP, LCP and INP in milliseconds, CLS unitless.
/// </summary>
public static class WebVitalRatings
{
    public sealed record Line(double Good, double Poor);

    public static readonly FrozenDictionary<string, Line> Lines = new Dictionary<string, Line>
    {
        ["TTFB"] = new(800, 1800),
        ["FCP"] = new(1800, 3000),
        ["LCP"] = new(2500, 4000),
        ["INP"] = new(200, 500),
        ["CLS"] = new(0.1, 0.25),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Google's rating of a value (a route is rated by its 75th percentile): good, needs-improvement or poor.</summary>
    public static string Rating(string name, double value) =>
        value <= Lines[name].Good ? "good" : value <= Lines[name].Poor ? "needs-improvement" : "poor";

    /// <summary>
    /// How a page view began, as web-vitals names it — except Blazor's enhanced navigations, which the browser
    /// sees as soft navigations and /rum stores as "enhanced".
    /// </summary>
    public static readonly FrozenSet<string> Navigations = FrozenSet.ToFrozenSet(
        ["navigate", "reload", "back-forward", "back-forward-cache", "prerender", "restore", "enhanced"], StringComparer.Ordinal);
}
