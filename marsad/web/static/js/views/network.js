// Actor network: who takes part in events with whom, weighted by events, filterable by period and type; laid out
// by a small force-directed simulation written here (deterministic: the same data gives the same picture).

import { h, put, s, route, ar, latin, fmt, clear, when, go } from "../dom.js";
import { t, typeLabel, countryName, TYPE_COLOURS, COOPERATIVE, lang } from "../i18n.js";
import { get, getVocabulary } from "../api.js";
import { filterParams } from "../filters.js";

const KIND_COLOURS = { state: "#e0a526", person: "#14365d", organisation: "#4f8a3c", place: "#888" };
const W = 1000, H = 680;
const MAX_EDGES = 150;  // links drawn by default: more turn the picture into a ball of wool
const GRAVITY = 0.6;  // pull to the centre: separate groups stay near, so fitting the page does not shrink each

/** Positions for nodes by a Fruchterman–Reingold layout: start on a circle (by weight), settle in steps. */
export function layout(nodes, edges, steps = 300) {
  const n = nodes.length;
  const index = new Map(nodes.map((d, i) => [d.id, i]));
  const pos = nodes.map((_, i) => {
    const a = (2 * Math.PI * i) / Math.max(n, 1);
    const r = 0.25 + 0.2 * ((i * 7919) % 13) / 13;  // a fixed spread, no randomness
    return [0.5 + r * Math.cos(a), 0.5 + r * Math.sin(a)];
  });
  const k = Math.sqrt(1 / Math.max(n, 1)) * 0.9;
  const links = edges.map((e) => [index.get(e.source), index.get(e.target), 1 + Math.log2(e.events)]);
  let temp = 0.1;
  for (let step = 0; step < steps; step++) {
    const disp = pos.map(() => [0, 0]);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i][0] - pos[j][0], dy = pos[i][1] - pos[j][1];
        let d2 = dx * dx + dy * dy;
        if (d2 < 1e-9) { dx = 1e-3 * (i - j); dy = 1e-3; d2 = dx * dx + dy * dy; }
        const f = (k * k) / d2;
        disp[i][0] += dx * f; disp[i][1] += dy * f;
        disp[j][0] -= dx * f; disp[j][1] -= dy * f;
      }
    }
    for (const [a, b, w] of links) {
      const dx = pos[a][0] - pos[b][0], dy = pos[a][1] - pos[b][1];
      const d = Math.sqrt(dx * dx + dy * dy) || 1e-6;
      const f = (d * w) / k;
      disp[a][0] -= dx * f; disp[a][1] -= dy * f;
      disp[b][0] += dx * f; disp[b][1] += dy * f;
    }
    for (let i = 0; i < n; i++) {
      // a weak pull to the centre keeps separate groups on the page
      disp[i][0] += (0.5 - pos[i][0]) * GRAVITY / k; disp[i][1] += (0.5 - pos[i][1]) * GRAVITY / k;
      const [dx, dy] = disp[i];
      const len = Math.sqrt(dx * dx + dy * dy) || 1;
      const move = Math.min(len, temp);
      pos[i][0] += (dx / len) * move; pos[i][1] += (dy / len) * move;
    }
    temp *= 0.985;
  }
  const xs = pos.map((p) => p[0]), ys = pos.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const pad = 60;
  const sx = (W - 2 * pad) / Math.max(x1 - x0, 1e-6), sy = (H - 2 * pad) / Math.max(y1 - y0, 1e-6);
  return pos.map(([x, y]) => [pad + (x - x0) * sx, pad + (y - y0) * sy]);
}

/** The least weight that keeps at most MAX_EDGES links drawn (the strongest ones): a readable default that
 *  the form shows and the reader can lower. */
function defaultMinWeight(edges) {
  const weights = edges.map((e) => e.events).sort((a, b) => b - a);
  if (weights.length <= MAX_EDGES) return 1;
  const w = weights[MAX_EDGES - 1];
  return weights.filter((x) => x >= w).length > MAX_EDGES ? w + 1 : w;
}

function nodeLabel(d) {
  if (d.kind === "state") return countryName(d.country);
  return lang() === "en" && d.name_latin ? d.name_latin : d.name;
}

function dominant(types) { return Object.entries(types).sort((a, b) => b[1] - a[1])[0]?.[0]; }

