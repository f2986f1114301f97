"""Decode article bytes whatever their encoding: UTF-8 (with or without BOM), UTF-16, Windows-1256."""

from __future__ import annotations

import codecs

from marsad.errors import InputError

BINARY_CONTROL_SHARE = 0.05  # share of control bytes above which content is not text
MOSTLY_UTF8 = 10  # bytes that are not UTF-8 with this many well-formed non-ASCII characters each: still UTF-8


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


def utf16_order(data: bytes) -> str | None:
    """Return the codec of UTF-16 `data` (by its BOM, or by its byte lanes when it has none), else None."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return _looks_utf16(data)


def binary_share(data: bytes) -> float:
    """Return the share of control bytes (other than tab, newlines and form feed) in the first 64 KB of `data`."""
    sample = data[:65536]
    if not sample:
        return 0.0
    return sum(1 for b in sample if b < 32 and b not in (9, 10, 13, 12)) / len(sample)


def decode_text(data: bytes) -> str:
    """Return the text of non-UTF-16 `data`: UTF-8; UTF-8 with a few broken bytes (each read as U+FFFD); or
    Windows-1256 when that reads as Arabic. Never raises."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from marsad.text.normalize import arabic_ratio

    # A few broken bytes in UTF-8 text must not make the whole of it read as Windows-1256: every Arabic letter
    # would turn into two wrong ones that still look Arabic. Windows-1256 Arabic is never «mostly UTF-8»: its
    # letters are bytes above 0xC0, which UTF-8 never puts side by side, so nearly every one of them is broken.
    utf8 = data.decode("utf-8", errors="replace")
    broken = utf8.count("\ufffd")
    if sum(1 for c in utf8 if c > "\x7f") - broken >= MOSTLY_UTF8 * broken:
        return utf8
    # Windows-1256 maps almost every byte; accept it only when the text reads as Arabic.
    text = data.decode("cp1256", errors="replace")
    if arabic_ratio(text) >= 0.3:
        return text
    return utf8


def decode_bytes(data: bytes, item: str) -> str:
    """Return the text of `data`; raise InputError naming `item` when it is empty or binary."""
    if not data.strip():
        raise InputError(item, "empty input")
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    utf16 = utf16_order(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    if b"\x00" in data[:65536] or binary_share(data) > BINARY_CONTROL_SHARE:
        raise InputError(item, "binary content, not text")
    return decode_text(data)
