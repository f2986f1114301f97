"""Decode article bytes whatever their encoding: UTF-8 (with or without BOM), UTF-16, Windows-1256."""

from __future__ import annotations

import codecs

from marsad.errors import InputError

BINARY_CONTROL_SHARE = 0.05  # share of control bytes above which content is not text


def _looks_utf16(data: bytes) -> str | None:
    """Return the UTF-16 byte order of BOM-less `data` when one byte lane is all 0x00/0x06."""
    sample = data[:4000]
    half = len(sample) // 2
    if half < 2:
        return None
    even, odd = sample[0:2 * half:2], sample[1:2 * half:2]
    # Arabic (U+06xx) and ASCII (U+00xx) put 0x06 or 0x00 in the high byte of every unit.
    def high_share(lane: bytes) -> float:
        return sum(1 for b in lane if b in (0, 6)) / half

    if high_share(odd) > 0.9 and even.count(0) / half < 0.3:
        return "utf-16-le"
    if high_share(even) > 0.9 and odd.count(0) / half < 0.3:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, item: str) -> str:
    """Return the text of `data`; raise InputError naming `item` when it is empty or binary."""
    if not data.strip():
        raise InputError(item, "empty input")
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    utf16 = _looks_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13, 12))
    if b"\x00" in sample or controls / len(sample) > BINARY_CONTROL_SHARE:
        raise InputError(item, "binary content, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Windows-1256 maps almost every byte; accept it only when the text reads as Arabic.
    text = data.decode("cp1256", errors="replace")
    from marsad.text.normalize import arabic_ratio

    if arabic_ratio(text) >= 0.3:
        return text
    return data.decode("utf-8", errors="replace")
