// Overview: counts of the events a filter selects, by month, type, context and state, and the way in to the
// Egypt–Libya timeline (the default pair) and to any other pair.

import { h, put, route, fmt, ar, go } from "../dom.js";
import { t, typeLabel, contextLabel, countryName, TYPE_COLOURS } from "../i18n.js";
import { get } from "../api.js";
import { columns, hbars, monthSeries } from "../charts.js";
import { filterForm, filterParams } from "../filters.js";

const DEFAULT_PAIR = ["EG", "LY"];

function pairCard(a, b, n, id = "open-pair", label = "pair_canonical") {
  return h("a", { class: "pair-card", id, href: route("timeline", { a, b }) },
    h("span", { class: "kicker" }, t("start_here")),
    h("strong", {}, t("open_pair", { a: countryName(a), b: countryName(b) })),
    h("span", { class: "count" }, t(label, { n: fmt(n) })));
}

function section(title, id, ...body) {
  return h("section", { class: "panel", id }, h("h2", {}, title), body);
}

export async function render(root, r) {
  const filter = filterParams(r.params);
  const [data, docs, pair] = await Promise.all([
    get("overview", filter),
    get("documents", { limit: 8 }),
    get("timeline", { a: DEFAULT_PAIR[0], b: DEFAULT_PAIR[1], limit: 1 }),
  ]);
  const refilter = (more) => go("", { ...filter, ...more });
  const form = await filterForm(filter, (p) => go("", p));
  const dated = data.events - data.undated;

  put(root, 
    h("div", { class: "intro" }, h("h1", {}, t("overview_title")), h("p", {}, t("overview_intro"))),
    pairCard(...DEFAULT_PAIR, pair.total),
    // a corpus without Egypt–Libya events (the shipped examples alone) still gets a pair to start from
    !pair.total && data.pairs.length ? pairCard(data.pairs[0].a, data.pairs[0].b, data.pairs[0].events, "open-top-pair", "pair_events") : null,
    form,
    h("ul", { class: "stats", id: "stats" },
      h("li", {}, h("strong", {}, fmt(data.events)), t("events")),
      h("li", {}, h("strong", {}, fmt(data.documents)), t("documents")),
      h("li", {}, h("strong", {}, fmt(dated)), t("dated")),
      h("li", {}, h("strong", {}, fmt(data.undated)), t("undated_n")),
      data.negated ? h("li", {}, h("strong", {}, fmt(data.negated)), t("negated")) : null),
  );
  if (!data.events) {
    put(root, h("p", { class: "empty" }, t("no_events")));
    return;
  }
  const months = monthSeries(data.by_month);
  const byTime = months.length && months.length <= 96
    ? section(t("by_month"), "chart-month", columns(months, { onpick: (m) => refilter({ since: `${m.key}-01`, until: `${m.key}-${lastDay(m.key)}` }) }),
        yearOnly(data) ? h("p", { class: "note" }, t("month_note", { n: fmt(yearOnly(data)) })) : null)
    : section(t("by_year"), "chart-month", columns(data.by_year.map((y) => ({ key: y.year, label: y.year, value: y.events })),
        { onpick: (y) => refilter({ since: `${y.key}-01-01`, until: `${y.key}-12-31` }) }));
  put(root, h("div", { class: "grid" },
    byTime,
    section(t("by_type"), "chart-type", hbars(Object.entries(data.by_type).map(([k, v]) => ({
      key: k, label: typeLabel(k), value: v, colour: TYPE_COLOURS[k], title: k, href: route("", { ...filter, type: k }) })))),
    section(t("by_context"), "chart-context", hbars(Object.entries(data.by_context).map(([k, v]) => ({
      key: k, label: contextLabel(k), value: v, href: route("", { ...filter, context: k }) })))),
    section(t("top_pairs"), "top-pairs", hbars(data.pairs.slice(0, 12).map((p) => ({
      key: `${p.a}-${p.b}`, label: `${countryName(p.a)} – ${countryName(p.b)}`, value: p.events,
      href: route("timeline", { a: p.a, b: p.b }) })))),
    section(t("top_states"), "top-states", hbars(data.countries.slice(0, 12).map((c) => ({
      key: c.country, label: countryName(c.country), value: c.events, href: route("", { ...filter, country: c.country }) })))),
    section(t("latest_docs"), "latest-docs", h("ul", { class: "docs" }, docs.items.map((d) =>
      h("li", {}, h("a", { href: route(`doc/${encodeURIComponent(d.id)}`) }, d.title ? ar(d.title) : h("code", {}, d.id)),
        h("span", { class: "meta" }, d.published || "", " · ", t("pair_events", { n: d.events }))))))));
}

/** How many events are dated to a year only (in the count of years, not of months). */
function yearOnly(data) {
  const sum = (rows) => rows.reduce((n, r) => n + r.events, 0);
  return sum(data.by_year) - sum(data.by_month);
}

function lastDay(month) {
  const [y, m] = month.split("-").map(Number);
  return String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0");
}
