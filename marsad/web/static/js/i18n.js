// The interface in Arabic (default, right to left) and English; the data stays as the API gives it.
// Event types are PLOVER's, modes and contexts Marsad's ids; each has a label in both languages here.

const STRINGS = {
  ar: {
    brand: "مرصد",
    tagline: "أحداث موثّقة من الأخبار العربية",
    nav_overview: "نظرة عامة", nav_timeline: "الخط الزمني", nav_network: "شبكة الفاعلين",
    nav_map: "الخريطة", nav_actors: "الفاعلون", search_placeholder: "ابحث في النصوص والأسماء…",
    search: "بحث", toggle: "English", toggle_title: "Switch to English",
    loading: "جارٍ التحميل…", error: "تعذّر التحميل", none: "لا شيء", undated: "بلا تاريخ",
    apply: "تطبيق", reset: "إعادة ضبط", all: "الكل", any: "أيّ", more: "المزيد",
    f_type: "نوع الحدث", f_country: "دولة", f_context: "السياق", f_since: "من", f_until: "إلى",
    f_modality: "الصيغة", f_level: "المستوى", f_nodes: "عدد العُقد", f_min_weight: "أقل وزن للصلة",
    overview_title: "نظرة عامة على المدوّنة", overview_intro:
      "كل حدث مستخرج من جملة في مقال، ويمكن فتح تلك الجملة من أي رسم أو قائمة.",
    start_here: "ابدأ من هنا", open_pair: "العلاقة {a} – {b}: الخط الزمني", pair_events: "{n} حدث", pair_canonical: "{n} حدث موحّد",
    events: "الأحداث", documents: "المقالات", dated: "مؤرَّخة", undated_n: "بلا تاريخ", negated: "منفيّة",
    by_month: "الأحداث حسب الشهر", by_year: "الأحداث حسب السنة", by_type: "حسب نوع الحدث",
    by_context: "حسب السياق", top_pairs: "أكثر أزواج الدول ظهوراً معاً", top_states: "أكثر الدول حضوراً",
    latest_docs: "أحدث المقالات", no_events: "لا أحداث تطابق هذا التصفية.",
    month_note: "{n} من الأحداث مؤرَّخة بالسنة فقط، فلا تظهر في هذا الرسم.",
    timeline_title: "الخط الزمني للعلاقة", timeline_intro:
      "الأحداث الموحّدة بين الدولتين (الحدث نفسه في عدة مقالات يُعدّ مرة واحدة)، الأقدم أولاً.",
    pair_a: "الدولة الأولى", pair_b: "الدولة الثانية", canonical_events: "{n} حدثاً موحّداً",
    evidence: "الدليل", open_evidence: "افتح جملة الدليل", sources: "المصادر",
    corroboration: "تأكيد مستقل", corroborated_by: "{n} مصدر مستقل", disagreements: "اختلافات بين المصادر",
    actors: "الفاعلون", organisations: "الهيئات", place: "المكان", when: "التاريخ", type: "النوع",
    mode: "الطريقة", modality: "الصيغة", contexts: "السياقات", recipients: "المتلقّون",
    participants: "المشاركون", confidence: "الثقة", story: "القصة", summary_en: "ملخّص بالإنجليزية",
    article_title: "المقال", published: "تاريخ النشر", outlet: "المصدر", original: "الرابط الأصلي",
    legend: "المفتاح", l_person: "أشخاص", l_org: "هيئات", l_place: "أماكن", l_date: "تواريخ",
    l_event: "جمل الأحداث", l_quote: "اقتباسات", events_in_article: "أحداث المقال",
    pick_event: "اختر حدثاً من القائمة أو من النص لرؤية حقوله ومصادره.",
    event_fields: "الحدث", not_resolved: "لم يُربط بعد بحدث موحّد.", trigger: "الكلمة الدالّة",
    negated_yes: "منفيّ", speaker: "القائل",
    actor_title: "الفاعل", names: "الأسماء والتهجئات", roles: "المناصب عبر الزمن",
    first_seen: "أول ظهور", last_seen: "آخر ظهور", articles: "المقالات", counterparts: "أكثر من يتعامل معهم",
    actor_events: "أحداثه", all_events: "{n} حدثاً", country: "الدولة", latin: "بالحروف اللاتينية",
    actors_title: "الفاعلون", actors_search: "اسم بأي تهجئة…", actors_total: "{n} فاعلاً",
    network_title: "شبكة الفاعلين", network_intro:
      "من يلتقي بمن، ومن يساعد أو يتّهم أو يهاجم من: الصلة أعرض كلما كثرت الأحداث.",
    level_actors: "أشخاص وهيئات", level_states: "دول", nodes_shown: "{n} عقدة، {e} صلة، من {t} حدثاً",
    pick_node: "اختر عقدة أو صلة لرؤية أحداثها.", between: "بين {a} و{b}", open_actor: "صفحة الفاعل",
    k_person: "شخص", k_organisation: "هيئة", k_state: "دولة", k_place: "مكان",
    family_coop: "تعاون ولقاءات", family_conflict: "نزاع واتهام",
    map_title: "خريطة الأحداث", map_intro: "أماكن الأحداث من معجم جغرافي مرفق (GeoNames) فوق حدود Natural Earth.",
    map_region: "المنطقة العربية", map_world: "العالم", located: "{n} من {t} حدثاً لها مكان على الخريطة",
    unplaced: "أماكن لم تُعرف إحداثياتها", pick_place: "اختر موضعاً على الخريطة لرؤية أحداثه.",
    search_title: "نتائج البحث", search_total: "{n} مقالاً", search_empty: "اكتب كلمة أو اسماً للبحث.",
    page_not_found: "صفحة غير موجودة",
    credits: "البيانات الجغرافية: GeoNames (CC BY 4.0) وNatural Earth (ملكية عامة). كل الملفات تُخدم محلياً.",
  },
  en: {
    brand: "Marsad",
    tagline: "Evidence-backed events from Arabic news",
    nav_overview: "Overview", nav_timeline: "Timeline", nav_network: "Actor network",
    nav_map: "Map", nav_actors: "Actors", search_placeholder: "Search texts and names…",
    search: "Search", toggle: "العربية", toggle_title: "التبديل إلى العربية",
    loading: "Loading…", error: "Could not load", none: "none", undated: "undated",
    apply: "Apply", reset: "Reset", all: "All", any: "any", more: "More",
    f_type: "Event type", f_country: "State", f_context: "Context", f_since: "From", f_until: "To",
    f_modality: "Modality", f_level: "Level", f_nodes: "Nodes", f_min_weight: "Least link weight",
    overview_title: "Corpus overview", overview_intro:
      "Every event comes from one sentence of an article; any chart or list leads back to that sentence.",
    start_here: "Start here", open_pair: "{a} – {b} relations: timeline", pair_events: "{n} events", pair_canonical: "{n} canonical events",
    events: "Events", documents: "Articles", dated: "dated", undated_n: "undated", negated: "negated",
    by_month: "Events by month", by_year: "Events by year", by_type: "By event type",
    by_context: "By context", top_pairs: "State pairs most often in one event", top_states: "States most present",
    latest_docs: "Latest articles", no_events: "No events match this filter.",
    month_note: "{n} events dated to a year only are not in this chart.",
    timeline_title: "Relation timeline", timeline_intro:
      "Canonical events between the two states (one happening reported by several articles counts once), oldest first.",
    pair_a: "First state", pair_b: "Second state", canonical_events: "{n} canonical events",
    evidence: "Evidence", open_evidence: "Open the evidence sentence", sources: "Sources",
    corroboration: "Independent corroboration", corroborated_by: "{n} independent source(s)",
    disagreements: "Disagreements between sources",
    actors: "Actors", organisations: "Bodies", place: "Place", when: "Date", type: "Type",
    mode: "Mode", modality: "Modality", contexts: "Contexts", recipients: "Recipients",
    participants: "Participants", confidence: "Confidence", story: "Story", summary_en: "English summary",
    article_title: "Article", published: "Published", outlet: "Outlet", original: "Original link",
    legend: "Legend", l_person: "People", l_org: "Bodies", l_place: "Places", l_date: "Dates",
    l_event: "Event sentences", l_quote: "Quotes", events_in_article: "Events in this article",
    pick_event: "Pick an event in the list or in the text to see its fields and sources.",
    event_fields: "Event", not_resolved: "Not yet linked to a canonical event.", trigger: "Trigger word",
    negated_yes: "negated", speaker: "Speaker",
    actor_title: "Actor", names: "Names and spellings", roles: "Roles over time",
    first_seen: "First seen", last_seen: "Last seen", articles: "Articles", counterparts: "Most frequent counterparts",
    actor_events: "Events", all_events: "{n} events", country: "State", latin: "Latin name",
    actors_title: "Actors", actors_search: "A name, any spelling…", actors_total: "{n} actors",
    network_title: "Actor network", network_intro:
      "Who meets whom, who aids, accuses or attacks whom: the more events, the wider the link.",
    level_actors: "People and bodies", level_states: "States", nodes_shown: "{n} nodes, {e} links, from {t} events",
    pick_node: "Pick a node or a link to see its events.", between: "Between {a} and {b}", open_actor: "Actor page",
    k_person: "person", k_organisation: "body", k_state: "state", k_place: "place",
    family_coop: "Cooperation and meetings", family_conflict: "Conflict and accusation",
    map_title: "Map of events", map_intro: "Event places from a shipped gazetteer (GeoNames) over Natural Earth outlines.",
    map_region: "Arab region", map_world: "World", located: "{n} of {t} events have a place on the map",
    unplaced: "Places without known coordinates", pick_place: "Pick a place on the map to see its events.",
    search_title: "Search results", search_total: "{n} articles", search_empty: "Type a word or a name to search.",
    page_not_found: "No such page",
    credits: "Geographic data: GeoNames (CC BY 4.0) and Natural Earth (public domain). Every file is served locally.",
  },
};

