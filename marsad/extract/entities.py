"""Persons, organisations and places: CRF tags plus title, apposition and lexicon rules.

Within one article, mentions of the same real person (full name, short form, bare surname,
spelling variant) become one Entity whose `titles` and `country` come from the title
phrases, appositions and nisbas around its mentions.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from marsad.extract.latin import romanize
from marsad.extract.phrases import (
    HYPHENS,
    NAME_QUOTES,
    SentView,
    TitlePhrase,
    _compound_tails,
    _is_name_start,
    _quoted_name,
    name_extent,
    org_extent,
    parse_title,
)
from marsad.model import Document, Entity, Span
from marsad.text.morphology import Morphology
from marsad.text.normalize import TANWEEN, TATWEEL, fuses, join_keys, name_key, norm_char_key, phrase_heads

TITLE_CONFIDENCE = 0.9
MIN_ORG_NAME = 4  # letters of the shortest organisation name that rules out a person's name opening with it
HIJRI = "hijri"  # the series of months.tsv whose names («رمضان», «رجب») are common given names and surnames
YEAR_DIGITS = 4


@dataclass(slots=True)
class Candidate:
    """A mention before grouping: its span, name words, titles and country evidence."""

    type: str
    start: int
    end: int
    words: list[str]
    sent: int
    titles: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    confidence: float = 0.5
    canonical: str | None = None  # lexicon name that groups variants («جمهورية مصر العربية» → «مصر»)
    titled_single: bool = False  # one name after a post that names a person alone («الرئيس ماكرون»)
    first_token: int = -1  # index in its sentence of the first token of its title or name
    named_after: bool = False  # a person's name naming a company, body or building («مستشفى الملك فهد»)

    @property
    def key(self) -> str:
        return name_key(" ".join(self.words))


def _views(doc: Document, morph: Morphology) -> list[SentView]:
    """Return a view of each sentence over its tokens, NER labels and lexicon phrases."""
    names = frozenset(t.key for sent in doc.sentences for t in sent.tokens if t.ner in ("B-PERS", "I-PERS"))
    return [SentView(sent.tokens, morph, lexicon_spans=sent.phrases, doc_names=names) for sent in doc.sentences]


def _title_text(doc: Document, view: SentView, start: int, end: int, clitic: int) -> str:
    """The title as written, its proclitic left out («وللرئيس التونسي» → «الرئيس التونسي»)."""
    text = doc.text[view.tokens[start].start + clitic:view.tokens[end - 1].end]
    if clitic and view.morph.restores_article(view.key(start), clitic):
        text = view.morph.article[0] + text
    return text


def _dual_base(view: SentView, start: int, clitic: int) -> str:
    """«وزيرا خارجية البلدين» or «وزيرا الخارجية …» → «وزير الخارجية»: the office both holders share."""
    head = view.tokens[start].text[clitic:]
    noun = view.tokens[start + 1].text
    article = "" if view.morph.has_article(view.key(start + 1)) else view.morph.article
    return f"{head[:-1]} {article}{noun}"


def _nisba_text(view: SentView, start: int, end: int) -> str:
    """The last nisba among tokens [start, end) as written, its conjunction left out («والأردني» → «الأردني»)."""
    m = view.morph
    for k in range(end - 1, start - 1, -1):
        if m.nisba_of(view.key(k)):
            cut = next((c for c, stem in m.stems(view.key(k)) if stem in view.lex.nisbas), 0)
            return view.tokens[k].text[cut:]
    return ""


def _without_nisba(morph: Morphology, title: str) -> str:
    """«وزير الدفاع المصري» → «وزير الدفاع»: the office a counterpart («نظيره») shares."""
    return " ".join(w for w in title.split() if not morph.nisba_of(name_key(w)))


def _person_candidates(doc: Document, views: list[SentView]) -> list[Candidate]:
    out: list[Candidate] = []
    last_office: str | None = None  # «نظيره» in a later sentence still means the same office
    doc_words = _DocWords.of(doc)
    for si, view in enumerate(views):
        m = view.morph
        n = len(view)
        i = 0
        dual_base: str | None = None
        sent_people: list[Candidate] = []
        nisba: str | None = None  # the state of a nisba right before a name without a title
        last_end = -1  # where the last person's name and apposition ended
        while i < n:
            tp = parse_title(view, i)
            cand: Candidate | None = None
            if tp is not None:
                phrases = [tp]
                j = tp.end
                while j < n:
                    if view.tokens[j].text in "/":
                        j += 1
                        continue
                    nxt = parse_title(view, j)
                    if nxt is not None and _joins_title(view, nxt):
                        phrases.append(nxt)
                        j = nxt.end
                        continue
                    if view.tokens[j].text in "،," and j + 1 < n and (
                            _is_name_start(view, j + 1) or (parse_title(view, j + 1) is not None
                                                           and not m.starts_with_conjunction(view.key(j + 1)))):
                        j += 1
                        continue
                    break
                end = name_extent(view, j, after_title=True)
                if end > j:
                    cand = _make_person(doc, view, si, j, end, TITLE_CONFIDENCE, doc_words)
                    cand.first_token = i
                    # «الرئيس السابق لأوفيد»: a name with a preposition after a title names what the post is of
                    cand.titled_single = end == j + 1 and _single_name_after_title(view, i, j) \
                        and cand.start == view.tokens[j].start
                    for p in phrases:
                        if p.dual_base:
                            dual_base = _dual_base(view, p.start, p.clitic)
                            cand.titles.append(f"{dual_base} {_nisba_text(view, p.start + 2, p.end)}".strip())
                        elif p.kind == "counterpart":
                            if last_office:  # «نظيره الروسي» after «وزير الخارجية الأمريكي»: «وزير الخارجية الروسي»
                                tail = _title_text(doc, view, p.start + 1, p.end, 0) if p.end > p.start + 1 else ""
                                cand.titles.append(f"{last_office} {tail}".strip())
                        else:
                            text = _title_text(doc, view, p.start, p.end, p.clitic)
                            cand.titles.append(text)
                            if p.kind == "office":
                                last_office = _without_nisba(view.morph, text)
                        if p.country:
                            cand.countries.append(p.country)
                    i = end
                else:
                    if tp.kind == "office":
                        last_office = _without_nisba(view.morph, _title_text(doc, view, tp.start, tp.end, tp.clitic))
                    i = max(j, i + 1)
            elif dual_base and (m.country_of(view.key(i)) or m.nisba_of(view.key(i))) \
                    and m.starts_with_conjunction(view.key(i)):
                # «وزيرا الخارجية المصري X والأردني Y»: the second holder of the shared office
                j = i + 1 + (1 if i + 1 < n and view.tokens[i + 1].text in "،," else 0)
                end = name_extent(view, j, after_title=True)
                if end > j:
                    cand = _make_person(doc, view, si, j, end, TITLE_CONFIDENCE, doc_words)
                    cand.first_token = i
                    cand.titles.append(f"{dual_base} {_nisba_text(view, i, i + 1)}".strip())
                    cand.countries.append(m.country_of(view.key(i)) or m.nisba_of(view.key(i)) or "")
                    i = end
                else:
                    i += 1
            elif view.tag(i) == "B-PERS" or (m.is_first_name(view.key(i)) and _surname_follows(view, i)):
                end = name_extent(view, i)
                if end > i + (0 if view.tag(i) == "B-PERS" else 1):
                    cand = _make_person(doc, view, si, i, end, 0.6, doc_words)
                    cand.first_token = i
                    # one word of a name the tagger ran on, cut off by the rules («ترامب وبوتين», «فإن بوتين»):
                    # a person alone, as if titled
                    cand.titled_single = end == i + 1 and i in view.cut_names
                    if i != last_end:  # not the nisba closing the apposition of the person before
                        nisba = _nisba_before(view, i)
                    i = end
                else:
                    i += 1
            else:
                i += 1
            if cand is None:
                continue
            cand.named_after = _named_after(view, cand.first_token)
            i = _apposition(doc, view, cand, i)
            if nisba and not cand.countries:
                cand.countries.append(nisba)
            nisba, last_end = None, i
            sent_people.append(cand)
            out.append(cand)
        _delegation_heads(view, sent_people)
    return out


def _single_name_after_title(view: SentView, i: int, j: int) -> bool:
    """Whether the one word at j after the title at i names a person alone («الرئيس ماكرون», «الملك سلمان»): the
    title is one that news puts before a single name (`single_name_titles`), the word is no common word, and no
    building or district is named after the person («مستشفى الملك فهد», «حي الشيخ رضوان»: `named_after_heads`)."""
    lex, m = view.lex, view.morph
    if not any(s in lex.words("single_name_titles") for _, s in m.stems(view.key(i))):
        return False
    word = view.key(j)
    if word in lex.words("common_nouns") or m.without_article(word) in lex.words("common_nouns") or \
            m.nisba_of(word) or m.has_article(word):
        return False
    return i == 0 or not any(s in lex.words("named_after_heads") for _, s in m.stems(view.key(i - 1)))


def _named_after(view: SentView, i: int) -> bool:
    """Whether the word before token i heads a company, body, building or place named after a person
    (lexicon `named_after_heads.txt`), so that the name at i is that thing's name, not a person."""
    heads = view.lex.words("named_after_heads")
    m = view.morph
    if i >= 2 and view.tokens[i - 1].text in NAME_QUOTES and _quoted_name(view, i - 1) > i:
        # «ملعب «محمد الخامس»», «السفينة "فوس تالاسا"»: a quoted name after a head, with or without the article
        return any(stem in heads or m.without_article(stem) in heads for _, stem in m.stems(view.key(i - 2)))
    if i < 1 or view.is_punct(i - 1):
        return False
    return any(stem in heads for _, stem in m.stems(view.key(i - 1)))


