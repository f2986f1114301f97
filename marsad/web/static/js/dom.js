// Building the page from data without innerHTML: article text and names are always set as text.

import { lang, t } from "./i18n.js";

const SVG_NS = "http://www.w3.org/2000/svg";

function fill(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.setAttribute("class", Array.isArray(v) ? v.filter(Boolean).join(" ") : v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** An HTML element: h("a", {href: "#/"}, "text", child, ...). */
export function h(tag, attrs, ...children) { return fill(document.createElement(tag), attrs, children); }

/** An SVG element. */
export function s(tag, attrs, ...children) { return fill(document.createElementNS(SVG_NS, tag), attrs, children); }

/** Arabic data inside an interface in either language: isolated, right to left. */
export function ar(text, attrs = {}) { return h("bdi", { lang: "ar", dir: "rtl", ...attrs }, text ?? ""); }

/** Latin-script data (names as the API romanises them). */
export function latin(text) { return text ? h("bdi", { lang: "en", dir: "ltr", class: "latin" }, text) : null; }

/** A name as the current language shows it: Arabic first in Arabic, the Latin form first in English. */
export function personName(arabic, romanised) {
  if (!arabic && !romanised) return "";
  if (lang() === "en" && romanised) return h("span", { class: "name" }, latin(romanised), " ", ar(arabic, { class: "sub" }));
  return h("span", { class: "name" }, ar(arabic), romanised ? [" ", latin(romanised)] : null);
}

export function clear(el) { while (el.firstChild) el.firstChild.remove(); return el; }

/** A hash link inside the app: route and query parameters (arrays repeat). */
export function route(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    for (const one of [].concat(v)) if (one !== null && one !== undefined && one !== "") q.append(k, one);
  }
  const qs = q.toString();
  return `#/${path}${qs ? "?" + qs : ""}`;
}

export function loading() { return h("p", { class: "loading", role: "status" }, t("loading")); }

export function errorBox(err) {
  return h("p", { class: "error", role: "alert" }, `${t("error")}: ${err.message || err}`);
}

/** A date as stored (ISO, possibly partial) or «undated». */
export function when(value) { return value ? h("time", { datetime: value }, value) : h("span", { class: "undated" }, t("undated")); }

export function fmt(n) { return new Intl.NumberFormat(lang() === "ar" ? "ar-EG-u-nu-latn" : "en-GB").format(n); }

/** Go to a route: the hash changes and the router renders its view. */
export function go(path, params) { location.hash = route(path, params); }

/** Append children (nested arrays flattened; null, undefined and false left out) to an element; return it. */
export function put(el, ...children) { return fill(el, {}, children); }