const TYPES = {
  AGREE: ["اتفاق", "Agree"], CONSULT: ["لقاء وتشاور", "Consult"], SUPPORT: ["تأييد", "Support"],
  CONCEDE: ["تنازل", "Concede"], COOPERATE: ["تعاون", "Cooperate"], AID: ["مساعدة", "Aid"],
  RETREAT: ["انسحاب", "Retreat"], REQUEST: ["طلب", "Request"], ACCUSE: ["اتهام", "Accuse"],
  REJECT: ["رفض", "Reject"], THREATEN: ["تهديد", "Threaten"], PROTEST: ["احتجاج", "Protest"],
  SANCTION: ["عقوبات", "Sanction"], MOBILIZE: ["تعبئة", "Mobilize"], COERCE: ["إكراه", "Coerce"],
  ASSAULT: ["هجوم", "Assault"],
};

const MODES = {
  meeting: ["اجتماع", "meeting"], visit: ["زيارة", "visit"], phone: ["اتصال هاتفي", "phone call"],
  multilateral: ["متعدد الأطراف", "multilateral"], aerial: ["غارة جوية", "air strike"],
  arrest: ["اعتقال", "arrest"], military: ["عسكري", "military"], armed: ["هجوم مسلح", "armed attack"],
  explosives: ["تفجير", "explosives"], training: ["تدريب", "training"], seize: ["مصادرة", "seizure"],
  humanitarian: ["إنساني", "humanitarian"], expel: ["طرد", "expulsion"], assassination: ["اغتيال", "assassination"],
  execution: ["إعدام", "execution"], block: ["حصار", "blockade"], demonstrate: ["تظاهر", "demonstration"],
  raid: ["مداهمة", "raid"], abduction: ["اختطاف", "abduction"], "sit-in": ["اعتصام", "sit-in"],
  strike: ["إضراب", "strike"], artillery: ["قصف مدفعي", "artillery"], economic: ["اقتصادي", "economic"],
  security: ["أمني", "security"],
};

