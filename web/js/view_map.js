// view_map.js -- the world map of a period: each country shaded by its
// events (as source or target); a click on a country lists its relations
// (every partner, cooperation and conflict, from the events that match the
// filters) and draws them on the map.
import { feature } from 'topojson-client';
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { api } from './api.js';
import { countryOf, group } from './cameo.js';
import { h, num, pressable, s } from './dom.js';

let world = null; // the map, fetched once: it never changes

async function loadWorld() {
  if (!world) {
    const res = await fetch('/world.json');
    if (!res.ok) throw new Error(`world map: HTTP ${res.status}`);
    world = feature(await res.json(), 'countries');
  }
  return world;
}

/** A colour from pale to dark blue for t in [0, 1]. */
function shade(t) {
  const lo = [220, 232, 246], hi = [20, 66, 140];
  const c = lo.map((v, i) => Math.round(v + (hi[i] - v) * t));
  return `rgb(${c.join(',')})`;
}

/** A country's relations from the events it takes part in: per partner
 * country, events by group and the Goldstein mean. */
export async function relations(code, st) {
  const page = await api('events', { actor: code, from: st.from, to: st.to, root: st.root, quad: st.quad, limit: 1000 });
  const by = new Map();
  for (const e of page.events) {
    const src = countryOf(e.source), tgt = countryOf(e.target);
    const other = src === code ? tgt : src;
    if (other === code) continue;
    const r = by.get(other) ?? { partner: other, events: 0, cooperation: 0, conflict: 0, neutral: 0, gsum: 0 };
    r.events++;
    r[group(e)]++;
    r.gsum += e.goldstein;
    by.set(other, r);
  }
  return { rows: [...by.values()].sort((x, y) => y.events - x.events || x.partner.localeCompare(y.partner)), more: !!page.next };
}

export async function renderMap(root, st, nav) {
  const [countries, actors] = await Promise.all([
    loadWorld(),
    api('actors', { from: st.from, to: st.to, level: 'country', top: 1000 }),
  ]);
  const counts = new Map(actors.rows.map((r) => [r.actor, r]));
  const names = new Map(countries.features.filter((f) => f.id).map((f) => [f.id, f.properties.name]));
  const max = Math.max(1, ...actors.rows.map((r) => r.events));
  const W = 960, H = 500;
  const projection = geoNaturalEarth1().fitSize([W, H], { type: 'Sphere' });
  const path = geoPath(projection);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, id: 'world-map', role: 'img', 'aria-label': 'world map of events' });
  svg.append(s('path', { d: path({ type: 'Sphere' }), fill: '#f0f4f8' }));
  const selected = st.a && names.has(st.a) ? st.a : null;
  let shown = 0;
  for (const f of countries.features) {
    const r = f.id ? counts.get(f.id) : null;
    if (r) shown++;
    const attrs = {
      class: `country${r ? '' : ' none'}${f.id === selected ? ' selected' : ''}`,
      d: path(f), 'data-code': f.id ?? '', 'data-events': r ? r.events : 0,
      fill: r ? shade(Math.sqrt(r.events / max)) : null,
    };
    if (f.id) Object.assign(attrs, pressable(`${f.properties.name}: its relations`, () => nav.go({ a: f.id, b: undefined })));
    svg.append(s('path', attrs, s('title', {}, `${f.properties.name}${f.id ? ` (${f.id})` : ''}: ${r ? r.events : 0} event(s)`)));
  }
  const side = h('div', { class: 'panel side', id: 'relations' });
  const ties = s('g', { class: 'ties' });
  svg.append(ties);
  root.append(h('h2', {}, 'Events by country'),
    h('p', { class: 'muted', id: 'map-summary', 'data-countries': shown },
      `${shown} countries on the map with events${st.from || st.to ? ` from ${st.from ?? 'the first'} to ${st.to ?? 'the last'}` : ''}; `,
      'darker: more events as source or target. Click a country for its relations',
      st.root || st.quad ? ' (the CAMEO root and QuadClass filters narrow the relations, not the shading).' : '.'),
    h('div', { class: 'row' }, h('div', { class: 'panel grow' }, svg), side));
  if (!selected) {
    side.append(h('p', { class: 'muted' }, 'No country chosen.'));
    const top = actors.rows.filter((r) => names.has(r.actor)).slice(0, 10);
    side.append(h('h3', {}, 'Most active'), h('ol', {}, top.map((r) =>
      h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => nav.go({ a: r.actor, b: undefined }) }, names.get(r.actor)),
        ` ${r.events} (${r.cooperation} cooperation, ${r.conflict} conflict)`))));
    return;
  }
  const rel = await relations(selected, st);
  const centroid = (code) => {
    const f = countries.features.find((x) => x.id === code);
    return f ? path.centroid(f) : null;
  };
  const from = centroid(selected);
  for (const r of rel.rows) {
    const to = centroid(r.partner);
    if (!from || !to || Number.isNaN(to[0])) continue;
    const kind = r.conflict > r.cooperation ? 'conflict' : r.cooperation > r.conflict ? 'coop' : 'neutral';
    const mx = (from[0] + to[0]) / 2, my = (from[1] + to[1]) / 2 - Math.hypot(to[0] - from[0], to[1] - from[1]) / 5;
    ties.append(s('path', { class: `tie ${kind}`, d: `M${from[0]},${from[1]} Q${mx},${my} ${to[0]},${to[1]}`,
      'stroke-width': 1 + Math.min(5, Math.sqrt(r.events)), 'data-partner': r.partner }));
  }
  side.append(h('h3', {}, `${names.get(selected)} (${selected})`),
    h('p', { class: 'muted' }, `${rel.rows.length} partner(s)${rel.more ? ' in its first 1000 events' : ''}; the line's colour: cooperation or conflict, whichever is more.`));
  side.append(h('table', { id: 'relations-table' },
    h('thead', {}, h('tr', {}, ['partner', 'coop.', 'confl.', 'neutral', 'Goldstein', ''].map((t, i) => h('th', { class: i && i < 5 ? 'num' : null }, t)))),
    h('tbody', {}, rel.rows.map((r) => h('tr', { 'data-partner': r.partner, 'data-events': r.events },
      h('td', {}, names.get(r.partner) ?? r.partner),
      h('td', { class: 'num q1' }, r.cooperation), h('td', { class: 'num q4' }, r.conflict), h('td', { class: 'num' }, r.neutral),
      h('td', { class: 'num' }, num(r.gsum / r.events, 2)),
      h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => nav.go({ view: 'dyad', a: selected, b: r.partner, period: undefined }) }, 'dyad')))))));
}
