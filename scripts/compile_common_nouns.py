"""Compile marsad/lexicon/common_nouns.txt: words with the article that news never uses as a surname.

    python scripts/compile_common_nouns.py --shared ../shared
    python scripts/compile_common_nouns.py --shared ../shared --stats /tmp/common_nouns.tsv   # every candidate

A surname with the article («الأسد», «الملقي») is usually written after a given name («بشار الأسد»);
a common noun («الأنظار», «المنطقة») almost never is. For every word with the article in the news
corpora (SaudiNewsNet, ANT) the script counts its occurrences and how often the word before it is a
known given name (the lexicon's first_names and the one-word foreign names of latin_names.tsv) or a
name particle («عبد الرحمن», «آل سعود»). A word is kept when

- it occurs at least MIN_COUNT times,
- a given name or particle precedes at most MAX_NAME_BEFORE of its occurrences, and
- the romanizer's dictionary of Arab people knows at most MAX_ARAB_PEOPLE people by it («الشريف»,
  «العربي» are surnames as well as words), and
- the word is also written without the article at least MIN_BARE times as often («منطقة», «سياسي»):
  surnames written after a title rather than a given name («الخميني», «السيستاني») and foreign names
  that open with the same letters («اليزابيث») almost never are.

Words the boundary stage already stops at whatever the tagger says (nisbas, countries, function words,
months, weekdays) are left out, and so are the words the lexicon knows as parts of names: regnal numbers
(«عبد الله الثاني»), epithets (name_epithets.txt: «بوش الابن») and the words of its name tables.

The boundary stage (marsad/extract/phrases.py) ends a person's name before such a word even when the
NER tagger marks it as part of the person («رونالدو الأنظار»).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from marsad.extract.latin import romanizer_for
from marsad.lexicon import LEXICON_DIR, Lexicon
from marsad.text.morphology import Morphology
from marsad.text.normalize import norm_char_key

# chosen on the two corpora below (3.0M words with the article) by reading the words around each bound:
# nouns reach 5% of given names before them through the very glue this list cuts («محمد البالغ من العمر»);
# MIN_COUNT 50 keeps the list under 5,000 words
MIN_COUNT = 50
MAX_NAME_BEFORE = 0.05
MAX_ARAB_PEOPLE = 2
MIN_BARE = 0.05
WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+")
OUT = LEXICON_DIR / "common_nouns.txt"
SOURCES = ("data/news/saudinewsnet-2015-07.jsonl", "data/news/ant-2017-2018.jsonl.gz")
HEADER = """# Words with the article that end a person's name even when the NER tagger marks them as part of it:
# common nouns («الأنظار», «المنطقة»), not surnames («الأسد», «الملقي»). One normalised word a line.
# COMPILED by `python scripts/compile_common_nouns.py --shared ../shared` (do not edit by hand) from
# SaudiNewsNet (Mazen Abdulaziz, CC BY-NC-SA 4.0) and the ANT corpus v1.1/v2.1 (Chouigui et al.,
# Apache-2.0): words seen at least {min_count} times, after a known given name or name particle in at most
# {max_before:.0%} of them, naming at most {max_arab} people in the romanizer's dictionary of Arab people
# (arabic-name-romanizer), and written without the article at least {min_bare:.0%} as often.
"""


def texts(shared: Path) -> Iterator[str]:
    """Yield the text of every article of the news corpora."""
    for rel in SOURCES:
        path = shared / rel
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line).get("text") or ""


def name_words(lex: Lexicon) -> frozenset[str]:
    """Return the keys of words that precede a surname: Arabic given names, the given names of foreign
    whole names in latin_names.tsv («جيمس» of «جيمس ماتيس»), and name particles.

    One-word foreign rows are left out: most are surnames («ترامب الذي», «ميسي الذي»), and so is any
    word whose key is a function word («علي» is also «على»; «ان» (Anne) is also «أن»).
    """
    article = norm_char_key(next(r[1] for r in lex.rows("clitics.tsv") if r[0] == "article"))
    rows = [r for r in lex.rows("latin_names.tsv") if len(r) >= 2 and (len(r) < 3 or r[2] != "ar")]
    surnames = {norm_char_key(w) for r in rows for w in r[0].split()[1:]} | \
        {norm_char_key(r[0]) for r in rows if len(r[0].split()) == 1}
    foreign = {norm_char_key(r[0].split()[0]) for r in rows if len(r[0].split()) > 1} - surnames
    given = {norm_char_key(r[0]) for r in lex.rows("first_names.txt")}
    words = given | {w for w in foreign if not w.startswith(article)} | lex.words("name_particles")
    return frozenset(words - lex.function_words)


def count(texts: Iterable[str], before: frozenset[str], article: str) -> tuple[Counter[str], Counter[str]]:
    """Return the occurrences of every word, and of each word with the article those right after a word
    of `before`."""
    total: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for text in texts:
        prev = ""
        for m in WORD.finditer(norm_char_key(text)):
            w = m.group()
            total[w] += 1
            if prev in before and w.startswith(article):
                named[w] += 1
            prev = w
    return total, named


@dataclass(frozen=True, slots=True)
class Figures:
    """One word with the article and what the corpora say of it."""

    word: str
    count: int
    name_before: float  # share of its occurrences right after a given name or particle
    arab_people: int  # people the romanizer's dictionary of Arab people knows by it
    bare: float  # occurrences of the word without the article, per occurrence with it


def figures(total: Counter[str], named: Counter[str], article: str, people: Callable[[str], int],
            min_count: int = MIN_COUNT) -> list[Figures]:
    """Return the figures of every word with the article seen at least `min_count` times, most frequent first."""
    out = []
    for w, n in total.items():
        if n < min_count or not w.startswith(article) or len(w) < len(article) + 2:
            continue
        out.append(Figures(w, n, named[w] / n, people(w), total[w[len(article):]] / n))
    return sorted(out, key=lambda f: (-f.count, f.word))


def common_nouns(rows: list[Figures], morph: Morphology) -> list[str]:
    """Return the words of `rows` that pass the bounds (see the module docstring), sorted."""
    names = _name_table_words(morph.lexicon)
    return sorted(f.word for f in rows if f.name_before <= MAX_NAME_BEFORE and f.arab_people <= MAX_ARAB_PEOPLE
                  and f.bare >= MIN_BARE and not _stopped_anyway(morph, f.word) and f.word not in names)


def _name_table_words(lex: Lexicon) -> frozenset[str]:
    """Words the lexicon knows as parts of names: regnal numbers and epithets («عبد الله الثاني», «بوش
    الابن»), and every word of the names of latin_names*.tsv and well_known_persons.tsv («الدايري»)."""
    out = {norm_char_key(r[0]) for r in lex.rows("regnal_numbers.tsv")} | set(lex.words("name_epithets"))
    for table in ("latin_names.tsv", "latin_names_wiki.tsv", "well_known_persons.tsv"):
        out |= {norm_char_key(w) for r in lex.rows(table) for w in r[0].split()}
    return frozenset(out)


def _stopped_anyway(morph: Morphology, w: str) -> bool:
    """Whether the boundary stage already ends a name at `w` whatever the tagger says."""
    lex = morph.lexicon
    return bool(morph.nisba_of(w) or morph.country_of(w)) or w in lex.function_words or w in lex.months \
        or w in lex.weekdays


def arab_people() -> Callable[[str], int]:
    """Return a function giving how many people the romanizer's dictionary of Arab people knows by a word."""
    from arabic_name_romanizer.normalize import lookup_key

    romanizer = romanizer_for()
    return lambda w: romanizer._arab_count(lookup_key(w))


