"""Compile marsad/lexicon/bare_common_words.txt: words without the article that news never uses as a surname.

    python scripts/compile_bare_nouns.py --shared ../shared
    python scripts/compile_bare_nouns.py --shared ../shared --stats /tmp/bare_nouns.tsv   # every candidate

The companion of `compile_common_nouns.py` for words without the article. After a lone given name the NER
tagger marks, or after a nasab («سلمان بن عبدالعزيز»), the boundary stage may take one untagged word as the
surname («إبراهيم هزازي»); a verb, noun or prepositional phrase glued there is no surname («صلاح سقط», «صلاح
لإصابة», «فريد لاعب»). For every word of the news corpora (SaudiNewsNet, ANT) without the article the script
counts its occurrences and how often a known given name or name particle precedes it, and keeps it when

- it occurs at least MIN_COUNT times,
- a given name or particle precedes at most MAX_NAME_BEFORE of its occurrences, and
- the romanizer's dictionary of Arab people knows at most MAX_ARAB_PEOPLE people by it («حداد», «نصار»), and
- its Arabic inflections (the article, a proclitic, a pronoun or verb ending on its stem: «السقط», «سقطت»,
  «لاعبه», «إصابته») occur at least MIN_INFLECTED times as often as the word itself: a transcribed foreign
  surname is seldom written after a given name either («بوتن», «لوبتيغي»), but it never inflects.

Given names, name particles, function words and the words of the lexicon's name tables are left out, and so
are the words the boundary stage already stops at (nisbas, countries, months, weekdays).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compile_common_nouns import (  # noqa: E402 - a sibling script, not a package
    WORD,
    _name_table_words,
    _stopped_anyway,
    arab_people,
    article_of,
    name_words,
    texts,
    word_list_arguments,
    write_word_list,
)

from marsad.lexicon import LEXICON_DIR, Lexicon  # noqa: E402
from marsad.text.morphology import Morphology  # noqa: E402
from marsad.text.normalize import norm_char_key  # noqa: E402

# the bounds of compile_common_nouns.py, read again on the bare words around them: verbs and nouns after a
# given name stay under 5% («سقط», «لاعب»); surnames that are also words («حداد», «نصيب») are held back by the
# romanizer's count of Arab people, not by this share
MIN_COUNT = 50
MAX_NAME_BEFORE = 0.05
MAX_ARAB_PEOPLE = 2
MIN_LETTERS = 3
# foreign surnames of the two corpora inflect 0.00-0.10 times as often as they occur («داليتش» 0, «ماركس»
# 0.09), common words 0.15 and more («بشكل» 0.15, «كلمة» 0.6, «سقط» 1.6)
MIN_INFLECTED = 0.12
OUT = LEXICON_DIR / "bare_common_words.txt"
HEADER = """# Words without the article that end a person's name when the NER tagger leaves them out of it: verbs,
# nouns and prepositional phrases («سقط», «لاعب», «لإصابة»), not surnames («هزازي»). One normalised word a line.
# COMPILED by `python scripts/compile_bare_nouns.py --shared ../shared` (do not edit by hand) from
# SaudiNewsNet (Mazen Abdulaziz, CC BY-NC-SA 4.0) and the ANT corpus v1.1/v2.1 (Chouigui et al.,
# Apache-2.0): words seen at least {min_count} times, after a known given name or name particle in at most
# {max_before:.0%} of them, naming at most {max_arab} people in the romanizer's dictionary of Arab people
# (arabic-name-romanizer), whose Arabic inflections occur at least {min_inflected} times as often as they do.
"""


def count(texts: Iterable[str], before: frozenset[str], article: str) -> tuple[Counter[str], Counter[str]]:
    """Return the occurrences of every word without the article, and of those right after a word of `before`."""
    total: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for text in texts:
        prev = ""
        for m in WORD.finditer(norm_char_key(text)):
            w = m.group()
            if not w.startswith(article):
                total[w] += 1
                if prev in before:
                    named[w] += 1
            prev = w
    return total, named


def inflected(w: str, total: Counter[str], morph: Morphology) -> float:
    """Return how often the Arabic inflections of `w` occur per occurrence of `w` itself."""
    c = morph.lexicon.clitics
    article = morph.article
    endings = (*c.get("pronoun", ()), *c.get("inflection_ending", ()), *c.get("accusative", ()))
    stems = {s for _, s in morph.stems(w)} | {w}
    # «نائبا» is «نائب» in the accusative, «جديدة» the feminine of «جديد»
    bases = (*c.get("accusative", ()), *c.get("feminine_ending", ()))
    stems |= {s[:-len(a)] for s in list(stems) for a in bases if s.endswith(a) and len(s) > 3}
    forms: set[str] = set()
    for s in stems:
        forms.add(article + s)
        forms |= {p + s for p in (*c.get("conjunction", ()), *c.get("preposition", ()))}
        hosts = {s} | {s[:-len(e)] + t for e in c.get("feminine_ending", ()) if s.endswith(e)
                       for t in c.get("feminine_before_pronoun", ())}
        forms |= {h + e for h in hosts for e in endings}
    forms.discard(w)
    return sum(total[f] for f in forms) / total[w]


@dataclass(frozen=True, slots=True)
class Figures:
    """One word without the article and what the corpora say of it."""

    word: str
    count: int
    name_before: float  # share of its occurrences right after a given name or particle
    arab_people: int  # people the romanizer's dictionary of Arab people knows by it
    inflected: float  # occurrences of its Arabic inflections per occurrence of the word


def figures(total: Counter[str], named: Counter[str], people: Callable[[str], int],
            morph: Morphology) -> list[Figures]:
    """Return the figures of every word seen at least MIN_COUNT times, most frequent first."""
    out = [Figures(w, n, named[w] / n, people(w), inflected(w, total, morph)) for w, n in total.items()
           if n >= MIN_COUNT and len(w) >= MIN_LETTERS]
    return sorted(out, key=lambda f: (-f.count, f.word))


def bare_nouns(rows: list[Figures], morph: Morphology) -> list[str]:
    """Return the words of `rows` that pass the bounds (see the module docstring), sorted."""
    lex = morph.lexicon
    names = _name_table_words(lex) | lex.first_names | lex.foreign_name_words | lex.words("name_particles")
    return sorted(f.word for f in rows if f.name_before <= MAX_NAME_BEFORE and f.arab_people <= MAX_ARAB_PEOPLE
                  and f.inflected >= MIN_INFLECTED and f.word not in names and not _stopped_anyway(morph, f.word))


def main(argv: list[str]) -> int:
    """Write the list (and, with --stats, every frequent candidate with its figures); return 0."""
    args = word_list_arguments(__doc__.split("\n")[0], OUT, "inflected").parse_args(argv)
    lex = Lexicon()
    total, named = count(texts(args.shared), name_words(lex), article_of(lex))
    morph = Morphology(lex)
    rows = figures(total, named, arab_people(), morph)
    if args.stats:
        args.stats.write_text("".join(f"{f.word}\t{f.count}\t{f.name_before:.4f}\t{f.arab_people}\t{f.inflected:.3f}\n"
                                      for f in rows), encoding="utf-8")
    kept = bare_nouns(rows, morph)
    write_word_list(args.out, HEADER.format(min_count=MIN_COUNT, max_before=MAX_NAME_BEFORE,
                                            max_arab=MAX_ARAB_PEOPLE, min_inflected=MIN_INFLECTED), kept, len(rows),
                    MIN_COUNT)
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
