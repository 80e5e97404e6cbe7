// dash-world.mjs -- the dashboard's world map: world-atlas's 1:110m
// countries (TopoJSON) with each country's id turned from its ISO 3166-1
// numeric code into the alpha-3 code that entente's actors use, by the
// table of Debian's iso-codes.  Kosovo, which ISO leaves out, takes
// CAMEO's KSV, as entente's own dictionary names it.
//
//   node scripts/dash-world.mjs ISO_3166-1.json OUT.json
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [isoPath, outPath] = process.argv.slice(2);
if (!isoPath || !outPath) {
  console.error('usage: node scripts/dash-world.mjs ISO_3166-1.json OUT.json');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const world = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
const iso = JSON.parse(readFileSync(isoPath, 'utf8'))['3166-1'];
const alpha3 = new Map(iso.map((c) => [c.numeric, c.alpha_3]));
const named = { Kosovo: 'KSV' };

let coded = 0;
for (const g of world.objects.countries.geometries) {
  const code = alpha3.get(g.id) ?? named[g.properties?.name];
  g.properties = { name: g.properties?.name ?? '' };
  if (code) {
    g.id = code;
    coded++;
  } else {
    delete g.id;
  }
}
// a table that matched nothing would draw a map no event can colour
if (coded < 150) {
  console.error(`dash-world.mjs: only ${coded} countries found a code in ${isoPath}`);
  process.exit(1);
}
writeFileSync(outPath, JSON.stringify(world));
