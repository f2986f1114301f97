"""Direct quotation and reported speech, with the speaker resolved to a person entity.

«قال/أكد/أشار … X إن …», «X: "…"», a bare «وأضاف أن …» continuing the last speaker,
and anonymous sources («مصدر مطلع», «مصادر أمنية») kept with `speaker=None`.

The speaker is the one the cue names: the search for it stops at what cannot open the subject
(a relative pronoun, «عن», «مع», an opening quotation mark: lexicon `speaker_stop_words.txt`),
so a person named inside the quote or in a clause about someone else is not the speaker; a
speaker named only by a post («وقال وزير الدفاع المصري») is the one person of the article who
holds it, else an unnamed speaker; a participle («مشيرا إلى») continues the subject of its
sentence; a person named inside an organisation's name («مركز الملك X») does not speak.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.lexicon import Lexicon
from marsad.model import Document, Entity, Quote, Sentence, Token
from marsad.text.morphology import Morphology
from marsad.text.normalize import TATWEEL, name_key

SPEAKER_WINDOW = 10
NAME_WORDS = 3  # a quotation of at most this many words with no punctuation is a name or a title
SUBJECT_WINDOW = 6  # tokens from a sentence's start within which its verb's subject is named
QUOTE_MARKS = frozenset("«“\"")
QUOTE_OPEN = {"«": "»", "“": "”", '"': '"'}
MAX_QUOTE = 1200


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    entity: Entity


def _mentions(doc: Document) -> list[_Mention]:
    out = [_Mention(m.start, m.end, e) for e in doc.entities if e.type in ("PER", "ORG") for m in e.mentions]
    orgs = [m for m in out if m.entity.type == "ORG"]
    out = [m for m in out if m.entity.type != "PER" or not any(
        o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end) for o in orgs)]
    return sorted(out, key=lambda m: m.start)  # «مركز الملك X» names an organisation, not a person


def _complementizer_re(lex: Lexicon) -> re.Pattern[str]:
    """Return a pattern for a complementizer opening what was said («قال إن …»), in original letters."""
    forms = sorted((r[0] for r in lex.rows("complementizers.txt")), key=len, reverse=True)
    return re.compile("(?:" + "|".join(re.escape(f) for f in forms) + r")\s+")


def _quoted_name(doc: Document, open_at: int) -> int | None:
    """Return where a quoted name or title («الشرق الأوسط», «رويترز») closes, or None for speech.

    Words in quotation marks are a name, not a quotation, when they are few (at most NAME_WORDS,
    no sentence punctuation) and either name an entity or are written onto a preposition
    («لـ«الشرق الأوسط»»).
    """
    text = doc.text
    close = QUOTE_OPEN.get(text[open_at])
    if close is None:
        return None
    close_at = text.find(close, open_at + 1, open_at + 60)
    if close_at < 0:
        return None
    inner = text[open_at + 1:close_at]
    if len(inner.split()) > NAME_WORDS or any(c in inner for c in ".،,:؟?!"):
        return None
    attached = open_at > 0 and not text[open_at - 1].isspace()
    named = any(m.start == open_at + 1 and m.end == close_at for e in doc.entities for m in e.mentions)
    return close_at if attached or named else None


def _content(doc: Document, sent: Sentence, from_char: int, opener: re.Pattern[str]) -> tuple[int, int, bool]:
    """Return (start, end, direct) of what was said, starting the search at `from_char`.

    A quoted name or title on the way («قال لـ«الشرق الأوسط» إن …») is skipped.
    """
    text = doc.text
    pos = from_char
    m = re.search(r"[«“\"]", text[pos:sent.end])
    while m and m.start() < 60 and (named := _quoted_name(doc, pos + m.start())) is not None:
        pos = named + 1
        m = re.search(r"[«“\"]", text[pos:sent.end])
        from_char = pos
    if m and m.start() < 60:
        open_at = pos + m.start()
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


def _content_before(doc: Document, sent: Sentence, cue_at: int) -> tuple[int, int, bool]:
    """«"…"، كما يقول X لـ«الشرق الأوسط».»: the last quotation before a cue that nothing follows."""
    spans = list(re.finditer(r"«([^«»]{8,})»|“([^“”]{8,})”|\"([^\"]{8,})\"", doc.text[sent.start:cue_at]))
    if not spans:
        return 0, 0, False
    m = spans[-1]
    return sent.start + m.start() + 1, sent.start + m.end() - 1, True


def _speaker_before(lex: Lexicon, mentions: list[_Mention], toks: list, i: int,
                    text: str = "", conjoined: bool = False) -> _Mention | None:
    """«X، قد قال …», «وزير الدفاع X حذر من أن», «أما X فأوضحت»: a person named just before the cue.

    With a conjoined cue a comma in `text` ends the clause before: in «… X، وقال» X is not the speaker.
    """
    if i == 0:
        return None
    window_start = toks[max(0, i - 4)].start
    between_ok = lex.words("speaker_gap_words") | {"،", ","}
    for m in reversed(mentions):
        if m.entity.type == "PER" and window_start <= m.end <= toks[i].start:
            if conjoined and any(c in text[m.end:toks[i].start] for c in "،,"):
                return None
            gap = [t for t in toks if m.end <= t.start < toks[i].start]
            if all(t.key in between_ok or t.text in between_ok for t in gap):
                return m
    return None


def _titled_speaker(doc: Document, morph: Morphology, after: list, limit: int,
                    before: int) -> tuple[Entity | None, int] | None:
    """«وقال وزير الدفاع المصري …»: a speaker named by a post only.

    Return (the one person named earlier who holds that post, or None when no single one does,
    end of the post's words), or None when no post follows the cue.
    """
    words = [t for t in after[:4] if t.end <= limit]
    if not words or not morph.title_readings(words[0].key):
        return None
    head = morph.title_readings(words[0].key)[0][1]
    end, iso, qualifiers = words[0].end, None, []
    for t in words[1:3]:
        nisba = morph.nisba_of(t.key)
        if nisba:
            iso, end = nisba, t.end
            break
        if not morph.has_article(t.key):
            break
        qualifiers.append(t.key)  # «وزير الخارجية»: the post's complement
        end = t.end
    found, exact = [], []
    phrase = [name_key(head), *qualifiers]
    for e in doc.entities:
        if e.type != "PER" or not any(m.start < before for m in e.mentions):
            continue
        for title in e.titles:
            words_t = name_key(title).split()
            if words_t[:1] == phrase[:1] and all(q in words_t for q in qualifiers) and (
                    iso is None or e.country == iso or any(morph.nisba_of(w) == iso for w in words_t)):
                found.append(e)
                if iso is None and words_t == phrase:
                    exact.append(e)  # «وزير الخارجية» unqualified: the one whose post is written so
                break
    if len(found) > 1 and len(exact) == 1:
        found = exact
    return (found[0] if len(found) == 1 else None), end


def _sentence_subject(mentions: list[_Mention], sent: Sentence, before: int,
                      complementizers: frozenset[str]) -> _Mention | None:
    """«وثمن X …، مشيرا إلى …»: the person named right after the sentence's first verb."""
    if len(sent.tokens) < 2:
        return None
    window_end = sent.tokens[min(len(sent.tokens) - 1, SUBJECT_WINDOW)].start
    said = next((t.start for t in sent.tokens if t.key in complementizers), sent.end)  # «ليقول إن رحيل X»
    return next((m for m in mentions if m.entity.type == "PER"
                 and sent.start <= m.start < min(before, window_end, said)), None)


def add_quotes(doc: Document, morph: Morphology) -> None:
    """Fill `doc.quotes` from each sentence's reporting verbs."""
    lex = morph.lexicon
    _bare = morph.bare
    cues, participles = lex.words("quote_cues"), lex.words("quote_participles")
    complementizers, anonymous = lex.words("complementizers"), lex.words("anonymous_sources")
    continuation, modifiers = lex.words("continuation_words"), tuple(lex.words("source_modifier_endings"))
    stops, clause_conj = lex.words("speaker_stop_words"), lex.words("clause_conjunctions")
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
            limit = next((t.start for t in after if _bare(t.key) in complementizers or t.text == ":"
                          or _bare(t.key) in stops or _opens_speech(doc, t)),
                         after[-1].end if after else tok.end)
            conjoined = tok.key[:1] in clause_conj and _bare(tok.key) != tok.key  # «…، X، وقال»
            speaker = _speaker_before(lex, mentions, toks, i, doc.text, conjoined) or next(
                (m for m in mentions if tok.end <= m.start < limit and m.entity.type == "PER"), None)
            org = next((m for m in mentions if tok.end <= m.start < limit and m.entity.type == "ORG"), None)
            anon = next((t for t in after[:4] if _bare(t.key) in anonymous), None)
            titled = _titled_speaker(doc, morph, after, limit, tok.start) if speaker is None else None
            content_from = tok.end
            who: tuple[str | None, str] | None
            if speaker is None and titled is not None and titled[0] is not None:
                who = (titled[0].id, doc.text[after[0].start:titled[1]])
                content_from = titled[1]
            elif speaker is not None:
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
            elif key in participles and (
                    subject := _sentence_subject(mentions, sent, tok.start, complementizers)) is not None:
                who = (subject.entity.id, doc.text[subject.start:subject.end])
            elif not after or _bare(after[0].key) in continuation or _tatweel_preposition(morph, after[0].text) \
                    or _opens_speech(doc, after[0]):
                who = last_speaker
            elif org is not None:
                who = (org.entity.id, doc.text[org.start:org.end])
                content_from = org.end
            else:
                who = None  # a post nobody named holds, a person not named
            if who is None:
                continue
            start, end, direct = _content(doc, sent, content_from, opener)
            if end - start < 8:
                start, end, direct = _content_before(doc, sent, tok.start)
            if end - start < 8:
                continue
            quotes.append(Quote(start=start, end=end, text=doc.text[start:end], speaker=who[0],
                                speaker_text=who[1], cue=tok.text, direct=direct))
            sent_speaker = who
            if who[0] is None or (doc.entity(who[0]) and doc.entity(who[0]).type == "PER"):
                last_speaker = who
    doc.quotes = _dedupe(quotes)


def _opens_speech(doc: Document, tok: Token) -> bool:
    """Return whether a token opens a quotation (a quotation mark not around a mere name)."""
    at = tok.start if tok.text[:1] in QUOTE_MARKS else -1
    return at >= 0 and _quoted_name(doc, at) is None


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
