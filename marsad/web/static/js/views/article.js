// Article view: the text with entities, dates, quotes and event sentences marked in place from their character
// offsets; picking an event shows its fields, its sources and its corroboration.

import { h, put, route, ar, latin, fmt, when, clear, personName, errorBox } from "../dom.js";
import { t, lang, typeLabel, modeLabel, modalityLabel, contextLabel, precisionLabel, countryName, TYPE_COLOURS } from "../i18n.js";
import { get } from "../api.js";

const LAYERS = [["PER", "l_person"], ["ORG", "l_org"], ["LOC", "l_place"], ["time", "l_date"], ["ev", "l_event"], ["quote", "l_quote"]];

/** Annotations of the document: {start, end, cls, ...} from every offset the analysis gave. */
function annotations(doc, extraMark) {
  const out = [];
  for (const e of doc.entities) {
    for (const m of e.mentions) out.push({ start: m.start, end: m.end, cls: `ent ent-${e.type}`, entity: e });
  }
  for (const x of doc.times) out.push({ start: x.start, end: x.end, cls: "time", time: x });
  for (const q of doc.quotes) out.push({ start: q.start, end: q.end, cls: "quote", quote: q });
  for (const ev of doc.events) {
    out.push({ start: ev.evidence.start, end: ev.evidence.end, cls: "ev", event: ev.id });
    if (ev.trigger) out.push({ start: ev.trigger.start, end: ev.trigger.end, cls: "trigger", trigger: ev.id });
  }
  if (extraMark) out.push({ start: extraMark[0], end: extraMark[1], cls: "hit" });
  return out.filter((a) => a.end > a.start && a.start >= 0 && a.end <= doc.text.length);
}

/** The text cut at every annotation boundary; each piece with the annotations covering it. */
function segments(text, notes) {
  const cuts = new Set([0, text.length]);
  for (const a of notes) { cuts.add(a.start); cuts.add(a.end); }
  const points = [...cuts].sort((x, y) => x - y);
  const out = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [start, end] = [points[i], points[i + 1]];
    out.push({ start, end, notes: notes.filter((a) => a.start <= start && a.end >= end) });
  }
  return out;
}

function entityTitle(e) {
  return [e.name, e.name_latin, e.country ? countryName(e.country) : null, ...(e.titles || [])].filter(Boolean).join(" · ");
}

function renderText(doc, notes, onEvent) {
  const box = h("div", { class: "text", id: "article-text", lang: "ar", dir: "rtl" });
  for (const seg of segments(doc.text, notes)) {
    const piece = doc.text.slice(seg.start, seg.end);
    if (!seg.notes.length) { box.append(piece); continue; }
    const classes = new Set();
    const evs = [];
    const titles = [];
    const data = { start: seg.start, end: seg.end };
    for (const a of seg.notes) {
      a.cls.split(" ").forEach((c) => classes.add(c));
      if (a.event) evs.push(a.event);
      if (a.trigger) data.trigger = a.trigger;
      if (a.entity) { data.entity = a.entity.id; titles.push(entityTitle(a.entity)); }
      if (a.time) titles.push(`${a.time.value || ""} (${precisionLabel(a.time.precision)})`);
      if (a.quote) titles.push(`${t("speaker")}: ${a.quote.speaker_text || "?"}`);
    }
    if (evs.length) data.ev = evs.join(" ");
    const span = h("span", { class: ["seg", ...classes], dataset: data, title: titles.join("\n") || null }, piece);
    if (evs.length) span.addEventListener("click", () => onEvent(evs[0]));
    box.append(span);
  }
  return box;
}

function participant(doc, ref) {
  if (ref.startsWith("country:")) return h("span", { class: "state" }, countryName(ref.slice(8)));
  const e = doc.entities.find((x) => x.id === ref);
  if (!e) return ref;
  const label = personName(e.name, e.name_latin);
  return e.kb_id ? h("a", { href: route(`actor/${e.kb_id}`), class: "actor" }, label) : label;
}

function joined(items) { return items.flatMap((x, i) => (i ? [", ", x] : [x])); }

function row(label, ...value) {
  const v = value.flat().filter((x) => x !== null && x !== undefined && x !== "");
  return v.length ? [h("dt", {}, label), h("dd", {}, v)] : [];
}

