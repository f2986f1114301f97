// The event filter form shared by the overview, the network and the map: its values live in the page address.

import { h } from "./dom.js";
import { t, typeLabel, contextLabel, modalityLabel, countryName } from "./i18n.js";
import { getVocabulary } from "./api.js";

export const FILTER_KEYS = ["type", "country", "context", "modality", "since", "until"];

/** The filter parameters present in the route's query. */
export function filterParams(params) {
  const out = {};
  for (const k of FILTER_KEYS) {
    const v = params.getAll(k).filter(Boolean);
    if (v.length) out[k] = v.length > 1 ? v : v[0];
  }
  return out;
}

function select(name, label, options, value, { multiple = false } = {}) {
  const chosen = new Set([].concat(value ?? []));
  return h("label", { class: "field" }, h("span", {}, label),
    h("select", { name, multiple },
      multiple ? null : h("option", { value: "" }, t("any")),
      options.map(([v, text]) => h("option", { value: v, selected: chosen.has(v) }, text))));
}

/** A form of filter fields; `submit(params)` gets the chosen values. `extra` adds fields of the view. */
export async function filterForm(current, submit, { fields = FILTER_KEYS, extra = [] } = {}) {
  const voc = await getVocabulary();
  const countries = Object.keys(voc.countries).map((c) => [c, countryName(c)])
    .sort((a, b) => a[1].localeCompare(b[1]));
  const parts = [];
  if (fields.includes("type")) parts.push(select("type", t("f_type"), voc.event_types.map((x) => [x, typeLabel(x)]), current.type));
  if (fields.includes("country")) {
    const cs = [].concat(current.country ?? []);
    parts.push(select("country", t("f_country"), countries, cs[0]));
    parts.push(select("country", t("f_country"), countries, cs[1]));
  }
  if (fields.includes("context")) parts.push(select("context", t("f_context"), voc.contexts.map((c) => [c, contextLabel(c)]), current.context));
  if (fields.includes("modality")) parts.push(select("modality", t("f_modality"), voc.modalities.map((m) => [m, modalityLabel(m)]), current.modality));
  if (fields.includes("since")) parts.push(h("label", { class: "field" }, h("span", {}, t("f_since")), h("input", { type: "date", name: "since", value: current.since || "" })));
  if (fields.includes("until")) parts.push(h("label", { class: "field" }, h("span", {}, t("f_until")), h("input", { type: "date", name: "until", value: current.until || "" })));
  const form = h("form", { class: "filters", role: "search" }, parts, extra,
    h("div", { class: "buttons" },
      h("button", { type: "submit", class: "primary" }, t("apply")),
      h("button", { type: "reset" }, t("reset"))));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const out = {};
    for (const [k, v] of new FormData(form).entries()) {
      if (!v) continue;
      out[k] = k in out ? [].concat(out[k], v) : v;
    }
    submit(out);
  });
  form.addEventListener("reset", (e) => { e.preventDefault(); submit({}); });
  return form;
}