const CONTEXTS = {
  border_security: ["أمن الحدود", "border security"], ceasefire_political: ["وقف النار والمسار السياسي", "ceasefire and politics"],
  counter_terrorism: ["مكافحة الإرهاب", "counter-terrorism"], crisis_management: ["إدارة الأزمات", "crisis management"],
  diplomatic: ["دبلوماسي", "diplomatic"], economic: ["اقتصادي", "economic"],
  intelligence_sharing: ["تبادل المعلومات الاستخبارية", "intelligence sharing"], labor: ["العمالة", "labour"],
  migration: ["الهجرة", "migration"], military_aid: ["المساعدات العسكرية", "military aid"],
  military_cooperation: ["التعاون العسكري", "military cooperation"], military_operation: ["عمليات عسكرية", "military operations"],
  organized_crime: ["الجريمة المنظمة", "organised crime"], smuggling: ["التهريب", "smuggling"], training: ["التدريب", "training"],
};

const MODALITIES = {
  asserted: ["وقع فعلاً", "asserted"], planned: ["مخطط له", "planned"],
  hypothetical: ["افتراضي", "hypothetical"], offered: ["معروض", "offered"],
};

const PRECISION = { day: ["يوم", "day"], week: ["أسبوع", "week"], month: ["شهر", "month"], year: ["سنة", "year"] };