function badge(type) {
  const b = h("span", { class: "badge", title: type }, typeLabel(type));
  b.style.background = TYPE_COLOURS[type] || "#555";
  return b;
}

async function details(box, doc, ev) {
  const id = doc.event_ids?.[ev.id];
  const others = ev.participants.filter((p) => !ev.actors.includes(p) && !ev.recipients.includes(p));
  put(clear(box), 
    h("h3", {}, badge(ev.type), " ", modeLabel(ev.mode)),
    h("dl", { class: "fields", id: "event-fields" },
      row(t("when"), ev.date ? [when(ev.date.value), ` (${precisionLabel(ev.date.precision)})`, ev.date.text ? [" ", ar(`«${ev.date.text}»`)] : null] : when(null)),
      row(t("modality"), modalityLabel(ev.modality), ev.negated ? ` · ${t("negated_yes")}` : null),
      row(t("place"), ev.location ? [ar(ev.location.name), ev.location.country ? ` (${countryName(ev.location.country)})` : null] : null),
      row(t("actors"), joined(ev.actors.map((r) => participant(doc, r)))),
      row(t("recipients"), joined(ev.recipients.map((r) => participant(doc, r)))),
      row(t("participants"), joined(others.map((r) => participant(doc, r)))),
      row(t("contexts"), ev.contexts.map(contextLabel).join(" · ")),
      row(t("trigger"), ev.trigger ? ar(ev.trigger.text) : null),
      row(t("confidence"), ev.confidence !== undefined ? String(ev.confidence) : null),
      row("PLOVER", `${ev.type}${ev.mode ? ` / ${ev.mode}` : ""}`)),
    ev.summary_en ? h("p", { class: "summary-en", lang: "en", dir: "ltr" }, ev.summary_en) : null,
    h("blockquote", { class: "excerpt", lang: "ar", dir: "rtl" }, ev.evidence.text));
  if (!id) return;
  const sources = h("div", { class: "sources", id: "event-sources" }, t("loading"));
  box.append(sources);
  try {
    const rec = await get(`events/${id}`);
    clear(sources);
    if (rec.summary_en && !ev.summary_en) box.insertBefore(h("p", { class: "summary-en", lang: "en", dir: "ltr" }, rec.summary_en), box.querySelector("blockquote"));
    const c = rec.canonical;
    if (!c) { put(sources, h("p", { class: "note" }, t("not_resolved"))); return; }
    put(sources, 
      h("h4", {}, t("corroboration")),
      h("p", { class: "corroboration" }, t("corroborated_by", { n: fmt(c.corroboration) }),
        rec.story ? [" · ", t("story"), " ", h("code", {}, rec.story)] : null),
      h("h4", {}, t("sources")),
      h("ul", {}, c.sources.map((d) => h("li", {}, d === doc.id ? h("strong", {}, d) :
        h("a", { href: route(`doc/${encodeURIComponent(d)}`, { event: c.events.find((x) => x.doc === d)?.event }) }, d)))),
      c.disagreements.length ? [h("h4", {}, t("disagreements")), h("ul", {}, c.disagreements.map((x) => h("li", {}, x)))] : null);
  } catch (err) {
    clear(sources).append(errorBox(err));
  }
}