def _nisba_before(view: SentView, i: int) -> str | None:
    """The state of a definite nisba right before the name at i: «للأكاديمي الألماني هاينريش شيفر»,
    «اعتقال الروسية ماريا بوتينا» (the nisba describes the person it precedes), also joined by a conjunction
    in a list of persons each with his own («البرازيلي نيمار والأوروغواياني لويس سواريز»), else None. A nisba
    that ends a title is read by `parse_title`, not here."""
    if i < 1 or view.is_punct(i - 1):
        return None
    k = view.morph.bare(view.key(i - 1))
    if not view.morph.own_nisba(k) or not any(view.morph.has_article(s) for _, s in view.morph.stems(k)):
        return None
    if view.morph.nisba_of(view.key(i - 2)) or view.tag(i - 2)[2:] in ("LOC", "ORG"):
        return None  # «التونسي الفرنسي X»: two states; «جامعة جون هوبكنز الأميركية X»: the nisba is the body's
    return view.morph.own_nisba(k)


def _joins_title(view: SentView, tp: TitlePhrase) -> bool:
    """A title right after another one, bare or joined by a conjunction, is a post of the same person:
    «نائب رئيس الوزراء ووزير الخارجية X» (one person), not «… لوزير …» (a preposition starts a new phrase)."""
    return tp.clitic == 0 or (tp.clitic == 1 and view.morph.starts_with_conjunction(view.key(tp.start))
                              and tp.kind in ("office", "role"))


def _surname_follows(view: SentView, i: int) -> bool:
    """A given name followed by a name word the tagger or the gazetteers back («معمر القذافي»)."""
    nxt = view.key(i + 1)
    if not nxt or view.is_punct(i + 1):
        return False
    m = view.morph
    if view.tag(i + 1) in ("I-PERS", "B-PERS") or m.is_first_name(nxt):
        return True
    after = i + 2
    return m.has_article(nxt) and (after >= len(view) or view.is_punct(after)
                                   or m.starts_with_conjunction(view.key(after)))


@dataclass(frozen=True, slots=True)
class _DocWords:
    """How often each token key occurs in a document, and the keys of its tokens tagged as persons."""

    counts: Counter[str]
    persons: frozenset[str]

    @classmethod
    def of(cls, doc: Document) -> _DocWords:
        """Return the counts of the document's tokens (read once: every person candidate asks)."""
        tokens = [t for s in doc.sentences for t in s.tokens]
        return cls(Counter(t.key for t in tokens), frozenset(t.key for t in tokens if t.ner.endswith("PERS")))


def _make_person(doc: Document, view: SentView, si: int, start: int, end: int, conf: float,
                 doc_words: _DocWords | None = None) -> Candidate:
    """The person named by tokens [start, end), a leading conjunction or preposition left out («وعبد القادر
    مساهل»; «وتوميسلاف سالوبيك», «لميشال بلاتيني» when the article also writes «توميسلاف», «ميشال» alone).
    `doc_words` are the document's `_DocWords`, read once by the caller (computed here when None)."""
    doc_words = _DocWords.of(doc) if doc_words is None else doc_words
    key = view.key(start)
    stem = view.morph.conjunction_stem(key)
    names = {stem} if stem and stem in doc_words.counts else set()
    if doc_words.counts[key] == 1:  # «لميشال» once, beside «ميشال» tagged as a person elsewhere
        names |= {r.stem for r in view.morph.readings(key) if r.cut == 1 and r.stem not in view.lex.function_words
                  and r.stem in doc_words.persons}
    if stem and view.morph.has_article(stem) and view.key(start + 1) in view.lex.words("nasab_particles"):
        names.add(stem)  # «والحسن بن علي»: a given name with the article, its conjunction left out
    clitic = view.morph.name_clitic(key, names)
    if not clitic and stem and view.tag(start) == "B-PERS" and (
            view.tag(start - 1).endswith("PERS") or _list_item(view, start)):
        clitic = len(key) - len(stem)  # «… وماليك إيفونا» right after another name: a list joined by «و»
    words = [view.tokens[start].text[clitic:]]
    for k in range(start + 1, end):
        glued = view.tokens[k].start == view.tokens[k - 1].end and HYPHENS & {view.tokens[k].text,
                                                                             view.tokens[k - 1].text}
        if glued:
            words[-1] += view.tokens[k].text  # «غرابار-كيتاروفيتش»: one name word across the hyphen
        else:
            words.append(view.tokens[k].text)
    return Candidate("PER", view.tokens[start].start + clitic, view.tokens[end - 1].end, words, si,
                     confidence=conf)


