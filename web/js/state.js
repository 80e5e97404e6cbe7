// state.js -- the page's state lives in its URL (?view=dyad&a=RUS&b=UKR...),
// so that any view can be shared by its address and the browser's back
// button goes back through the views.

const KEYS = ['view', 'from', 'to', 'a', 'b', 'root', 'quad', 'by', 'window', 'min', 'weight', 'period', 'cursor'];
export const VIEWS = ['map', 'dyad', 'trends', 'blocs', 'events'];

/** The state the URL holds: {view, from, to, ...}, absent keys left out. */
export function readState() {
  const p = new URLSearchParams(location.search);
  const st = {};
  for (const k of KEYS) {
    const v = p.get(k);
    if (v) st[k] = v;
  }
  if (!VIEWS.includes(st.view)) st.view = 'map';
  return st;
}

/** The URL's query string for a state. */
export function stateQuery(st) {
  const p = new URLSearchParams();
  for (const k of KEYS) if (st[k]) p.set(k, st[k]);
  return '?' + p.toString();
}

/** Put a state in the URL: a new history entry, or (replace) the current one. */
export function writeState(st, replace = false) {
  const url = stateQuery(st);
  if (url === location.search) return;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
}
