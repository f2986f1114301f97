// Marsad in the browser: a hash router over a few views, each reading the API of the server that sent it.

import { h, clear, errorBox, loading, go } from "./dom.js";
import { t, lang, setLang, applyDocumentLang, setCountries } from "./i18n.js";
import { asset, getVocabulary } from "./api.js";
import * as overview from "./views/overview.js";
import * as timeline from "./views/timeline.js";
import * as network from "./views/network.js";
import * as map from "./views/map.js";
import * as actor from "./views/actor.js";
import * as actors from "./views/actors.js";
import * as article from "./views/article.js";
import * as search from "./views/search.js";

const VIEWS = { "": overview, timeline, network, map, actor, actors, doc: article, search };
const NAV = [["", "nav_overview"], ["timeline", "nav_timeline"], ["network", "nav_network"], ["map", "nav_map"], ["actors", "nav_actors"]];

/** The current route: view name, path arguments after it, query parameters. */
export function currentRoute() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, qs = ""] = raw.split("?");
  const [name = "", ...args] = path.split("/").map(decodeURIComponent);
  return { name, args, params: new URLSearchParams(qs) };
}

function header(active) {
  const q = active.name === "search" ? active.params.get("q") || "" : "";
  const form = h("form", { class: "search", role: "search" },
    h("input", { type: "search", name: "q", value: q, placeholder: t("search_placeholder"), "aria-label": t("search"), maxlength: 200 }),
    h("button", { type: "submit" }, t("search")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = new FormData(form).get("q").trim();
    if (value) go("search", { q: value });
  });
  const toggle = h("button", { type: "button", id: "lang-toggle", class: "lang", title: t("toggle_title"),
    lang: lang() === "ar" ? "en" : "ar" }, t("toggle"));
  toggle.addEventListener("click", () => { setLang(lang() === "ar" ? "en" : "ar"); render(); });
  return h("div", { class: "bar" },
    h("a", { class: "brand", href: "#/" }, h("img", { src: "/static/favicon.svg", alt: "", width: 28, height: 28 }),
      h("span", {}, t("brand")), h("small", {}, t("tagline"))),
    h("nav", { "aria-label": "main" }, NAV.map(([name, key]) =>
      h("a", { href: `#/${name}`, id: `nav-${name || "overview"}`, "aria-current": active.name === name ? "page" : null }, t(key)))),
    form, toggle);
}

let renderCount = 0;

/** Render the header and the view of the current route. */
export async function render() {
  applyDocumentLang();
  const r = currentRoute();
  const view = VIEWS[r.name];
  clear(document.getElementById("top")).append(header(r));
  document.getElementById("credits").textContent = t("credits");
  const root = clear(document.getElementById("view"));
  const mine = ++renderCount;
  root.setAttribute("aria-busy", "true");
  if (!view) {
    root.append(h("h1", {}, t("page_not_found")), h("p", {}, h("a", { href: "#/" }, t("nav_overview"))));
  } else {
    root.append(loading());
    try {
      const body = h("div", { class: `view view-${r.name || "overview"}` });
      await view.render(body, r);
      if (mine !== renderCount) return;  // another route was asked for meanwhile
      clear(root).append(body);
    } catch (err) {
      if (mine !== renderCount) return;
      clear(root).append(errorBox(err));
      console.warn(err);
    }
  }
  root.setAttribute("aria-busy", "false");
  document.body.dataset.view = r.name || "overview";
  document.body.dataset.ready = String(mine);
}

async function start() {
  applyDocumentLang();
  const [voc, countries] = await Promise.all([getVocabulary(), asset("data/countries.json")]);
  setCountries(countries, voc.countries);
  window.addEventListener("hashchange", render);
  await render();
}

start().catch((err) => { document.getElementById("view").append(errorBox(err)); });