LIST_MARKS = frozenset("،,-" + TATWEEL)  # marks that separate the items of a list of names


def _list_item(view: SentView, i: int) -> bool:
    """Whether the tagged name at i, opening with «و», is the next item of a list of persons: its stem is a
    short foreign name word of the lexicon («وجون بولتون», «وليز كيندال»), or a list mark stands before it
    right after a name the tagger marks, a parenthesis allowed between («…، ومحمد طاهر، وعايض الشهري»,
    «… لوبيز (1971) وانخيل ساستري»). A word that is itself a known name keeps its «و» («وليد», «وليام»)."""
    m, lex = view.morph, view.lex
    key = view.key(i)
    stem = m.conjunction_stem(key)
    if stem is None or len(stem) < 3 or not m.starts_with_list_conjunction(key) or stem in lex.function_words \
            or m.is_first_name(key) or key in lex.foreign_name_words:
        return False
    if stem in lex.foreign_name_words:
        return True  # «جون», «جيم», «ليز»: too short for `Morphology.name_clitic` alone, but tagged as a name
    before = view.tokens[i - 1].text if i >= 1 else ""
    if before == ")":
        j = next((k for k in range(i - 2, -1, -1) if view.tokens[k].text == "("), 0) - 1
    elif before and before in LIST_MARKS:
        j = i - 2
    else:
        return False
    return j >= 0 and view.tag(j).endswith("PERS")


def _apposition(doc: Document, view: SentView, cand: Candidate, i: int) -> int:
    """Attach «NAME، رئيس …،» or «NAME رئيس الحكومة» to the person; return the next token index."""
    k = i + 1 if i < len(view) and view.tokens[i].text in "،," else i
    if k >= len(view):
        return i
    tp = parse_title(view, k)
    if tp is None or tp.clitic or tp.kind not in ("office", "role") or tp.dual_base:
        return i  # «وزير» is a title, but «ووزير» (and «لوزير») start a new phrase
    if _strong_name_start(view, tp.end) and not (k == i and cand.first_token == _name_token(view, cand)
                                                 and _has_own_apposition(view, tp.end)):
        # «…، وزير الخارجية محمد …»: the title belongs to the next person, unless that one has its own
        # («استقبل X وزير الخارجية المصري Y نائبة رئيس الوزراء»)
        return i
    after = tp.end + 1
    if tp.end < len(view) and view.tokens[tp.end].text in "،,/" and not view.morph.starts_with_conjunction(
            view.key(after)) and (
            _is_name_start(view, after) or parse_title(view, after) is not None and k != i):
        return i  # «X، وزير الخارجية، Y»; but «X رئيس جمهورية مصر، خادم الحرمين الملك Y»: the glued title is X's
    cand.titles.append(_title_text(doc, view, tp.start, tp.end, tp.clitic))
    if tp.country:
        cand.countries.append(tp.country)
    end = tp.end
    while end < len(view):  # «Y، نائبة رئيس الوزراء ووزيرة الخارجية،»: a second post joined by «و»
        more = parse_title(view, end)
        if more is None or not more.clitic or not _joins_title(view, more) or more.dual_base \
                or _strong_name_start(view, more.end):
            break
        cand.titles.append(_title_text(doc, view, more.start, more.end, more.clitic))
        if more.country:
            cand.countries.append(more.country)
        end = more.end
    return end


def _strong_name_start(view: SentView, j: int) -> bool:
    """A name the tagger or the given-name list backs starts at j (not any bare word after a title)."""
    if not _is_name_start(view, j, after_title=True):
        return False
    return view.tag(j) in ("B-PERS", "I-PERS") or view.morph.is_first_name(view.key(j)) \
        or view.morph.name_clitic(view.key(j)) > 0


def _name_token(view: SentView, cand: Candidate) -> int:
    """Index in its sentence of the token where the candidate's name starts."""
    return next((t for t, tok in enumerate(view.tokens) if tok.start <= cand.start < tok.end), -1)


def _has_own_apposition(view: SentView, j: int) -> bool:
    """The name starting at j is followed by a title of its own («Y نائبة رئيس الوزراء»)."""
    end = name_extent(view, j, after_title=True)
    if end <= j:
        return False
    k = end + 1 if end < len(view) and view.tokens[end].text in "،," else end
    tp = parse_title(view, k)
    return tp is not None and not tp.clitic and tp.kind in ("office", "role") and not tp.dual_base


def _delegation_heads(view: SentView, people: list[Candidate]) -> None:
    """«وفد ليبي برئاسة X», «الحكومة المصرية بقيادة الرئيس X»: the leader belongs to that state."""
    for i in range(len(view) - 1):
        if view.key(i) not in view.lex.words("leader_cues"):
            continue
        nisba_of = view.morph.nisba_of
        iso = next((nisba_of(view.key(j)) for j in range(i - 1, max(-1, i - 4), -1) if nisba_of(view.key(j))),
                   None)
        if iso:
            for c in people:
                if c.first_token == i + 1:
                    c.countries.insert(0, iso)


