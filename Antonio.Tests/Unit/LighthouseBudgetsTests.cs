using System.Text.Json;
using Antonio.Tests.E2E;

namespace Antonio.Tests.Unit;

/// <summary>The Lighthouse gate's judgement of a page against its floor, on runs as gate.mjs reports them.</summary>
[Trait("Category", "Unit")]
public sealed class LighthouseBudgetsTests
{
    [Fact]
    public void A_page_is_judged_against_the_floor_run_made_beside_it()
    {
        // A CI run's free lesson: the box's slow moments fell on both of a pair (medians 186 and 136 ms).
        var page = Result([(0.97, 193), (0.97, 206), (0.99, 118), (1, 20), (0.97, 186)], performance: 0.97, tbt: 186);
        var floor = Result([(0.99, 136), (0.95, 250), (1, 60), (1, 52), (0.96, 220)], performance: 0.99, tbt: 136);

        Assert.Equal(-32, LighthouseBudgets.OverFloorRunForRun(page, floor, "tbt"));
        Assert.Empty(LighthouseBudgets.TimingsMissed(page, floor));
    }

    [Fact]
    public void A_page_that_blocks_more_than_its_floor_in_every_pair_misses()
    {
        var page = Result([(0.96, 150), (0.95, 190), (0.97, 120)], performance: 0.96, tbt: 150);
        var floor = Result([(0.99, 80), (0.99, 110), (1, 40)], performance: 0.99, tbt: 80);

        var missed = LighthouseBudgets.TimingsMissed(page, floor);

        Assert.Contains(missed, m => m.StartsWith("total blocking time 150 ms", StringComparison.Ordinal) && m.Contains("80 ms over the floor's run for run", StringComparison.Ordinal));
        Assert.Contains(missed, m => m.StartsWith("performance 0.96", StringComparison.Ordinal));
    }

    [Fact]
    public void Blocking_time_within_the_target_passes_whatever_the_floor_did()
    {
        var page = Result([(1, 40), (1, 45), (1, 50)], performance: 1, tbt: 45);
        var floor = Result([(1, 0), (1, 0), (1, 0)], performance: 1, tbt: 0);

        Assert.Empty(LighthouseBudgets.TimingsMissed(page, floor));
    }

    private static LighthouseTests.LighthouseResult Result((double Performance, double Tbt)[] runs, double performance, double tbt) =>
        new(null, new Dictionary<string, double> { ["performance"] = performance }, Fcp: 700, Lcp: 800, Cls: 0, Tbt: tbt, DocumentBytes: 9000, Failing: [],
            AllRuns: JsonSerializer.SerializeToElement(runs.Select(r => new { performance = r.Performance, fcp = 700, lcp = 800, tbt = r.Tbt })), Floor: null);
}
