"""Gazetteer lookups for NER features: phrase → classes tables and the phrase matcher over token keys.

Two tables exist. The live one (`phrase_classes`, `match_spans`) is compiled at load time from
ANERgazet plus Marsad's lexicons and follows their edits; the entity rules read it. A shipped
NER model carries its own frozen copy (`gazetteer.tsv.gz` in its directory, read with
`read_table`), so later lexicon edits cannot shift the inputs the model was trained on.
"""

from __future__ import annotations

import gzip
import hashlib
import io
from functools import lru_cache
from pathlib import Path

from marsad.lexicon import default_lexicon
from marsad.ner.letters import ALEF, LAM, PROCLITICS
from marsad.text.gazetteer import LexSpans, PhraseTable, Table, lexicon_classes
from marsad.text.normalize import name_key

MODELS_ROOT = Path(__file__).resolve().parents[1] / "models"
SHIPPED_DIR = MODELS_ROOT / "ner-anercorp"  # the installed NER model: `marsad.ner.modeldir` checks it
MODEL_DIR = SHIPPED_DIR  # kept for older imports
ANERGAZET_NAME = "anergazet.tsv.gz"
GAZETTEER_NAME = "gazetteer.tsv.gz"
ANERGAZET_FILE = SHIPPED_DIR / ANERGAZET_NAME
ANERGAZET_CLASSES = frozenset({"PER", "LOC", "ORG"})


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


def lexicon_rows() -> list[tuple[str, str]]:
    """Return the (phrase key, class) rows Marsad's own lexicons give (FN, CTRY, CITY, NIS, TTL-*, ORGH, ORGN)."""
    return lexicon_classes(default_lexicon())


def lexicon_hash(rows: list[tuple[str, str]] | None = None) -> str:
    """Return the sha256 of the lexicon classes (`lexicon_rows`, sorted): what a model was trained with."""
    rows = lexicon_rows() if rows is None else rows
    h = hashlib.sha256()
    for k, c in sorted(set(rows)):
        h.update(f"{k}\t{c}\n".encode())
    return h.hexdigest()


def build_table(anergazet: Path = ANERGAZET_FILE, rows: list[tuple[str, str]] | None = None) -> Table:
    """Return the phrase → classes table from a compiled ANERgazet file plus the lexicon rows (live by default)."""
    table: dict[str, set[str]] = {}
    if anergazet.exists():
        with gzip.open(anergazet, "rt", encoding="utf-8") as fh:
            for line in fh:
                if not line.startswith("#"):
                    k, c = line.rstrip("\n").split("\t")
                    if k:
                        table.setdefault(k, set()).add(c)
    for k, c in lexicon_rows() if rows is None else rows:
        table.setdefault(k, set()).add(c)
    return {k: frozenset(v) for k, v in table.items()}


def write_table(path: Path, table: Table, note: str = "") -> None:
    """Write a phrase → classes table as sorted `key\\tCLASS,CLASS` lines (gzip, byte-reproducible)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with write_gzip_text(path) as fh:
        fh.write(f"# frozen NER gazetteer: phrase key, classes{'; ' + note if note else ''}\n")
        for k in sorted(table):
            fh.write(f"{k}\t{','.join(sorted(table[k]))}\n")


def read_table(path: Path) -> Table:
    """Return the phrase → classes table written by `write_table`."""
    out: Table = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                k, cs = line.rstrip("\n").split("\t")
                out[k] = frozenset(cs.split(","))
    return out


def _strip_one_proclitic(key: str) -> str | None:
    if len(key) > 3 and key[0] in PROCLITICS:
        rest = key[1:]
        if key[0] == LAM and rest.startswith(LAM):
            return ALEF + rest
        return rest
    return None


class Gazetteer(PhraseTable):
    """A phrase → classes table and the matcher of its phrases in token-key sequences (thread-safe).

    A proclitic on a phrase's first word is read with the model's own letters (`ner.letters`), fixed
    at training, and every phrase length found at a token is returned: the features read them all.
    """

    def __init__(self, table: Table) -> None:
        super().__init__(table, _first_word_variants)


def _first_word_variants(key: str) -> tuple[str, ...]:
    stripped = _strip_one_proclitic(key)
    return (key, stripped) if stripped else (key,)


@lru_cache(maxsize=1)
def phrase_classes() -> Table:
    """Return the live map from phrase key to its classes (PER, LOC, ORG, FN, CTRY, CITY, NIS, TTL-*, ORGH, ORGN)."""
    return build_table(ANERGAZET_FILE)


@lru_cache(maxsize=1)
def live_gazetteer() -> Gazetteer:
    """Return the matcher over the live table (`phrase_classes`), built once."""
    return Gazetteer(phrase_classes())


def clear_caches() -> None:
    """Forget the loaded live tables (after `compile_anergazet` rewrote the gazetteer or a lexicon changed)."""
    for cached in (phrase_classes, live_gazetteer):
        cached.cache_clear()


def match_spans(keys: list[str]) -> LexSpans:
    """Return (start, end, classes) for every live lexicon phrase found in a token-key sequence.

    A leading proclitic (و ف ب ل ك) on the first token is allowed: «ووزارة», «لليبيا».
    """
    return live_gazetteer().match(keys)
