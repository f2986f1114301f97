"""Read plain text, HTML, JSONL and feed files, directories and standard input into RawArticles."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.errors import InputError
from marsad.ingest.decode import decode_bytes

MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # a news article is < 100 KB; 5 MB leaves room for pages
MAX_FILE_BYTES = 512 * 1024 * 1024  # JSONL archives may be large; they are streamed by line
TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
FEED_EXT = {".rss", ".atom", ".xml"}
KNOWN_FIELDS = ("id", "url", "title", "published", "outlet", "text", "author")


@dataclass(slots=True)
class RawArticle:
    """One article before analysis: its text and what its container says about it."""

    item: str
    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    author: str | None = None
    fmt: str = "text"
    extra: dict[str, Any] = field(default_factory=dict)

    def meta(self) -> dict[str, Any]:
        """Return the metadata mapping that `analyse` takes."""
        return {"id": self.id, "title": self.title, "url": self.url, "published": self.published,
                "outlet": self.outlet, "author": self.author, "extra": self.extra}


Result = RawArticle | InputError


def _size_error(item: str, size: int, limit: int) -> InputError:
    return InputError(item, f"too large ({size / 1e6:.1f} MB > {limit / 1e6:.0f} MB limit)")


def read_bytes(data: bytes, item: str, fmt: str = "text", stem: str | None = None) -> Iterator[Result]:
    """Yield the articles (or InputErrors) held in `data`, read as `fmt` (text|html|jsonl|feed)."""
    if fmt == "jsonl":
        yield from _read_jsonl(data, item)
        return
    if len(data) > MAX_ARTICLE_BYTES:
        yield _size_error(item, len(data), MAX_ARTICLE_BYTES)
        return
    try:
        if fmt == "html":
            from marsad.ingest.html import read_html

            yield read_html(decode_bytes(data, item), item, stem)
        elif fmt == "feed":
            from marsad.ingest.feed import read_feed

            yield from read_feed(data, item)
        else:
            yield RawArticle(item=item, text=decode_bytes(data, item), id=stem, fmt="text")
    except InputError as err:
        yield err


def _read_jsonl(data: bytes, item: str) -> Iterator[Result]:
    text = decode_bytes(data, item) if data.strip() else ""
    if not text:
        yield InputError(item, "empty input")
        return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{item}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(where, f"invalid JSON ({err.msg} at column {err.colno})")
            continue
        if not isinstance(obj, dict):
            yield InputError(where, "a JSONL line must be an object")
            continue
        body = obj.get("text")
        if not isinstance(body, str) or not body.strip():
            yield InputError(where, "no 'text' field")
            continue
        if len(body.encode("utf-8")) > MAX_ARTICLE_BYTES:
            yield _size_error(where, len(body.encode("utf-8")), MAX_ARTICLE_BYTES)
            continue
        extra = {k: v for k, v in obj.items() if k not in KNOWN_FIELDS}
        yield RawArticle(
            item=where, text=body, id=_str(obj.get("id")), title=_str(obj.get("title")),
            url=_str(obj.get("url")), published=_str(obj.get("published")),
            outlet=_str(obj.get("outlet")), author=_str(obj.get("author")), fmt="jsonl", extra=extra,
        )


def _str(v: Any) -> str | None:
    return None if v is None else str(v)


def format_of(path: Path) -> str:
    """Return the reader format for a path, by extension (text when unknown)."""
    ext = path.suffix.lower()
    if ext in HTML_EXT:
        return "html"
    if ext in JSONL_EXT:
        return "jsonl"
    if ext in FEED_EXT:
        return "feed"
    return "text"


def _files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        wanted = TEXT_EXT | HTML_EXT | JSONL_EXT | FEED_EXT
        for p in sorted(path.rglob("*")):
            if p.is_file() and p.suffix.lower() in wanted and not any(
                    part.startswith(".") for part in p.relative_to(path).parts):
                yield p
    else:
        yield path


def iter_articles(paths: Iterable[str], fmt: str | None = None) -> Iterator[Result]:
    """Yield every article (or InputError) found under `paths`; «-» reads standard input."""
    for raw in paths:
        if raw == "-":
            data = sys.stdin.buffer.read()
            yield from read_bytes(data, "<stdin>", fmt or _sniff(data), stem="stdin")
            continue
        root = Path(raw)
        if not root.exists():
            yield InputError(raw, "no such file or directory")
            continue
        for p in _files(root):
            item = str(p)
            try:
                size = p.stat().st_size
                if size > MAX_FILE_BYTES:
                    yield _size_error(item, size, MAX_FILE_BYTES)
                    continue
                data = p.read_bytes()
            except OSError as err:
                yield InputError(item, f"cannot read ({err.strerror or err})")
                continue
            yield from read_bytes(data, item, fmt or format_of(p), stem=p.stem)


def _sniff(data: bytes) -> str:
    head = data[:2000].lstrip().lower()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head):
        return "feed"
    if re.match(rb"<(!doctype html|html)", head):
        return "html"
    return "text"
