// Small charts drawn by hand: horizontal bars in HTML (labels wrap in either direction) and a column chart in
// SVG whose time axis runs the way the page reads (right to left in Arabic).

import { h, s, fmt } from "./dom.js";
import { lang } from "./i18n.js";

/** Horizontal bars: items [{label (string or node), value, colour, href, title, key}]. */
export function hbars(items, { id, onpick } = {}) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return h("ol", { class: "hbars", id },
    items.map((i) => {
      const bar = h("span", { class: "bar" });
      bar.style.width = `${Math.max(2, (100 * i.value) / max)}%`;
      if (i.colour) bar.style.background = i.colour;
      const inner = [h("span", { class: "label" }, i.label), h("span", { class: "track" }, bar), h("span", { class: "n" }, fmt(i.value))];
      const attrs = { title: i.title || null, dataset: { key: i.key ?? "" } };
      if (i.href) return h("li", {}, h("a", { href: i.href, ...attrs }, inner));
      if (onpick) return h("li", {}, h("button", { type: "button", onclick: () => onpick(i), ...attrs }, inner));
      return h("li", attrs, inner);
    }));
}

/** Columns over time: items [{key, label, value, title}] in time order; `onpick(item)` on click. */
export function columns(items, { height = 160, onpick, id } = {}) {
  const n = Math.max(items.length, 1);
  const width = Math.max(1000, n * 18);
  const pad = { top: 10, bottom: 34, side: 34 };
  const max = Math.max(1, ...items.map((i) => i.value));
  const slot = (width - 2 * pad.side) / n;
  const rtl = lang() === "ar";
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "columns", role: "img", id,
    preserveAspectRatio: "xMidYMid meet" });
  const plot = height - pad.top - pad.bottom;
  svg.append(s("line", { x1: pad.side, x2: width - pad.side, y1: height - pad.bottom, y2: height - pad.bottom, class: "axis" }));
  const labelEvery = Math.ceil(n / Math.max(1, Math.floor(width / 64)));
  items.forEach((item, i) => {
    const x = rtl ? width - pad.side - (i + 1) * slot : pad.side + i * slot;
    const bh = (plot * item.value) / max;
    const g = s("g", { class: ["col", item.value ? "" : "empty"], dataset: { key: item.key } });
    const rect = s("rect", { x: x + slot * 0.12, y: height - pad.bottom - bh, width: slot * 0.76, height: Math.max(bh, item.value ? 1 : 0) },
      s("title", {}, item.title || `${item.label}: ${item.value}`));
    g.append(s("rect", { x, y: pad.top, width: slot, height: plot, class: "hit" }), rect);
    if (i % labelEvery === 0) {
      g.append(s("text", { x: x + slot / 2, y: height - pad.bottom + 14, "text-anchor": "middle", class: "tick" }, item.label));
    }
    if (onpick && item.value) {
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      g.addEventListener("click", () => onpick(item));
      g.addEventListener("keydown", (e) => { if (e.key === "Enter") onpick(item); });
    }
    svg.append(g);
  });
  // the largest count beside the top of the plot, on the side time starts from
  svg.append(s("line", { x1: pad.side, x2: width - pad.side, y1: pad.top, y2: pad.top, class: "grid" }),
    s("text", { x: rtl ? width - pad.side + 4 : pad.side - 4, y: pad.top, class: "ymax",
      "text-anchor": rtl ? "start" : "end", "dominant-baseline": "middle" }, fmt(max)));
  return h("div", { class: "chart-scroll" }, svg);
}

/** Every month from the first to the last key (YYYY-MM) with its count (0 where none). */
export function monthSeries(rows) {
  if (!rows.length) return [];
  const counts = new Map(rows.map((r) => [r.month, r.events]));
  const [y0, m0] = rows[0].month.split("-").map(Number);
  const [y1, m1] = rows[rows.length - 1].month.split("-").map(Number);
  const out = [];
  for (let y = y0, m = m0; y < y1 || (y === y1 && m <= m1); m === 12 ? (y++, m = 1) : m++) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    out.push({ key, label: key, value: counts.get(key) || 0 });
  }
  return out;
}
