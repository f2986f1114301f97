// Actors: every resolved person, the most reported first, searchable by any spelling.

import { h, put, route, ar, latin, fmt, go } from "../dom.js";
import { t, countryName } from "../i18n.js";
import { get } from "../api.js";

export async function render(root, r) {
  const search = r.params.get("search") || "";
  const offset = Number(r.params.get("offset") || 0);
  const page = await get("actors", { search: search || null, limit: 50, offset });
  const form = h("form", { class: "filters", role: "search" },
    h("label", { class: "field wide" }, h("span", {}, t("actors_title")),
      h("input", { type: "search", name: "search", value: search, placeholder: t("actors_search"), maxlength: 200 })),
    h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary" }, t("search"))));
  form.addEventListener("submit", (e) => { e.preventDefault(); go("actors", { search: new FormData(form).get("search").trim() }); });
  put(root, h("h1", {}, t("actors_title")), form, h("p", { class: "count" }, t("actors_total", { n: fmt(page.total) })),
    h("table", { class: "actors", id: "actors" },
      h("thead", {}, h("tr", {}, [t("actor_title"), t("latin"), t("country"), t("roles"), t("articles")].map((x) => h("th", {}, x)))),
      h("tbody", {}, page.items.map((a) => h("tr", {},
        h("td", {}, h("a", { href: route(`actor/${a.kb_id}`) }, ar(a.name))), h("td", {}, latin(a.name_latin)),
        h("td", {}, a.country ? countryName(a.country) : ""), h("td", {}, ar(a.roles.join("، "))), h("td", {}, fmt(a.articles)))))));
  const nav = h("p", { class: "pager" });
  if (offset > 0) nav.append(h("a", { href: route("actors", { search, offset: Math.max(0, offset - 50) }) }, "‹ ", t("more")));
  if (offset + 50 < page.total) nav.append(" ", h("a", { href: route("actors", { search, offset: offset + 50 }) }, t("more"), " ›"));
  put(root, nav);
}