function sampleList(sample) {
  return h("ol", { class: "sample" }, sample.map((e) => {
    const b = h("span", { class: "badge" }, typeLabel(e.type));
    b.style.background = TYPE_COLOURS[e.type] || "#555";
    return h("li", {}, when(e.date), " ", b, " ",
      h("a", { href: route(`doc/${encodeURIComponent(e.doc)}`, { event: e.event }), class: "evidence" }, t("open_evidence")));
  }));
}

function typeCounts(types) {
  return h("ul", { class: "tags" }, Object.entries(types).map(([k, v]) => h("li", {}, `${typeLabel(k)}: ${fmt(v)}`)));
}

export async function render(root, r) {
  const voc = await getVocabulary();
  const filter = filterParams(r.params);
  const level = r.params.get("level") === "states" ? "states" : "actors";
  const size = Math.min(300, Math.max(2, Number(r.params.get("nodes")) || 60));
  const data = await get("network", { ...filter, level, nodes: size });
  const minWeight = Math.max(1, Number(r.params.get("min")) || defaultMinWeight(data.edges));

  const chosen = new Set([].concat(filter.type ?? []));
  const typeBoxes = h("fieldset", { class: "types" }, h("legend", {}, t("f_type")),
    voc.event_types.map((x) => {
      const l = h("label", { class: "type-box" }, h("input", { type: "checkbox", name: "type", value: x, checked: chosen.has(x) }), typeLabel(x));
      l.style.borderColor = TYPE_COLOURS[x];
      return l;
    }));
  const form = h("form", { class: "filters" }, typeBoxes,
    h("label", { class: "field" }, h("span", {}, t("f_since")), h("input", { type: "date", name: "since", value: filter.since || "" })),
    h("label", { class: "field" }, h("span", {}, t("f_until")), h("input", { type: "date", name: "until", value: filter.until || "" })),
    h("label", { class: "field" }, h("span", {}, t("f_level")), h("select", { name: "level" },
      h("option", { value: "actors", selected: level === "actors" }, t("level_actors")),
      h("option", { value: "states", selected: level === "states" }, t("level_states")))),
    h("label", { class: "field" }, h("span", {}, t("f_nodes")), h("input", { type: "number", name: "nodes", min: 2, max: 300, value: size })),
    h("label", { class: "field" }, h("span", {}, t("f_min_weight")), h("input", { type: "number", name: "min", min: 1, max: 1000, value: minWeight })),
    h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary" }, t("apply"))));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const out = {};
    for (const [k, v] of new FormData(form).entries()) if (v) out[k] = k in out ? [].concat(out[k], v) : v;
    go("network", out);
  });

  const edges = data.edges.filter((e) => e.events >= minWeight);
  const linked = new Set(edges.flatMap((e) => [e.source, e.target]));
  const nodes = data.nodes.filter((d) => linked.has(d.id));
  const pos = layout(nodes, edges);
  const at = new Map(nodes.map((d, i) => [d.id, pos[i]]));
  const byId = new Map(nodes.map((d) => [d.id, d]));
  const maxEvents = Math.max(1, ...nodes.map((d) => d.events));
  const panel = h("div", { class: "net-detail", id: "net-detail" }, h("p", { class: "note" }, t("pick_node")));

  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "network", id: "network", role: "img" },
    s("defs", {}, s("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto" },
      s("path", { d: "M0,0 L10,5 L0,10 z", class: "arrow" }))));
  const radius = (d) => 5 + 16 * Math.sqrt(d.events / maxEvents);
  const edgeLayer = s("g", { class: "edges" });
  const nodeLayer = s("g", { class: "nodes" });
  const select = (el) => { svg.querySelectorAll(".picked").forEach((x) => x.classList.remove("picked")); el.classList.add("picked"); };

  for (const e of edges) {
    const [x1, y1] = at.get(e.source), [x2, y2] = at.get(e.target);
    const type = dominant(e.types);
    const a = byId.get(e.source), b = byId.get(e.target);
    // stop a directed line at the target's rim so the arrow shows
    const [tx, ty, sx, sy] = e.forward >= e.backward ? [x2, y2, x1, y1] : [x1, y1, x2, y2];
    const target = e.forward >= e.backward ? b : a;
    const d = Math.hypot(tx - sx, ty - sy) || 1;
    const rr = radius(target) + 2;
    const line = s("line", { x1: sx, y1: sy, x2: tx - ((tx - sx) / d) * rr, y2: ty - ((ty - sy) / d) * rr,
      class: ["edge", COOPERATIVE.has(type) ? "coop" : "conflict"], "stroke-width": 1 + 1.6 * Math.log2(1 + e.events),
      stroke: TYPE_COLOURS[type] || "#999", "marker-end": e.forward || e.backward ? "url(#arrow)" : null,
      dataset: { source: e.source, target: e.target, events: e.events } },
    s("title", {}, `${nodeLabel(a)} – ${nodeLabel(b)}: ${e.events}`));
    line.addEventListener("click", () => {
      select(line);
      put(clear(panel), h("h3", {}, t("between", { a: nodeLabel(a), b: nodeLabel(b) })),
        h("p", {}, t("pair_events", { n: fmt(e.events) }),
          e.forward ? [" · ", `${nodeLabel(a)} → ${nodeLabel(b)}: ${e.forward}`] : null,
          e.backward ? [" · ", `${nodeLabel(b)} → ${nodeLabel(a)}: ${e.backward}`] : null),
        typeCounts(e.types), sampleList(e.sample));
    });
    edgeLayer.append(line);
  }
  const labelled = new Set(nodes.slice().sort((x, y) => y.events - x.events).slice(0, 30).map((d) => d.id));
  for (const d of nodes) {
    const [x, y] = at.get(d.id);
    const g = s("g", { class: ["node", `kind-${d.kind}`], transform: `translate(${x.toFixed(1)},${y.toFixed(1)})`, tabindex: 0,
      dataset: { id: d.id, kind: d.kind } },
    s("circle", { r: radius(d), fill: KIND_COLOURS[d.kind] || "#666" }),
    s("title", {}, `${nodeLabel(d)}${d.name_latin && lang() === "ar" ? ` (${d.name_latin})` : ""}: ${d.events}`));
    if (labelled.has(d.id)) g.append(s("text", { y: radius(d) + 13, "text-anchor": "middle", class: "node-label" }, nodeLabel(d)));
    const show = () => {
      select(g);
      const mine = edges.filter((e) => e.source === d.id || e.target === d.id).sort((a, b) => b.events - a.events);
      put(clear(panel), 
        h("h3", {}, d.kind === "state" ? countryName(d.country) : ar(d.name), d.name_latin ? [" ", latin(d.name_latin)] : null),
        h("p", {}, t(`k_${d.kind}`), d.country && d.kind !== "state" ? ` · ${countryName(d.country)}` : "", " · ", t("pair_events", { n: fmt(d.events) })),
        d.kb_id ? h("p", {}, h("a", { href: route(`actor/${d.kb_id}`), class: "button" }, t("open_actor"))) : null,
        d.kind === "state" ? h("p", {}, h("a", { href: route("", { country: d.country }), class: "button" }, t("nav_overview"))) : null,
        h("ol", { class: "neighbours" }, mine.slice(0, 20).map((e) => {
          const other = byId.get(e.source === d.id ? e.target : e.source);
          return h("li", {}, nodeLabel(other), h("span", { class: "n" }, fmt(e.events)));
        })));
    };
    g.addEventListener("click", show);
    g.addEventListener("keydown", (e) => { if (e.key === "Enter") show(); });
    nodeLayer.append(g);
  }
  svg.append(edgeLayer, nodeLayer);

  const legend = h("p", { class: "legend" },
    Object.entries(KIND_COLOURS).filter(([k]) => nodes.some((d) => d.kind === k)).map(([k, c]) => {
      const dot = h("span", { class: "dot" }); dot.style.background = c;
      return h("span", { class: "key" }, dot, t(`k_${k}`));
    }),
    h("span", { class: "key" }, h("span", { class: "line coop" }), t("family_coop")),
    h("span", { class: "key" }, h("span", { class: "line conflict" }), t("family_conflict")));

  put(root, 
    h("div", { class: "intro" }, h("h1", {}, t("network_title")), h("p", {}, t("network_intro"))),
    form,
    h("p", { class: "count", id: "network-count" }, t("nodes_shown", { n: fmt(nodes.length), e: fmt(edges.length), t: fmt(data.events) })),
    legend,
    h("div", { class: "net-layout" }, h("div", { class: "net-canvas" }, svg), h("aside", { class: "side" }, panel)));
}
