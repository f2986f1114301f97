// Map of event places: names looked up in the shipped gazetteer (GeoNames cities with Arabic names, states by
// a point inside their outline), drawn over the shipped Natural Earth outlines (world-atlas, via topojson-client).

import { h, put, s, route, ar, fmt, clear, when, go } from "../dom.js";
import { t, typeLabel, countryName, countryInfoOf, countryOfKey, TYPE_COLOURS, lang } from "../i18n.js";
import { get, asset } from "../api.js";
import { filterForm, filterParams } from "../filters.js";

const VIEWS = { region: [-20, 65, 0, 45], world: [-180, 180, -60, 84] };  // lon0, lon1, lat0, lat1
const SCALE = 10;  // SVG units per degree
const X_STRETCH = Math.cos((28 * Math.PI) / 180);  // equirectangular true to scale at 28°N, the Arab world's middle

const px = (lon) => lon * SCALE * X_STRETCH;
const py = (lat) => -lat * SCALE;

/** SVG path data of a GeoJSON (Multi)Polygon; a jump across the antimeridian starts a new stretch. */
function pathOf(geometry) {
  const polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  let d = "";
  for (const poly of polys) {
    for (const ring of poly) {
      let prev = null;
      ring.forEach(([lon, lat], i) => {
        const jump = prev !== null && Math.abs(lon - prev) > 180;
        d += `${i === 0 || jump ? "M" : "L"}${px(lon).toFixed(1)},${py(lat).toFixed(1)}`;
        prev = lon;
      });
      d += "Z";
    }
  }
  return d;
}

/** The point of a place: a state's name at its state's point, else the gazetteer city (the same state first).
 *  «عمان» in Jordan is Amman, not Oman: a state's name counts as the state only when the place is in it. */
export function locate(place, gazetteer) {
  const state = countryOfKey(place.key);
  if (state && (!place.country || place.country === state)) {
    const c = countryInfoOf(state);
    return c && c.lat !== null ? { lat: c.lat, lon: c.lon, en: c.en, state: true } : null;
  }
  const art = gazetteer.article;
  const keys = [place.key, place.key.startsWith(art) ? place.key.slice(art.length) : art + place.key];
  for (const key of keys) {
    const hits = (gazetteer.places[key] || []).map((i) => gazetteer.cities[i]);
    const hit = hits.find((c) => c[0] === place.country) || hits[0];  // else the most populous (القدس: IL in GeoNames)
    if (hit) return { lat: hit[1], lon: hit[2], en: hit[3], state: false };
  }
  return null;
}

function viewBox(name) {
  const [lon0, lon1, lat0, lat1] = VIEWS[name];
  return `${px(lon0)} ${py(lat1)} ${px(lon1) - px(lon0)} ${py(lat0) - py(lat1)}`;
}

export async function render(root, r) {
  const filter = filterParams(r.params);
  const view = r.params.get("view") === "world" ? "world" : "region";
  const [data, world, gazetteer, states] = await Promise.all([
    get("places", filter), asset("vendor/world-atlas/countries-110m.json"), asset("data/places.json"),
    asset("data/countries.json"),
  ]);
  const form = await filterForm(filter, (p) => go("map", { ...p, view }));
  const panel = h("div", { class: "map-detail", id: "map-detail" }, h("p", { class: "note" }, t("pick_place")));

  const placed = [], unplaced = [];
  for (const p of data.items) {
    const at = locate(p, gazetteer);
    (at ? placed : unplaced).push({ ...p, at });
  }
  const withEvents = new Set(data.items.map((p) => p.country).filter(Boolean));
  const features = window.topojson.feature(world, world.objects.countries).features;
  const numToCode = new Map(Object.entries(states.countries).filter(([, c]) => c.num).map(([code, c]) => [c.num, code]));
  const land = s("g", { class: "land" }, features.map((f) => {
    const code = numToCode.get(f.id);
    return s("path", { d: pathOf(f.geometry), class: ["country", withEvents.has(code) ? "active" : ""], dataset: { code: code || "" } },
      s("title", {}, code ? countryName(code) : f.properties.name));
  }));
  const max = Math.max(1, ...placed.map((p) => p.events));
  const unit = view === "world" ? 2.2 : 1;
  const dots = s("g", { class: "places" }, placed.sort((a, b) => b.events - a.events).map((p) => {
    const c = s("circle", { cx: px(p.at.lon), cy: py(p.at.lat), r: unit * (4 + 14 * Math.sqrt(p.events / max)),
      class: ["place", p.at.state ? "state" : "city"], tabindex: 0, dataset: { key: p.key, events: p.events } },
    s("title", {}, `${lang() === "en" ? p.at.en : p.name}: ${p.events}`));
    const show = () => {
      dots.querySelectorAll(".picked").forEach((x) => x.classList.remove("picked"));
      c.classList.add("picked");
      put(clear(panel), h("h3", {}, ar(p.name), " ", h("bdi", { class: "latin" }, p.at.en)),
        h("p", {}, p.country ? `${countryName(p.country)} · ` : "", t("pair_events", { n: fmt(p.events) })),
        h("ol", { class: "sample" }, p.sample.map((e) => {
          const b = h("span", { class: "badge" }, typeLabel(e.type));
          b.style.background = TYPE_COLOURS[e.type] || "#555";
          return h("li", {}, when(e.date), " ", b, " ",
            h("a", { href: route(`doc/${encodeURIComponent(e.doc)}`, { event: e.event }), class: "evidence" }, t("open_evidence")));
        })));
    };
    c.addEventListener("click", show);
    c.addEventListener("keydown", (e) => { if (e.key === "Enter") show(); });
    return c;
  }));
  const svg = s("svg", { viewBox: viewBox(view), class: ["map", `map-${view}`], id: "map", role: "img",
    preserveAspectRatio: "xMidYMid meet" }, s("rect", { x: px(-180), y: py(90), width: px(360), height: py(-90) - py(90), class: "sea" }), land, dots);
  const located = placed.reduce((n, p) => n + p.events, 0);

  put(root, 
    h("div", { class: "intro" }, h("h1", {}, t("map_title")), h("p", {}, t("map_intro"))),
    form,
    h("p", { class: "buttons view-switch" },
      h("a", { href: route("map", { ...filter, view: "region" }), class: ["button", view === "region" ? "on" : ""] }, t("map_region")),
      h("a", { href: route("map", { ...filter, view: "world" }), class: ["button", view === "world" ? "on" : ""] }, t("map_world")),
      h("span", { class: "count", id: "map-count" }, t("located", { n: fmt(located), t: fmt(data.events) }))),
    h("div", { class: "net-layout" }, h("div", { class: "map-canvas" }, svg), h("aside", { class: "side" }, panel,
      unplaced.length ? h("details", { class: "unplaced", id: "unplaced" }, h("summary", {}, t("unplaced"), ` (${unplaced.length})`),
        h("ul", {}, unplaced.map((p) => h("li", {}, ar(p.name), p.country ? ` (${countryName(p.country)})` : "", h("span", { class: "n" }, fmt(p.events)))))) : null)));
}
