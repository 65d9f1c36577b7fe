// The one small script learner pages load besides blazor.web.js. It wires browser-side islands by
// event delegation, so it keeps working across Blazor's enhanced navigations, and loads heavier
// code only when it is needed.
document.addEventListener('click', (event) => {
  const video = event.target instanceof Element ? event.target.closest('video[data-player]') : null;
  if (video && !video.dataset.loaded) {
    video.dataset.loaded = '1';
    import('./video-player.js').then((m) => m.attach(video));
  }
}, { capture: true });