def _org_loc_candidates(doc: Document, views: list[SentView], persons: list[Candidate]) -> list[Candidate]:
    taken = bytearray(len(doc.text) + 1)  # characters inside a person's name
    for p in persons:
        taken[p.start:p.end] = b"\x01" * (p.end - p.start)
    out: list[Candidate] = []
    redo: list[tuple[int, int, int, int, float]] = []  # places outside the lexicon, read again at the end
    for si, view in enumerate(views):
        orgs = view.lex.organisations
        lex: dict[int, tuple[int, str]] = {}
        for s, e, classes in view.lexicon_spans:
            typ = "LOC" if classes & {"CTRY", "CITY"} else "ORG" if "ORGN" in classes else None
            if typ == "LOC" and not classes & {"CTRY", "ORGN"} and _unsure_town(view, s, e):
                continue
            if typ and (s not in lex or e > lex[s][0]):
                lex[s] = (e, typ)
        i = 0
        while i < len(view):
            tok = view.tokens[i]
            if taken[tok.start]:
                i += 1
                continue
            best: tuple[int, str, float] | None = None
            if i in lex:
                best = (lex[i][0], lex[i][1], 0.85)
            oe = org_extent(view, i)
            if oe > i + 2 and view.tokens[i + 1].text in NAME_QUOTES:
                # «تنظيم «داعش»», «وكالة "سبوتنيك"»: the quoted words are the name, the head classifies it
                cand = _span_candidate(doc, view, si, i + 2, oe - 1, "ORG", 0.75)
                if cand is not None:
                    out.append(cand)
                i = oe
                continue
            if oe > i and (best is None or oe > best[0]):
                best = (oe, "ORG", 0.7)
            tg = view.tag(i)
            if best is None and tg in ("B-ORG", "B-LOC"):
                e = i + 1
                while e < len(view) and view.tag(e) == "I-" + tg[2:]:
                    e += 1
                if not (tg == "B-LOC" and (view.morph.nisba_of(view.key(i)) or e - i == 1 and len(view.key(i)) < 3)) \
                        and not _not_a_name(view, i, e):
                    best = (e, tg[2:], 0.6)
            if best is None and (named := _named_by_place_head(view, i)):
                i = named - 1  # the head itself names nothing; its name does
                best = (named, "LOC", 0.55)
            if best is None:
                i += 1
                continue
            end, typ, conf = best
            if typ == "ORG" and view.morph.bare(view.key(i)) in view.lex.words("generic_forces") and end > i + 1 and \
                    (view.morph.has_article(view.key(i + 1)) and view.key(i + 1) in orgs
                     or view.morph.heads_organisation(view.key(i + 1))):
                i += 1  # «قوات الجيش الليبي» names «الجيش الليبي»; «قوات مجلس …» the council
                end = max(end, org_extent(view, i))
            cand = _span_candidate(doc, view, si, i, end, typ, conf)
            if cand is not None:
                out.append(cand)
                if typ == "LOC" and not cand.canonical:
                    redo.append((len(out) - 1, si, i, end, conf))
            if typ == "ORG":
                out.extend(_nested(doc, view, si, i, end, lex))
            i = end
    # a place the tagger found once bare («تكساس») and once with a proclitic («وتكساس») is one place
    known = frozenset(c.words[0] and name_key(c.words[0]) for c in out if c.type == "LOC")
    for k, si, i, end, conf in redo:
        cand = _span_candidate(doc, views[si], si, i, end, "LOC", conf, known)
        if cand is not None:
            out[k] = cand
    return out


@lru_cache(maxsize=4)
def _person_openers(lexicon: object) -> tuple[frozenset[str], frozenset[str]]:
    """Return (the organisation names of the lexicon, every phrase that opens no person's name): `not_persons`
    and those names («فيس بوك», «فيتش رايتنغ»: a name the lexicon knows as an organisation's opens no person's)."""
    orgs = frozenset(k for k, org in lexicon.organisations.items() if org.kind == "name" and len(k) >= MIN_ORG_NAME)
    return orgs, lexicon.words("not_persons") | orgs


def _opens_with(key: str, phrases: frozenset[str]) -> bool:
    """Whether the name key is one of `phrases` or begins with one followed by a space."""
    words = key.split(" ")
    return any(" ".join(words[:n]) in phrases for n in range(1, len(words) + 1))


@lru_cache(maxsize=4)
def _period_units(lexicon: object) -> frozenset[str]:
    return frozenset(norm_char_key(r[0]) for r in lexicon.rows("period_units.tsv"))


_BARE_PLACE_HEAD, _PLACE_HEAD_AFTER_PREPOSITION = 1, 2


@lru_cache(maxsize=1 << 15)
def _place_head_kind(m: Morphology, head: str) -> int:
    """Return whether a word is a place head: bare («مدينة», `_BARE_PLACE_HEAD`), after a proclitic
    preposition («بمدينة», `_PLACE_HEAD_AFTER_PREPOSITION`), or not (0); cached per word, as it is asked
    of every token outside a name."""
    heads = m.lexicon.words("place_heads")
    if m.bare(head) in heads:
        return _BARE_PLACE_HEAD
    if any(r.cut and r.proclitics[-1:] in m.prepositions and r.stem in heads for r in m.readings(head)):
        return _PLACE_HEAD_AFTER_PREPOSITION
    return 0


def _named_by_place_head(view: SentView, i: int) -> int:
    """Return the end of the place name a place head without the article introduces after a preposition («في
    مدينة دوما», «بمديرية كتاف», «قرب بلدة الباب», «في محافظة شمال سيناء»), or 0: not when the word after the
    head describes it (a nisba, an indefinite word in «ة» such as «مجاورة», a lexicon word, a time unit) or the
    tagger read it otherwise."""
    m, lex = view.morph, view.lex
    if i + 1 >= len(view) or view.tag(i + 1) != "O":
        return 0
    kind = _place_head_kind(m, view.key(i))
    if not kind:
        return 0
    if kind == _BARE_PLACE_HEAD and (i == 0 or view.key(i - 1) not in lex.words("location_prepositions")):
        return 0  # «في مدينة دوما», «قرب بلدة عربين»: a bare head after a preposition only
    k, text = view.key(i + 1), view.tokens[i + 1].text
    bare = m.without_article(k)
    units = _period_units(lex)
    if not text.isalpha() or len(k) < 3 or m.nisba_of(k) or m.classes(k) or k in units or bare in units or \
            bare.endswith(tuple(lex.words("nisba_singular_endings"))) or \
            (not m.has_article(k) and k.endswith(tuple(lex.words("describing_endings")))):
        return 0
    if k in lex.words("place_name_prefixes") and i + 2 < len(view) and view.tokens[i + 2].text.isalpha():
        return i + 3
    return i + 2


def _unsure_town(view: SentView, s: int, e: int) -> bool:
    """Whether the lexicon span [s, e) is a compiled town (towns.tsv) that this use does not show to be a place:
    a word in tanween («دوماً» is "always"; a town's name never takes it), or a town without a location
    preposition, place head or direction word before it («في دوما», «بمدينة جنين», «ريف حماة»), or, for a town
    that is no common word, a «ب» / «ل» on the name itself («بعفرين»)."""
    m, lex = view.morph, view.lex
    readings = m.readings(view.key(s))
    stem = next((r.stem for r in readings if join_keys([r.stem, *view.keys[s + 1:e]]) in lex.places), view.key(s))
    key = join_keys([stem, *view.keys[s + 1:e]])
    place = lex.places.get(key)
    if place is None or place.kind != "town":
        return False
    # «دوماً» and «دومًا»: a word in tanween is indefinite, never a town's name
    if any(ch in TANWEEN for ch in view.tokens[e - 1].text[-2:]):
        return True
    cues = lex.words("location_prepositions") | lex.words("place_heads") | lex.words("direction_words") | \
        lex.words("town_cues")
    if s > 0 and any(k in cues for _, k in m.stems(view.key(s - 1))):
        return False
    # a town that is no common word may carry its own «ب» / «ل» («بعفرين»); one that is («بحجة», "on the
    # pretext") needs a place word before it. Unlike the hand list of cities, a town alone is no place: one in
    # four of the compiled names that came out alone in news were words or parts of names.
    return key in lex.cued_places or not any(
        r.cut and r.stem == stem and r.proclitics[-1:] in m.prepositions for r in readings)


def _not_a_name(view: SentView, i: int, end: int) -> bool:
    """Whether an NER span [i, end) names nothing: a common place noun alone («المدينة»), or a verb
    before its object («تمس الأمن القومي»: an imperfect verb, not a lexicon word, before a definite noun)."""
    m, k = view.morph, view.key(i)
    if end - i == 1 and m.bare(k) in view.lex.words("generic_places"):
        return True
    return end - i >= 2 and m.is_imperfect(k) and not m.has_article(k) and not (m.classes(k) - {"trigger"}) \
        and m.has_article(view.key(i + 1))


