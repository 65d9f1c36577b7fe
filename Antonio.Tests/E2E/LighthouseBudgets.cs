namespace Antonio.Tests.E2E;

/// <summary>
/// What the Lighthouse gate holds each page to (median of three runs, mobile defaults, simulated throttling).
/// Accessibility, best practices and SEO must be 100 and the layout must not shift: those are deterministic.
/// The timing budgets are what this 2-core CI machine can hold steadily, not the targets (LCP ≤ 1.0 s,
/// TBT ≤ 50 ms, performance 100): simulated throttling multiplies this machine's own main-thread time by four,
/// and here Chromium spends ~0.5 s of it on a one-paragraph page (TBT 20–170 ms between runs of the same file)
/// while blazor.web.js's start-up is one 50–100 ms task (200–400 ms simulated). The same page's TBT moves
/// between 0.4 and 1.2 s from run to run. docs/benchmarks.md keeps the measured figures. These budgets still
/// trip on what regresses a page for real: a render-blocking stylesheet or script (FCP), an unsized image or
/// late content (CLS), a heavy script (TBT, LCP), an unlabelled control or low contrast (accessibility).
/// </summary>
public static class LighthouseBudgets
{
    /// <summary>Lighthouse shows a CLS below 0.005 as "0".</summary>
    public const double MaxCls = 0.005;
    public const double MaxFcpMs = 1500;
    /// <summary>The Core Web Vitals' "good" line.</summary>
    public const double MaxLcpMs = 2500;
    public const double MaxTbtMs = 1500;
    public const double MinPerformance = 0.7;
}
