// An admin's video upload to Mux, loaded when the upload form on a video's admin page is submitted: ask this
// site for a direct upload URL (the form's own post, with its token), then send the file to Mux from the
// browser, with progress. Mux's webhook later marks the video processing, then ready.
export async function upload(form) {
  const status = form.querySelector('.upload-status');
  const file = form.querySelector('input[type=file]').files[0];
  const button = form.querySelector('button[type=submit]');
  if (!file) return;
  const say = (text) => { status.textContent = text; };
  button.disabled = true;
  try {
    say('Preparing the upload…');
    const fields = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (typeof value === 'string') fields.append(name, value); // the token, not the file
    const response = await fetch(form.action, { method: 'POST', body: fields, credentials: 'same-origin' });
    if (!response.ok) throw new Error(response.status === 400 ? 'The form has expired: reload the page.' : 'Mux did not accept the upload; try again.');
    const { url } = await response.json();
    await new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('PUT', url);
      xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable) say(`Uploading… ${Math.round((100 * e.loaded) / e.total)} %`); });
      xhr.addEventListener('load', () => (xhr.status < 300 ? resolve() : reject(new Error(`The upload failed (${xhr.status}).`))));
      xhr.addEventListener('error', () => reject(new Error('The upload failed: check the connection and try again.')));
      xhr.send(file);
    });
    say('Uploaded. Mux is processing it; reload this page to see it ready.');
  } catch (error) {
    say(error.message);
  } finally {
    button.disabled = false;
  }
}
