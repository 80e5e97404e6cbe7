// view_dyad.js -- a dyad over time: for each period, cooperation (up) and
// conflict (down) in both directions, and the mean Goldstein score of
// both; a click on a period shows the events behind it.
import { api } from './api.js';
import { h, num, pressable, s } from './dom.js';
import { relations } from './view_map.js';
import { eventsTable } from './view_events.js';

const BY = ['day', 'week', 'month', 'quarter', 'year'];

/** The first and last day (YYYY-MM-DD) of a period as the dyad route names it. */
export function periodRange(period, by) {
  const pad = (n) => String(n).padStart(2, '0');
  const iso = (d) => d.toISOString().slice(0, 10);
  if (by === 'day') return [period, period];
  if (by === 'week') {
    const d = new Date(period + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + 6);
    return [period, iso(d)];
  }
  if (by === 'year') return [`${period}-01-01`, `${period}-12-31`];
  let y, m0, m1;
  if (by === 'quarter') {
    y = Number(period.slice(0, 4));
    const q = Number(period.slice(5));
    m0 = 3 * q - 2;
    m1 = 3 * q;
  } else {
    y = Number(period.slice(0, 4));
    m0 = m1 = Number(period.slice(5, 7));
  }
  const last = new Date(Date.UTC(y, m1, 0)).getUTCDate();
  return [`${y}-${pad(m0)}-01`, `${y}-${pad(m1)}-${pad(last)}`];
}