// cooperative types in cool colours, conflictual ones in warm colours (PLOVER's own split)
export const TYPE_COLOURS = {
  AGREE: "#1b7f5f", CONSULT: "#1f6fb2", SUPPORT: "#4a9c8c", CONCEDE: "#6aa84f", COOPERATE: "#2e8b57",
  AID: "#3c9dd0", RETREAT: "#7f9c3a", REQUEST: "#8e7cc3", ACCUSE: "#d9822b", REJECT: "#c27c0e",
  THREATEN: "#e06666", PROTEST: "#b45f06", SANCTION: "#a64d79", MOBILIZE: "#cc4125", COERCE: "#b22222",
  ASSAULT: "#7f0000",
};
export const COOPERATIVE = new Set(["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"]);

let current = localStorage.getItem("marsad.lang") === "en" ? "en" : "ar";
let countryInfo = { countries: {}, keys: {} };  // data/countries.json
let arabicCountries = {};  // /api/vocabulary: code -> Arabic name

export function lang() { return current; }

export function setLang(value) {
  current = value === "en" ? "en" : "ar";
  localStorage.setItem("marsad.lang", current);
  applyDocumentLang();
}

export function applyDocumentLang() {
  document.documentElement.lang = current;
  document.documentElement.dir = current === "ar" ? "rtl" : "ltr";
  document.title = `${STRINGS[current].brand} · ${current === "ar" ? "Marsad" : "مرصد"}`;
}

/** The interface string `key` in the current language, {name} placeholders filled from `vars`. */
export function t(key, vars = {}) {
  const s = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (vars[k] ?? ""));
}

function pick(table, key) {
  const row = table[key];
  return row ? row[current === "ar" ? 0 : 1] : key;
}

export const typeLabel = (type) => pick(TYPES, type);
export const modeLabel = (mode) => (mode ? pick(MODES, mode) : "");
export const contextLabel = (ctx) => pick(CONTEXTS, ctx);
export const modalityLabel = (m) => pick(MODALITIES, m);
export const precisionLabel = (p) => (p ? pick(PRECISION, p) : "");

export function setCountries(info, vocabularyCountries) {
  countryInfo = info;
  arabicCountries = vocabularyCountries;
}

/** The state's name in the current language (its code when unknown). */
export function countryName(code) {
  if (!code) return "";
  if (current === "ar") return arabicCountries[code] || countryInfo.countries[code]?.en || code;
  return countryInfo.countries[code]?.en || code;
}

export function countryInfoOf(code) { return countryInfo.countries[code]; }
export function countryOfKey(key) { return countryInfo.keys[key]; }