export async function render(root, r) {
  const docId = r.args.join("/");
  const doc = await get(`documents/${encodeURIComponent(docId)}`);
  const byStoreId = Object.fromEntries(Object.entries(doc.event_ids || {}).map(([k, v]) => [String(v), k]));
  const wanted = r.params.get("event") || byStoreId[r.params.get("eid")] || null;
  const mark = (r.params.get("mark") || "").split("-").map(Number);
  const notes = annotations(doc, mark.length === 2 && mark.every(Number.isFinite) ? mark : null);

  const panel = h("div", { class: "event-detail", id: "event-detail" }, h("p", { class: "note" }, t("pick_event")));
  const list = h("ol", { class: "event-list", id: "event-list" });
  let text;
  const select = (evId, scroll = true) => {
    const ev = doc.events.find((e) => e.id === evId);
    if (!ev) return;
    text.querySelectorAll(".sel, .sel-trigger").forEach((el) => el.classList.remove("sel", "sel-trigger"));
    const hit = [...text.querySelectorAll(".seg.ev")].filter((el) => el.dataset.ev.split(" ").includes(evId));
    hit.forEach((el) => el.classList.add("sel"));
    text.querySelectorAll(`.seg[data-trigger="${evId}"]`).forEach((el) => el.classList.add("sel-trigger"));
    list.querySelectorAll("button").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.event === evId)));
    if (scroll && hit.length) reveal(hit[0]);
    panel.parentElement?.scrollTo({ top: 0 });
    history.replaceState(null, "", route(`doc/${encodeURIComponent(doc.id)}`, { event: evId }));
    details(panel, doc, ev);
  };
  text = renderText(doc, notes, (id) => select(id, false));
  for (const ev of doc.events) {
    list.append(h("li", {}, h("button", { type: "button", dataset: { event: ev.id }, onclick: () => select(ev.id) },
      badge(ev.type), " ", ev.date ? ev.date.value : t("undated"), " ",
      h("span", { class: "who" }, ev.actors.concat(ev.recipients).slice(0, 3).map((p) => {
        const e = doc.entities.find((x) => x.id === p);
        return p.startsWith("country:") ? countryName(p.slice(8)) : e ? e.name : p;
      }).join(lang() === "ar" ? "، " : ", ")))));
  }
  const legend = h("div", { class: "legend layers", id: "legend" }, h("strong", {}, t("legend"), ": "),
    LAYERS.map(([k, key]) => {
      const box = h("input", { type: "checkbox", checked: true });
      box.addEventListener("change", () => text.classList.toggle(`hide-${k}`, !box.checked));
      return h("label", { class: `key key-${k}` }, box, h("span", {}, t(key)));
    }));

  put(root, 
    h("div", { class: "doc-head" },
      h("p", { class: "kicker" }, t("article_title")),
      doc.title ? h("h1", { lang: "ar", dir: "rtl" }, doc.title) : h("h1", {}, h("code", {}, doc.id)),
      h("p", { class: "meta" },
        `${t("published")}: `, doc.published?.date || t("undated"),
        doc.source?.outlet ? [" · ", `${t("outlet")}: `, ar(doc.source.outlet)] : null,
        doc.source?.agencies?.length ? [" · ", ar(doc.source.agencies.join("، "))] : null,
        doc.url ? [" · ", h("a", { href: doc.url, rel: "noreferrer noopener", target: "_blank" }, t("original"))] : null,
        " · ", h("code", {}, doc.id))),
    legend,
    h("div", { class: "article-layout" },
      h("article", {}, text),
      h("aside", { class: "side" },
        panel, h("h2", {}, t("events_in_article")), list,
        entitiesBlock(doc))));
  if (wanted) {
    // after the view is in the page: scrolling needs layout
    requestAnimationFrame(() => select(wanted));
  } else if (notes.some((n) => n.cls === "hit")) {
    requestAnimationFrame(() => { const hit = text.querySelector(".hit"); if (hit) reveal(hit); });
  }
}

/** Bring a piece of the text into view: the reader's two panes to the top of the window, the sentence a third
 *  of the way down its pane (where the pane does not scroll on its own, on a narrow screen, the window moves). */
function reveal(el) {
  const pane = el.closest("article");
  if (!pane || getComputedStyle(pane).overflowY !== "auto") { el.scrollIntoView({ block: "center" }); return; }
  const header = document.getElementById("top")?.offsetHeight || 0;
  window.scrollTo({ top: pane.parentElement.getBoundingClientRect().top + window.scrollY - header - 8 });
  const y = el.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop;
  pane.scrollTo({ top: Math.max(0, y - pane.clientHeight / 3) });
}

function entitiesBlock(doc) {
  const people = doc.entities.filter((e) => e.type === "PER");
  if (!people.length) return null;
  return h("details", { class: "entities" }, h("summary", {}, t("l_person"), ` (${people.length})`),
    h("ul", {}, people.map((e) => h("li", {},
      e.kb_id ? h("a", { href: route(`actor/${e.kb_id}`) }, ar(e.name)) : ar(e.name),
      e.name_latin ? [" ", latin(e.name_latin)] : null,
      e.titles?.length ? h("span", { class: "meta" }, " — ", ar(e.titles.join("، "))) : null))));
}
