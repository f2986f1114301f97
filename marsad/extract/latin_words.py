"""Snap a transcribed foreign name word to a Latin word that is attested in European text.

Arabic letters do not determine a foreign name's spelling: «ب» is b or p, «ف» f or v, «ك» k, c or ck, «و» o or
u, «ي» i, e or y, doubled and silent letters are not written. So the spelling rules alone give Babadobolos for
Papadopoulos and Firnandez for Fernandez. Here every Latin word of the table `latin_words.tsv` (compiled from
word-frequency lists of European languages by `scripts/compile_latin_words.py`) is indexed under its consonant
outline (`outline`: p and b alike, v and f, soft c an s, vowels, h and y left out); the outlines an Arabic word
may stand for (`arabic_outlines`: «خ» kh, a Spanish j, a Dutch g or a German ch…) find the Latin words it could
transcribe, and the one chosen is the cheapest to read from the rule spelling (`reading_cost`), the most widely
attested across languages and not an ordinary word of one of them, and the most frequent in the name's language
(the person's country's, else the one the name's other words lean to).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

# the languages of the table's frequency columns, in order; the first CORE are the ones a name is attested in
LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "pl", "sv", "tr", "sh", "cs")
CORE = 7

# Latin letter groups (longest first) → their consonant class in an outline: b (b p), f (f v ph), t (t th), d,
# k (k c q), g, j (j, soft g, zh), x (kh), s (s z ç), ts (ts tz zz), S (sh), C (ch), w, l, m, n, r; vowels, h and y
# leave no mark. A Latin word has one outline; the ambiguity lies on the Arabic side (`arabic_outlines`).
_GROUPS: tuple[tuple[str, str], ...] = (
    ("tsch", "C"), ("sch", "S"), ("tch", "C"), ("cch", "k"), ("ch", "C"), ("sh", "S"), ("sz", "S"), ("cz", "C"),
    ("zh", "j"), ("kh", "x"), ("ph", "f"), ("th", "t"), ("dh", "d"), ("gh", "g"), ("ck", "k"), ("qu", "k"),
    ("dj", "j"), ("dg", "j"), ("ts", "ts"), ("tz", "ts"), ("zz", "ts"), ("x", "ks"), ("q", "k"),
    ("k", "k"), ("p", "b"), ("b", "b"), ("v", "f"), ("f", "f"), ("w", "w"), ("t", "t"), ("d", "d"), ("j", "j"),
    ("z", "s"), ("s", "s"), ("l", "l"), ("m", "m"), ("n", "n"), ("r", "r"), ("h", ""), ("y", ""), ("č", "C"),
    ("ć", "C"), ("š", "S"), ("ş", "S"), ("ș", "S"), ("ž", "j"), ("ç", "s"), ("ł", "l"), ("ß", "s"), ("ğ", ""),
    ("ñ", "n"),
)
_SOFT = frozenset("eiyéèêíìî")  # c and g before these are soft
# a final letter French and others often do not say («فينسان» Vincent, «أوليفيه» Olivier): an Arabic outline
# may be completed by one
_SILENT_ENDS = ("", "t", "d", "s", "ks", "r")
MAX_OUTLINES = 256


def _plain(text: str) -> str:
    """Return `text` without its accents (most words have none: returned as they are)."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _collapse(s: str) -> str:
    out = []
    for c in s:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def outline(word: str) -> str:
    """Return the consonant outline of a Latin word in the classes Arabic letters tell apart ("Papadopoulos" →
    "bbdbls"): double letters single, soft c an s, soft g a j, vowels, h and y left out."""
    w = word.lower()
    out: list[str] = []
    i = 0
    while i < len(w):
        c = w[i]
        if c in "cg" and not w.startswith(("ch", "gh", "cz", "ck"), i):
            nxt = w[i + 1] if i + 1 < len(w) else ""
            double = nxt == c
            after = w[i + 2] if double and i + 2 < len(w) else nxt
            if c == "g" and nxt in "uü" and i + 2 < len(w) and w[i + 2] in _SOFT:  # «gue», «gui»: a hard g
                out.append("g")
                i += 2
                continue
            if after in _SOFT:
                out.append(("C" if double else "s") if c == "c" else "j")
            else:
                out.append("k" if c == "c" else "g")
            i += 2 if double else 1
            continue
        for group, cls in _GROUPS:
            if w.startswith(group, i):
                out.append(cls)
                i += len(group)
                if len(group) == 1 and i < len(w) and w[i] == c:  # a double letter: Arabic writes one
                    i += 1
                break
        else:  # a vowel (accents dropped) or a letter of no consonant class
            i += 1
    return "".join(out)


