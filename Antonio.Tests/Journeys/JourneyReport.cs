using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Antonio.Tests.Journeys;

/// <summary>
/// The QA report: every journey of this run (name, persona, viewport, steps, duration, passed / failed / flaky /
/// skipped), with a failed attempt's evidence — Playwright trace (<c>npx playwright show-trace trace.zip</c>),
/// screenshot and page HTML — beside it. Written as report.md and report.html under TestResults/journeys
/// (or ANTONIO_JOURNEY_RESULTS) after each journey, so a run stopped half-way still has one.
/// </summary>
public sealed class JourneyReport(string directory)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    // The results file belongs to one run (one test process); a later run starts it again.
    private static readonly string RunId = Process.GetCurrentProcess().StartTime.ToUniversalTime().ToString("O");

    public string Directory { get; } = directory;

    public static JourneyReport Default { get; } = new(
        Environment.GetEnvironmentVariable("ANTONIO_JOURNEY_RESULTS") is { Length: > 0 } dir ? dir
        : Path.Combine(Architecture.ArchitectureTests.SourceRoot(), "Antonio.Tests", "TestResults", "journeys"));

    /// <summary>Where one attempt of a journey keeps its evidence (created).</summary>
    public string EvidenceDirectory(string journey, string viewport, int attempt)
    {
        var dir = Path.Combine(Directory, Safe($"{journey}-{viewport}"), $"attempt-{attempt}");
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }

    public async Task RecordAsync(JourneyResult result)
    {
        await Gate.WaitAsync();
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var file = Path.Combine(Directory, "results.jsonl");
            var lines = File.Exists(file) ? (await File.ReadAllLinesAsync(file)).ToList() : [];
            if (lines.Count == 0 || lines[0] != RunId) lines = [RunId];
            lines.Add(JsonSerializer.Serialize(result));
            await File.WriteAllLinesAsync(file, lines);
            var results = lines.Skip(1).Select(l => JsonSerializer.Deserialize<JourneyResult>(l)!).ToList();
            await File.WriteAllTextAsync(Path.Combine(Directory, "report.md"), Markdown(results));
            await File.WriteAllTextAsync(Path.Combine(Directory, "report.html"), Html(results));
        }
        finally
        {
            Gate.Release();
        }
    }

    private static readonly string[] Statuses = ["passed", "flaky", "failed", "skipped"];

    private static string Summary(List<JourneyResult> results) =>
        string.Join(", ", Statuses.Select(s => $"{results.Count(r => r.Status == s)} {s}"));

    private static string Markdown(List<JourneyResult> results)
    {
        var text = new StringBuilder($"# Journeys\n\n{results.Count} journeys: {Summary(results)}. Evidence of a failed attempt (trace.zip: "
            + "`npx playwright show-trace <path>`, screenshot.png, page.html) is linked on its line.\n\n"
            + "| journey | persona | viewport | result | seconds | steps | failure | evidence |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var r in results.OrderBy(r => r.Status == "passed").ThenBy(r => r.Name))
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"| {Cell(r.Name)} | {Cell(r.Persona)} | {r.Viewport} | {r.Status.ToUpperInvariant()} | {r.Seconds:F1} | {Cell(string.Join(" → ", r.Steps))} | "
                + $"{Cell(r.FailedStep is null ? "" : $"at \"{r.FailedStep}\": {r.Message}")} | {(r.Evidence is null ? "" : $"[trace]({r.Evidence}/trace.zip) · [screenshot]({r.Evidence}/screenshot.png) · [html]({r.Evidence}/page.html)")} |\n");
        return text.ToString();
    }

    private static string Html(List<JourneyResult> results)
    {
        var rows = string.Concat(results.OrderBy(r => r.Status == "passed").ThenBy(r => r.Name).Select(r =>
            $"<tr class=\"{r.Status}\"><td>{E(r.Name)}</td><td>{E(r.Persona)}</td><td>{r.Viewport}</td><td>{r.Status}</td><td>{r.Seconds:F1}</td>"
            + $"<td><ol>{string.Concat(r.Steps.Select(s => $"<li>{E(s)}</li>"))}</ol></td>"
            + $"<td>{(r.FailedStep is null ? "" : $"at “{E(r.FailedStep)}”: <pre>{E(r.Message ?? "")}</pre>")}</td>"
            + $"<td>{(r.Evidence is null ? "" : $"<a href=\"{E(r.Evidence)}/trace.zip\">trace</a> · <a href=\"{E(r.Evidence)}/screenshot.png\">screenshot</a> · <a href=\"{E(r.Evidence)}/page.html\">html</a>")}</td></tr>"));
        return $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Journeys</title>
            <style>body{"{"}font:14px system-ui;margin:2rem{"}"} td,th{"{"}border:1px solid #ccc;padding:.3rem;vertical-align:top;text-align:left{"}"} table{"{"}border-collapse:collapse{"}"}
            .failed td{"{"}background:#fde2e2{"}"} .flaky td{"{"}background:#fff4ce{"}"} .skipped td{"{"}color:#666{"}"} pre{"{"}white-space:pre-wrap;margin:0{"}"}</style></head>
            <body><h1>Journeys</h1><p>{results.Count} journeys: {Summary(results)}.</p>
            <table><tr><th>journey</th><th>persona</th><th>viewport</th><th>result</th><th>seconds</th><th>steps</th><th>failure</th><th>evidence</th></tr>{rows}</table></body></html>
            """;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-'));
}
