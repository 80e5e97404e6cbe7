// dashboard.mjs -- the dashboard in a real browser: headless Chromium,
// driven by puppeteer-core, on `entente serve` over a store made from the
// bundled sample, on a loopback port the kernel picks.  Each view must
// load with no console error and show the numbers the API and the
// commands give for the same store; the filters must change the URL and
// the data; a screenshot of each view is written to BUILD/e2e/.
//
// Last line: "E2E-CHECKS P passed, F failed, S skipped".
//
//   node tests/e2e/dashboard.mjs BUILD CHROMIUM
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';

const [build = 'build', chromium = '/usr/bin/chromium'] = process.argv.slice(2);
const entente = join(build, 'entente');
const shots = join(build, 'e2e');
const sample = 'examples/news/sample.jsonl';
const TIMEOUT = 20000;

let passed = 0, failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`e2e ok: ${name}`);
  } catch (err) {
    failed++;
    console.log(`e2e FAILED: ${name}: ${err?.message ?? err}`);
  }
}

/** What a command prints, as JSON lines or one JSON document. */
function cli(args) {
  const out = execFileSync(entente, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/** A server on the store, watching inbox; resolves to {base, proc} once it listens. */
function serve(db, inbox) {
  return new Promise((resolve, reject) => {
    const proc = spawn(entente, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--cache', '0', '--watch', inbox], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no port from entente serve: ${err}`)), TIMEOUT);
    proc.stderr.on('data', (d) => {
      err += d;
      const m = err.match(/at (http:\/\/127\.0\.0\.1:[0-9]+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ base: m[1], proc });
      }
    });
    proc.on('exit', (code) => reject(new Error(`entente serve exited (${code}): ${err}`)));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'entente-e2e-'));
const db = join(dir, 'sample.db');
const inbox = join(dir, 'inbox');
mkdirSync(shots, { recursive: true });
mkdirSync(inbox);
execFileSync(entente, ['ingest', '--db', db, sample], { stdio: 'ignore' });
const { base, proc } = await serve(db, inbox);
const api = async (path) => {
  const res = await fetch(`${base}/api/v1/${path}`);
  assert.equal(res.status, 200, `${path}: HTTP ${res.status}`);
  return res.json();
};

let browser;
try {
  browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    // root in a container has no user namespaces for Chromium's sandbox
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
} catch (err) {
  proc.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
  console.log(`e2e FAILED: Chromium did not start: ${err.message}`);
  console.log('E2E-CHECKS 0 passed, 1 failed, 0 skipped');
  process.exit(1);
}
const page = await browser.newPage();
await page.setViewport({ width: 1280, height: 900 });
page.setDefaultTimeout(TIMEOUT);
const problems = [];
page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });

/** Open a state of the page and wait until its view is drawn, without errors. */
async function open(query, view) {
  problems.length = 0;
  await page.goto(`${base}/${query}`);
  await ready(view);
}
async function ready(view) {
  await page.waitForSelector(`body[data-ready="${view}"]`);
  const shown = await page.$eval('#error', (e) => (e.hidden ? '' : e.textContent));
  assert.equal(shown, '', `the page shows an error: ${shown}`);
  assert.deepEqual(problems, [], 'console errors or failed requests');
}
const query = () => new URL(page.url()).searchParams;
const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`) });

try {
  await check('map: each country shaded by its events, as /api/v1/actors counts them', async () => {
    await open('', 'map');
    const actors = (await api('actors?level=country&top=1000')).rows;
    const onMap = await page.$$eval('path.country', (ps) => ps.map((p) => [p.dataset.code, Number(p.dataset.events)]));
    const shown = new Map(onMap.filter(([c]) => c));
    let matched = 0;
    for (const r of actors) {
      if (!shown.has(r.actor)) continue;
      assert.equal(shown.get(r.actor), r.events, `${r.actor}`);
      matched++;
    }
    assert.ok(matched >= 20, `only ${matched} countries matched`);
    assert.equal(onMap.filter(([, n]) => n > 0).length, matched);
    assert.equal(await page.$eval('#map-summary', (e) => Number(e.dataset.countries)), matched);
    // the header counts the store as `entente overview` does
    const [ov] = cli(['overview', '--db', db, '--format', 'json']);
    await page.waitForSelector('#store[data-events]');
    assert.equal(await page.$eval('#store', (e) => Number(e.dataset.events)), ov.events);
    await shot('map');
  });

  await check('map: a click on a country opens its relations, counted as the events say', async () => {
    await page.click('path.country[data-code="IRN"]');
    await ready('map');
    assert.equal(query().get('a'), 'IRN');
    const rows = await page.$$eval('#relations-table tbody tr', (trs) => trs.map((t) => [t.dataset.partner, Number(t.dataset.events)]));
    const evs = (await api('events?actor=IRN&limit=1000')).events;
    const want = new Map();
    const country = (c) => (c.startsWith('IGO') ? c.slice(0, 6) : c.slice(0, 3));
    for (const e of evs) {
      const other = country(e.source) === 'IRN' ? country(e.target) : country(e.source);
      if (other !== 'IRN') want.set(other, (want.get(other) ?? 0) + 1);
    }
    assert.ok(rows.length >= 3);
    assert.deepEqual(new Map(rows), want);
    assert.ok((await page.$$('#world-map path.tie')).length >= 1, 'no relation drawn');
    await shot('map-relations');
  });

  await check('dyad: the series in the table is `entente dyad`, both directions', async () => {
    await open('?view=dyad&a=RUS&b=UKR&by=quarter', 'dyad');
    const got = await page.$$eval('#dyad-table tbody tr', (trs) => trs.map((t) =>
      [t.dataset.period, t.dataset.direction, ...['cooperation', 'conflict', 'neutral', 'events'].map((k) => Number(t.querySelector(`.${k}`).textContent)),
        t.querySelector('.goldstein').textContent]));
    const want = cli(['dyad', 'RUS', 'UKR', '--db', db, '--by', 'quarter', '--format', 'jsonl']).map((r) =>
      [r.period, r.direction, r.cooperation, r.conflict, r.neutral, r.events, r.goldstein_mean === null ? '' : r.goldstein_mean.toFixed(2)]);
    assert.ok(want.length >= 3);
    assert.deepEqual(got, want);
    const dirs = new Set(got.map((r) => r[1]));
    assert.ok(dirs.has('RUS->UKR') && dirs.has('UKR->RUS'), 'both directions');
    assert.ok((await page.$$('#dyad-chart rect.bar')).length >= 2);
    await shot('dyad');
  });

  await check('dyad: a click on a period shows the events behind it', async () => {
    const period = await page.$eval('#dyad-chart g.pgroup', (g) => g.dataset.period);
    await page.click(`#dyad-chart g.pgroup[data-period="${period}"] rect.period`);
    await ready('dyad');
    assert.equal(query().get('period'), period);
    const n = await page.$eval('#period-events', (e) => Number(e.dataset.count));
    const q = Number(period.slice(5));
    const y = period.slice(0, 4);
    const last = new Date(Date.UTC(Number(y), 3 * q, 0)).toISOString().slice(0, 10);
    const want = (await api(`events?dyad=RUS,UKR&from=${y}-${String(3 * q - 2).padStart(2, '0')}-01&to=${last}&limit=1000`)).events;
    assert.ok(want.length > 0);
    assert.equal(n, want.length);
    assert.equal((await page.$$('table.events tr.event')).length, want.length);
    await shot('dyad-period');
  });

  await check('dyad: an actor alone opens with its busiest partner, no actor with the busiest dyad', async () => {
    await open('?view=dyad&a=IRN', 'dyad');
    const evs = (await api('events?actor=IRN&limit=1000')).events;
    const n = new Map();
    for (const e of evs) {
      const other = e.source.startsWith('IRN') ? e.target.slice(0, 3) : e.source.slice(0, 3);
      if (other !== 'IRN') n.set(other, (n.get(other) ?? 0) + 1);
    }
    const top = [...n].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0][0];
    assert.equal(query().get('b'), top);
    await open('?view=dyad', 'dyad');
    const [busiest] = cli(['overview', '--db', db, '--format', 'json'])[0].dyads;
    assert.equal(query().get('a'), busiest.source);
    assert.equal(query().get('b'), busiest.target);
  });

  await check('trends: the changes are /api/v1/trends\' rows, with their sentences', async () => {
    await open('?view=trends&window=90d&min=2', 'trends');
    const got = await page.$$eval('#trends-list section', (ss) => ss.map((x) => [x.dataset.dyad, x.dataset.z, Number(x.dataset.current), x.querySelectorAll('blockquote').length]));
    const rows = (await api('trends?window=90d&min_events=2&top=20')).rows;
    assert.ok(rows.length >= 1);
    assert.deepEqual(got, rows.map((r) => [r.dyad, r.z.toFixed(2), r.current, r.examples.length]));
    await shot('trends');
  });

  await check('blocs: one node per member and one tie per pair, as /api/v1/blocs gives them', async () => {
    await open('?view=blocs&min=2', 'blocs');
    const rows = (await api('blocs?min_events=2')).rows;
    const members = rows.flatMap((b) => b.member_list);
    const nodes = await page.$$eval('#blocs-graph g.node', (gs) => gs.map((g) => g.dataset.code));
    assert.deepEqual([...nodes].sort(), [...members].sort());
    const ties = new Set(rows.flatMap((b) => [...b.internal, ...b.cross]).map((t) => `${t.a}|${t.b}`));
    assert.equal((await page.$$('#blocs-graph path.edge')).length, ties.size);
    assert.equal((await page.$$('#blocs-list li')).length, rows.length);
    await shot('blocs');
    // weighed by counts: the blocs the API gives for counts
    await Promise.all([page.waitForSelector('body[data-ready=""]'), page.select('#blocs-weight', 'count')]);
    await ready('blocs');
    assert.equal(query().get('weight'), 'count');
    const byCount = (await api('blocs?min_events=2&weight=count')).rows;
    assert.deepEqual(await page.$$eval('#blocs-list li', (li) => li.map((x) => Number(x.dataset.size))), byCount.map((b) => b.size));
    // a tie is a button: Enter on it opens its dyad
    const [a, b] = await page.$eval('#blocs-graph path.edge', (e) => [e.dataset.a, e.dataset.b]);
    await page.$eval('#blocs-graph path.edge', (e) => e.focus());
    await page.keyboard.press('Enter');
    await ready('dyad');
    assert.equal(query().get('a'), a);
    assert.equal(query().get('b'), b);
    assert.ok((await page.$$('#dyad-table tbody tr')).length > 0);
  });

  await check('events: each sentence with its actor and verb words marked from their offsets', async () => {
    await open('?view=events&a=RUS&b=UKR', 'events');
    const want = (await api('events?dyad=RUS,UKR&limit=50&sentences=true')).events;
    const got = await page.$$eval('table.events tr.event', (trs) => trs.map((t) => ({
      text: t.querySelector('td.sentence').textContent,
      marks: Object.fromEntries([...t.querySelectorAll('mark')].map((m) => [m.className, m.textContent])),
    })));
    assert.equal(got.length, want.length);
    const enc = new TextEncoder(), dec = new TextDecoder();
    let marked = 0;
    want.forEach((e, i) => {
      assert.equal(got[i].text, e.sentence);
      const bytes = enc.encode(e.sentence);
      for (const role of ['source', 'target', 'verb']) {
        const sp = e.spans[role];
        if (!sp) continue;
        assert.equal(got[i].marks[role], dec.decode(bytes.subarray(sp[0], sp[1])), `event ${i} ${role}`);
        marked++;
      }
    });
    assert.ok(marked >= want.length * 2, `only ${marked} words marked`);
    // the CSV link gives the same events
    const href = await page.$eval('#events-csv', (a) => a.getAttribute('href'));
    const csv = await (await fetch(base + href)).text();
    assert.equal(csv.trim().split('\n').length - 1, want.length);
    await shot('events');
  });

  await check('events: explain shows what the coder makes of the sentence', async () => {
    await page.click('table.events tr.event button.explain');
    await page.waitForSelector('tr.explain pre.trace');
    const text = await page.$eval('tr.explain', (e) => e.textContent);
    assert.match(text, /status: coded/);
    assert.match(text, /RUS|UKR/);
    assert.deepEqual(problems, []);
    await shot('events-explain');
  });

  await check('filters: QuadClass and dates change the URL and the rows; back goes back', async () => {
    await open('?view=events&a=RUS&b=UKR', 'events');
    const before = await page.$$eval('table.events tr.event', (t) => t.length);
    await page.select('#filters select[name="quad"]', '4');
    await page.$eval('#filters input[name="from"]', (e) => { e.value = '2022-01-01'; });
    await Promise.all([page.waitForSelector('body[data-ready=""]'), page.click('#filters button[type="submit"]')]);
    await ready('events');
    assert.equal(query().get('quad'), '4');
    assert.equal(query().get('from'), '2022-01-01');
    const quads = await page.$$eval('table.events tr.event', (t) => t.map((r) => r.dataset.quad));
    const want = (await api('events?dyad=RUS,UKR&quad=4&from=2022-01-01&limit=50')).events;
    assert.equal(quads.length, want.length);
    assert.ok(quads.length < before, 'the filter took nothing away');
    assert.ok(quads.every((q) => q === '4'));
    await shot('events-filtered');
    // the state is in the URL: a reload shows the same rows
    await page.reload();
    await ready('events');
    assert.equal((await page.$$('table.events tr.event')).length, want.length);
    await page.goBack();
    await ready('events');
    assert.equal(query().get('quad'), null);
    assert.equal((await page.$$('table.events tr.event')).length, before);
  });

  await check('filters: a period ending at the latest event sets the dates and the map\'s counts', async () => {
    await open('?view=map', 'map');
    await page.waitForSelector('#store[data-to]');
    const [ov] = cli(['overview', '--db', db, '--format', 'json']);
    await Promise.all([page.waitForSelector('body[data-ready=""]'), page.select('#period', '365')]);
    await ready('map');
    const d = new Date(ov.to + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() - 364);
    const from = d.toISOString().slice(0, 10);
    assert.equal(query().get('from'), from);
    assert.equal(query().get('to'), ov.to);
    const want = (await api(`actors?level=country&top=1000&from=${from}&to=${ov.to}`)).rows;
    const shown = await page.$$eval('path.country', (ps) => ps.filter((p) => Number(p.dataset.events) > 0).map((p) => [p.dataset.code, Number(p.dataset.events)]));
    const all = (await api('actors?level=country&top=1000')).rows;
    assert.ok(want.length < all.length, 'the period took nothing away');
    const onMap = new Set(await page.$$eval('path.country', (ps) => ps.map((p) => p.dataset.code).filter(Boolean)));
    assert.deepEqual(new Map(shown), new Map(want.filter((r) => onMap.has(r.actor)).map((r) => [r.actor, r.events])));
    await shot('map-period');
  });

  await check('filters: a CAMEO root narrows the map\'s relations and is kept across views', async () => {
    await open('?view=map&a=USA&root=19', 'map');
    const rows = await page.$$eval('#relations-table tbody tr', (trs) => trs.map((t) => Number(t.dataset.events)));
    const evs = (await api('events?actor=USA&root=19&limit=1000')).events;
    assert.equal(rows.reduce((x, y) => x + y, 0), evs.filter((e) => !(e.source.startsWith('USA') && e.target.startsWith('USA'))).length);
    await page.click('#tabs a[data-view="events"]');
    await ready('events');
    assert.equal(query().get('root'), '19');
    const codes = await page.$$eval('table.events tr.event', (t) => t.map((r) => r.dataset.code));
    assert.ok(codes.length > 0 && codes.every((c) => c.startsWith('19')));
  });

  await check('live: a file dropped in the watched directory shows without a restart', async () => {
    await open('?view=events&a=CHL&b=PER', 'events');
    assert.equal((await page.$$('table.events tr.event')).length, 0);
    const before = await api('overview');
    const doc = { id: 'late-1', date: '2026-11-02', text: 'Chile imposed sanctions on Peru on Monday.' };
    writeFileSync(join(inbox, 'late.jsonl'), JSON.stringify(doc) + '\n');
    let after = before;
    for (let i = 0; i < 300 && after.documents === before.documents; i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = await api('overview');
    }
    assert.equal(after.documents, before.documents + 1);
    // the page offers the new events by itself, and shows them on request
    await page.waitForSelector(`#fresh[data-events="${after.events}"]:not([hidden])`);
    await Promise.all([page.waitForSelector('body[data-ready=""]'), page.click('#fresh button')]);
    await ready('events');
    const codes = await page.$$eval('table.events tr.event', (t) => t.map((r) => r.dataset.code));
    assert.deepEqual(codes, (await api('events?dyad=CHL,PER')).events.map((e) => e.code));
    assert.ok(codes.includes('163'));
    await page.waitForSelector(`#store[data-events="${after.events}"]`);
    await shot('live');
  });
} finally {
  await browser.close();
  proc.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
console.log(`screenshots in ${shots}/`);
console.log(`E2E-CHECKS ${passed} passed, ${failed} failed, 0 skipped`);
process.exit(failed ? 1 : 0);
