"""Contexts of events: what a happening is about (counter-terrorism, border security, migration …).

Each event gets the contexts whose keywords (lexicon `contexts.tsv`) open a word of its trigger
sentences (assigned by the events component, and unioned when mentions merge). This component
adds the words of the whole happening: the sentences that tell a meeting's agenda without naming
it again («وتناول اللقاء …», «وجرى خلال الاستقبال …», lexicon `agenda_cues.txt`), the posts of
the people taking part (a meeting of defence ministers, lexicon `title_contexts.tsv`) and what
they are quoted saying there.
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.lexicon import Lexicon
from marsad.model import Document, Event
from marsad.text.normalize import name_key, norm_char_key

AGENDA_TYPES = ("CONSULT", "AGREE", "COOPERATE")  # happenings whose participants' statements set an agenda
AGENDA_WINDOW = 8  # sentences after a meeting's last mention that may still tell its agenda


@lru_cache(maxsize=4096)
def _keyword_re(keyword: str, prefixes: tuple[str, ...]) -> re.Pattern[str]:
    """Return a pattern for `keyword` opening a word, after any proclitics («والإرهاب», «للحدود»)."""
    alt = "|".join(re.escape(p) for p in prefixes if p)
    return re.compile(rf"(?<!\w)(?:{alt})?{re.escape(keyword)}")


def _opens_word(lexicon: Lexicon, keyword: str, key: str) -> bool:
    return keyword in key and _keyword_re(keyword, lexicon.word_prefixes).search(key) is not None


def keyword_contexts(lexicon: Lexicon, text: str, event_type: str | None = None) -> list[str]:
    """Return the contexts whose keywords open a word of `text`, in the order of the lexicon (longest first).

    A keyword limited to some event types (third column of `contexts.tsv`) counts only for an
    event of those types; with no `event_type` it does not count.
    """
    key = norm_char_key(text)
    found: list[str] = []
    for kw, ctx, types in lexicon.context_rules:
        if ctx in found or (types is not None and event_type not in types):
            continue
        if _opens_word(lexicon, kw, key):
            found.append(ctx)
    return found


def title_contexts(lexicon: Lexicon, doc: Document, ev: Event) -> list[str]:
    """Return the contexts of the posts held by the persons taking part in `ev` («وزير الدفاع»)."""
    found: list[str] = []
    for ref in ev.participants:
        e = doc.entity(ref)
        if e is None or e.type != "PER":
            continue
        for title in e.titles:
            key = name_key(title)
            for kw, ctx in lexicon.title_contexts:
                if ctx not in found and _opens_word(lexicon, kw, key):
                    found.append(ctx)
    return found


def _agenda_sentences(doc: Document, lexicon: Lexicon) -> dict[str, list[str]]:
    """Map each meeting or agreement to the texts of later sentences that tell its agenda.

    A sentence with an agenda cue («اللقاء», «الجانبان», «خلال الاستقبال») that is not a mention
    of another meeting belongs to the last meeting or agreement told before it.
    """
    cues = lexicon.words("agenda_cues")
    sent_of = {s.start: n for n, s in enumerate(doc.sentences)}
    owners: dict[int, set[str]] = {}
    for ev in doc.events:
        for m in ev.mentions:
            if m.start in sent_of:
                owners.setdefault(sent_of[m.start], set()).add(ev.id)
    agenda = [ev for ev in doc.events if ev.type in AGENDA_TYPES]
    out: dict[str, list[str]] = {}
    for n, sent in enumerate(doc.sentences):
        text = doc.text[sent.start:sent.end]
        key = norm_char_key(text)
        if not any(_opens_word(lexicon, c, key) for c in cues):
            continue
        before = []
        for ev in agenda:
            told = [sent_of[m.start] for m in ev.mentions if m.start in sent_of and sent_of[m.start] <= n]
            if told:
                before.append((max(told), ev))
        if not before:
            continue
        last_no, target = max(before, key=lambda x: (x[0], x[1].type == "CONSULT"))
        here = owners.get(n, set())
        if target.id in here or n - last_no > AGENDA_WINDOW or any(
                e.id in here and e.type == "CONSULT" and e.id != target.id for e in doc.events):
            continue
        out.setdefault(target.id, []).append(text)
    return out


def add_agenda_contexts(doc: Document, lexicon: Lexicon) -> None:
    """Add to each meeting or agreement the contexts of its agenda, of its participants' posts and quotes."""
    agenda = _agenda_sentences(doc, lexicon)
    for ev in doc.events:
        if ev.type not in AGENDA_TYPES:
            continue
        extra: list[str] = []
        for text in agenda.get(ev.id, []):
            extra += keyword_contexts(lexicon, text, ev.type)
        extra += title_contexts(lexicon, doc, ev)
        for q in doc.quotes if ev.type == "CONSULT" else ():
            if q.speaker and q.speaker in ev.participants:
                extra += keyword_contexts(lexicon, q.text, ev.type)
        ev.contexts = list(dict.fromkeys(ev.contexts + extra))
