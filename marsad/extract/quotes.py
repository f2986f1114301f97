"""Direct quotation and reported speech, with the speaker resolved to a person entity.

«قال/أكد/أشار … X إن …», «X: "…"», a bare «وأضاف أن …» continuing the last speaker,
and anonymous sources («مصدر مطلع», «مصادر أمنية») kept with `speaker=None`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.lexicon import Lexicon
from marsad.model import Document, Entity, Quote, Sentence
from marsad.text.morphology import Morphology
from marsad.text.normalize import TATWEEL

SPEAKER_WINDOW = 10
QUOTE_OPEN = {"«": "»", "“": "”", '"': '"'}
MAX_QUOTE = 1200


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    entity: Entity


def _mentions(doc: Document) -> list[_Mention]:
    out = [_Mention(m.start, m.end, e) for e in doc.entities if e.type in ("PER", "ORG") for m in e.mentions]
    return sorted(out, key=lambda m: m.start)


def _complementizer_re(lex: Lexicon) -> re.Pattern[str]:
    """Return a pattern for a complementizer opening what was said («قال إن …»), in original letters."""
    forms = sorted((r[0] for r in lex.rows("complementizers.txt")), key=len, reverse=True)
    return re.compile("(?:" + "|".join(re.escape(f) for f in forms) + r")\s+")


def _content(doc: Document, sent: Sentence, from_char: int, opener: re.Pattern[str]) -> tuple[int, int, bool]:
    """Return (start, end, direct) of what was said, starting the search at `from_char`."""
    text = doc.text
    window = text[from_char:sent.end]
    m = re.search(r"[«“\"]", window)
    if m and m.start() < 60:
        open_at = from_char + m.start()
        close = QUOTE_OPEN[text[open_at]]
        close_at = text.find(close, open_at + 1, open_at + MAX_QUOTE)
        if close_at > open_at + 1:
            return open_at + 1, close_at, True
    start = from_char
    while start < sent.end and text[start] in " ،,:":
        start += 1
    first = opener.match(text, start, sent.end)
    if first:
        start = first.end()  # «قال إن …»: what was said starts after the complementizer
    end = sent.end
    while end > start and text[end - 1] in " .":
        end -= 1
    return start, end, False


def _speaker_before(lex: Lexicon, mentions: list[_Mention], toks: list, i: int) -> _Mention | None:
    """«X، قد قال …», «وزير الدفاع X حذر من أن»: a person named just before the cue."""
    if i == 0:
        return None
    window_start = toks[max(0, i - 4)].start
    between_ok = lex.words("speaker_gap_words") | {"،", ","}
    for m in reversed(mentions):
        if m.entity.type == "PER" and window_start <= m.end <= toks[i].start:
            gap = [t for t in toks if m.end <= t.start < toks[i].start]
            if all(t.key in between_ok or t.text in between_ok for t in gap):
                return m
    return None


def add_quotes(doc: Document, morph: Morphology) -> None:
    """Fill `doc.quotes` from each sentence's reporting verbs."""
    lex = morph.lexicon
    _bare = morph.bare
    cues, participles = lex.words("quote_cues"), lex.words("quote_participles")
    complementizers, anonymous = lex.words("complementizers"), lex.words("anonymous_sources")
    continuation, modifiers = lex.words("continuation_words"), tuple(lex.words("source_modifier_endings"))
    opener = _complementizer_re(lex)
    mentions = _mentions(doc)
    quotes: list[Quote] = []
    last_speaker: tuple[str | None, str] | None = None
    for sent in doc.sentences:
        toks = sent.tokens
        sent_speaker: tuple[str | None, str] | None = None
        for i, tok in enumerate(toks):
            key = _bare(tok.key)
            if key not in cues:
                continue
            after = toks[i + 1:i + 1 + SPEAKER_WINDOW]
            limit = next((t.start for t in after if _bare(t.key) in complementizers or t.text == ":"),
                         after[-1].end if after else tok.end)
            speaker = _speaker_before(lex, mentions, toks, i) or next(
                (m for m in mentions if tok.end <= m.start < limit and m.entity.type == "PER"), None)
            org = next((m for m in mentions if tok.end <= m.start < limit and m.entity.type == "ORG"), None)
            anon = next((t for t in after[:4] if _bare(t.key) in anonymous), None)
            content_from = tok.end
            who: tuple[str | None, str] | None
            if speaker is not None:
                who = (speaker.entity.id, doc.text[speaker.start:speaker.end])
                content_from = max(speaker.end, tok.end)
            elif anon is not None:
                end_anon = anon.end
                for t in after[after.index(anon) + 1:after.index(anon) + 3]:
                    if t.key not in lex.function_words and (
                            morph.has_article(t.key) or t.key.endswith(modifiers)):
                        end_anon = t.end
                    else:
                        break
                who = (None, doc.text[anon.start:end_anon])
                content_from = end_anon
            elif key in participles and sent_speaker:
                who = sent_speaker
            elif not after or _bare(after[0].key) in continuation or _tatweel_preposition(morph, after[0].text):
                who = last_speaker
            elif org is not None:
                who = (org.entity.id, doc.text[org.start:org.end])
                content_from = org.end
            else:
                who = None
            if who is None:
                continue
            start, end, direct = _content(doc, sent, content_from, opener)
            if end - start < 8:
                continue
            quotes.append(Quote(start=start, end=end, text=doc.text[start:end], speaker=who[0],
                                speaker_text=who[1], cue=tok.text, direct=direct))
            sent_speaker = who
            if who[0] is None or (doc.entity(who[0]) and doc.entity(who[0]).type == "PER"):
                last_speaker = who
    doc.quotes = _dedupe(quotes)


def _tatweel_preposition(morph: Morphology, text: str) -> bool:
    """Return whether a word is a preposition written apart with a tatweel («لـ»), as in «وأضاف لـ…»."""
    return any(text.startswith(p + TATWEEL) for p in morph.prepositions)


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    """Keep one quote per span: a participle inside an earlier quote's span is not a new quote."""
    out: list[Quote] = []
    for q in quotes:
        if any(p.start <= q.start and q.end <= p.end and p.speaker == q.speaker for p in out):
            continue
        out.append(q)
    return out
