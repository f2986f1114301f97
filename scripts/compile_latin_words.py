"""Compile marsad/lexicon/latin_words.tsv from the word-frequency lists of the wordfreq package.

    python scripts/compile_latin_words.py

wordfreq (code Apache-2.0, data CC BY-SA 4.0; `pip install wordfreq`, in the dev extra, not needed at run time)
ships word frequencies of many languages, measured on Wikipedia, subtitles, news, books, web text and Twitter.
A person's name is written alike in every European language's text, an ordinary word mostly in its own: a word
is kept when it is written in Latin letters, has three letters or more and is attested (Zipf ≥ 1, once in 100
million words) in at least `--min-languages` of the seven core languages (en fr de es it pt nl). Each row holds
the word, its Zipf frequency in each language of `latin_words.LANGUAGES` (one hex digit a language, Zipf × 2) and its
consonant outline (`latin_words.outline`), so that loading the table computes nothing.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from marsad.extract.latin_spelling import pronounceable
from marsad.extract.latin_words import CORE, LANGUAGES, outline, zipf_digits
from marsad.lexicon import LEXICON_DIR

HEADER = """# Latin words attested in the text of several European languages, with how often: the spellings a
# transcribed foreign name word may be snapped to («بابادوبولوس» → Papadopoulos, not Babadobolos;
# marsad/extract/latin_words.py).
# COMPILED by scripts/compile_latin_words.py from wordfreq 3.1.1 (Robyn Speer; its word-frequency data is under the
# Creative Commons Attribution-ShareAlike 4.0 licence, https://creativecommons.org/licenses/by-sa/4.0/, and so is
# this table, derived from it; wordfreq's sources: Wikipedia, OpenSubtitles, SUBTLEX, NewsCrawl, GlobalVoices,
# Google Books Ngrams, the Leeds Internet Corpus, Reddit, Twitter). Kept: words of three Latin letters or more that
# an English reader can say as written, attested (Zipf >= 1) in four or more of en fr de es it pt nl.
# Word <TAB> Zipf frequency x 2 as one hex digit for each of en fr de es it pt nl pl sv tr sh cs (0: not in that
# language's list) <TAB> its consonant outline (latin_words.outline). Do not edit by hand.
"""
LATIN_WORD = re.compile(r"^[a-zà-öø-ÿąćęłńśźżčďěňřšťůžğışçœ]{3,}$")


def frequencies() -> dict[str, list[float]]:
    """Return the Zipf frequency of every Latin-letter word of wordfreq's lists in each language of LANGUAGES."""
    import wordfreq

    large = set(wordfreq.available_languages("large"))
    freq: dict[str, list[float]] = {}
    for n, lang in enumerate(LANGUAGES):
        wordlist = "large" if lang in large else "small"
        for word in wordfreq.iter_wordlist(lang, wordlist):
            if LATIN_WORD.match(word):
                freq.setdefault(word, [0.0] * len(LANGUAGES))[n] = wordfreq.zipf_frequency(word, lang, wordlist)
    return freq


def compile_rows(freq: dict[str, list[float]], min_languages: int, min_zipf: float) -> list[tuple[str, str, str]]:
    """Return (word, frequency digits, outline) for every word attested in at least `min_languages` core languages
    that an English reader can say as written (not "ifr", "prf": abbreviations are no names)."""
    rows = []
    for word, zipf in freq.items():
        if sum(z >= min_zipf for z in zipf[:CORE]) >= min_languages and pronounceable(word) == word:
            rows.append((word, zipf_digits(zipf), outline(word)))
    return sorted(rows)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(LEXICON_DIR / "latin_words.tsv"))
    ap.add_argument("--min-languages", type=int, default=4)
    ap.add_argument("--min-zipf", type=float, default=1.0)
    args = ap.parse_args()
    rows = compile_rows(frequencies(), args.min_languages, args.min_zipf)
    Path(args.out).write_text(HEADER + "".join(f"{w}\t{d}\t{o}\n" for w, d, o in rows), encoding="utf-8")
    print(f"{len(rows)} words → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
