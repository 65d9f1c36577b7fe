// The lesson video player, loaded on the first play intent (islands.js). Native HLS where the browser has
// it, else hls.js (vendored in lib/hls.js, loaded only then). On top of the browser's own controls: speed,
// captions, keyboard shortcuts, preferences remembered on this device, resume where the learner stopped
// (on any device: the position is saved to their account), completion at 90% watched, and "Up next".
const PREFERENCES = 'antonio.player';
const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2];
const SAVE_EVERY_SECONDS = 10;
const COMPLETE_AT = 0.9;
const COUNTDOWN_SECONDS = 5;

const preferences = () => {
  try { return JSON.parse(localStorage.getItem(PREFERENCES)) || {}; } catch { return {}; }
};
const remember = (change) => {
  try { localStorage.setItem(PREFERENCES, JSON.stringify({ ...preferences(), ...change })); } catch { /* private mode */ }
};

/**
 * @param {HTMLVideoElement} video
 * @param {{ play?: boolean, leavingForNext?: (path: string) => void }} options leavingForNext: "Up next" is
 *   about to open that page (islands.js starts its video when it arrives).
 */
export async function attach(video, { play = true, leavingForNext = () => {} } = {}) {
  const src = video.dataset.src;
  if (!src || video.dataset.engine) return;
  const native = !window.antonioForceHlsJs
    && (video.canPlayType('application/vnd.apple.mpegurl') || video.canPlayType('application/x-mpegURL'));
  if (native) {
    video.dataset.engine = 'native';
    video.src = src;
  } else if (window.MediaSource || window.ManagedMediaSource) {
    const { default: Hls } = await import('./lib/hls.js/hls.light.min.mjs');
    if (!Hls.isSupported()) return unsupported(video);
    video.dataset.engine = 'hls.js';
    const hls = new Hls({ capLevelToPlayerSize: true });
    hls.loadSource(src);
    hls.attachMedia(video);
  } else {
    return unsupported(video);
  }
  applyPreferences(video);
  addSettingsBar(video);
  addShortcuts(video);
  resumeAndReport(video);
  video.addEventListener('ended', () => upNext(video, leavingForNext));
  if (play) video.play().catch(() => { /* the learner presses play again */ });
}

function unsupported(video) {
  const note = document.createElement('p');
  note.className = 'video-note';
  note.setAttribute('role', 'status');
  note.textContent = 'This browser cannot play this video. Try a recent Chrome, Edge, Firefox or Safari.';
  video.closest('.video-frame').after(note);
}

function captions(video) {
  return video.textTracks.length > 0 ? video.textTracks[0] : null;
}

function applyPreferences(video) {
  const p = preferences();
  const rate = SPEEDS.includes(p.rate) ? p.rate : 1;
  video.defaultPlaybackRate = rate;
  video.playbackRate = rate;
  if (typeof p.volume === 'number') video.volume = Math.min(1, Math.max(0, p.volume));
  if (p.muted) video.muted = true;
  const track = captions(video);
  if (track) track.mode = p.captions ? 'showing' : 'hidden';
  video.addEventListener('ratechange', () => remember({ rate: video.playbackRate }));
  video.addEventListener('volumechange', () => remember({ volume: video.volume, muted: video.muted }));
}

function setCaptions(video, on) {
  const track = captions(video);
  if (!track) return;
  track.mode = on ? 'showing' : 'hidden';
  remember({ captions: on });
  const toggle = video.closest('.video-frame').nextElementSibling?.querySelector('.captions-toggle');
  toggle?.setAttribute('aria-pressed', String(on));
}

function addSettingsBar(video) {
  const frame = video.closest('.video-frame');
  const bar = document.createElement('div');
  bar.className = 'player-bar';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', 'Video settings');

  const speedLabel = document.createElement('label');
  speedLabel.textContent = 'Speed ';
  const speed = document.createElement('select');
  speed.className = 'speed';
  for (const s of SPEEDS) speed.add(new Option(`${s}×`, String(s), false, s === video.playbackRate));
  speed.addEventListener('change', () => { video.playbackRate = Number(speed.value); });
  video.addEventListener('ratechange', () => { speed.value = String(video.playbackRate); });
  speedLabel.append(speed);
  bar.append(speedLabel);

  if (captions(video)) {
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'captions-toggle';
    toggle.textContent = 'Captions';
    toggle.setAttribute('aria-pressed', String(captions(video).mode === 'showing'));
    toggle.addEventListener('click', () => setCaptions(video, captions(video).mode !== 'showing'));
    bar.append(toggle);
  }

  if (document.querySelector('a[rel=next]')) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.className = 'autoplay-next';
    box.checked = preferences().autoplay !== false;
    box.addEventListener('change', () => remember({ autoplay: box.checked }));
    label.append(box, ' Autoplay next lesson');
    bar.append(label);
  }

  const keys = document.createElement('p');
  keys.className = 'player-keys muted';
  keys.textContent = 'Keys: space play/pause · ←/→ 5 s · f full screen · c captions';
  bar.append(keys);
  frame.after(bar);
}