def word_list_arguments(description: str, out: Path, last_column: str) -> argparse.ArgumentParser:
    """Return the command line both word-list compilers take: --shared, --out and --stats."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=out)
    ap.add_argument("--stats", type=Path,
                    help=f"write word, count, name-before share, Arab people, {last_column} (TSV)")
    return ap


def article_of(lex: Lexicon) -> str:
    """Return the definite article's key."""
    return norm_char_key(next(r[1] for r in lex.rows("clitics.tsv") if r[0] == "article"))


def write_word_list(out: Path, header: str, kept: list[str], candidates: int, min_count: int) -> None:
    """Write the compiled words under their header, and say how many of the candidates (words seen `min_count`
    times or more) were kept."""
    out.write_text(header + "".join(f"{w}\n" for w in kept), encoding="utf-8")
    print(f"{len(kept)} of {candidates} words seen {min_count}+ times written to {out}", file=sys.stderr)


def main(argv: list[str]) -> int:
    """Write the list (and, with --stats, every frequent candidate with its figures); return 0."""
    args = word_list_arguments(__doc__.split("\n")[0], OUT, "bare").parse_args(argv)
    lex = Lexicon()
    article = article_of(lex)
    total, named = count(texts(args.shared), name_words(lex), article)
    rows = figures(total, named, article, arab_people())
    if args.stats:
        args.stats.write_text("".join(f"{f.word}\t{f.count}\t{f.name_before:.4f}\t{f.arab_people}\t{f.bare:.4f}\n"
                                      for f in rows), encoding="utf-8")
    kept = common_nouns(rows, Morphology(lex))
    write_word_list(args.out, HEADER.format(min_count=MIN_COUNT, max_before=MAX_NAME_BEFORE,
                                            max_arab=MAX_ARAB_PEOPLE, min_bare=MIN_BARE), kept, len(rows), MIN_COUNT)
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
