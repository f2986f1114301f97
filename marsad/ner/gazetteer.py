"""Gazetteer lookups for NER features: ANERgazet (compiled at training) plus Marsad's lexicons."""

from __future__ import annotations

import gzip
import io
from functools import lru_cache
from pathlib import Path

from marsad.lexicon import first_names, nisbas, organisations, places, titles
from marsad.text.normalize import join_keys, name_key

MODEL_DIR = Path(__file__).resolve().parents[1] / "models"
ANERGAZET_FILE = MODEL_DIR / "anergazet.tsv.gz"
MAX_PHRASE = 5


def write_gzip_text(path: Path) -> io.TextIOWrapper:
    """Return a UTF-8 text stream writing gzip to `path` with no timestamp, so rebuilds are byte-identical."""
    return io.TextIOWrapper(gzip.GzipFile(path, "wb", compresslevel=9, mtime=0), encoding="utf-8")


def compile_anergazet(src_dir: Path, out: Path = ANERGAZET_FILE) -> int:
    """Write the ANERgazet name lists as `key\\tclass` lines (gzip); return the number written."""
    rows: dict[str, str] = {}
    for cls, fname in (("PER", "AlignedPersGazetteer.txt"), ("LOC", "AlignedLocGazetteer.txt"),
                       ("ORG", "AlignedOrgGazetteer.txt")):
        for line in (src_dir / fname).read_text(encoding="utf-8").splitlines():
            key = name_key(line.strip())
            if key and not key.startswith("="):
                rows.setdefault(key, cls)
    out.parent.mkdir(parents=True, exist_ok=True)
    with write_gzip_text(out) as fh:
        fh.write("# compiled from ANERgazet (Benajiba et al. 2007, CC BY-SA 4.0) by marsad.ner.train\n")
        for k, c in sorted(rows.items()):
            fh.write(f"{k}\t{c}\n")
    return len(rows)


@lru_cache(maxsize=1)
def phrase_classes() -> dict[str, frozenset[str]]:
    """Return a map from phrase key to its gazetteer classes (PER, LOC, ORG, FN, CTRY, CITY, NIS, TTL-*, ORGH)."""
    table: dict[str, set[str]] = {}

    def add(key: str, cls: str) -> None:
        if key:
            table.setdefault(key, set()).add(cls)

    if ANERGAZET_FILE.exists():
        with gzip.open(ANERGAZET_FILE, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                k, c = line.rstrip("\n").split("\t")
                add(k, c)
    for k in first_names():
        add(k, "FN")
    for k, p in places().items():
        add(k, "CTRY" if p.kind == "country" else "CITY")
    for k in nisbas():
        add(k, "NIS")
    for k, kind in titles().items():
        add(k, f"TTL-{kind}")
    for k, o in organisations().items():
        add(k, "ORGH" if o.kind == "head" else "ORGN")
    return {k: frozenset(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def _max_phrase_by_first_word() -> dict[str, int]:
    out: dict[str, int] = {}
    for k in phrase_classes():
        words = k.split()
        first = words[0]
        if first.startswith(("عبدال", "ابوال")):
            out["عبد" if first.startswith("عبد") else "ابو"] = MAX_PHRASE
        out[first] = max(out.get(first, 1), len(words))
    return out


def _strip_one_proclitic(key: str) -> str | None:
    if len(key) > 3 and key[0] in "وفبلك":
        rest = key[1:]
        if key[0] == "ل" and rest.startswith("ل"):
            return "ا" + rest
        return rest
    return None


@lru_cache(maxsize=65536)
def _start_info(key: str) -> tuple[bool, tuple[str, ...], int]:
    """Return whether a key has a letter or digit, its readings as a phrase's first word, and
    the longest phrase (in words) any reading can start (0: none)."""
    if not any(c.isalnum() for c in key):
        return False, (), 0
    max_len = _max_phrase_by_first_word()
    stripped = _strip_one_proclitic(key)
    variants = (key, stripped) if stripped else (key,)
    return True, variants, max(max_len.get(v, 0) for v in variants)


def clear_caches() -> None:
    """Forget the loaded lexicon tables (after `compile_anergazet` rewrote the gazetteer)."""
    for cached in (phrase_classes, _max_phrase_by_first_word, _start_info):
        cached.cache_clear()


def match_spans(keys: list[str]) -> list[tuple[int, int, frozenset[str]]]:
    """Return (start, end, classes) for every lexicon phrase found in a token-key sequence.

    A leading proclitic (و ف ب ل ك) on the first token is allowed: «ووزارة», «لليبيا».
    """
    table = phrase_classes()
    max_len = _max_phrase_by_first_word()
    out = []
    n = len(keys)
    info = [_start_info(k) for k in keys]
    for i in range(n):
        _, first_variants, cap = info[i]
        if cap == 0:
            continue
        longest = 1
        while longest < cap and i + longest < n and info[i + longest][0]:
            longest += 1
        for length in range(longest, 0, -1):
            tail = keys[i + 1:i + length]
            for first in first_variants:
                if length > max_len.get(first, 0):
                    continue
                hit = table.get(join_keys([first, *tail]))
                if hit:
                    out.append((i, i + length, hit))
                    break
    return out
