namespace Antonio.Data.Telemetry;

/// <summary>One Core Web Vitals measurement posted by a browser to /rum.</summary>
public class WebVital
{
    public long Id { get; set; }
    public string Route { get; set; } = "";
    /// <summary>TTFB | FCP | LCP | CLS | INP.</summary>
    public string Name { get; set; } = "";
    public double Value { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
