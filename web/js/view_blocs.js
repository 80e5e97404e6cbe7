// view_blocs.js -- blocs as a network: the communities of the graph of
// cooperation and conflict between states, each bloc's members together
// on a circle, ties green for cooperation and red for conflict, wider
// for more weight.  A click on a tie opens the dyad.
import { api } from './api.js';
import { h, num, pressable, s } from './dom.js';

export async function renderBlocs(root, st, nav) {
  const min = /^[0-9]{1,9}$/.test(st.min ?? '') ? st.min : '2';
  const weight = st.weight === 'count' ? 'count' : 'goldstein';
  const res = await api('blocs', { from: st.from, to: st.to, min_events: min, weight });
  root.append(h('div', { class: 'row' }, h('h2', {}, 'Blocs'),
    h('label', {}, 'ties of at least ', h('select', { id: 'blocs-min', onchange: (ev) => nav.go({ min: ev.target.value }) },
      ['1', '2', '3', '5', '10'].map((m) => h('option', { value: m, selected: m === min }, m))), ' events'),
    h('label', {}, 'weighed by ', h('select', { id: 'blocs-weight', onchange: (ev) => nav.go({ weight: ev.target.value }) },
      h('option', { value: 'goldstein', selected: weight === 'goldstein' }, 'Goldstein sum'),
      h('option', { value: 'count', selected: weight === 'count' }, 'cooperation minus conflict events')))));
  if (!res.rows.length) {
    root.append(h('p', { id: 'blocs-empty' }, 'No ties in this period.'));
    return;
  }
  // nodes in bloc order around the circle, a gap between blocs
  const nodes = [];
  const blocOf = new Map();
  for (const b of res.rows) {
    for (const m of b.member_list) {
      blocOf.set(m, b.bloc);
      nodes.push(m);
    }
  }
  const ties = new Map();
  for (const b of res.rows)
    for (const t of [...b.internal, ...b.cross]) ties.set(`${t.a}|${t.b}`, t);
  const W = 760, H = 620, cx = W / 2, cy = H / 2 - 10, R = Math.min(W, H) / 2 - 70;
  const slots = nodes.length + res.rows.length;
  const pos = new Map();
  let k = 0, prev = null;
  for (const m of nodes) {
    if (prev !== null && blocOf.get(m) !== prev) k++;
    prev = blocOf.get(m);
    const ang = (2 * Math.PI * k) / slots - Math.PI / 2;
    pos.set(m, [cx + R * Math.cos(ang), cy + R * Math.sin(ang), ang]);
    k++;
  }
  const maxW = Math.max(1, ...[...ties.values()].map((t) => Math.abs(t.weight)));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, id: 'blocs-graph', role: 'img', 'aria-label': 'blocs network' });
  for (const t of ties.values()) {
    const [x1, y1] = pos.get(t.a) ?? [];
    const [x2, y2] = pos.get(t.b) ?? [];
    if (x1 === undefined || x2 === undefined) continue;
    const kind = t.sign === '+' ? 'coop' : t.sign === '-' ? 'conflict' : 'neutral';
    const path = `M${x1},${y1} Q${cx},${cy} ${x2},${y2}`;
    svg.append(s('path', { class: `tie edge ${kind}`, d: path, 'stroke-width': 1 + 5 * Math.sqrt(Math.abs(t.weight) / maxW),
      'data-a': t.a, 'data-b': t.b, ...pressable(`${t.a} and ${t.b}: the dyad`, () => nav.go({ view: 'dyad', a: t.a, b: t.b, period: undefined })) },
    s('title', {}, `${t.a}–${t.b}: weight ${num(t.weight, 1)} (${t.cooperation} cooperation, ${t.conflict} conflict, ${t.neutral} neutral)`)));
  }
  const palette = ['#2b5fa8', '#b5651d', '#6a3d9a', '#1f7f7a', '#a8326e', '#5b6b1f', '#8a5a00', '#37474f'];
  const blocIx = new Map(res.rows.map((b, i) => [b.bloc, i]));
  for (const m of nodes) {
    const [x, y, ang] = pos.get(m);
    const lx = cx + (R + 16) * Math.cos(ang), ly = cy + (R + 16) * Math.sin(ang);
    svg.append(s('g', { class: 'node', 'data-code': m, 'data-bloc': blocOf.get(m) },
      s('circle', { cx: x, cy: y, r: 7, fill: palette[blocIx.get(blocOf.get(m)) % palette.length],
        ...pressable(`${m}: its relations on the map`, () => nav.go({ view: 'map', a: m, b: undefined })) }, s('title', {}, `${m}: bloc ${blocOf.get(m)}`)),
      s('text', { x: lx, y: ly + 4, 'text-anchor': Math.cos(ang) < -0.1 ? 'end' : Math.cos(ang) > 0.1 ? 'start' : 'middle' }, m)));
  }
  root.append(h('p', { class: 'legend' },
    h('span', {}, h('i', { class: 'swatch coop' }), 'cooperation tie'),
    h('span', {}, h('i', { class: 'swatch conflict' }), 'conflict tie'),
    h('span', { class: 'muted' }, weight === 'count' ? 'weight: the pair\'s cooperation events minus its conflict events'
      : 'weight: the Goldstein sum of the pair\'s events', '; click a tie for its dyad')));
  root.append(h('div', { class: 'row' }, h('div', { class: 'panel grow' }, svg),
    h('div', { class: 'panel side' }, h('h3', {}, `${res.rows.length} bloc(s), ${nodes.length} actor(s), ${ties.size} tie(s)`),
      h('ol', { id: 'blocs-list' }, res.rows.map((b) => h('li', { 'data-bloc': b.bloc, 'data-size': b.size },
        h('span', { class: 'code' }, b.member_list.join(' ')),
        b.internal.length ? h('span', { class: 'muted' }, ` · ${b.internal.length} internal tie(s)`) : ''))))));
}