def _span_candidate(doc: Document, view: SentView, si: int, i: int, end: int, typ: str,
                    conf: float, known: frozenset[str] = frozenset()) -> Candidate | None:
    """Build the ORG or LOC candidate for tokens [i, end), its proclitic left out of the span (also when
    the stem is a word `known` to name a place elsewhere in the article: «وتكساس» beside «تكساس»)."""
    m, lex = view.morph, view.lex
    orgs, places = lex.organisations, lex.places
    tok = view.tokens[i]
    first_key = view.key(i)
    strip = 0
    restored = False
    rest = view.keys[i + 1:end]
    whole = (first_key in places or first_key in orgs or join_keys([first_key, *rest]) in places
             or join_keys([first_key, *rest]) in orgs)
    for r in m.readings(first_key) if not whole else ():  # «وكالة» keeps its letters: it is itself a head
        if r.cut and (r.stem in places or r.stem in orgs or m.has_article(r.stem) and len(r.stem) > 3
                      and r.proclitics[-1:] not in m.comparisons or r.stem in known or
                      join_keys([r.stem, *rest]) in places or join_keys([r.stem, *rest]) in orgs):
            strip = r.cut
            restored = r.stem != first_key[r.cut:]  # «لليبيا» read as «ل» + «ليبيا»; «للأمن» as «ل» + «الأمن»
            break
    first_text = tok.text[strip:]
    if restored:
        first_text = m.article[0] + tok.text[strip:]
    span_start, span_end = tok.start + strip, view.tokens[end - 1].end
    words = (first_text + doc.text[tok.end:span_end]).split()
    cand = Candidate(typ, span_start, span_end, words, si, confidence=conf)
    for k in range(i + 1, end):
        iso = m.nisba_of(view.key(k)) or (m.country_of(view.key(k)) if typ == "ORG" else None)
        if iso:
            cand.countries.append(iso)
    key = cand.key
    if typ == "LOC":
        p = places.get(key) or places.get(m.without_article(key))
        if p:
            cand.canonical = p.name
            cand.countries.append(p.iso)
    elif key in lex.words("generic_bodies"):
        return None  # «قوات الأمن» of whatever state: no particular organisation
    elif key in orgs:
        if orgs[key].kind == "head":
            return None  # a bare «الجيش» or «وزارة» names nothing by itself
        if end == i + 1 and _common_word_use(view, i):
            return None  # «بفتح تحقيق»: the verbal noun «فتح», not Fatah
        if orgs[key].iso:
            cand.countries.append(orgs[key].iso or "")
    return cand


def _common_word_use(view: SentView, i: int) -> bool:
    """Whether an organisation name that is also a common word («فتح», «حماس») is used as that word here:
    not quoted, and a noun follows it as its object or complement («بفتح تحقيق», «بحماس كبير»), or, where it
    opens a clause, any noun follows it."""
    m = view.morph
    ambiguous = view.lex.words("ambiguous_org_names")
    if not any(stem in ambiguous for _, stem in m.stems(view.key(i))):
        return False
    tok = view.tokens[i]
    if i > 0 and view.is_punct(i - 1) and view.tokens[i - 1].end == tok.start:
        return False  # «"فتح"»
    if i + 1 >= len(view) or view.is_punct(i + 1):
        return False
    if i > 0 and view.key(i - 1) in view.lex.words("relative_pronouns"):
        return True  # «الذي فتح فيه مسلحون النار»: a relative clause's verb
    nxt = view.key(i + 1)
    if nxt in view.lex.function_words or m.starts_with_conjunction(nxt):
        return False
    # opening a clause (after a full stop or comma, or with «و» on it) it is the verb even before a subject that is
    # an organisation («فتح الجيش الإسرائيلي تحقيقا», «وفتح سفارة»); after another word an organisation next is
    # its object («اتهمت فتح حماس»)
    opens_clause = i == 0 or view.is_punct(i - 1) or m.starts_with_conjunction(view.key(i)) \
        and view.key(i)[1:] in ambiguous
    return opens_clause or nxt not in view.lex.organisations


def _nested(doc: Document, view: SentView, si: int, i: int, end: int,
            lex: dict[int, tuple[int, str]]) -> list[Candidate]:
    """Places and organisations named inside an organisation's name («سفارة جمهورية مصر»)."""
    out = []
    k = i + 1
    while k < end:
        if k in lex and lex[k][0] <= end:
            if lex[k][0] == k + 1 and view.morph.own_nisba(view.key(k)) and view.morph.has_article(view.key(k - 1)):
                k += 1  # «وكالة الأنباء السعودية»: «السعودية» agrees with «الأنباء», an adjective, not the country
                continue
            cand = _span_candidate(doc, view, si, k, lex[k][0], lex[k][1], 0.8)
            if cand is not None:
                out.append(cand)
            k = lex[k][0]
            continue
        oe = org_extent(view, k)
        if oe > k + 1 and oe <= end and view.morph.starts_with_preposition(view.key(k)):
            cand = _span_candidate(doc, view, si, k, oe, "ORG", 0.6)
            if cand is not None:
                out.append(cand)
            k = oe
            continue
        k += 1
    return out


def _source_orgs(doc: Document) -> list[Candidate]:
    """The credited agencies named in the text («واس»): organisations with their mention. The outlet of
    the metadata («aljazirah») belongs to `source.outlet`, and a name the text never writes is no entity."""
    out = []
    for name in [doc.source.outlet, *doc.source.agencies]:
        pos = doc.text.find(name) if name else -1
        if pos >= 0:
            out.append(Candidate("ORG", pos, pos + len(name), name.split(), -1, confidence=0.9))
    return out


def _compatible(short: list[str], long_: list[str]) -> bool:
    """«أحمد الطيب» fits «أحمد محمد الطيب»: same first name, the rest in order."""
    if len(short) > len(long_) or short[0] != long_[0]:
        return False
    it = iter(long_[1:])
    return all(any(w == x for x in it) for w in short[1:])


def _group_persons(cands: list[Candidate], nasab: frozenset[str]) -> list[list[Candidate]]:
    """Return the person candidates grouped by who they name: full names by fit, a single name with the full name
    it is part of, nearest first — not with one whose father it names («سلمان» is not «محمد بن سلمان»; `nasab`
    holds the keys of «بن», «ابن», «بنت»)."""
    full = [c for c in cands if len(c.key.split()) >= 2]
    groups: list[list[Candidate]] = []
    for c in sorted(full, key=lambda c: -len(c.key.split())):
        words = c.key.split()
        for g in groups:
            if g[0].key == c.key or _compatible(words, g[0].key.split()):
                g.append(c)
                break
        else:
            groups.append([c])
    # a single name standing alone (`titled_single`) first, so that the same word untitled elsewhere joins it
    for c in sorted(cands, key=lambda c: not c.titled_single):
        if len(c.key.split()) >= 2:
            continue
        w = c.key
        best, best_dist = None, None
        for g in groups:
            if w in _own_name_words(g[0].key.split(), nasab):
                dist = min(abs(c.start - m.start) + (0 if m.start < c.start else 10_000) for m in g)
                if best_dist is None or dist < best_dist:
                    best, best_dist = g, dist
        if best is not None:
            best.append(c)
        else:  # «الرئيس ماكرون», «الملك سلمان»: one named by a post and a single name; «ماكرون» alone joins him
            same = next((g for g in groups if g[0].key == w), None)
            if same is not None:
                same.append(c)
            elif c.titled_single:
                groups.append([c])
    return groups


