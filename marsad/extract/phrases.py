"""Token-level readings of news prose: title phrases, person-name extents and organisation phrases."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from marsad.lexicon import (
    first_names,
    function_words,
    nisbas,
    organisations,
    places,
    title_complements,
    titles,
)
from marsad.model import Token
from marsad.text.normalize import join_keys

MAX_TITLE_TOKENS = 9
MAX_NAME_TOKENS = 4
MAX_ORG_TOKENS = 6
NAME_JOINERS = {"عبد", "ابو", "بن", "ابن", "ال", "بنت", "ولد"}
DUAL_OFFICES = {"وزيرا", "وزيري", "رئيسا", "رئيسي"}
COUNTERPART = {"نظيره", "نظيرها", "نظيريه", "نظراءه", "نظيرهم"}
PUNCT_STOP = set("،,.:؛;؟?!()«»\"“”'[]-–—")


@dataclass(slots=True)
class SentView:
    """One sentence's tokens with their keys and CRF tags, and lexicon lookups on them."""

    tokens: list[Token]
    tags: list[str] = field(default_factory=list)
    lexicon_spans: list[tuple[int, int, frozenset[str]]] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    punct: list[bool] = field(default_factory=list)
    _titles: dict[int, tuple[int, str, int] | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.keys = [t.key for t in self.tokens]
        self.punct = [_is_punctuation(t.text) for t in self.tokens]

    def __len__(self) -> int:
        return len(self.tokens)

    def key(self, i: int) -> str:
        return self.keys[i] if 0 <= i < len(self.keys) else ""

    def is_punct(self, i: int) -> bool:
        return 0 <= i < len(self.punct) and self.punct[i]

    def tag(self, i: int) -> str:
        return self.tags[i] if 0 <= i < len(self.tags) else "O"


@lru_cache(maxsize=65536)
def _is_punctuation(text: str) -> bool:
    return not any(c.isalnum() for c in text)


def strip_proclitic(key: str) -> list[tuple[int, str]]:
    """Return (chars stripped, rest) readings of a key: itself, then without و/ف/ب/ل/ك (لل → ال)."""
    out = [(0, key)]
    if len(key) > 3 and key[0] in "وفبلك":
        rest = key[1:]
        out.append((1, "ا" + rest if key[0] == "ل" and rest.startswith("ل") else rest))
        if key[0] in "وف" and len(rest) > 3 and rest[0] in "بلك":
            rest2 = rest[1:]
            out.append((2, "ا" + rest2 if rest[0] == "ل" and rest2.startswith("ل") else rest2))
    return out


@lru_cache(maxsize=65536)
def nisba_of(key: str) -> str | None:
    """Return the ISO code of a nisba adjective (any inflection, optional proclitic), or None."""
    table = nisbas()
    for _, k in strip_proclitic(key):
        if k in table:
            return table[k]
    return None


@lru_cache(maxsize=65536)
def country_of(key: str) -> str | None:
    """Return the ISO code when a single token names a country (optional proclitic), or None."""
    table = places()
    for _, k in strip_proclitic(key):
        p = table.get(k)
        if p and p.kind == "country":
            return p.iso
    return None


def is_first_name(key: str) -> bool:
    return key in first_names()


def _title_at(view: SentView, i: int) -> tuple[int, str, int] | None:
    """Return (end, kind, clitic length) of the longest lexicon title starting at token i."""
    readings = _title_readings(view.key(i))
    if not readings:
        return None
    if i in view._titles:
        return view._titles[i]
    hit = _find_title(view, i, readings)
    view._titles[i] = hit
    return hit


@lru_cache(maxsize=1)
def _title_first_words() -> frozenset[str]:
    return frozenset(k.split()[0] for k in titles()) | frozenset(COUNTERPART)


@lru_cache(maxsize=65536)
def _title_readings(key: str) -> tuple[tuple[int, str], ...]:
    """Return the (clitic length, word) readings of a key that can start a title: itself, and
    without «و»/«ف» («ورئيس», «فالوزير»); empty when no title starts here."""
    if not key:
        return ()
    firsts = _title_first_words()
    readings = [(0, key)] if key in firsts else []
    if len(key) > 3 and key[0] in "وف" and key[1:] in firsts:
        readings.append((1, key[1:]))
    return tuple(readings)


def _find_title(view: SentView, i: int, readings: tuple[tuple[int, str], ...]) -> tuple[int, str, int] | None:
    table = titles()
    for length in (3, 2, 1):
        if i + length > len(view) or any(view.is_punct(j) for j in range(i + 1, i + length)):
            continue
        rest = [view.key(j) for j in range(i + 1, i + length)]
        for strip, first in readings:
            kind = table.get(join_keys([first, *rest]))
            if kind:
                return i + length, kind, strip
    for strip, first in readings:
        if first in COUNTERPART:
            return i + 1, "counterpart", strip
    return None


@dataclass(slots=True)
class TitlePhrase:
    """A title or rank before or after a name: token range, kind, country from a nisba or name."""

    start: int
    end: int
    kind: str
    clitic: int = 0
    country: str | None = None
    dual_base: str | None = None


def _looks_like_name_word(view: SentView, i: int) -> bool:
    """A bare word that could be part of a name: not punctuation, a function word, a title or a nisba."""
    if i >= len(view) or view.is_punct(i):
        return False
    k = view.key(i)
    return bool(k) and not k[0].isdigit() and k not in function_words() and not _title_at(view, i) \
        and not nisba_of(k) and not country_of(k) and k not in organisations()


def _is_name_start(view: SentView, i: int, after_title: bool = False) -> bool:
    """Whether a person's name can start at token i (more readily right after a title or rank)."""
    if not _looks_like_name_word(view, i):
        return False
    k = view.key(i)
    if view.tag(i) in ("B-PERS", "I-PERS") or is_first_name(k):
        return True
    if after_title and not k.startswith(("ال", "و", "ف")) and not (k[0] in "يت" and len(k) >= 4):
        # «وزير الدفاع التركي خلوصي آكار»: an unknown bare word after a title, followed by another
        return _looks_like_name_word(view, i + 1) or view.key(i + 1).startswith("ال")
    return False


def parse_title(view: SentView, i: int) -> TitlePhrase | None:
    """Return the title phrase starting at token i (head plus complements), or None."""
    head = _title_at(view, i)
    if head is None:
        return None
    end, kind, clitic = head
    phrase = TitlePhrase(i, end, kind, clitic)
    if kind in ("rank", "honorific"):
        return phrase
    head_key = strip_proclitic(view.key(i))[-1][1] if clitic else view.key(i)
    if head_key in DUAL_OFFICES and end < len(view):
        noun = view.key(end)
        if noun and not noun.startswith("ال") and not view.is_punct(end):
            phrase.dual_base = f"{head_key[:-1] if head_key.endswith(('ا', 'ي')) else head_key} ال{noun}"
    j = end
    while j < len(view) and j - i < MAX_TITLE_TOKENS:
        k = view.key(j)
        if k in title_complements() and not view.is_punct(j):
            j += 1  # «المتحدث باسم …»: «باسم» here is not the given name Bassem
            continue
        if view.is_punct(j) or _is_name_start(view, j) or _title_at(view, j) and j > end:
            break
        iso = nisba_of(k)
        if iso and not k.startswith(("و", "ف")):
            phrase.country = phrase.country or iso
            j += 1
            continue
        ciso = country_of(k)
        if ciso and not k.startswith(("و", "ب", "ل", "ف")):  # «بعمان» says where, not whose
            phrase.country = phrase.country or ciso
            j += 1
            continue
        if k in function_words() and k not in ("في", "فى"):
            break
        if k in ("في", "فى"):
            nxt = view.key(j + 1)
            if nxt.startswith("ال") or nxt in title_complements() or nxt in organisations():
                j += 1
                continue
            break
        if k.startswith("ال") or k in title_complements():
            j += 1
            continue
        if len(k) > 3 and k[0] in "بل" and (k[1:3] == "ال" or k[1:] in title_complements()
                                             or k[1:] in organisations() or k.startswith("لل")):
            j += 1
            continue
        if phrase.dual_base and j == end:
            j += 1
            continue
        break
    phrase.end = max(j, end)
    return phrase


def name_extent(view: SentView, i: int, after_title: bool = False) -> int:
    """Return the end of the person name starting at token i (i itself when none starts there)."""
    if not _is_name_start(view, i, after_title):
        return i
    if view.key(i).startswith("ال"):
        return i + 1  # «واتهم الصفدي جماعات …»: a name opening with «ال» is a bare surname
    j = i + 1
    while j < len(view) and j - i < MAX_NAME_TOKENS:
        k = view.key(j)
        prev = view.key(j - 1)
        if view.is_punct(j) or k in function_words():
            break
        if _title_at(view, j) and not (view.tag(j) == "I-PERS" and k.startswith("ال") and (
                j + 1 >= len(view) or view.is_punct(j + 1))):
            break
        if j - i >= 2 and not (is_first_name(prev) or prev in NAME_JOINERS or k in NAME_JOINERS
                               or k.startswith("ال")):
            break  # a third name word follows a given name («أحمد محمود حسن»), not a surname
        if view.tag(j) == "I-PERS":
            j += 1
            continue
        if nisba_of(k) or country_of(k):
            break
        if prev in NAME_JOINERS or k in NAME_JOINERS:
            j += 1
            continue
        if k.startswith(("و", "ف")) and view.tag(j) != "B-PERS" and not is_first_name(k):
            break
        if k.startswith("ال"):
            # an «ال» surname closes the name: «خالد العمري،»
            nxt = j + 1
            if nxt >= len(view) or view.is_punct(nxt) or view.key(nxt) in function_words() or \
                    _title_at(view, nxt) or view.key(nxt).startswith(("و", "ف")):
                if k not in organisations() and k not in titles():
                    j += 1
            break
        if view.tag(j) == "B-PERS" and not is_first_name(prev):
            break
        j += 1
    return j


@lru_cache(maxsize=65536)
def _heads_organisation(key: str) -> bool:
    """Return whether a key, or its reading without a proclitic, is an organisation head («وزارة»)."""
    orgs = organisations()
    return any((entry := orgs.get(k)) is not None and entry.kind == "head" for _, k in strip_proclitic(key))


def org_extent(view: SentView, i: int) -> int:
    """Return the end of an organisation phrase headed at token i (i when none): «وزارة الدفاع المصرية»."""
    if not _heads_organisation(view.key(i)):
        return i
    orgs = organisations()
    j = i + 1
    saw_nisba = False
    while j < len(view) and j - i < MAX_ORG_TOKENS:
        k = view.key(j)
        if view.is_punct(j):
            if k == "+" or (view.tokens[j].text == "+" and j + 1 < len(view)):
                j += 1
                continue
            break
        if k.isdigit():
            j += 1
            continue
        if saw_nisba or _title_at(view, j) and view.key(j) not in orgs:
            break
        if k in function_words() or _is_name_start(view, j) and view.tag(j) in ("B-PERS", "I-PERS"):
            break
        if nisba_of(k) and not k.startswith("و"):
            if not k.endswith(("ي", "يه")):
                break  # «مصلحة الليبيين»: a plural nisba names people, not an institution
            saw_nisba = True
            j += 1
            continue
        if country_of(k) and not k.startswith(("و", "ب", "ل", "ف")):
            j += 1
            continue
        if k.startswith("ال") or k in title_complements() or k in orgs:
            j += 1
            continue
        if len(k) > 3 and k[0] in "بل" and any(r in orgs for _, r in strip_proclitic(k)[1:]):
            j += 1
            continue
        if view.tag(j) in ("I-ORG",):
            j += 1
            continue
        break
    if j - i < 2 and view.tag(i) not in ("B-ORG",):
        return i
    return j