def _expand(options: Iterable[tuple[str, ...]]) -> list[str]:
    outs = [""]
    for opts in options:
        outs = [o + x for o in outs for x in opts][:MAX_OUTLINES]
    return list(dict.fromkeys(outs))


def read_outline_table(rows: Iterable[Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """Return the table `foreign_outlines.tsv`: Arabic letters (a leading ^: first letter only) → the outline
    classes they may transcribe ("" for a vowel)."""
    return {r[0]: tuple("" if c == "-" else c for c in r[1].split()) for r in rows if len(r) >= 2}


def arabic_outlines(word: str, table: dict[str, tuple[str, ...]]) -> list[str]:
    """Return the outlines (`outline`) of the Latin words an Arabic word could transcribe, by the letter table of
    `read_outline_table`."""
    options: list[tuple[str, ...]] = []
    i = 0
    while i < len(word):
        two = word[i:i + 2]
        if two in table:
            options.append(table[two])
            i += 2
            continue
        one = table.get("^" + word[i]) if i == 0 else None
        if one is None:
            one = table.get(word[i])
        if one is not None:
            options.append(one)
        i += 1
    options.append(_SILENT_ENDS)
    return _expand(options)


_SHAPE_GROUPS = (("tsch", "C"), ("sch", "S"), ("tch", "C"), ("ch", "C"), ("sh", "S"), ("ph", "f"), ("th", "t"),
                 ("kh", "x"), ("ck", "k"), ("qu", "k"), ("ou", "u"), ("oo", "u"), ("gh", "g"),
                 ("zz", "ts"))
_SHAPE_LETTERS = str.maketrans({"p": "b", "v": "f", "c": "k", "q": "k", "z": "s", "y": "i"})
_SOFT_C = re.compile(r"c(?=[eiy])")
_SOFT_G = re.compile(r"(?<!g)g(?=[eiy])")
_SILENT_U = re.compile(r"(?<=g)u(?=[eiy])")


def shapes(latin: str) -> list[str]:
    """Return the `shape` of a Latin word, and where it has a gue or gui, its shape without the u Spanish and French
    do not say (Lopetegui «لوبيتيغي»; English says it: Maguire «ماغواير»)."""
    first = shape(latin)
    if _SILENT_U.search(latin.lower()) is None:
        return [first]
    return [first, shape(latin, silent_u=True)]


def shape(latin: str, spelled: bool = True, silent_u: bool = False) -> str:
    """Return a Latin spelling reduced to what Arabic letters tell apart: vowels as a, e, i (i y), o and u,
    letters Arabic writes alike merged, doubles single ("Fernández" → "fernandes"). A `spelled` word (not the
    letters of the spelling rules) has its soft c and g read as s and j ("Giorgio" → "jiorjio")."""
    s = _plain(latin.lower())
    if spelled:
        s = _SOFT_G.sub("j", _SOFT_C.sub("s", s))
        if silent_u:  # after the soft letters: the g of gue stays hard
            s = _SILENT_U.sub("", s)
    for a, b in _SHAPE_GROUPS:
        s = s.replace(a, b)
    return _collapse(s.translate(_SHAPE_LETTERS))


# costs of reading a rule spelling (Arabic letters) as a Latin word, both as `shape`s. Arabic writes every vowel
# at the start and the end of a foreign word and most inside it, leaving out a short e more often than an a and
# an a more often than an i, o or u; it writes no vowel that is not said, but a final e may be silent
_VOWELS = "aeiou"
_INNER_UNWRITTEN = {"e": 0.3, "a": 0.7, "i": 0.8, "o": 1.0, "u": 1.0, "h": 0.3, "w": 0.5}
_EDGE_UNWRITTEN = 1.5  # a vowel at either end of the Latin word that the Arabic does not write
_FINAL_E = 0.1  # a silent final e ("Stones" «ستونز»)
_SILENT_FINAL = 0.7  # a final consonant French and others do not say ("Vincent" «فينسان»)
_SILENT_R = 0.4  # the r of a final -er, -ier ("Olivier" «أوليفيه»)
_EXTRA_VOWEL = 1.5  # a vowel the Arabic writes and the Latin word does not have
_EXTRA = 1.2  # a consonant the Arabic has and the Latin word does not
_SWAP = 1.5  # a consonant for another
# letters Arabic writes alike: i and e, o and u, o and w; the a of English words said as in "but" (Butler
# «باتلر», Huntsman «هانتسمان»); the consonants one Arabic letter transcribes (foreign_outlines.tsv): ك for an Italian
# ch, ش for a French one, خ for a German ch, a Spanish j or g, a Dutch g, ج for an Egyptian g, ف for a German w
_SWAPS = {frozenset("ie"): 0.1, frozenset("ou"): 0.1, frozenset("ow"): 0.3, frozenset("uw"): 0.3,
          frozenset("au"): 0.7, frozenset("ea"): 1.1, frozenset("kC"): 0.3, frozenset("SC"): 0.2,
          frozenset("xC"): 0.2, frozenset("xj"): 0.2, frozenset("xg"): 0.3, frozenset("jg"): 0.3,
          frozenset("fw"): 0.3}  # others: _SWAP


def _unwritten(latin: str, j: int) -> float:
    c = latin[j]
    last = j == len(latin) - 1
    if c in _VOWELS:
        if last and c == "e":
            return _FINAL_E
        return _EDGE_UNWRITTEN if j == 0 or last else _INNER_UNWRITTEN[c]
    if c in _INNER_UNWRITTEN:
        return _INNER_UNWRITTEN[c]
    if last and c == "r" and latin[j - 1:j] == "e":
        return _SILENT_R
    return _SILENT_FINAL if last and c in "tdsx" else _EXTRA


def reading_cost(arabic: str, latin: str, limit: float = math.inf) -> float:
    """Return the cost of reading the rule spelling `arabic` as the Latin word `latin` (both `shape`s; 0: alike),
    or infinity once it is sure to pass `limit`."""
    n, m = len(arabic), len(latin)
    skip = [_unwritten(latin, j) for j in range(m)]
    prev = [0.0] * (m + 1)
    for j in range(1, m + 1):
        prev[j] = prev[j - 1] + skip[j - 1]
    for i in range(1, n + 1):
        a = arabic[i - 1]
        extra = _EXTRA_VOWEL if a in _VOWELS or a == "I" else _EXTRA
        cur = [prev[0] + extra] + [0.0] * m
        for j in range(1, m + 1):
            b = latin[j - 1]
            sub = 0.0 if a == b or (a == "I" and b == "i") else _SWAPS.get(frozenset((a, b)), _SWAP)
            if a == "i" and b == "e" and i == n and j == m:  # a final «ي» is said: not a silent e
                sub = 0.4
            cur[j] = min(prev[j - 1] + sub, prev[j] + extra, cur[j - 1] + skip[j - 1])
        if min(cur) > limit:
            return math.inf
        prev = cur
    return prev[m]


# Arabic writes a name as it is said, not as it is spelled: «اي» is also the ei of German and the i and y of English
# (Stein «ستاين», Mike «مايك», Bryan «براين»), «او» the ow and ou of English (Crowley «كراولي»)
SOUNDS = (("ai", "ei"), ("ai", "I"), ("ao", "ow"))  # I: an i, y or igh, no other vowel
SOUND_COST = 0.2


def sound_readings(target: str) -> list[tuple[str, float]]:
    """Return the rule spelling `target` (a `shape`) and its readings by SOUNDS, each with its extra cost."""
    out = [(target, 0.0)]
    for a, b in SOUNDS:
        out += [(t.replace(a, b), extra + SOUND_COST) for t, extra in out if a in t]
    # the French nasal -ent is said and written «ان» (Laurent «لوران», Vincent «فينسان»)
    out += [(t[:-2] + "ent", extra + SOUND_COST) for t, extra in out if t.endswith("an")]
    return out[:8]


@dataclass(frozen=True, slots=True)
class Attested:
    """A Latin word of the table with its frequency (Zipf scale, 0 when absent) in each language of LANGUAGES."""

    word: str
    zipf: tuple[float, ...]

    @property
    def spread(self) -> float:
        """How widely the word is attested: the median Zipf frequency over the core languages (names are shared by
        all; ordinary words of one language are not)."""
        core = sorted(self.zipf[:CORE])
        return core[CORE // 2]

    def commonness(self) -> float:
        """How far the word's most frequent language stands above the others: high for an ordinary word."""
        return max(self.zipf[:CORE]) - self.spread

    def english(self) -> float:
        """How far the word's English frequency stands above the others: English words leak into the text of every
        language ("company" is Zipf 5.6 in English and about 4 elsewhere), names less so."""
        return self.zipf[0] - self.spread


def pack_index(entries: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """Return (word, frequency digits, outline) entries indexed by outline, the words of an outline packed into one
    string ("word digits word digits…": a hundred thousand words in a few MB, unpacked when looked up)."""
    lists: dict[str, list[str]] = {}
    for word, digits, key in entries:
        lists.setdefault(key, []).append(f"{word} {digits}")
    return {key: " ".join(words) for key, words in lists.items()}


def read_words(rows: Iterable[Sequence[str]]) -> dict[str, str]:
    """Return the table `latin_words.tsv` (word, one hex digit a language: Zipf × 2, outline) as `pack_index` does."""
    return pack_index((r[0], r[1], r[2]) for r in rows if len(r) >= 3 and len(r[1]) == len(LANGUAGES))


def _unpack(packed: str) -> list[tuple[str, str]]:
    if not packed:
        return []
    parts = packed.split(" ")
    return list(zip(parts[::2], parts[1::2], strict=True))


def _attested(word: str, digits: str) -> Attested:
    return Attested(word, tuple(int(c, 16) / 2 for c in digits))


# weights of the choice (tuned on the development pool of docs/latin_names.md, seed 1316): letters first
COST_WEIGHT = 2.0
SPREAD_WEIGHT = 0.5
LANGUAGE_WEIGHT = 0.4
COMMON_WEIGHT = 0.75
ENGLISH_WEIGHT = 1.25
PLAIN_BONUS = 0.3  # a short word spelled as the rules spell it: likely right («كوت» Kot, not Quote)
MAX_COST = 1.0  # above it the Latin word is another word, not this one's spelling
MAX_COMMONNESS = 1.8  # an ordinary word of one language ("their", "college"), not a name
MIN_SPREAD = 1.0
SHORT = 4  # a rule spelling shorter than this matches only a Latin word of its very letters («سوس» is not Zeus)
SHORT_COST = 0.1
ROUGH_DISTANCE = 3


def _rough(shaped: str) -> str:
    return shaped.replace("e", "i").replace("w", "o").replace("u", "o")


class AttestedSpeller:
    """Choose, for transcribed foreign name words, the attested Latin word Arabic could have been written from."""

    def __init__(self, index: dict[str, str], letters: dict[str, tuple[str, ...]]) -> None:
        self.index = index  # outline → its words and their frequency digits, as `pack_index` packs them
        self.letters = letters  # the table of `read_outline_table`
        self.candidates = lru_cache(maxsize=16384)(self._candidates)
        self._shapes = lru_cache(maxsize=65536)(shapes)

    def _candidates(self, arabic: str, rule_letters: str) -> list[tuple[Attested, float]]:
        """Return the Latin words that `arabic` could be written from, each with the cost of reading the rule
        spelling `rule_letters` as it (`reading_cost`), cheapest first."""
        target = shape(rule_letters, spelled=False)
        rough = _rough(target)
        readings = sound_readings(target)
        limit = MAX_COST if len(rule_letters) >= SHORT else SHORT_COST
        seen: dict[str, tuple[Attested, float]] = {}
        for key in arabic_outlines(arabic, self.letters):
            for word, digits in _unpack(self.index.get(key, "")):
                if word in seen:
                    continue
                # cheap first: within the cost limit, at most a few letters are left out or added (e and i alike)
                latins = [x for x in self._shapes(word)
                          if Indel.distance(rough, _rough(x), score_cutoff=ROUGH_DISTANCE) <= ROUGH_DISTANCE]
                if not latins:
                    continue
                cost = min(reading_cost(t, x, limit) + extra for t, extra in readings for x in latins)
                if cost > limit:
                    continue
                w = _attested(word, digits)
                if w.spread < MIN_SPREAD or (word != rule_letters and w.commonness() > MAX_COMMONNESS):
                    continue
                seen[word] = (w, cost)
        return sorted(seen.values(), key=lambda p: p[1])

    @staticmethod
    def score(word: Attested, cost: float, language: int | None, plain: bool = False) -> float:
        """Return how good `word` is as the spelling (letters, attestation, the name's language); a `plain` word,
        the rule spelling itself, is not held back for being an ordinary word too ("Mata")."""
        s = -COST_WEIGHT * cost + SPREAD_WEIGHT * word.spread
        if plain and len(word.word) < SHORT:
            s += PLAIN_BONUS
        else:
            s -= COMMON_WEIGHT * max(0.0, word.commonness() - 1.0) + ENGLISH_WEIGHT * max(0.0, word.english() - 0.5)
        if language is not None:
            s += LANGUAGE_WEIGHT * (word.zipf[language] - word.spread)
        return s

    def lookup(self, latin: str) -> Attested | None:
        """Return the table's entry of a Latin word, if it has one."""
        word = latin.lower()
        digits = next((d for w, d in _unpack(self.index.get(outline(word), "")) if w == word), None)
        return _attested(word, digits) if digits else None

    def choose(self, words: list[tuple[str, str]], language: int | None = None,
               known: Sequence[str] = ()) -> list[str | None]:
        """Return, for each (Arabic word, rule letters) of one name, its attested Latin spelling or None.

        Without a `language` (index into LANGUAGES), the name's language is the one its words are most frequent
        in, relative to their spread: the best candidates of `words` and the Latin words `known` from the tables
        («دييغو توريس»: Diego is Spanish, so Torres, not the Latin Turris)."""
        cands = [[(w, cost, w.word == letters) for w, cost in self.candidates(a, letters)] for a, letters in words]
        if language is None:
            evidence = [max(cs, key=lambda p: self.score(p[0], p[1], None, p[2]))[0] for cs in cands if cs]
            evidence += [w for w in map(self.lookup, known) if w is not None]
            votes = [sum(w.zipf[n] - w.spread for w in evidence) for n in range(CORE)]
            if len(evidence) >= 2 and max(votes) > 0:
                language = max(range(CORE), key=lambda n: votes[n])
        return [max(cs, key=lambda p: self.score(p[0], p[1], language, p[2]))[0].word if cs else None
                for cs in cands]


def zipf_digits(values: Sequence[float]) -> str:
    """Return the table's frequency column for Zipf values (one hex digit a language, Zipf × 2 rounded)."""
    return "".join(format(min(15, max(0, math.floor(v * 2 + 0.5))), "x") for v in values)
