// Actor page: names and spellings, roles over time with their dates and sources, events, most frequent
// counterparts.

import { h, put, s, route, ar, latin, fmt, when } from "../dom.js";
import { t, typeLabel, countryName, TYPE_COLOURS, lang } from "../i18n.js";
import { get } from "../api.js";

function rolesChart(roles) {
  const dated = roles.filter((r) => r.first_seen);
  if (!dated.length) return null;
  const day = (d) => Date.parse(d.length === 4 ? `${d}-07-01` : d.length === 7 ? `${d}-15` : d);
  const t0 = Math.min(...dated.map((r) => day(r.first_seen)));
  const t1 = Math.max(...dated.map((r) => day(r.last_seen || r.first_seen)));
  if (t1 <= t0) return null;  // one day: the table says it all
  const span = Math.max(t1 - t0, 86400000 * 30);
  const width = 600, rowH = 22, pad = 8;
  const rtl = lang() === "ar";
  const x = (d) => { const f = (day(d) - t0) / span; return pad + (rtl ? 1 - f : f) * (width - 2 * pad); };
  const svg = s("svg", { viewBox: `0 0 ${width} ${dated.length * rowH + 24}`, class: "roles-chart", role: "img" });
  dated.forEach((r, i) => {
    const a = x(r.first_seen), b = x(r.last_seen || r.first_seen);
    const left = Math.min(a, b), w = Math.max(Math.abs(b - a), 6);
    svg.append(s("rect", { x: left, y: i * rowH + 4, width: w, height: rowH - 8, rx: 3, class: "role-bar" },
      s("title", {}, `${r.title}: ${r.first_seen} … ${r.last_seen || ""}`)));
  });
  const first = new Date(t0).toISOString().slice(0, 10), last = new Date(t1).toISOString().slice(0, 10);
  svg.append(s("text", { x: rtl ? width - pad : pad, y: dated.length * rowH + 18, class: "tick", "text-anchor": rtl ? "end" : "start" }, first),
    s("text", { x: rtl ? pad : width - pad, y: dated.length * rowH + 18, class: "tick", "text-anchor": rtl ? "start" : "end" }, last));
  return svg;
}

function docLinks(ids) {
  return ids.slice(0, 6).map((d, i) => [i ? " " : "", h("a", { href: route(`doc/${encodeURIComponent(d)}`), class: "doc-link" }, d.length > 14 ? `${d.slice(0, 12)}…` : d)]);
}

export async function render(root, r) {
  const ref = r.args.join("/");
  const a = await get(`actors/${encodeURIComponent(ref)}`, { events: 100 });
  put(root, 
    h("div", { class: "doc-head" },
      h("p", { class: "kicker" }, t("actor_title"), " · ", h("code", {}, a.kb_id)),
      h("h1", {}, lang() === "en" && a.name_latin ? [latin(a.name_latin), " ", ar(a.name, { class: "sub" })] : [ar(a.name), a.name_latin ? [" ", latin(a.name_latin)] : null]),
      h("p", { class: "meta" }, a.country ? `${t("country")}: ${countryName(a.country)} · ` : "", `${t("articles")}: ${fmt(a.articles)}`,
        " · ", t("all_events", { n: fmt(a.event_count) }))),
    h("div", { class: "grid" },
      h("section", { class: "panel", id: "actor-names" }, h("h2", {}, t("names")),
        h("ul", { class: "tags" }, a.variants.map((v) => h("li", {}, ar(v)))),
        a.name_latin ? h("p", {}, `${t("latin")}: `, latin(a.name_latin)) : null),
      h("section", { class: "panel", id: "actor-counterparts" }, h("h2", {}, t("counterparts")),
        h("ol", { class: "counterparts" }, a.counterparts.slice(0, 15).map((c) => h("li", {},
          c.kb_id ? h("a", { href: route(`actor/${c.kb_id}`) }, ar(c.name))
            : c.name.startsWith("country:") ? h("a", { href: route("timeline", { a: a.country || c.name.slice(8), b: c.name.slice(8) }) }, countryName(c.name.slice(8)))
              : ar(c.name),
          h("span", { class: "n" }, fmt(c.events))))))),
    h("section", { class: "panel", id: "actor-roles" }, h("h2", {}, t("roles")),
      rolesChart(a.roles),
      h("table", {}, h("thead", {}, h("tr", {}, [t("roles"), t("country"), t("first_seen"), t("last_seen"), t("articles")].map((x) => h("th", {}, x)))),
        h("tbody", {}, a.roles.map((role) => h("tr", {},
          h("td", {}, ar(role.title)), h("td", {}, role.country ? countryName(role.country) : ""),
          h("td", {}, when(role.first_seen)), h("td", {}, when(role.last_seen)),
          h("td", {}, fmt(role.articles), " ", docLinks(role.documents))))))),
    h("section", { class: "panel", id: "actor-events" }, h("h2", {}, t("actor_events"), ` (${fmt(a.event_count)})`),
      h("ol", { class: "actor-events" }, a.events.map((e) => {
        const b = h("span", { class: "badge" }, typeLabel(e.type));
        b.style.background = TYPE_COLOURS[e.type] || "#555";
        return h("li", {}, when(e.date), " ", b, " ",
          h("a", { href: route(`doc/${encodeURIComponent(e.doc)}`, { eid: e.id }), class: "evidence" }, ar(e.evidence)),
          e.summary_en ? h("p", { class: "summary-en", lang: "en", dir: "ltr" }, e.summary_en) : null);
      }))));
}
