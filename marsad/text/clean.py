"""Remove the boilerplate that Arabic news sites leave in copied text."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from marsad.lexicon import Lexicon, default_lexicon
from marsad.text.normalize import name_key

_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,5}|[a-zA-Z]{2,8});")
# «&» left between words by a broken export: stray when it touches Arabic, space or a line edge.
_STRAY_AMP = re.compile(r"(?:(?<=[\s\u0600-\u06FF])|^)&+|&+(?=[\s\u0600-\u06FF]|$)", re.M)
# «(تستمر)»: a bracketed continuation marker of continuation_markers.txt
_INLINE_CONTINUES = r"\(\s*(?:{markers})\s*\)"
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


@lru_cache(maxsize=16)
def _inline_continues(lexicon: Lexicon) -> re.Pattern[str]:
    markers = "|".join(re.escape(r[0]) for r in lexicon.rows("continuation_markers.txt"))
    return re.compile(_INLINE_CONTINUES.replace("{markers}", markers))


def clean_text(raw: str, lexicon: Lexicon | None = None) -> str:
    """Return the cleaned article text: entities decoded, stray marks, prompts and repeats gone.

    Paragraph breaks are kept as single blank lines; a line repeated right after itself
    (a headline printed twice) is kept once. Boilerplate lines and continuation markers come
    from `lexicon` (the default lexicon when None).
    """
    lexicon = lexicon if lexicon is not None else default_lexicon()
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    for _ in range(2):  # «&amp;quot;» needs two rounds
        if not _ENTITY.search(text):
            break
        text = html.unescape(text)
    text = _STRAY_AMP.sub(" ", text)
    text = _inline_continues(lexicon).sub(" ", text)
    prompts = lexicon.boilerplate_lines
    kept: list[str] = []
    last_key = None
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        if not line:
            if kept and kept[-1] != "":
                kept.append("")
            continue
        key = name_key(line)
        if not key or key in prompts:
            continue
        if key == last_key:
            continue
        last_key = key
        kept.append(line)
    while kept and kept[-1] == "":
        kept.pop()
    return "\n".join(kept)