function chart(periods, byPeriod, a, b, selected, onPick) {
  const W = 900, H = 300, L = 40, R = 40, T = 16, B = 40;
  const inner = W - L - R, mid = T + (H - T - B) / 2, half = (H - T - B) / 2;
  const ab = `${a}->${b}`, ba = `${b}->${a}`;
  let max = 1;
  for (const p of periods) {
    for (const d of [ab, ba]) {
      const r = byPeriod.get(p)?.get(d);
      if (r) max = Math.max(max, r.cooperation, r.conflict);
    }
  }
  const band = inner / Math.max(periods.length, 1);
  const bw = Math.max(2, Math.min(18, band / 2 - 3));
  const y = (n) => (n / max) * (half - 4);
  const gy = (g) => mid - (g / 10) * (half - 4);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${a} and ${b} over time`, id: 'dyad-chart' });
  svg.append(s('line', { class: 'zero', x1: L, x2: W - R, y1: mid, y2: mid }));
  svg.append(s('text', { x: 4, y: T + 10 }, `${max}`), s('text', { x: 4, y: mid + 4 }, '0'), s('text', { x: 4, y: H - B }, `${max}`));
  svg.append(s('text', { x: W - R + 4, y: T + 10 }, '+10'), s('text', { x: W - R + 4, y: H - B }, '−10'));
  const line = [];
  periods.forEach((p, i) => {
    const x0 = L + i * band;
    const g = s('g', { class: 'pgroup', 'data-period': p });
    g.append(s('rect', { class: `period${p === selected ? ' selected' : ''}`, x: x0, y: T, width: band, height: H - T - B + 14,
      ...pressable(`${p}: its events`, () => onPick(p)) }, s('title', {}, `${p}: click for its events`)));
    [ab, ba].forEach((d, k) => {
      const r = byPeriod.get(p)?.get(d);
      if (!r) return;
      const x = x0 + band / 2 - bw - 1 + k * (bw + 2);
      const back = k ? ' back' : '';
      if (r.cooperation) g.append(s('rect', { class: `bar coop${back}`, x, y: mid - y(r.cooperation), width: bw, height: y(r.cooperation) },
        s('title', {}, `${p} ${d}: ${r.cooperation} cooperation`)));
      if (r.conflict) g.append(s('rect', { class: `bar conflict${back}`, x, y: mid, width: bw, height: y(r.conflict) },
        s('title', {}, `${p} ${d}: ${r.conflict} conflict`)));
    });
    const both = byPeriod.get(p)?.get('both');
    if (both && both.events) line.push([x0 + band / 2, gy(both.goldstein_mean), both.goldstein_mean, p]);
    if (periods.length <= 24 || i % Math.ceil(periods.length / 24) === 0)
      g.append(s('text', { x: x0 + band / 2, y: H - B + 26, 'text-anchor': 'middle' }, p));
    svg.append(g);
  });
  if (line.length) {
    svg.append(s('polyline', { class: 'gline', points: line.map(([x, yy]) => `${x},${yy}`).join(' ') }));
    for (const [x, yy, g, p] of line) svg.append(s('circle', { class: 'gdot', cx: x, cy: yy, r: 3 }, s('title', {}, `${p}: mean Goldstein ${num(g, 2)}`)));
  }
  return svg;
}

export async function renderDyad(root, st, nav) {
  const { a, b } = st;
  if (!a || !b) {
    // an actor alone: its busiest partner; nothing: the store's busiest dyad
    const pair = a ? (await relations(a, st)).rows.slice(0, 1).map((r) => [a, r.partner])
      : ((await api('overview')).dyads ?? []).slice(0, 1).map((d) => [d.source, d.target]);
    if (!pair.length) {
      root.append(h('p', { id: 'dyad-empty' }, a ? `${a} has no partner in this period.` : 'The store holds no dyad yet.'));
      return;
    }
    nav.go({ a: pair[0][0], b: pair[0][1] }, true);
    return;
  }
  const by = BY.includes(st.by) ? st.by : 'month';
  const res = await api('dyad', { a, b, by, from: st.from, to: st.to });
  const byPeriod = new Map();
  for (const r of res.rows) {
    if (!byPeriod.has(r.period)) byPeriod.set(r.period, new Map());
    byPeriod.get(r.period).set(r.direction, r);
  }
  const periods = [...byPeriod.keys()].sort();
  const select = h('select', { id: 'dyad-by', onchange: (ev) => nav.go({ by: ev.target.value, period: undefined }) },
    BY.map((x) => h('option', { value: x, selected: x === by }, `by ${x}`)));
  root.append(h('div', { class: 'row' }, h('h2', {}, `${a} and ${b}`), select,
    h('button', { type: 'button', class: 'link', onclick: () => nav.go({ a: b, b: a }) }, 'swap')));
  root.append(h('p', { class: 'legend' },
    h('span', {}, h('i', { class: 'swatch coop' }), `${a} → ${b} cooperation`),
    h('span', {}, h('i', { class: 'swatch coop back' }), `${b} → ${a} cooperation`),
    h('span', {}, h('i', { class: 'swatch conflict' }), `${a} → ${b} conflict`),
    h('span', {}, h('i', { class: 'swatch conflict back' }), `${b} → ${a} conflict`),
    h('span', {}, h('i', { class: 'swatch goldstein' }), 'mean Goldstein, both directions (right axis)')));
  if (!periods.length) {
    root.append(h('p', { id: 'dyad-empty' }, `No events between ${a} and ${b} in this period.`));
    return;
  }
  const panel = h('div', { class: 'panel' });
  panel.append(chart(periods, byPeriod, a, b, st.period, (p) => nav.go({ period: p })));
  root.append(panel);
  // the figures behind the chart, as a table
  const rows = res.rows.map((r) => h('tr', { class: 'dyad-row', 'data-period': r.period, 'data-direction': r.direction },
    h('td', {}, r.period), h('td', { class: 'code' }, r.direction),
    ...['cooperation', 'conflict', 'neutral', 'events'].map((k) => h('td', { class: `num ${k}` }, r[k])),
    h('td', { class: 'num goldstein' }, num(r.goldstein_mean, 2))));
  const table = h('table', { id: 'dyad-table' },
    h('thead', {}, h('tr', {}, ['period', 'direction', 'cooperation', 'conflict', 'neutral', 'events', 'mean Goldstein']
      .map((t, i) => h('th', { class: i > 1 ? 'num' : null }, t)))),
    h('tbody', {}, rows));
  const side = h('details', {}, h('summary', {}, 'the figures'), table);
  root.append(side);
  if (st.period && byPeriod.has(st.period)) {
    let [from, to] = periodRange(st.period, by);
    if (st.from && st.from > from) from = st.from;
    if (st.to && st.to < to) to = st.to;
    const page = await api('events', { dyad: `${a},${b}`, from, to, root: st.root, quad: st.quad, limit: 200, sentences: 'true' });
    root.append(h('h3', { id: 'period-events', 'data-count': page.events.length },
      `Events of ${st.period} (${from} to ${to}): ${page.events.length}${page.next ? '+' : ''}`));
    root.append(eventsTable(page.events, nav.error));
  } else {
    root.append(h('p', { class: 'muted' }, 'Click a period for the events behind it',
      st.root || st.quad ? ' (the CAMEO root and QuadClass filters narrow those events, not the series).' : '.'));
  }
}
