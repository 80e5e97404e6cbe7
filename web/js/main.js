// main.js -- the dashboard: the filter bar and the five views, drawn from
// the URL's state whenever it changes (a filter applied, a click, the
// browser's back and forward buttons).
import { api } from './api.js';
import { ROOTS } from './cameo.js';
import { h } from './dom.js';
import { readState, writeState, stateQuery } from './state.js';
import { renderBlocs } from './view_blocs.js';
import { renderDyad } from './view_dyad.js';
import { renderEvents } from './view_events.js';
import { renderMap } from './view_map.js';
import { renderTrends } from './view_trends.js';

const RENDER = { map: renderMap, dyad: renderDyad, trends: renderTrends, blocs: renderBlocs, events: renderEvents };
const FILTERS = ['from', 'to', 'a', 'b', 'root', 'quad'];

const form = document.getElementById('filters');
const view = document.getElementById('view');
const errorBox = document.getElementById('error');
let drawing = 0; // the draw in progress; an older one that ends late is dropped

function showError(err) {
  errorBox.hidden = false;
  errorBox.textContent = err?.message ?? String(err);
}

function fillFilters(st) {
  for (const k of FILTERS) form.elements[k].value = st[k] ?? '';
  for (const a of document.querySelectorAll('#tabs a')) {
    const here = a.dataset.view === st.view;
    if (here) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
    // a tab keeps the filters
    const next = { ...st, view: a.dataset.view, period: undefined, cursor: undefined };
    a.href = stateQuery(next);
  }
}

async function draw() {
  const st = readState();
  const mine = ++drawing;
  fillFilters(st);
  errorBox.hidden = true;
  document.body.dataset.ready = '';
  const root = h('div', { class: `view view-${st.view}` });
  view.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  try {
    await RENDER[st.view](root, st, nav);
  } catch (err) {
    if (mine !== drawing) return;
    showError(err);
  }
  if (mine !== drawing) return;
  view.replaceChildren(root);
  document.title = `entente: ${st.view}`;
  document.body.dataset.ready = st.view; // the browser tests wait for this
}

/** What a view may do: change the state (and draw again), or show an error. */
const nav = {
  go(patch, replace = false) {
    const st = { ...readState(), ...patch };
    for (const k of Object.keys(st)) if (st[k] === undefined || st[k] === '') delete st[k];
    writeState(st, replace);
    draw();
  },
  error: showError,
};

form.elements.root.append(...ROOTS.map(([code, name]) => h('option', { value: code }, `${code} ${name}`)));
form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  if (!form.reportValidity()) return;
  const patch = { cursor: undefined, period: undefined };
  for (const k of FILTERS) patch[k] = form.elements[k].value.trim().toUpperCase() || undefined;
  for (const k of ['from', 'to']) patch[k] = form.elements[k].value || undefined;
  nav.go(patch);
});
document.getElementById('clear').addEventListener('click', () => {
  const patch = { cursor: undefined, period: undefined };
  for (const k of FILTERS) patch[k] = undefined;
  nav.go(patch);
});
document.getElementById('tabs').addEventListener('click', (ev) => {
  const a = ev.target.closest('a[data-view]');
  if (!a) return;
  ev.preventDefault();
  nav.go({ view: a.dataset.view, period: undefined, cursor: undefined });
});
window.addEventListener('popstate', draw);

// The store grows while the page is open (serve --watch, POSTed
// documents): the overview is asked again every few seconds while the page
// is in view, and new events are offered, not forced on a reader mid-view.
const store = document.getElementById('store');
const fresh = document.getElementById('fresh');
const POLL_MS = 5000;

function showStore(ov) {
  store.textContent = `${ov.documents} documents, ${ov.events} events${ov.from ? `, ${ov.from} to ${ov.to}` : ''}`;
  store.dataset.events = ov.events;
  if (ov.to) store.dataset.to = ov.to;
  fresh.hidden = true;
}

async function poll() {
  if (document.visibilityState !== 'visible' || store.dataset.events === undefined) return;
  try {
    const ov = await api('overview');
    const was = Number(store.dataset.events);
    if (ov.events === was) return;
    fresh.querySelector('span').textContent = `The store has changed: ${ov.events} events now, ${was} when this page was drawn.`;
    fresh.dataset.events = ov.events;
    fresh.hidden = false;
  } catch {
    // the server is away for a moment: the next poll will tell
  }
}

// a period ending with the store's latest event fills the dates and applies them
form.elements.period.addEventListener('change', () => {
  const days = Number(form.elements.period.value);
  const last = store.dataset.to;
  form.elements.period.value = '';
  if (!days || !last) return;
  const d = new Date(last + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + 1 - days);
  form.elements.from.value = d.toISOString().slice(0, 10);
  form.elements.to.value = last;
  form.requestSubmit();
});

fresh.querySelector('button').addEventListener('click', () => {
  api('overview').then(showStore).catch(showError);
  draw();
});
api('overview').then(showStore).catch(showError);
setInterval(poll, POLL_MS);
draw();