def _own_name_words(words: list[str], nasab: frozenset[str]) -> list[str]:
    """The words after the first by which a person alone is named: not a father's or grandfather's name
    after «بن» / «بنت» («سلمان» alone in an article on «محمد بن سلمان» is King Salman). A name that opens
    with «بن» («بن والاس») is an English given name and keeps its surname."""
    return [w for k, w in enumerate(words) if k >= 1 and not (k >= 2 and words[k - 1] in nasab)]


def _org_core(morph: Morphology, key: str) -> list[str]:
    words = morph.without_article(key).split()
    heads = {morph.without_article(h) for h in morph.lexicon.words("generic_org_heads")}
    return words[1:] if len(words) > 1 and words[0] in heads else words


def _group_by_key(morph: Morphology, cands: list[Candidate]) -> list[list[Candidate]]:
    """Group places by lexicon name and organisations by name; a short organisation name joins
    the one longer name it begins («المجلس الرئاسي» → «المجلس الرئاسي لحكومة الوفاق») unless
    their states differ or several longer names compete."""
    groups: dict[tuple[str, str], list[Candidate]] = {}
    for c in cands:
        key = morph.without_article(name_key(c.canonical)) if c.canonical else " ".join(_org_core(morph, c.key))
        groups.setdefault((c.type, key), []).append(c)
    keys = sorted(groups, key=lambda k: len(k[1].split()))
    for short in keys:
        if short[0] != "ORG" or short not in groups:
            continue
        words = short[1].split()
        country = {x for c in groups[short] for x in c.countries}
        longer = [k for k in groups if k != short and k[0] == "ORG" and len(k[1].split()) > len(words)
                  and k[1].split()[:len(words)] == words
                  and (not country or country & {x for c in groups[k] for x in c.countries})]
        if len(words) >= 2 and len(longer) == 1:
            groups[longer[0]].extend(groups.pop(short))
    return list(groups.values())


def _to_entity(doc: Document, eid: str, group: list[Candidate], lexicon_dir: Path) -> Entity:
    group = sorted(group, key=lambda c: (c.start < 0, c.start))
    canonical = max(group, key=lambda c: (len(c.words), c.confidence, -c.start))
    titles: list[str] = []
    seen: set[str] = set()
    for c in group:
        for t in c.titles:
            k = name_key(t)
            if k and k not in seen:
                seen.add(k)
                titles.append(t)
    countries = Counter(iso for c in group for iso in c.countries if iso)
    mentions = []
    spans = set()
    for c in group:
        if c.start >= 0 and (c.start, c.end) not in spans:
            spans.add((c.start, c.end))
            mentions.append(Span(c.start, c.end, doc.text[c.start:c.end]))
    mentions.sort(key=lambda m: m.start)
    if canonical.type == "LOC":
        # the article's own wording («أميركا», «مصر») names the place; variants share the entity
        surface = Counter(" ".join(c.words) for c in group if c.start >= 0)
        lexicon_name = canonical.canonical
        if lexicon_name and any(lexicon_name in n for n in surface) or not surface:
            name = lexicon_name or " ".join(canonical.words)
        else:
            name = min(surface, key=lambda n: (-surface[n], len(n)))
    else:
        name = " ".join(canonical.words)
    country = countries.most_common(1)[0][0] if countries else None
    return Entity(
        id=eid, type=canonical.type, name=name, mentions=mentions,
        name_latin=romanize(name, country, lexicon_dir) if canonical.type == "PER" else None,
        country=country, titles=titles,
        confidence=round(max(c.confidence for c in group), 3),
    )


def add_entities(doc: Document, morph: Morphology) -> None:
    """Fill `doc.entities` with persons, organisations and places found in its sentences.

    Reads the tokens' NER labels and readings and the sentences' lexicon phrases.
    """
    views = _views(doc, morph)
    credited = [x for x in [doc.source.outlet, *doc.source.agencies] if x]
    credit_spans = [(m.start(), m.end()) for name in credited for m in re.finditer(re.escape(name), doc.text)]
    credit_spans += _credit_parentheses(doc)
    org_names, not_persons = _person_openers(morph.lexicon)
    credited_keys = {name_key(x) for x in credited}
    persons = [p for p, key in ((p, p.key) for p in _person_candidates(doc, views))  # a key is built per call
               if key not in credited_keys
               and not _opens_with(key, not_persons)
               and not any(a < p.end and p.start < b for a, b in credit_spans)
               and not _tail_of_known_name(views[p.sent], p, org_names)
               and not _month_with_number(views[p.sent], p)]
    teams = _team_keys(views, persons) | _club_keys(persons, morph.lexicon.words("team_name_words"))
    # «مستشفى الملك فهد», «شركة لوكهيد مارتن»: such a name is no person's mention nor a bare surname's
    # owner, and its letters are free for the organisation or place it names; so is a team's name
    blocked = {(p.start, p.end) for p in persons if p.named_after or _is_team(p.key, teams)}
    persons = [p for p in persons if not p.named_after and not _is_team(p.key, teams)]
    others = [c for c in _org_loc_candidates(doc, views, persons)
              if not any(a <= c.start < b for a, b in credit_spans)] + _source_orgs(doc)
    _disambiguate_places(morph, others)
    entities: list[Entity] = []
    for prefix, groups in (("p", _group_persons(persons, morph.lexicon.words("nasab_particles"))),
                           ("o", _group_by_key(morph, [c for c in others if c.type == "ORG"])),
                           ("l", _group_by_key(morph, [c for c in others if c.type == "LOC"]))):
        for n, g in enumerate(sorted(groups, key=lambda g: min(c.start if c.start >= 0 else 10**9 for c in g)), 1):
            entities.append(_to_entity(doc, f"{prefix}{n}", g, morph.lexicon.directory))
    _add_surname_mentions(doc, views, entities, blocked)
    for e in entities:
        if e.type == "PER" and e.country is None and name_key(e.name) != _byline_key(doc):
            # the place or nisba of a title («مدير أمن الإسكندرية»), a gazetteer or a ruling family, else null
            e.country = _title_state(morph, e.titles) or _known_country(morph, e.name)
    _host_attendees(views, entities)
    doc.entities = [e for e in entities if e.mentions]  # no entity without a mention in the text


