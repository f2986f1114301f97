"""Latin forms of Arabic person names, for English readers.

`romanize` asks arabic-name-romanizer (its dictionary of attested spellings and its rules; the neural
fallback is off: ~10 ms a name for little gain on news names), with the lexicon table
`latin_names.tsv` as its user dictionary: usual English spellings of world figures and common
foreign given names («كيري» → Kerry, not Kiri), which win over the built-in index, whole name or
word by word. The romanizer holds one SQLite connection and is not documented as thread-safe, so
calls are serialised by a lock; results are cached per name, so a corpus pays once a name.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from marsad.lexicon import LEXICON_DIR, Lexicon

_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _romanizer():
    from arabic_name_romanizer import Transliterator
    from arabic_name_romanizer.lookup import UserDictionary

    class Table(UserDictionary):
        """Whole names from every row; single words only from one-word rows, so that «محمد جواد ظريف» → Zarif
        does not respell every «محمد»."""

        def __init__(self, rows: list[tuple[str, str]]) -> None:
            super().__init__()
            self.words = UserDictionary()
            for arabic, english in rows:
                self.add(arabic, english)
                if len(arabic.split()) == 1:
                    self.words.add(arabic, english)

        def lookup_unit(self, key, country=None, role=None, script="arabic"):
            return self.words.lookup_unit(key, country, role, script)

    return Transliterator(auto_load_model=False, user_dictionary=Table(latin_rows()))


def latin_rows() -> list[tuple[str, str]]:
    """Return the (Arabic, English) rows of the lexicon table `latin_names.tsv`."""
    return [(r[0], r[1]) for r in Lexicon(LEXICON_DIR).rows("latin_names.tsv") if len(r) >= 2]


@lru_cache(maxsize=65536)  # about half a millisecond a name; names recur across a corpus
def romanize(name: str) -> str | None:
    """Return the Latin form of an Arabic person name (offline), or None if it cannot be made."""
    try:
        with _LOCK:
            return _romanizer().transliterate(name) or None
    except Exception:  # the romanizer is optional polish; a failure must not lose the entity
        return None
