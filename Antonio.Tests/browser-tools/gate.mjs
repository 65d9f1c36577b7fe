// Runs Lighthouse (mobile defaults, simulated throttling) on a page and on its floor — the same page's HTML with
// its scripts removed, served by the same app — in Debian's Chromium, alternating page and floor run by run so
// both meet the same machine. Prints one JSON line for each: the median of the runs, metric by metric (one run on
// a shared 2-core machine is noisy, and the run Lighthouse's computeMedianRun would pick by FCP and TTI can hold
// an outlying LCP or TBT).
// Usage: node gate.mjs URL [--floor URL] [--runs N] [--cookie "name=value"] [--report path.html] [--blank URL]
//
// --blank: the page each run starts from instead of about:blank — an empty page of the same site, with the page's
// headers. The site answers every request with Cross-Origin-Opener-Policy: same-origin, so a run that starts from
// about:blank swaps browsing context groups and starts a new renderer process for the page: that process's start-up
// (a task of 100–400 ms once multiplied by four on this machine, either side of the first paint) is the same for
// every page of the site and its floor, and swamped the difference the gate judges (CI measured floors from 100 to
// 580 ms of blocking time). Started from a page of the site, as a learner moving through it is, the renderer is
// the one that page used — what Lighthouse's about:blank gives a site without the header.
import fs from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { ReportGenerator } from 'lighthouse/report/generator/report-generator.js';

const args = process.argv.slice(2);
const url = args[0];
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(option('--runs', '3'));
const cookie = option('--cookie', '');
const report = option('--report', '');
const floor = option('--floor', '');
const blank = option('--blank', '');

const numeric = (lhr, id) => lhr.audits[id]?.numericValue ?? null;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const summary = (lhr, results) => ({
  url: lhr.finalDisplayedUrl,
  runtimeError: lhr.runtimeError?.message ?? null,
  scores: {
    ...Object.fromEntries(Object.entries(lhr.categories).map(([k, c]) => [k, c.score])),
    // Timed in every run: the median.
    performance: median(results.map((r) => r.categories.performance.score)),
  },
  fcp: median(results.map((r) => numeric(r, 'first-contentful-paint'))),
  lcp: median(results.map((r) => numeric(r, 'largest-contentful-paint'))),
  cls: median(results.map((r) => numeric(r, 'cumulative-layout-shift'))),
  tbt: median(results.map((r) => numeric(r, 'total-blocking-time'))),
  // What the page's own HTML weighed on the wire: its round trips in the simulated network.
  documentBytes: lhr.audits['network-requests']?.details?.items?.[0]?.transferSize ?? null,
  failing: Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 1 && ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode))
    .map((a) => {
      // For element audits (contrast, labels), name the first offending elements.
      const nodes = (a.details?.items ?? []).map((i) => i.node?.snippet).filter(Boolean).slice(0, 2);
      return `${a.id} (${a.displayValue || a.score})${nodes.length ? ' ' + nodes.join(' ') : ''}`;
    }),
  allRuns: results.map((r) => ({
    performance: r.categories.performance.score,
    fcp: Math.round(numeric(r, 'first-contentful-paint')),
    lcp: Math.round(numeric(r, 'largest-contentful-paint')),
    tbt: Math.round(numeric(r, 'total-blocking-time')),
  })),
});

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
try {
  // A run in which headless Chromium never painted (Lighthouse's NO_FCP, now and then on a loaded 2-core
  // machine, most often in a browser's first run) measured nothing about the page: it is set aside, said in
  // the output, and another run takes its place — at most three times; the gate judges `runs` measured runs.
  // Accessibility, best practices and SEO are the same in every run: the page's first run takes every category,
  // the others (and the floor's) only what is timed. The floor, having no script, has no late work to wait for: its
  // runs stop listening sooner after the load (its own timings are taken all the same).
  const timed = { onlyCategories: ['performance'] };
  const pages = {
    page: { url, results: [], flags: (i) => ({ ...(i === 0 ? {} : timed), ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}) }) },
  };
  if (floor) {
    pages.floor = {
      url: floor,
      results: [],
      flags: () => timed,
      config: { extends: 'lighthouse:default', settings: { pauseAfterFcpMs: 250, pauseAfterLoadMs: 250, networkQuietThresholdMs: 250, cpuQuietThresholdMs: 250 } },
    };
  }
  const dropped = [];
  for (let attempt = 0; attempt < runs + 3 && Object.values(pages).some((p) => p.results.length < runs); attempt++) {
    for (const p of Object.values(pages)) {
      if (p.results.length >= runs) continue;
      const flags = { port: chrome.port, output: 'json', logLevel: 'error', disableFullPageScreenshot: true, ...(blank ? { blankPage: blank } : {}), ...p.flags(p.results.length) };
      const result = await lighthouse(p.url, flags, p.config);
      if (result.lhr.audits['first-contentful-paint']?.numericValue === undefined) dropped.push(result.lhr.runtimeError?.code ?? 'no FCP');
      else p.results.push(result.lhr);
    }
  }
  // The report and the categories' scores are the full run's.
  const page = pages.page.results[0];
  if (report) fs.writeFileSync(report, ReportGenerator.generateReport(page, 'html'));
  console.log(JSON.stringify({
    ...summary(page, pages.page.results),
    floor: pages.floor ? summary(pages.floor.results[0], pages.floor.results) : null,
    droppedRuns: dropped,
  }));
} finally {
  await chrome.kill();
}
