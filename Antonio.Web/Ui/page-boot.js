// Inlined at the end of every page (Ui/PageScripts.razor; the policy allows exactly this text by its hash,
// Security/InlineScripts.cs). No script stands between a page's HTML and its largest paint: the islands load once
// the page has painted, and Blazor (enhanced navigation and forms, streaming, interactive parts) on the learner's
// first sign of intent — at once only where the page needs it now: a placeholder that will be streamed over, or an
// interactive part. Until then links and forms work as plain HTML.
(() => {
  const urls = document.currentScript.dataset;
  const add = (src) => {
    const script = document.createElement('script');
    script.src = src;
    document.body.append(script);
    return script;
  };
  let blazor = null;
  const intents = ['pointerover', 'pointerdown', 'touchstart', 'keydown', 'focusin'];
  const startBlazor = () => {
    if (blazor) return;
    intents.forEach((type) => removeEventListener(type, startBlazor, true));
    blazor = add(urls.blazor);
    blazor.addEventListener('load', () => document.dispatchEvent(new Event('antonio:blazor')));
  };
  const interactive = () => {
    const comments = document.createNodeIterator(document.body, NodeFilter.SHOW_COMMENT);
    for (let c = comments.nextNode(); c; c = comments.nextNode()) if (c.data.startsWith('Blazor:{')) return true;
    return false;
  };
  if (document.querySelector('.skeleton') || interactive()) startBlazor();
  else intents.forEach((type) => addEventListener(type, startBlazor, { capture: true, passive: true }));
  // Loaded (every image in) and shown: the first contentful paint's entry arrives once the frame is on screen,
  // which can be well after the load event on a slow device.
  const afterPaint = (callback) => {
    const next = () => requestAnimationFrame(() => setTimeout(callback));
    if (!PerformanceObserver.supportedEntryTypes?.includes('paint')) return next();
    new PerformanceObserver((list, observer) => {
      if (!list.getEntriesByName('first-contentful-paint').length) return;
      observer.disconnect();
      next();
    }).observe({ type: 'paint', buffered: true });
  };
  // A dynamic import, not a script element: adding to the document would restyle it once more.
  let islandsStarted = false;
  const startIslands = () => {
    if (islandsStarted) return;
    islandsStarted = true;
    import(new URL(urls.islands, document.baseURI).href);
  };
  // A play intent before the islands are in is not lost: it is marked on the video and brings them at once.
  const earlyPlay = (event) => {
    const video = event.target instanceof Element ? event.target.closest('video[data-player]') : null;
    if (!video || window.antonioIslands || (event.type === 'keydown' && ![' ', 'Enter', 'k'].includes(event.key))) return;
    event.preventDefault();
    video.dataset.playIntent = '';
    startIslands();
  };
  addEventListener('click', earlyPlay, { capture: true });
  addEventListener('keydown', earlyPlay, { capture: true });
  const islands = () => afterPaint(startIslands);
  if (document.readyState === 'complete') islands();
  else addEventListener('load', islands, { once: true });
})();
