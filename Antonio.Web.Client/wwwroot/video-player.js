// Loaded on the first play intent. Browsers with native HLS (Safari, iOS, recent Chromium builds with
// HLS) play the stream directly; others are told plainly instead of failing silently.
export function attach(video) {
  const src = video.dataset.src;
  if (!src) return;
  if (video.canPlayType('application/vnd.apple.mpegurl') || video.canPlayType('application/x-mpegURL')) {
    video.src = src;
    video.play().catch(() => {});
    return;
  }
  const note = document.createElement('p');
  note.className = 'video-note';
  note.setAttribute('role', 'status');
  note.textContent = 'This browser cannot play HLS video natively. Try Safari, or a browser with HLS support.';
  video.after(note);
}