def _tail_of_known_name(view: SentView, p: Candidate, org_names: frozenset[str]) -> bool:
    """Whether the person's words are the end of an organisation's or place's name the lexicon knows, whose
    first word stands right before them («لبي بي سي»: the tagger's person «بي سي»)."""
    i = _name_token(view, p)
    if i < 1 or view.is_punct(i - 1) or view.tokens[i].start != p.start:
        return False
    words = " ".join(name_key(w) for w in p.words)
    prev = view.key(i - 1)
    m = view.morph
    proclitics = m.conjunctions + m.prepositions
    # its proclitics cut off, even where too short for a reading («لبي»)
    firsts = {prev} | {prev[n:] for n in (1, 2) if all(ch in proclitics for ch in prev[:n])}
    return any(f"{first} {words}" in org_names or f"{first} {words}" in view.lex.places for first in firsts)


def _month_with_number(view: SentView, p: Candidate) -> bool:
    """Whether the person's last word is a month's name of the solar calendar, not also a given name, with a year
    right after it and no known name word before it («موفى جوان 2015», «جوان 2014»: the Maghreb's June, not Joan; but
    «أحمد رمضان 25 عاما» is a man and his age)."""
    last = name_key(p.words[-1]) if p.words else ""
    month = view.lex.months.get(last)
    if month is None or month[1] == HIJRI or view.morph.is_first_name(last):
        return False
    if any(view.morph.is_first_name(k) or k in view.lex.foreign_name_words for k in map(name_key, p.words[:-1])):
        return False  # «تيريزا ماي 2017»: a known name before it
    nxt = next((t for t, tok in enumerate(view.tokens) if tok.start >= p.end), -1)
    return nxt >= 0 and len(view.tokens[nxt].text) == YEAR_DIGITS and view.tokens[nxt].text.isdigit()


def _team_keys(views: list[SentView], persons: list[Candidate]) -> frozenset[str]:
    """The keys of the names the article writes right after a word of a team's players, coach or host
    (lexicon `team_cues.txt`: «لاعبي اتلانتا», «مدرب سيتي», «ضيفه سوانسي سيتي», «صفوف ميامي هيت»): teams,
    which the tagger reads as persons, in every mention of the article."""
    cues = views[0].lex.words("team_cues") if views else frozenset()
    out = set()
    for p in persons:
        view = views[p.sent]
        i = _name_token(view, p)
        if i >= 1 and not view.is_punct(i - 1) and view.key(i - 1) in cues:
            out.add(p.key)
    return frozenset(out)


def _club_keys(persons: list[Candidate], club_words: frozenset[str]) -> frozenset[str]:
    """The keys of the person candidates that hold a word naming a sports club (lexicon `team_name_words.txt`:
    «ليستر سيتي», «هيوستن روكتس», a bare «روكتس»): teams, in every mention of the article."""
    return frozenset(p.key for p in persons if any(w in club_words for w in p.key.split()))


def _is_team(key: str, teams: frozenset[str]) -> bool:
    """Whether a person candidate's key is a team's name, or ends with one («ليهزم اتلانتا»)."""
    return key in teams or any(key.endswith(" " + t) for t in teams)


def _host_attendees(views: list[SentView], entities: list[Entity]) -> None:
    """The officials listed as attending a reception («استقبل الأمير X الوزير Y … حضر الاستقبال معالي Z»,
    «… بحضور Z») are the host's: Z without other evidence gets the state of the host X, the person named
    right after the reception verb (its subject, titles aside) or right before an imperfect one («X يستقبل»).
    Envoys and ambassadors (lexicon `foreign_posts.txt`) are left out: their post says nothing of their side.
    «حضر اللقاء» refers back to the last reception told; a bare «بحضور» must stand in its sentence or the
    next. A reception whose host has no state stops the rule until the next one."""
    persons = [e for e in entities if e.type == "PER"]
    if not persons or not views:
        return
    lex = views[0].lex
    verbs, cues = lex.words("reception_verbs"), lex.words("attendance_cues")
    cue_heads = _cue_heads(cues)
    host_iso: str | None = None
    host_sent = -10
    for si, view in enumerate(views):
        m = view.morph
        for i in range(len(view)):
            k = m.bare(view.key(i))
            if k in verbs:
                host = _reception_host(view, i, persons)
                host_iso, host_sent = (host.country if host else None), si
                continue
            two = (k in cue_heads or fuses(k)) and join_keys([k, view.key(i + 1)]) in cues
            width = 2 if two else 1 if k in cues else 0
            if not width or host_iso is None or width == 1 and si - host_sent > 1:
                continue  # «حضر اللقاء» points back to the reception; a bare «بحضور» must stand beside it
            iso = _side_named(view, i + width) or host_iso  # «وحضر اللقاء من الجانب الأميركي …»
            after, stop = view.tokens[i + width - 1].end, view.tokens[-1].end
            if width == 1:  # «بحضور X»: the one person named there (the guest may follow)
                first = _reception_host(view, i, persons, after_only=True)
                attendees = [first] if first is not None else []
            else:
                attendees = [e for e in persons if any(after <= x.start < stop for x in e.mentions)]
            for e in attendees:
                if e.country is None and not _foreign_post(m, e.titles):
                    e.country = iso


@lru_cache(maxsize=4)
def _cue_heads(cues: frozenset[str]) -> frozenset[str]:
    return phrase_heads(cues)


def _side_named(view: SentView, j: int) -> str | None:
    """The state of a side named right after an attendance cue: «من الجانب الأميركي», «عن الجانب المصري»."""
    sides = view.lex.words("delegation_nouns")
    for k in range(j, min(j + 3, len(view) - 1)):
        if any(stem in sides for _, stem in view.morph.stems(view.key(k))) and view.morph.nisba_of(view.key(k + 1)):
            return view.morph.nisba_of(view.key(k + 1))
    return None


def _reception_host(view: SentView, i: int, persons: list[Entity], after_only: bool = False) -> Entity | None:
    """The person who receives at the verb on token i: named right after it, past its titles
    («استقبل صاحب السمو الأمير X»), or right before it («X يستقبل»); None when a pronoun or
    anything else stands there («واستقبل سموه …»). `after_only`: the person named after token i only."""
    def starting_at(j: int) -> Entity | None:
        if not 0 <= j < len(view):
            return None
        a, b = view.tokens[j].start, view.tokens[j].end
        return next((e for e in persons if any(a <= x.start < b for x in e.mentions)), None)

    if i > 0 and not after_only:
        end = view.tokens[i - 1].end
        before = next((e for e in persons if any(x.end == end for x in e.mentions)), None)
        if before is not None:
            return before
    j = i + 1
    while j < len(view):
        tp = parse_title(view, j)
        if tp is None:
            break
        j = tp.end
    return starting_at(j)


def _foreign_post(morph: Morphology, titles: list[str]) -> bool:
    """Whether one of the titles is a post held in or towards another state («سفير …», «المبعوث …»)."""
    posts = morph.lexicon.words("foreign_posts")
    return any((words := morph.without_article(name_key(t)).split()) and words[0] in posts for t in titles)