function addShortcuts(video) {
  const frame = video.closest('.video-frame');
  frame.addEventListener('keydown', (event) => {
    // Only keys pressed on the video itself (the card's buttons keep theirs); never with a modifier.
    if (event.target !== video || event.altKey || event.ctrlKey || event.metaKey) return;
    switch (event.key) {
      // Space is the browser's own on a focused video (Chromium toggles on its release): only "k" is ours.
      case 'k':
        if (video.paused) video.play().catch(() => {}); else video.pause();
        break;
      case 'ArrowLeft':
        video.currentTime = Math.max(0, video.currentTime - 5);
        break;
      case 'ArrowRight':
        video.currentTime = Math.min(video.duration || Infinity, video.currentTime + 5);
        break;
      case 'f':
        if (document.fullscreenElement) document.exitFullscreen(); else frame.requestFullscreen?.();
        break;
      case 'c':
        setCaptions(video, captions(video)?.mode !== 'showing');
        break;
      default:
        return;
    }
    event.preventDefault();
  });
}

function resumeAndReport(video) {
  const start = Number(video.dataset.start);
  if (start > 0) {
    video.addEventListener('loadedmetadata', () => {
      // Near the end, start over rather than land on the last frame.
      if (start < (video.duration || Infinity) - 3) video.currentTime = start;
    }, { once: true });
  }
  const { workshop, lesson } = video.dataset;
  if (!workshop || !lesson) return; // not signed in: nothing to save, nothing to complete
  let lastSaved = start > 0 ? start : 0;
  const save = (seconds = Math.floor(video.currentTime)) => {
    if (seconds === lastSaved) return;
    lastSaved = seconds;
    navigator.sendBeacon('/progress/position', new Blob([JSON.stringify({ workshop, lesson, seconds })], { type: 'application/json' }));
  };
  let completing = false;
  video.addEventListener('timeupdate', () => {
    if (Math.abs(video.currentTime - lastSaved) >= SAVE_EVERY_SECONDS) save();
    if (!completing && video.duration && video.currentTime / video.duration >= COMPLETE_AT) {
      completing = true;
      complete();
    }
  });
  video.addEventListener('pause', () => { if (!video.ended) save(); });
  // Finished: next time it starts from the beginning.
  video.addEventListener('ended', () => save(0));
  addEventListener('pagehide', () => save());
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') save(); });
  // Enhanced navigation swaps the page without a pagehide: save on the way out.
  document.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('a[href]') && !video.paused) save();
  }, { capture: true });
}

// Watched to 90%: the same POST the "Mark lesson complete" button makes (its form, its token), sent without
// leaving the page; the completion form, the navigation ticks and the summary are swapped for the page's
// answer, so they show the lesson done.
async function complete() {
  const form = document.querySelector('form.completion');
  if (form?.querySelector('input[name="Input.Complete"]')?.value !== 'true') return;
  const response = await fetch(form.getAttribute('action') || location.href, { method: 'POST', body: new FormData(form), credentials: 'same-origin' });
  if (!response.ok) return;
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  for (const selector of ['form.completion', '.progress-summary', 'nav.module-nav']) {
    const fresh = page.querySelector(selector);
    const current = document.querySelector(selector);
    if (fresh && current) current.replaceWith(document.importNode(fresh, true));
  }
}

// "Up next": a card over the finished video; with autoplay on, a 5-second countdown, then the next lesson
// through the page's own link (so Blazor's enhanced navigation takes it), where the video starts by itself.
function upNext(video, leavingForNext) {
  const next = document.querySelector('a[rel=next]');
  const frame = video.closest('.video-frame');
  if (!next || frame.querySelector('.up-next')) return;
  const autoplay = preferences().autoplay !== false;
  const card = document.createElement('div');
  card.className = 'up-next';
  card.setAttribute('role', 'status');
  const title = document.createElement('p');
  title.append('Up next: ');
  const strong = document.createElement('strong');
  strong.textContent = next.textContent.replace(/\s*→\s*$/, '');
  title.append(strong);
  const countdown = document.createElement('p');
  countdown.className = 'countdown';
  const go = document.createElement('button');
  go.type = 'button';
  go.className = 'button';
  go.textContent = 'Play next';
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'button secondary';
  cancel.textContent = 'Cancel';
  card.append(title, countdown, go, cancel);
  frame.append(card);

  let left = COUNTDOWN_SECONDS;
  let timer = 0;
  const leave = () => {
    clearInterval(timer);
    leavingForNext(new URL(next.href, location.href).pathname);
    next.click();
  };
  const stop = () => { clearInterval(timer); card.remove(); };
  go.addEventListener('click', leave);
  cancel.addEventListener('click', stop);
  video.addEventListener('play', stop, { once: true });
  if (autoplay) {
    countdown.textContent = `Starting in ${left} s`;
    timer = setInterval(() => {
      left -= 1;
      countdown.textContent = `Starting in ${left} s`;
      if (left <= 0) leave();
    }, 1000);
  }
}
