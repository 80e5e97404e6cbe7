// view_events.js -- the events table: each event with its sentence, the
// actor and verb words marked, and the coder's explanation a click away.
// A page at a time, with the API's cursor.
import { api, eventFilters } from './api.js';
import { QUADS } from './cameo.js';
import { h } from './dom.js';
import { explainPanel, markedSentence } from './sentence.js';

const PAGE = 50;

/** A table of events (each with sentence and spans) into an element. */
export function eventsTable(events, onError) {
  const body = h('tbody');
  for (const e of events) {
    const row = h('tr', { class: 'event', 'data-code': e.code, 'data-quad': e.quad },
      h('td', {}, e.date ?? ''),
      h('td', { class: 'code' }, `${e.source} → ${e.target}`),
      h('td', { class: 'code', title: e.pattern || 'the verb\'s own code' }, e.code),
      h('td', { class: `q${e.quad}`, title: QUADS[e.quad] }, e.quad),
      h('td', { class: 'num' }, Number(e.goldstein).toFixed(1)),
      h('td', { class: 'sentence' }, markedSentence(e.sentence, e.spans)),
      h('td', {}, h('button', { type: 'button', class: 'explain' }, 'explain')));
    const button = row.querySelector('button.explain');
    let open = null;
    button.addEventListener('click', async () => {
      if (open) {
        open.remove();
        open = null;
        return;
      }
      button.disabled = true;
      try {
        const panel = await explainPanel(e.sentence, e.date);
        open = h('tr', { class: 'explain' }, h('td', { colspan: 7 }, panel));
        row.after(open);
      } catch (err) {
        onError(err);
      } finally {
        button.disabled = false;
      }
    });
    body.append(row);
  }
  return h('table', { class: 'events' },
    h('thead', {}, h('tr', {}, ['date', 'source → target', 'code', 'quad', 'Goldstein', 'sentence (source, target, verb marked)', '']
      .map((t, i) => h('th', { class: i === 4 ? 'num' : null }, t)))),
    body);
}

export async function renderEvents(root, st, nav) {
  const page = await api('events', { ...eventFilters(st), limit: PAGE, cursor: st.cursor, sentences: 'true' });
  const events = page.events;
  const what = [st.a && st.b ? `${st.a} and ${st.b}` : st.a, st.root && `root ${st.root}`, st.quad && `QuadClass ${st.quad}`,
    st.from && `from ${st.from}`, st.to && `to ${st.to}`].filter(Boolean).join(', ');
  root.append(h('h2', {}, 'Events', what ? ` (${what})` : ''));
  root.append(h('p', { class: 'muted', id: 'events-count', 'data-count': events.length },
    `${events.length} event(s) on this page${st.cursor ? '' : ', from the first'}.`));
  root.append(eventsTable(events, nav.error));
  const pager = h('div', { class: 'pager' });
  // the same events, every page of them up to a thousand, for a spreadsheet
  const csv = new URLSearchParams(Object.entries({ ...eventFilters(st), format: 'csv', limit: 1000 }).filter(([, v]) => v));
  pager.append(h('a', { href: `/api/v1/events?${csv}`, download: 'events.csv', id: 'events-csv' }, 'CSV (up to 1000 events)'));
  if (st.cursor) pager.append(h('button', { type: 'button', onclick: () => nav.go({ cursor: undefined }) }, 'First page'));
  if (page.next) pager.append(h('button', { type: 'button', id: 'next-page', onclick: () => nav.go({ cursor: page.next }) }, 'Next page'));
  root.append(pager);
}