def _add_surname_mentions(doc: Document, views: list[SentView], entities: list[Entity],
                          blocked: set[tuple[int, int]] = frozenset()) -> None:
    """A bare surname («الصفدي», «العمري») anywhere in the article is a mention of the one person
    whose full name ends with it; names shared by two persons, or that are given names, are left, and so
    are the `blocked` spans (a name that names a company or building)."""
    owners: dict[str, list[Entity]] = {}
    nasab = views[0].lex.words("nasab_particles") if views else frozenset()
    tails = _compound_tails(views[0].lex.words("theophoric_names")) if views else frozenset()
    for e in entities:
        words = name_key(e.name).split()
        if e.type == "PER" and len(words) >= 2 and len(words[-1]) >= 3 and words[-1] not in tails \
                and words[-1] in _own_name_words(words, nasab):  # «الله» alone is no mention of «نصر الله»
            owners.setdefault(words[-1], []).append(e)
    for e in entities:
        if e.type == "PER":
            for w in name_key(e.name).split()[:-1]:
                owners.pop(w, None)  # a given name of someone else here («علي محمد» beside «محمد علي»): too ambiguous
    taken = sorted([(m.start, m.end) for e in entities for m in e.mentions] + list(blocked))
    for view in views:
        for ti, tok in enumerate(view.tokens):
            stems = view.morph.stems(tok.key)[:2]
            if not any(k in owners for _, k in stems) or _named_after(view, ti):
                continue  # no surname here; or «شركة كوشنر»: a company's name
            for strip, k in stems:
                ents = owners.get(k)
                if not ents or len(ents) != 1 or view.morph.is_first_name(k):
                    continue
                full = _written_in_full(view, ti, name_key(ents[0].name).split()) if not strip else None
                start = full if full is not None else tok.start + strip
                if any(a < tok.end and start < b for a, b in taken):
                    break
                ents[0].mentions.append(Span(start, tok.end, doc.text[start:tok.end]))
                break
    for e in entities:
        e.mentions.sort(key=lambda m: m.start)


def _written_in_full(view: SentView, ti: int, words: list[str]) -> int | None:
    """Where the person's whole name starts when the words before the surname at token ti (written without a
    proclitic of its own: «ماري ولوبان» is two people) are the rest of it («وكانت مارين لوبان» for «مارين لوبان»,
    the tagger having found the name elsewhere), its proclitic left out; else None."""
    n = len(words) - 1
    if ti < n or any(view.is_punct(j) for j in range(ti - n, ti)):
        return None
    if [view.key(j) for j in range(ti - n + 1, ti)] != words[1:-1]:
        return None
    first = ti - n
    strip = next((cut for cut, stem in view.morph.stems(view.key(first)) if stem == words[0]), None)
    return None if strip is None else view.tokens[first].start + strip


def _credit_parentheses(doc: Document) -> list[tuple[int, int]]:
    """The «(رويترز / بترا)» credit of a dateline: names there are sources, not actors."""
    if not doc.dateline or doc.dateline.get("start") is None or not doc.source.agencies:
        return []
    start = doc.dateline["start"]
    open_at = doc.text.find("(", start, start + 200)
    close_at = doc.text.find(")", open_at + 1, open_at + 120) if open_at >= 0 else -1
    return [(open_at, close_at + 1)] if close_at > open_at >= 0 else []


def _disambiguate_places(morph: Morphology, cands: list[Candidate]) -> None:
    """«عمان» is Oman or Amman: take the reading whose state the article names otherwise."""
    readings = morph.lexicon.ambiguous_places
    bare = morph.without_article
    states = Counter(iso for c in cands if c.type == "LOC" and bare(c.key) not in readings
                     for iso in c.countries)
    for c in cands:
        options = readings.get(bare(name_key(c.canonical or c.key))) if c.type == "LOC" else None
        if not options:
            continue
        best = max(options, key=lambda p: (states[p.iso], p.kind == "country"))
        c.canonical = best.name
        c.countries = [best.iso]


def _byline_key(doc: Document) -> str:
    return name_key(doc.source.byline or "")


def _title_state(morph: Morphology, titles: list[str]) -> str | None:
    """Return the state a title names by a place or a nisba («مدير أمن الإسكندرية» → EG), or None."""
    places = morph.lexicon.places
    for title in titles:
        for word in name_key(title).split()[1:]:
            for _, stem in morph.stems(word):
                place = places.get(stem)
                if place:
                    return place.iso
            iso = morph.nisba_of(word)
            if iso:
                return iso
    return None


def _known_country(morph: Morphology, name: str) -> str | None:
    """Return the state of a well-known person (lexicon `person_countries.tsv`, compiled from the
    UniversalPetrarch actor dictionary, and `well_known_persons.tsv`) or of a ruling family the name
    ends with («… آل نهيان»), or None.
    Nothing else is guessed: the article's most-named state is no evidence of a person's nationality."""
    key = name_key(name)
    table = _known_persons(morph.lexicon)
    if key in table:
        return table[key]
    words = key.split()
    if len(words) >= 2:  # «عادل الجبير» is «عادل بن أحمد الجبير»: same given name and surname, the rest in order
        states = {iso for k, iso in _gazetteer_by_ends(morph.lexicon).get((words[0], words[-1]), ())
                  if _compatible(words, k.split()) or _compatible(k.split(), words)}
        if len(states) == 1:
            return states.pop()
    # «محمد بن سلمان بن عبدالعزيز» is «محمد بن سلمان» with his grandfather: a known name of three words or
    # more (given name, particle, father) that begins the name
    states = {iso for n in range(len(words) - 1, 2, -1) if (iso := _known_persons(morph.lexicon).get(
        " ".join(words[:n])))}
    if len(states) == 1:
        return states.pop()
    for family, iso in _lexicon_table(morph.lexicon, "family_countries.tsv").items():
        if key.endswith(" " + family):
            return iso
    return None


@lru_cache(maxsize=4)
def _gazetteer_by_ends(lexicon: object) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """The well-known persons indexed by their first and last name word."""
    out: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for k, iso in _known_persons(lexicon).items():
        w = k.split()
        out.setdefault((w[0], w[-1]), []).append((k, iso))
    return out


@lru_cache(maxsize=4)
def _known_persons(lexicon: object) -> dict[str, str | None]:
    """Well-known persons and their state: the compiled gazetteer, then the hand-written list (None: no state)."""
    table: dict[str, str | None] = dict(_lexicon_table(lexicon, "person_countries.tsv"))
    for k, iso in _lexicon_table(lexicon, "well_known_persons.tsv").items():
        table.setdefault(k, None if iso == "-" else iso)
    return table


@lru_cache(maxsize=16)
def _lexicon_table(lexicon: object, file: str) -> dict[str, str]:
    """A two-column lexicon table keyed by `name_key`, read once per Lexicon."""
    return {name_key(r[0]): r[1] for r in lexicon.rows(file) if len(r) >= 2}  # type: ignore[attr-defined]
