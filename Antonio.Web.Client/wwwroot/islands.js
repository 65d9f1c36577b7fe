// The one small script learner pages load besides blazor.web.js, once the page has painted (Ui/page-boot.js in
// Antonio.Web). It wires browser-side islands by event delegation (so it keeps working across Blazor's enhanced
// navigations), loads heavier code only when needed, and starts the real-user metrics (rum.js).

// The video player (and hls.js, where needed) loads on the first intent to play: a click or a play key on
// the video. "Up next" leaves a note for the lesson it opens, whose video then starts by itself.
const AUTOPLAY_NEXT = 'antonio.player.autoplay-next';
const loadPlayer = (video, play = true) => {
  if (video.dataset.loading) return;
  video.dataset.loading = '1';
  import('./video-player.js').then((m) => m.attach(video, {
    play,
    leavingForNext: (path) => sessionStorage.setItem(AUTOPLAY_NEXT, path),
  }));
};
const playerOf = (event) => (event.target instanceof Element ? event.target.closest('video[data-player]') : null);
document.addEventListener('click', (event) => {
  const video = playerOf(event);
  if (video) loadPlayer(video);
}, { capture: true });
document.addEventListener('keydown', (event) => {
  const video = playerOf(event);
  if (video && !video.dataset.loading && [' ', 'Enter', 'k'].includes(event.key)) {
    event.preventDefault();
    loadPlayer(video);
  }
}, { capture: true });
// An admin's upload to Mux goes from the browser straight to Mux: its script loads on the form's submit.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-mux-upload')) return;
  event.preventDefault();
  import('./admin-video-upload.js').then((m) => m.upload(form));
}, { capture: true });
// Results as one types: the search box's script loads when a box marked data-suggest first takes focus.
document.addEventListener('focusin', (event) => {
  const input = event.target;
  if (input instanceof HTMLInputElement && input.hasAttribute('data-suggest') && !input.dataset.suggestReady) {
    import('./search-suggest.js').then((m) => m.attach(input));
  }
});
// "Print" buttons (a certificate): the browser's print dialog, with the page's print stylesheet.
document.addEventListener('click', (event) => {
  if (event.target instanceof Element && event.target.closest('[data-print]')) window.print();
});

// A moment of the video: "?t=SECONDS" on arrival (a search result from the transcript, a shared link), or a time
// in the transcript clicked on the page. The player starts there; a player already running jumps.
const MAX_SECONDS = 24 * 3600;
const seconds = (value) => (/^\d{1,6}$/.test(value ?? '') && Number(value) <= MAX_SECONDS ? Number(value) : null);
const playFrom = (video, at) => {
  if (video.dataset.engine) {
    video.currentTime = at;
    video.play().catch(() => { /* the learner presses play */ });
  } else {
    video.dataset.start = String(at);
    // Arriving by a link may not play by itself (the browser's autoplay rule): the video still loads its
    // metadata, so it stands at that moment when the learner presses play.
    video.preload = 'metadata';
    loadPlayer(video);
  }
};
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[data-seek]') : null;
  const video = document.querySelector('video[data-player]');
  const at = seconds(link?.dataset.seek);
  if (!link || !video || at === null) return;
  event.preventDefault();
  history.replaceState(history.state, '', `${location.pathname}?t=${at}`);
  video.scrollIntoView({ block: 'nearest' });
  playFrom(video, at);
}, { capture: true });

// Times marked data-local (a cohort's openings) come from the server in UTC — the page is shared between visitors, so
// it cannot know their time zone — and are shown here in the visitor's own, the UTC text kept as the title.
// The formatter is made on the first page that has such a time (making one loads locale data: not on every page).
let localTime = null;
const showLocalTimes = () => document.querySelectorAll('time[data-local]:not([data-shown-local])').forEach((time) => {
  const at = new Date(time.dateTime);
  if (Number.isNaN(at.getTime())) return;
  localTime ??= new Intl.DateTimeFormat(undefined, {
    year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short',
  });
  time.title = time.textContent;
  time.textContent = localTime.format(at);
  time.dataset.shownLocal = '';
});

const autoplayArrived = () => {
  const video = document.querySelector('video[data-player]');
  const at = seconds(new URLSearchParams(location.search).get('t'));
  if (video && at !== null) return playFrom(video, at);
  const path = sessionStorage.getItem(AUTOPLAY_NEXT);
  if (!path || path !== location.pathname) return;
  sessionStorage.removeItem(AUTOPLAY_NEXT);
  if (video) loadPlayer(video);
};
// A play intent that came before this script (Ui/page-boot.js marked it, on this page or, with Blazor's enhanced
// navigation, on the one it brought): honoured now.
const honourPlayIntents = () => document.querySelectorAll('video[data-player][data-play-intent]').forEach((video) => {
  delete video.dataset.playIntent;
  loadPlayer(video);
});
showLocalTimes();
autoplayArrived();
window.antonioIslands = true;
honourPlayIntents();
// Blazor starts after this script on most pages (Ui/page-boot.js announces it); its enhanced navigations arrive
// at a page without reloading this script.
const onBlazor = (callback) => (window.Blazor ? callback(window.Blazor) : document.addEventListener('antonio:blazor', () => callback(window.Blazor), { once: true }));
// The metrics load when the main thread is idle, after the islands are wired: no task of theirs stands between the
// page and the learner's first input (web-vitals reads the buffered entries, so nothing before is lost).
const whenIdle = (callback) => (window.requestIdleCallback ? requestIdleCallback(callback, { timeout: 2000 }) : setTimeout(callback, 50));
const rum = new Promise((resolve) => { whenIdle(() => resolve(import('./rum.js'))); });
onBlazor((blazor) => blazor.addEventListener('enhancedload', () => {
  showLocalTimes();
  autoplayArrived();
  honourPlayIntents();
  rum.then((m) => m.pageChanged());
}));
