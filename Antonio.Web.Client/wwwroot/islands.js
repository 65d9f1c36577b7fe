// The one small script learner pages load besides blazor.web.js. It wires browser-side islands by
// event delegation (so it keeps working across Blazor's enhanced navigations), loads heavier code only
// when needed, and reports Core Web Vitals of the first page view to /rum.
document.addEventListener('click', (event) => {
  const video = event.target instanceof Element ? event.target.closest('video[data-player]') : null;
  if (video && !video.dataset.loaded) {
    video.dataset.loaded = '1';
    import('./video-player.js').then((m) => m.attach(video));
  }
}, { capture: true });

(() => {
  if (!('PerformanceObserver' in window) || !navigator.sendBeacon) return;
  const route = document.querySelector('meta[name="antonio-route"]')?.content || '/';
  const vitals = {};
  const observe = (type, callback) => {
    try { new PerformanceObserver((list) => list.getEntries().forEach(callback)).observe({ type, buffered: true }); } catch { /* unsupported */ }
  };
  const nav = performance.getEntriesByType('navigation')[0];
  if (nav) vitals.TTFB = nav.responseStart;
  observe('paint', (e) => { if (e.name === 'first-contentful-paint') vitals.FCP = e.startTime; });
  observe('largest-contentful-paint', (e) => { vitals.LCP = e.startTime; });
  let cls = 0;
  observe('layout-shift', (e) => { if (!e.hadRecentInput) { cls += e.value; vitals.CLS = cls; } });
  observe('event', (e) => { if (e.interactionId) vitals.INP = Math.max(vitals.INP || 0, e.duration); });
  let sent = false;
  const send = () => {
    if (sent) return;
    sent = true;
    const body = Object.entries(vitals).map(([name, value]) => ({ route, name, value: Math.round(value * 1000) / 1000 }));
    if (body.length) navigator.sendBeacon('/rum', new Blob([JSON.stringify(body)], { type: 'application/json' }));
  };
  addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') send(); });
  addEventListener('pagehide', send);
})();
