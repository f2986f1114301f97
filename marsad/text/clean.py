"""Remove the boilerplate that Arabic news sites leave in copied text."""

from __future__ import annotations

import html
import re

from marsad.lexicon import boilerplate_lines
from marsad.text.normalize import name_key

_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,5}|[a-zA-Z]{2,8});")
# «&» left between words by a broken export: stray when it touches Arabic, space or a line edge.
_STRAY_AMP = re.compile(r"(?:(?<=[\s\u0600-\u06FF])|^)&+|&+(?=[\s\u0600-\u06FF]|$)", re.M)
_INLINE_CONTINUES = re.compile(r"\(\s*(?:تستمر|يتبع|يتواصل)\s*\)")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_text(raw: str) -> str:
    """Return the cleaned article text: entities decoded, stray marks, prompts and repeats gone.

    Paragraph breaks are kept as single blank lines; a line repeated right after itself
    (a headline printed twice) is kept once.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    for _ in range(2):  # «&amp;quot;» needs two rounds
        if not _ENTITY.search(text):
            break
        text = html.unescape(text)
    text = _STRAY_AMP.sub(" ", text)
    text = _INLINE_CONTINUES.sub(" ", text)
    prompts = boilerplate_lines()
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
