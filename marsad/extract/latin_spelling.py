"""Latin spelling of transcribed foreign (European-style) names: «ويلسون» → Wilson, «مانغا» → Manga.

Arabic news writes a foreign name's vowels as long-vowel letters and leaves none out, so the rules
(lexicon `foreign_spelling.tsv`) read every letter and insert no short vowel between consonants; the
only vowel added is an «e» where a consonant cluster cannot be said in English («ميلر» → Miler,
«زوكربرغ» → Zokerberg). `skeleton` reduces a Latin spelling to its consonants, so that a dictionary
spelling can be checked against the Arabic letters before it is trusted («ماركوس» is not "Charly").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

VOWELS = frozenset("aeiou")
# consonant sounds written with two letters: one unit in a cluster
DIGRAPHS = ("sh", "ch", "th", "kh", "zh", "ts", "ng")
# onsets (start of a syllable) and codas (end) of more than one consonant an English reader says as written;
# "nd", "nk", "mb", "ng" as onsets: African names (Ndidi, Nkosi, Mbabi)
ONSETS = frozenset(
    [a + b for a in ("b", "c", "d", "f", "g", "k", "p", "t", "v", "th", "sh", "kh") for b in ("r",)]
    + [a + b for a in ("b", "c", "f", "g", "k", "p", "s", "v") for b in ("l",)]
    + ["s" + b for b in ("c", "k", "p", "t", "m", "n", "l", "w", "h")]
    + ["sh" + b for b in ("m", "n", "t", "l", "w", "r")]
    + ["spr", "str", "skr", "spl", "shtr", "tw", "dw", "kw", "gw", "kn", "dm", "nd", "nk", "mb", "ng", "ts", "zw"]
)
CODAS = frozenset(
    [a + b for a in ("r",) for b in ("t", "d", "k", "g", "n", "m", "s", "z", "l", "b", "f", "th", "sh", "ch")]
    + [a + b for a in ("l",) for b in ("t", "d", "f", "k", "m", "s", "z", "p", "b")]
    + [a + b for a in ("n",) for b in ("t", "d", "k", "g", "s", "z", "ch", "sh", "th")]
    + ["mp", "ms", "mb", "st", "sk", "sp", "ks", "ts", "tz", "ft", "kt", "pt", "ps", "ds", "nts", "nds", "rts", "rds",
       "rst", "nst", "lds", "lts", "rg", "rgs", "sht"]
)
# letters that take an inserted "e" before them when a cluster ends in them («ميلر» → Miler, «إريكسن» → Eriksen)
SYLLABIC = ("r", "l", "n", "m")


@dataclass(frozen=True, slots=True)
class Rule:
    """One correspondence of the spelling table: Arabic letters, their Latin, the contexts it needs."""

    arabic: str
    latin: str
    left: str  # "^", "C", "V" or "*"
    right: str  # "$", "C", "V" or "*"


class ForeignSpeller:
    """Spell transcribed foreign name words in Latin letters by the rules of a spelling table."""

    def __init__(self, rows: list[list[str]]) -> None:
        self.vowel_letters = frozenset(next(r[1] for r in rows if r[0] == "@vowels"))
        rules = [Rule(r[0], r[1] if len(r) > 1 else "", r[2] if len(r) > 2 else "*", r[3] if len(r) > 3 else "*")
                 for r in rows if r and r[0] and not r[0].startswith("@")]
        self.by_first: dict[str, list[Rule]] = {}
        for rule in rules:
            self.by_first.setdefault(rule.arabic[0], []).append(rule)
        for group in self.by_first.values():  # longest first, then the one with more context
            group.sort(key=lambda r: (-len(r.arabic), (r.left == "*") + (r.right == "*")))

    def _fits(self, rule: Rule, word: str, i: int, out: str) -> bool:
        if not word.startswith(rule.arabic, i):
            return False
        if rule.left == "^" and i != 0:
            return False
        if rule.left in ("C", "V"):
            if not out:
                return False
            if (out[-1] in VOWELS) != (rule.left == "V"):
                return False
        j = i + len(rule.arabic)
        if rule.right == "$":
            return j == len(word)
        if rule.right in ("C", "V"):
            return j < len(word) and (word[j] in self.vowel_letters) == (rule.right == "V")
        return True

    def letters(self, word: str) -> str:
        """Return the Latin letters of one Arabic word by the table alone (lower case, no inserted vowel)."""
        out = ""
        i = 0
        while i < len(word):
            rule = next((r for r in self.by_first.get(word[i], ()) if self._fits(r, word, i, out)), None)
            if rule is None:  # a letter the table does not know (a digit, a stray mark) is dropped
                i += 1
                continue
            out += rule.latin
            i += len(rule.arabic)
        return out

    def spell(self, word: str) -> str:
        """Return the Latin spelling of one foreign name word, capitalised («ويلسون» → Wilson)."""
        latin = pronounceable(self.letters(word))
        if latin and not any(c in VOWELS or c == "y" for c in latin):  # no vowel letter at all («غل»)
            latin = latin[:1] + "e" + latin[1:]
        return latin[:1].upper() + latin[1:]


def _units(cluster: str) -> list[str]:
    units, i = [], 0
    while i < len(cluster):
        two = cluster[i:i + 2]
        if two in DIGRAPHS:
            units.append(two)
            i += 2
        else:
            units.append(cluster[i])
            i += 1
    return units


def _legal(units: list[str], where: str) -> bool:
    if len(units) <= 1:
        return True
    joined = "".join(units)
    if where == "start":
        return joined in ONSETS
    if where == "end":
        return joined in CODAS
    if where == "whole":  # a word of consonants only: it needs a vowel anyway
        return False
    # inside a word: a coda of at most two units, then an onset
    for k in range(len(units) + 1):
        coda, onset = units[:k], units[k:]
        if (len(coda) <= 1 or "".join(coda) in CODAS) and (len(onset) <= 1 or "".join(onset) in ONSETS):
            return True
    return False


def _open(units: list[str], where: str) -> list[str]:
    """Insert "e" into a consonant cluster until it can be said: before a syllabic r/l/n/m first.

    `where` is the cluster's place: "start" of the word, "end", "inner" (between vowels) or "whole" (no vowel).
    """
    if _legal(units, where):
        return units
    k = 1 if where in ("start", "whole") else next(
        (k for k in range(1, len(units)) if units[k] in SYLLABIC and units[k - 1] not in SYLLABIC), 1)
    left_where = "start" if where in ("start", "whole") else "inner"
    right_where = "end" if where in ("end", "whole") else "inner"
    return _open(units[:k], left_where) + ["e"] + _open(units[k:], right_where)


# a "y" before a consonant or at the end is a vowel ("Taylor", "Kirby")
_RUNS = re.compile(r"(?P<v>(?:[aeiou]|y(?![aeiou]))+)|(?:[^aeiouy]|y(?=[aeiou]))+")


def pronounceable(latin: str) -> str:
    """Return `latin` with an "e" put into each consonant cluster an English reader could not say."""
    runs = list(_RUNS.finditer(latin))
    out = []
    for n, run in enumerate(runs):
        if run.group("v"):
            out.append(run.group())
            continue
        last = n == len(runs) - 1
        where = ("whole" if last else "start") if n == 0 else "end" if last else "inner"
        out.append("".join(_open(_units(run.group()), where)))
    return "".join(out)


_PAIRS = (("x", "ks"), ("ph", "f"), ("ck", "k"), ("sh", "s"), ("ch", "s"), ("th", "t"), ("kh", "k"), ("gh", "k"),
          ("dj", "j"))
_SKELETON = str.maketrans({"p": "b", "v": "f", "c": "k", "q": "k", "g": "k", "z": "s", "d": "t", "j": "k"})


def skeleton(latin: str) -> str:
    """Return the consonant outline of a Latin spelling: letters that sound alike merged, vowels and h, w, y dropped."""
    s = re.sub(r"c(?=[eiy])", "s", latin.lower())  # a soft c (Cesar) is an s
    for a, b in _PAIRS:
        s = s.replace(a, b)
    s = "".join(c for c in s.translate(_SKELETON) if c.isascii() and c.isalpha() and c not in "aeiouhwy")
    return re.sub(r"(.)\1+", r"\1", s)


def consistent(a: str, b: str) -> bool:
    """Return True when two Latin spellings have the same consonant outline (one difference allowed in long ones)."""
    x, y = skeleton(a), skeleton(b)
    if x == y:
        return True
    if min(len(x), len(y)) < 4 or abs(len(x) - len(y)) > 1:
        return False
    # one substitution, insertion or deletion
    if len(x) == len(y):
        return sum(p != q for p, q in zip(x, y, strict=True)) == 1
    short, long_ = sorted((x, y), key=len)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))
