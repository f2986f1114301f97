// Relation timeline of two states (default Egypt–Libya): canonical events oldest first, each with its actors,
// place, corroboration and links to the evidence sentence in every article that reports it.

import { h, put, route, ar, fmt, when, personName, go } from "../dom.js";
import { t, typeLabel, countryName, TYPE_COLOURS, lang } from "../i18n.js";
import { get, getVocabulary } from "../api.js";
import { columns, monthSeries } from "../charts.js";

const PAGE = 200;

function typeBadge(type) {
  const b = h("span", { class: "badge", title: type }, typeLabel(type));
  b.style.background = TYPE_COLOURS[type] || "#555";
  return b;
}

function countrySelect(name, label, value, codes) {
  return h("label", { class: "field" }, h("span", {}, label),
    h("select", { name }, codes.map((c) => h("option", { value: c, selected: c === value }, countryName(c)))));
}

function item(row, evidence) {
  const actors = row.actors.map((name, i) => {
    const label = personName(name, row.actors_latin?.[i]);
    return row.actor_ids[i] ? h("a", { href: route(`actor/${row.actor_ids[i]}`), class: "actor" }, label) : label;
  });
  const sentences = row.events.map((e, i) => {
    const ev = evidence.get(`${e.doc}:${e.event}`);
    return h("li", {},
      h("a", { class: "evidence", href: route(`doc/${encodeURIComponent(e.doc)}`, { event: e.event }),
        dataset: { doc: e.doc, event: e.event } },
        `${t("open_evidence")}${row.events.length > 1 ? ` (${i + 1})` : ""}`),
      ev ? h("blockquote", { class: "excerpt", lang: "ar", dir: "rtl" }, ev.evidence.text) : null,
      ev?.summary_en ? h("p", { class: "summary-en", lang: "en", dir: "ltr" }, ev.summary_en) : null);
  });
  return h("li", { class: "tl-item", id: `ce-${row.id.replace("/", "-")}`, dataset: { type: row.type, id: row.id } },
    h("div", { class: "tl-when" }, when(row.date)),
    h("div", { class: "tl-body" },
      h("div", { class: "tl-head" }, typeBadge(row.type),
        actors.length ? h("span", { class: "who" }, actors.flatMap((a, i) => (i ? ["، ", a] : [a]))) : null,
        row.organisations.length ? h("span", { class: "orgs" }, row.organisations.map((o) => ar(o, { class: "org" }))) : null),
      h("div", { class: "tl-meta" },
        row.location ? h("span", {}, `${t("place")}: `, ar(row.location)) : null,
        h("span", { class: "corroboration", title: t("corroboration") }, t("corroborated_by", { n: fmt(row.corroboration) })),
        h("span", {}, row.countries.map(countryName).join(lang() === "ar" ? "، " : ", "))),
      row.summary_en ? h("p", { class: "summary-en", lang: "en", dir: "ltr" }, row.summary_en) : null,
      row.disagreements.length ? h("p", { class: "disagree" }, `${t("disagreements")}: `, row.disagreements.join("; ")) : null,
      h("ul", { class: "evidence-list" }, sentences)));
}

export async function render(root, r) {
  const voc = await getVocabulary();
  const codes = Object.keys(voc.countries).sort((x, y) => countryName(x).localeCompare(countryName(y)));
  const a = (r.params.get("a") || "EG").toUpperCase();
  const b = (r.params.get("b") || "LY").toUpperCase();
  const since = r.params.get("since") || "";
  const until = r.params.get("until") || "";
  const bounds = { since: since || null, until: until || null };
  const [data, events] = await Promise.all([
    get("timeline", { a, b, ...bounds, limit: PAGE }),
    get("events", { country: [a, b], ...bounds, limit: PAGE }),
  ]);
  const evidence = new Map(events.items.map((e) => [`${e.doc}:${e.event}`, e]));

  const form = h("form", { class: "filters" },
    countrySelect("a", t("pair_a"), a, codes), countrySelect("b", t("pair_b"), b, codes),
    h("label", { class: "field" }, h("span", {}, t("f_since")), h("input", { type: "date", name: "since", value: since })),
    h("label", { class: "field" }, h("span", {}, t("f_until")), h("input", { type: "date", name: "until", value: until })),
    h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary" }, t("apply"))));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    go("timeline", Object.fromEntries([...new FormData(form).entries()].filter(([, v]) => v)));
  });

  const months = new Map();
  for (const row of data.items) if (row.date && row.date.length >= 7) months.set(row.date.slice(0, 7), (months.get(row.date.slice(0, 7)) || 0) + 1);
  const series = monthSeries([...months.keys()].sort().map((m) => ({ month: m, events: months.get(m) })));
  const present = [...new Set(data.items.map((x) => x.type))];
  const list = h("ol", { class: "timeline", id: "timeline" }, data.items.map((row) => item(row, evidence)));

  put(root, 
    h("div", { class: "intro" },
      h("h1", {}, t("timeline_title"), ": ", countryName(a), " – ", countryName(b)),
      h("p", {}, t("timeline_intro"))),
    form,
    h("p", { class: "count", id: "timeline-count" }, t("canonical_events", { n: fmt(data.total) })),
    series.length > 1 && series.length <= 240 ? h("section", { class: "panel" }, columns(series, { height: 120 })) : null,
    present.length ? h("p", { class: "legend" }, present.map(typeBadge)) : null,
    list);
  let offset = data.items.length;
  if (offset < data.total) {
    const more = h("button", { type: "button", class: "more" }, t("more"));
    more.addEventListener("click", async () => {
      const next = await get("timeline", { a, b, ...bounds, limit: PAGE, offset });
      offset += next.items.length;
      list.append(...next.items.map((row) => item(row, evidence)));
      if (offset >= next.total) more.remove();
    });
    put(root, more);
  }
}
