// Results as one types, on a search box marked data-suggest (islands.js loads this on the box's first focus). The box
// becomes a combobox over a list of the first results (/search/suggest: the same search and access decisions as the
// page): typing asks again after a pause, cancelling the question before it; arrow keys move through the list, Enter
// opens the chosen result (or, none chosen, submits the form as without this script), Escape closes it. A live region
// says how many results there are. The list lies over the page (absolutely placed): nothing below it moves.
const PAUSE_MS = 150;
// Its own rules, added with it (not in the stylesheet every page inlines: each byte there is in every page's first round trip).
const STYLE = `.site-search, .search-form { position: relative; } .search-suggest { position: absolute; z-index: 20; top: 100%; left: 0; width: max(100%, 22rem); max-width: 92vw; margin: .25rem 0 0; padding: .25rem 0; list-style: none; background: #fff; border: 1px solid #94a3b8; border-radius: 6px; box-shadow: 0 8px 24px rgb(15 23 42 / .18); } .search-suggest a, .site-nav .search-suggest a { display: block; padding: .4rem .75rem; color: #0f172a; text-decoration: none; } .search-suggest .meta { display: block; font-size: .8rem; color: #475569; } .search-suggest [aria-selected="true"] a, .search-suggest a:hover { background: #e0f2fe; }`;
const MIN_LENGTH = 2;
let boxes = 0;

export function attach(input) {
  if (input.dataset.suggestReady) return;
  input.dataset.suggestReady = '1';
  if (!document.getElementById('search-suggest-style')) {
    const style = document.createElement('style');
    style.id = 'search-suggest-style';
    style.textContent = STYLE;
    document.head.append(style);
  }
  const id = `search-suggest-${++boxes}`;
  const list = document.createElement('ul');
  list.id = id;
  list.className = 'search-suggest';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Results as you type');
  list.hidden = true;
  const status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  input.form.classList.add('has-suggest');
  input.insertAdjacentElement('afterend', list);
  list.insertAdjacentElement('afterend', status);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', id);
  input.setAttribute('aria-expanded', 'false');

  let timer = 0;
  let asking = null;
  let active = -1;
  const options = () => [...list.querySelectorAll('[role="option"]')];
  const close = () => {
    list.hidden = true;
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };
  const choose = (index) => {
    const all = options();
    all.forEach((o, i) => o.setAttribute('aria-selected', String(i === index)));
    active = index;
    if (index >= 0) input.setAttribute('aria-activedescendant', all[index].id);
    else input.removeAttribute('aria-activedescendant');
  };
  const show = (answer) => {
    list.replaceChildren(...answer.results.map((r, i) => {
      const item = document.createElement('li');
      item.id = `${id}-${i}`;
      item.setAttribute('role', 'option');
      item.setAttribute('aria-selected', 'false');
      const link = document.createElement('a');
      link.href = r.url;
      link.tabIndex = -1;
      link.textContent = r.title; // text, never markup: titles are authors' words
      const meta = document.createElement('span');
      meta.className = 'meta';
      meta.textContent = r.workshop ? `${r.kind} · ${r.workshop}` : r.kind;
      link.append(meta);
      item.append(link);
      return item;
    }));
    const count = answer.total === 0 ? 'Nothing found' : answer.total === 1 ? '1 result' : `${answer.total} results`;
    status.textContent = `${count} for ${answer.query}`;
    list.hidden = answer.results.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
    active = -1;
  };
  const ask = async () => {
    const query = input.value.trim();
    asking?.abort();
    if (query.length < MIN_LENGTH) { close(); status.textContent = ''; return; }
    asking = new AbortController();
    try {
      const response = await fetch(`/search/suggest?q=${encodeURIComponent(query)}`, { signal: asking.signal, headers: { Accept: 'application/json' } });
      if (!response.ok) { close(); return; } // the limit, a bad query: the form still searches
      if (input.value.trim() === query) show(await response.json());
    } catch (error) {
      if (error.name !== 'AbortError') close();
    }
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(ask, PAUSE_MS);
  });
  input.addEventListener('keydown', (event) => {
    const all = options();
    if (event.key === 'ArrowDown' && all.length) {
      event.preventDefault();
      if (list.hidden) { list.hidden = false; input.setAttribute('aria-expanded', 'true'); }
      choose((active + 1) % all.length);
    } else if (event.key === 'ArrowUp' && all.length && !list.hidden) {
      event.preventDefault();
      choose(active <= 0 ? all.length - 1 : active - 1);
    } else if (event.key === 'Enter' && active >= 0 && !list.hidden) {
      event.preventDefault();
      const href = all[active].querySelector('a').href;
      close();
      if (window.Blazor?.navigateTo) window.Blazor.navigateTo(href); else location.href = href;
    } else if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150)); // a click on a result lands first
  if (input.value.trim().length >= MIN_LENGTH && document.activeElement === input) ask();
}
