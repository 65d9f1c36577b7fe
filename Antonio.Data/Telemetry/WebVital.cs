namespace Antonio.Data.Telemetry;

/// <summary>One Core Web Vitals measurement posted by a browser to /rum.</summary>
public class WebVital
{
    public long Id { get; set; }
    public string Route { get; set; } = "";
    /// <summary>TTFB | FCP | LCP | CLS | INP.</summary>
    public string Name { get; set; } = "";
    public double Value { get; set; }
    /// <summary>How the page view began: one of <see cref="WebVitalRatings.Navigations"/>.</summary>
    public string Navigation { get; set; } = "navigate";
    public DateTimeOffset CreatedAt { get; set; }
}
