// Search results: one hit per article, best first, with its best sentence and the matches marked in it.

import { h, put, route, ar, fmt } from "../dom.js";
import { t } from "../i18n.js";
import { get } from "../api.js";

function marked(text, highlights) {
  const out = [];
  let at = 0;
  for (const [a, b] of highlights) {
    if (a > at) out.push(text.slice(at, a));
    out.push(h("mark", {}, text.slice(a, b)));
    at = b;
  }
  out.push(text.slice(at));
  return h("p", { class: "snippet", lang: "ar", dir: "rtl" }, out);
}

export async function render(root, r) {
  const q = (r.params.get("q") || "").trim();
  put(root, h("h1", {}, t("search_title"), q ? [": ", ar(q)] : null));
  if (!q) { put(root, h("p", {}, t("search_empty"))); return; }
  const page = await get("search", { q, limit: 50 });
  put(root, h("p", { class: "count" }, t("search_total", { n: fmt(page.total) })),
    h("ol", { class: "hits", id: "hits" }, page.items.map((hit) => {
      const params = hit.start !== null && hit.start !== undefined ? { mark: `${hit.start}-${hit.end}` } : {};
      return h("li", {},
        h("a", { href: route(`doc/${encodeURIComponent(hit.doc)}`, params), class: "title" }, hit.title ? ar(hit.title) : h("code", {}, hit.doc)),
        h("span", { class: "meta" }, " ", hit.published || ""),
        marked(hit.text, hit.highlights));
    })));
}
