// Real-user Core Web Vitals, measured by Google's web-vitals library (vendored in lib/web-vitals) and sent to
// /rum. Each metric goes with the route of the page view it belongs to and how that view began: a first load, a
// reload, back/forward (or the back/forward cache), or one of Blazor's enhanced navigations — which the browser
// counts as a soft navigation, a page view of its own with its own LCP, INP and CLS.
import { onCLS, onFCP, onINP, onLCP, onTTFB } from './lib/web-vitals/web-vitals.js';

const routeOfPage = () => document.querySelector('meta[name="antonio-route"]')?.content || '/';
// Metrics of a view can be reported after the next view began: the route is looked up by the view's URL.
const routes = new Map([[location.href, routeOfPage()]]);
const landing = location.href;
export const pageChanged = () => routes.set(location.href, routeOfPage());

const NAVIGATIONS = new Map([['soft-navigation', 'enhanced'], ['back_forward', 'back-forward']]);
const MAX_PER_POST = 10; // what /rum takes in one post
const queue = [];
const flush = () => {
  while (queue.length) {
    navigator.sendBeacon('/rum', new Blob([JSON.stringify(queue.splice(0, MAX_PER_POST))], { type: 'application/json' }));
  }
};
const report = (metric) => {
  const url = metric.navigationURL ?? landing;
  queue.push({
    route: routes.get(url) ?? routes.get(landing),
    name: metric.name,
    value: Math.round(metric.value * 1000) / 1000,
    navigation: NAVIGATIONS.get(metric.navigationType) ?? metric.navigationType ?? 'navigate',
  });
  if (queue.length >= MAX_PER_POST) flush();
};
// One observer per task: each reads its buffered entries, and no one task of this module is long enough to block.
const nextTask = () => new Promise((resolve) => { setTimeout(resolve); });
if (navigator.sendBeacon) {
  addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flush(); });
  addEventListener('pagehide', flush);
  for (const on of [onTTFB, onFCP, onLCP, onINP, onCLS]) {
    await nextTask();
    on(report, { reportSoftNavs: true });
  }
}
