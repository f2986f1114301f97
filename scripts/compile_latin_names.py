"""Compile marsad/lexicon/latin_names_wiki.tsv from the people table of the ArWikiCats package.

    python scripts/compile_latin_names.py

ArWikiCats (MIT; `pip install arwikicats`, in the dev extra) ships `jsons/people/peoples.json`: about 3,100
famous people, each an English Wikipedia name (lower case) and its Arabic Wikipedia title. A person is kept
when both have the same number of words and every Arabic word spells, by the foreign spelling rules, the
consonants of its English word (`latin_spelling.consistent`): «أبراهام لينكون» is Abraham Lincoln, while
«ابن رشد» (Averroes) or «إيفان الرابع» (Ivan the Terrible) are left out. Each kept name gives a whole-name
row and one row per word (without accents: the word serves other people too); an Arabic word with two English
spellings keeps the more frequent one.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections import Counter, defaultdict
from importlib.util import find_spec
from pathlib import Path

from arabic_name_romanizer.normalize import normalize_arabic

from marsad.extract.latin_spelling import ForeignSpeller, consistent
from marsad.lexicon import LEXICON_DIR, Lexicon

HEADER = """# Usual English spellings of famous people's names and of their words, as Wikipedia writes them in both
# languages.
# COMPILED by scripts/compile_latin_names.py from ArWikiCats (jsons/people/peoples.json, MIT License,
# Copyright (c) ArWikiCats authors): names whose Arabic and English forms have as many words and the same
# consonants. Arabic <TAB> English; one-word rows are single name words. Do not edit by hand; the hand-written
# table latin_names.tsv wins over this one.
"""
LOWER = frozenset(["de", "da", "di", "del", "della", "der", "den", "des", "du", "dos", "das", "van", "von", "bin",
                   "ibn", "al", "el", "la", "le", "y"])
ARABIC_WORD = re.compile(r"^[\u0621-\u064A\u0671-\u06D3]+$")


def capitalise(name: str) -> str:
    """Return a lower-case English name in its usual capitals ("kim jong-un" → "Kim Jong-un")."""
    out = []
    for n, word in enumerate(name.split()):
        if n and word in LOWER:
            out.append(word)
            continue
        parts = word.split("-")
        parts = [parts[0][:1].upper() + parts[0][1:]] + [p[:1].upper() + p[1:] if len(p) > 2 else p
                                                          for p in parts[1:]]
        word = "-".join(parts)
        if word.startswith("Mc") and len(word) > 2:
            word = "Mc" + word[2].upper() + word[3:]
        if word.startswith("O'") and len(word) > 2:
            word = "O'" + word[2].upper() + word[3:]
        out.append(word)
    return " ".join(out)


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


Rows = list[tuple[str, str]]


def compile_rows(people: dict[str, str], speller: ForeignSpeller) -> tuple[Rows, Rows]:
    """Return the whole-name rows and the word rows of the people whose two forms agree."""
    names: dict[str, str] = {}
    words: dict[str, Counter] = defaultdict(Counter)
    for english, arabic in people.items():
        english = re.sub(r"\s*\(.*?\)", "", english).strip()
        arabic = normalize_arabic(arabic)
        if any(c.isdigit() for c in english) or "," in english or "." in english or " of " in f" {english} ":
            continue
        en, ar = english.split(), arabic.split()
        if len(en) != len(ar) or not all(ARABIC_WORD.match(w) for w in ar):
            continue
        if not all(consistent(speller.letters(a), e) for a, e in zip(ar, en, strict=True)):
            continue
        proper = capitalise(english).split()
        if len(ar) > 1:
            names.setdefault(arabic, " ".join(proper))
        for a, e in zip(ar, proper, strict=True):
            words[a][e] += 1
    # a word serves other people too: written without accents, as most English news does (Sergio Ramos, not Sérgio)
    word_rows = [(a, _plain(c.most_common(1)[0][0])) for a, c in words.items()]
    return sorted(names.items()), sorted(word_rows)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(LEXICON_DIR / "latin_names_wiki.tsv"))
    args = ap.parse_args()
    spec = find_spec("ArWikiCats")  # located, not imported: importing it sets up logging and needs more packages
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("ArWikiCats is not installed: pip install -e '.[dev]'")
    source = Path(spec.submodule_search_locations[0]) / "jsons" / "people" / "peoples.json"
    people = json.loads(source.read_text(encoding="utf-8"))
    speller = ForeignSpeller(Lexicon(LEXICON_DIR).rows("foreign_spelling.tsv"))
    names, words = compile_rows(people, speller)
    lines = [f"{a}\t{e}" for a, e in names + words]
    Path(args.out).write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(names)} names, {len(words)} words → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
