// sentence.js -- an event's sentence with its actor and verb words marked,
// from the byte offsets the events API gives (?sentences=true), and the
// coder's account of the sentence on request (/api/v1/explain).
import { api } from './api.js';
import { h } from './dom.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The sentence as a <span>, the spans {source, target, verb} (byte
 * offsets [begin, end) in its UTF-8, or null) as <mark>s. */
export function markedSentence(sentence, spans) {
  const bytes = encoder.encode(sentence ?? '');
  const marks = Object.entries(spans ?? {})
    .filter(([, sp]) => Array.isArray(sp) && sp[0] >= 0 && sp[1] <= bytes.length && sp[0] < sp[1])
    .sort((x, y) => x[1][0] - y[1][0]);
  const out = h('span', { class: 'sentence-text' });
  let at = 0;
  for (const [role, [b, e]] of marks) {
    if (b < at) continue; // overlapping spans: the first one stays
    out.append(decoder.decode(bytes.subarray(at, b)));
    out.append(h('mark', { class: role, title: role }, decoder.decode(bytes.subarray(b, e))));
    at = e;
  }
  out.append(decoder.decode(bytes.subarray(at)));
  return out;
}

/** What the coder makes of a sentence, as an element: its status, the
 * events it codes and the trace of actors, verbs and patterns. */
export async function explainPanel(sentence, date) {
  const x = await api('explain', { text: sentence, date });
  const events = (x.events ?? []).map((e) =>
    h('li', {}, h('span', { class: 'code' }, `${e.source} → ${e.target} ${e.code}`),
      ` (QuadClass ${e.quad}, Goldstein ${e.goldstein}) `, e.pattern ? h('span', { class: 'muted' }, `pattern ${e.pattern}`) : ''));
  return h('div', { class: 'explain-panel' },
    h('p', {}, h('strong', {}, 'status: '), x.status, ` · ${events.length} event(s) coded now`),
    h('ul', {}, events),
    h('pre', { class: 'trace' }, x.coding ?? ''),
    h('details', {}, h('summary', {}, 'tokens and tree'), h('pre', { class: 'trace' }, x.tree ?? '')));
}
