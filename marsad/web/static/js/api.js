// Reading the API of the same server: nothing is fetched from anywhere else.

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    for (const one of [].concat(v)) if (one !== null && one !== undefined && one !== "") q.append(k, one);
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

const cache = new Map();

/** The JSON of GET /api/<path>; throws an Error with the API's one-line message. */
export async function get(path, params) {
  const url = `/api/${path}${query(params)}`;
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await res.json(); } catch { /* not JSON: reported below */ }
  if (!res.ok) throw new Error(body?.error || `${res.status} ${res.statusText}`);
  return body;
}

/** A shipped static JSON file (gazetteer, outlines), fetched once. */
export function asset(path) {
  if (!cache.has(path)) {
    cache.set(path, fetch(`/static/${path}`).then((r) => {
      if (!r.ok) throw new Error(`${path}: ${r.status}`);
      return r.json();
    }));
  }
  return cache.get(path);
}

let vocabulary = null;
/** The values the filters accept (event types, modalities, contexts, countries), fetched once. */
export function getVocabulary() {
  if (!vocabulary) vocabulary = get("vocabulary");
  return vocabulary;
}
