// view_trends.js -- what changed: the directed dyads whose cooperation or
// conflict in the last window departs most from their own history, each
// with the sentences behind the change and its events a click away.
import { api } from './api.js';
import { h, num, s } from './dom.js';

/** A small line of the baseline windows' counts, then the current one. */
function sparkline(history, current) {
  const vals = [...history, current];
  const W = 120, H = 28, max = Math.max(1, ...vals);
  const x = (i) => 2 + (i * (W - 4)) / Math.max(vals.length - 1, 1);
  const y = (v) => H - 3 - (v / max) * (H - 6);
  return s('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': `history ${vals.join(', ')}` },
    s('polyline', { class: 'gline', points: vals.map((v, i) => `${x(i)},${y(v)}`).join(' ') }),
    s('circle', { class: 'gdot', cx: x(vals.length - 1), cy: y(current), r: 3 }));
}

function addDays(date, n) {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export async function renderTrends(root, st, nav) {
  const win = /^[0-9]{1,4}[dw]$/.test(st.window ?? '') ? st.window : '7d';
  const min = /^[0-9]{1,9}$/.test(st.min ?? '') ? st.min : '2';
  const [res, ov] = await Promise.all([api('trends', { window: win, min_events: min, top: 20, to: st.to }), api('overview')]);
  const days = Number(win.slice(0, -1)) * (win.endsWith('w') ? 7 : 1);
  const end = st.to ?? ov.to;
  const start = end ? addDays(end, 1 - days) : undefined;
  const controls = h('div', { class: 'row' },
    h('h2', {}, 'What changed', end ? ` in the ${days} days to ${end}` : ''),
    h('label', {}, 'window ', h('select', { id: 'trends-window', onchange: (ev) => nav.go({ window: ev.target.value }) },
      ['7d', '14d', '30d', '90d', '365d'].map((w) => h('option', { value: w, selected: w === win }, w)))),
    h('label', {}, 'at least ', h('select', { id: 'trends-min', onchange: (ev) => nav.go({ min: ev.target.value }) },
      ['1', '2', '5', '10'].map((m) => h('option', { value: m, selected: m === min }, m))), ' events'));
  root.append(controls);
  root.append(h('p', { class: 'muted' }, 'Each directed dyad\'s events in the window against the windows before it ',
    '(z: how many standard deviations away); neutral statements and appeals are counted apart.'));
  if (!res.rows.length) {
    root.append(h('p', { id: 'trends-empty' }, 'Nothing departs from its history in this window.'));
    return;
  }
  const list = h('div', { id: 'trends-list' });
  for (const r of res.rows) {
    const [src, tgt] = r.dyad.split('->');
    const card = h('section', { class: `panel change ${r.group}`, 'data-dyad': r.dyad, 'data-z': num(r.z, 2), 'data-current': r.current },
      h('header', {},
        h('strong', { class: 'code' }, r.dyad.replace('->', ' → ')),
        h('span', {}, r.group),
        h('span', { class: r.change }, r.change === 'up' ? '▲ up' : '▼ down'),
        h('span', {}, `${r.current} event(s) now, ${num(r.baseline_mean, 2)} before on average (sd ${num(r.baseline_sd, 2)}), z ${num(r.z, 2)}`),
        sparkline(r.history ?? [], r.current)),
      (r.examples ?? []).map((e) => h('blockquote', {},
        h('span', { class: 'code' }, `${e.date} ${e.source} → ${e.target} ${e.code} (${num(e.goldstein, 1)}) `), e.text)),
      h('button', { type: 'button', class: 'link', onclick: () => nav.go({ view: 'events', a: src, b: tgt, from: start, to: end, cursor: undefined }) },
        `all events between ${src} and ${tgt} in the window`));
    list.append(card);
  }
  root.append(list);
}
