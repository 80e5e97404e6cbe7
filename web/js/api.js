// api.js -- the JSON API of `entente serve`, from the same origin.

/** GET /api/v1/PATH with the parameters that have a value; the JSON body,
 * or an Error carrying the API's message. */
export async function api(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const qs = q.toString();
  const res = await fetch(`/api/v1/${path}${qs ? '?' + qs : ''}`, { headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: the status says enough
  }
  if (!res.ok) throw new Error(`${path}: ${body?.error?.message ?? `HTTP ${res.status}`}`);
  return body;
}

/** The filters every event query shares, from the page's state. */
export function eventFilters(st) {
  const f = { from: st.from, to: st.to, root: st.root, quad: st.quad };
  if (st.a && st.b) f.dyad = `${st.a},${st.b}`;
  else if (st.a) f.actor = st.a;
  return f;
}
