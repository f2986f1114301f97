"""Lexicons: general knowledge of Arabic news kept as data files beside this module."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from marsad.text.normalize import name_key

LEXICON_DIR = Path(__file__).parent


def _rows(name: str) -> list[list[str]]:
    """Return the tab-separated rows of a lexicon file, comments and blanks skipped."""
    rows = []
    for line in (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows


@lru_cache(maxsize=1)
def boilerplate_lines() -> frozenset[str]:
    """Return the name keys of whole lines that are site boilerplate."""
    return frozenset(name_key(r[0]) for r in _rows("boilerplate.txt"))


@lru_cache(maxsize=1)
def agencies() -> dict[str, str]:
    """Return a map from the name key of each agency alias to the agency's canonical name."""
    out: dict[str, str] = {}
    for row in _rows("agencies.tsv"):
        names = row[0].split("|")
        for n in names:
            out[name_key(n)] = names[0]
    return out


@lru_cache(maxsize=1)
def months() -> dict[str, tuple[int, str]]:
    """Return a map from the name key of each month name to (number, series)."""
    out: dict[str, tuple[int, str]] = {}
    for name, num, series in _rows("months.tsv"):
        for n in name.split("|"):
            out[name_key(n)] = (int(num), series)
    return out


@dataclass(frozen=True, slots=True)
class Place:
    """A country or city known to the lexicon."""

    name: str
    iso: str
    kind: str


def _nisba_forms(stem: str) -> list[str]:
    """Return the inflected forms of a nisba adjective given its masculine singular."""
    words = stem.split()
    last = words[-1]
    base = last[:-1] if last.endswith("ي") else last
    forms = [last, base + "ية", base + "يين", base + "يون", base + "يان", base + "يتين", base + "يتان"]
    if last.endswith("ي") and not last.endswith("وي"):
        forms.append(base + "يا")  # «مصرياً»
    out = []
    for f in forms:
        out.append(" ".join([*words[:-1], f]))
        out.append(" ".join(["ال" + w for w in words[:-1]] + ["ال" + f]))
    return out


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """Return a map from the name key of every country and city name to its Place."""
    out: dict[str, Place] = {}
    for iso, names, _nisba in _rows("countries.tsv"):
        canonical = names.split("|")[0]
        for n in names.split("|"):
            out.setdefault(name_key(n), Place(canonical, iso, "country"))
    for names, iso, kind in _rows("cities.tsv"):
        canonical = names.split("|")[0]
        for n in names.split("|"):
            out.setdefault(name_key(n), Place(canonical, iso, kind))
    return out


@lru_cache(maxsize=1)
def ambiguous_places() -> dict[str, list[Place]]:
    """Return the name keys that name more than one place («عمان»: Oman, Amman) with their readings."""
    readings: dict[str, list[Place]] = {}
    for iso, names, _nisba in _rows("countries.tsv"):
        for n in names.split("|"):
            readings.setdefault(name_key(n), []).append(Place(names.split("|")[0], iso, "country"))
    for names, iso, kind in _rows("cities.tsv"):
        for n in names.split("|"):
            readings.setdefault(name_key(n), []).append(Place(names.split("|")[0], iso, kind))
    return {k: v for k, v in readings.items() if len({p.iso for p in v}) > 1}


@lru_cache(maxsize=1)
def nisbas() -> dict[str, str]:
    """Return a map from the name key of every nisba form (المصري، مصريين …) to its ISO code."""
    out: dict[str, str] = {}
    for iso, _names, stems in _rows("countries.tsv"):
        for stem in stems.split("|"):
            for form in _nisba_forms(stem):
                out.setdefault(name_key(form), iso)
    return out


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Return a map from ISO code to the canonical Arabic country name."""
    return {iso: names.split("|")[0] for iso, names, _ in _rows("countries.tsv")}


@lru_cache(maxsize=1)
def titles() -> dict[str, str]:
    """Return a map from the name key of each title word or phrase to its kind (rank, office, …)."""
    return {name_key(t): kind for t, kind in _rows("titles.tsv")}


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Return the name keys of common Arabic given names."""
    return frozenset(name_key(r[0]) for r in _rows("first_names.txt"))


@dataclass(frozen=True, slots=True)
class OrgEntry:
    """An organisation name or head word from the lexicon."""

    name: str
    iso: str | None
    kind: str


@lru_cache(maxsize=1)
def organisations() -> dict[str, OrgEntry]:
    """Return a map from the name key of each organisation name or head word to its entry."""
    return {name_key(n): OrgEntry(n, None if iso == "-" else iso, kind) for n, iso, kind in _rows("orgs.tsv")}


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Return the name keys of function words and frequent non-name words."""
    return frozenset(name_key(r[0]) for r in _rows("function_words.txt"))


@lru_cache(maxsize=1)
def title_complements() -> frozenset[str]:
    """Return the name keys of bare words that continue a title or organisation name."""
    return frozenset(name_key(r[0]) for r in _rows("title_complements.txt"))


@dataclass(frozen=True, slots=True)
class Trigger:
    """An event trigger from the lexicon."""

    form: str
    type: str
    mode: str | None
    order: str


@lru_cache(maxsize=1)
def triggers() -> dict[str, Trigger]:
    """Return a map from the name key of each trigger form (one or two words) to its Trigger."""
    out = {}
    for row in _rows("triggers.tsv"):
        form, typ = row[0], row[1]
        mode = row[2] if len(row) > 2 and row[2] else None
        order = row[3] if len(row) > 3 and row[3] else "sv"
        out[name_key(form)] = Trigger(form, typ, mode, order)
    return out


@lru_cache(maxsize=1)
def context_keywords() -> list[tuple[str, str]]:
    """Return (keyword key, context) pairs, longest keywords first."""
    rows = [(name_key(k), c) for k, c in _rows("contexts.tsv")]
    return sorted(rows, key=lambda r: -len(r[0]))
