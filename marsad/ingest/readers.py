"""Read plain text, HTML, JSONL and feed files, directories and standard input into RawArticles."""

from __future__ import annotations

import codecs
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.errors import InputError
from marsad.ingest.decode import BINARY_CONTROL_SHARE, binary_share, decode_bytes, decode_text, utf16_order
from marsad.text.hashing import normalise_published

MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # a news article is < 100 KB; 5 MB leaves room for pages
MAX_FILE_BYTES = 512 * 1024 * 1024  # JSONL archives may be large; they are streamed by line
TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
JSON_EXT = {".json"}
FEED_EXT = {".rss", ".atom", ".xml"}
# the fields of a JSON article record, each with the other names archives give it (the first present wins)
FIELD_NAMES = {
    "text": ("text", "content"),
    "id": ("id",),
    "url": ("url",),
    "title": ("title",),
    "published": ("published", "date", "date_extracted"),
    "outlet": ("outlet", "source"),
    "author": ("author",),
}
KNOWN_FIELDS = tuple(n for names in FIELD_NAMES.values() for n in names)
SIDECAR = "published.tsv"  # in a folder: «file<TAB>YYYY-MM-DD» rows give each file its publication date


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
    name: str | None = None  # a short name for output files (the file's stem), not an identity

    def meta(self) -> dict[str, Any]:
        """Return the metadata mapping that `analyse` takes."""
        return {"id": self.id, "title": self.title, "url": self.url, "published": self.published,
                "outlet": self.outlet, "author": self.author, "extra": self.extra}


Result = RawArticle | InputError


def _size_error(item: str, size: int, limit: int) -> InputError:
    return InputError(item, f"too large ({size / 1e6:.1f} MB > {limit / 1e6:.0f} MB limit)")


def read_bytes(data: bytes, item: str, fmt: str = "text", stem: str | None = None) -> Iterator[Result]:
    """Yield the articles (or InputErrors) held in `data`, read as `fmt` (text|html|jsonl|json|feed).

    `stem` is the id an article read as text or HTML takes (a file's path); records and feed entries carry
    their own (their id, else their URL).
    """
    if fmt == "jsonl":
        yield from _read_jsonl(data, item)
        return
    if fmt == "json":
        yield from _read_json(data, item)
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


def _jsonl_lines(data: bytes, item: str) -> Iterator[str]:
    """Yield the lines of a JSONL file as text, each decoded on its own (UTF-16 files whole), so a broken byte or
    a stray control character spoils its own line only; raise InputError for a file that is binary throughout.

    Lines end at «\n» only: a JSON string may hold U+2028 or U+0085 raw, which `str.splitlines` would cut at.
    """
    utf16 = utf16_order(data)
    if utf16:
        yield from data.decode(utf16, errors="replace").split("\n")
        return
    if binary_share(data) > BINARY_CONTROL_SHARE:
        raise InputError(item, "binary content, not text")
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    for raw in data.split(b"\n"):
        yield decode_text(raw)


def _read_jsonl(data: bytes, item: str) -> Iterator[Result]:
    if not data.strip():
        yield InputError(item, "empty input")
        return
    try:
        for lineno, line in enumerate(_jsonl_lines(data, item), 1):
            yield from _jsonl_line(line.rstrip("\r"), f"{item}:{lineno}")
    except InputError as err:  # binary throughout: raised before any line
        yield err


def _read_jsonl_file(path: Path, item: str) -> Iterator[Result]:
    """Yield what `_read_jsonl` yields for a JSONL file's bytes, reading it a line at a time: an archive is never
    held whole (a UTF-16 or binary file, known from its first 64 KB, is read whole and handed to `_read_jsonl`)."""
    try:
        f = path.open("rb")
    except OSError as err:
        yield InputError(item, f"cannot read ({err.strerror or err})")
        return
    with f:
        head = f.read(65536)
        if utf16_order(head) or binary_share(head) > BINARY_CONTROL_SHARE:
            yield from _read_jsonl(head + f.read(), item)
            return
        bom = head.startswith(codecs.BOM_UTF8)
        f.seek(len(codecs.BOM_UTF8) if bom else 0)
        seen = bom  # as `_read_jsonl`: only a file of whitespace alone is empty
        for lineno, raw in enumerate(f, 1):  # lines end at «\n» only, as in `_jsonl_lines`
            raw = raw[:-1] if raw.endswith(b"\n") else raw
            seen = seen or bool(raw.strip())
            yield from _jsonl_line(decode_text(raw).rstrip("\r"), f"{item}:{lineno}")
    if not seen:
        yield InputError(item, "empty input")


def _jsonl_line(line: str, where: str) -> Iterator[Result]:
    """Yield the article of one JSONL line, or the InputError saying why it is none (blank lines yield nothing)."""
    if not line.strip():
        return
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        yield InputError(where, f"invalid JSON ({err.msg} at column {err.colno})")
        return
    except RecursionError:  # «[[[[…» thousands deep
        yield InputError(where, "invalid JSON (nested too deeply)")
        return
    if not isinstance(obj, dict):
        yield InputError(where, "a JSONL line must be an object")
        return
    yield _record(obj, where, "jsonl")


def _read_json(data: bytes, item: str) -> Iterator[Result]:
    """Yield the articles of a .json file: one article object, or a list of them (each named item[n])."""
    try:
        obj = json.loads(decode_bytes(data, item))
    except InputError as err:  # empty or binary
        yield err
        return
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":  # one object a line: JSON Lines under a .json name
            yield from _read_jsonl(data, item)
            return
        yield InputError(item, f"invalid JSON ({err.msg} at line {err.lineno} column {err.colno})")
        return
    except RecursionError:
        yield InputError(item, "invalid JSON (nested too deeply)")
        return
    if isinstance(obj, dict):
        yield _record(obj, item, "json")
        return
    if not isinstance(obj, list):
        yield InputError(item, "a .json file must hold an article object or a list of them")
        return
    for n, one in enumerate(obj, 1):
        where = f"{item}[{n}]"
        yield _record(one, where, "json") if isinstance(one, dict) else InputError(where, "not an article object")


def _field(obj: dict[str, Any], name: str) -> tuple[str | None, Any]:
    """Return (the key used, the value) of a record field under its first present name."""
    for key in FIELD_NAMES[name]:
        if obj.get(key) not in (None, ""):
            return key, obj[key]
    return None, None


def _record(obj: dict[str, Any], where: str, fmt: str) -> Result:
    """Return the RawArticle of one JSON article object (common field aliases accepted), or its InputError."""
    _, body = _field(obj, "text")
    if not isinstance(body, str) or not body.strip():
        return InputError(where, "no 'text' (or 'content') field")
    if len(body.encode("utf-8")) > MAX_ARTICLE_BYTES:
        return _size_error(where, len(body.encode("utf-8")), MAX_ARTICLE_BYTES)
    used = {}
    for name in FIELD_NAMES:
        key, value = _field(obj, name)
        if key:
            used[name] = value
    extra = {k: v for k, v in obj.items() if k not in KNOWN_FIELDS}
    outlet = used.get("outlet")
    if isinstance(outlet, dict):  # {"source": {"name": …}} as some crawlers write it
        outlet = outlet.get("name")
    return RawArticle(
        item=where, text=body, id=_str(used.get("id")) or _str(used.get("url")), title=_str(used.get("title")),
        url=_str(used.get("url")), published=_str(used.get("published")),
        outlet=_str(outlet), author=_str(used.get("author")), fmt=fmt, extra=extra,
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
    if ext in JSON_EXT:
        return "json"
    if ext in FEED_EXT:
        return "feed"
    return "text"


def _files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        wanted = TEXT_EXT | HTML_EXT | JSONL_EXT | JSON_EXT | FEED_EXT
        for p in sorted(path.rglob("*")):
            if p.is_file() and p.suffix.lower() in wanted and not any(
                    part.startswith(".") for part in p.relative_to(path).parts):
                yield p
    else:
        yield path


def iter_articles(paths: Iterable[str], fmt: str | None = None) -> Iterator[Result]:
    """Yield every article (or InputError) found under `paths`; «-» reads standard input.

    A file whose folder (or a folder above it, up to the one given) holds a `published.tsv` (rows
    «file<TAB>YYYY-MM-DD», the file named relative to that folder) takes its publication date from there unless
    its record carries one.
    """
    dates = SidecarDates()
    for raw in paths:
        if raw == "-":
            data = sys.stdin.buffer.read()
            yield from read_bytes(data, "<stdin>", fmt or _sniff(data))  # no path: ids from content or records
            continue
        root = Path(raw)
        if not root.exists():
            yield InputError(raw, "no such file or directory")
            continue
        for p in _files(root):
            item = str(p)
            kind = fmt or format_of(p)
            try:
                size = p.stat().st_size
                if size > MAX_FILE_BYTES:
                    yield _size_error(item, size, MAX_FILE_BYTES)
                    continue
                data = b"" if kind == "jsonl" else p.read_bytes()
            except OSError as err:
                yield InputError(item, f"cannot read ({err.strerror or err})")
                continue
            top = root if root.is_dir() else p.parent
            yield from dates.problems(p.parent, top)
            published = dates.of(p, top)
            # a file's article is known by its path: two «a.txt» in two folders are two documents
            records = _read_jsonl_file(p, item) if kind == "jsonl" else read_bytes(
                data, item, kind, stem=p.resolve().as_posix())
            for rec in records:
                if isinstance(rec, RawArticle):
                    rec.name = rec.name or (p.stem if rec.fmt in ("text", "html") else rec.id)
                    if published and not rec.published:
                        rec.published = published
                yield rec


class SidecarDates:
    """The publication dates that `published.tsv` files give the files of their folder (read once a folder)."""

    def __init__(self) -> None:
        self.folders: dict[Path, tuple[dict[Path, str], list[InputError]]] = {}

    def _load(self, folder: Path) -> tuple[dict[Path, str], list[InputError]]:
        folder = folder.resolve()
        if folder not in self.folders:
            table: dict[Path, str] = {}
            errors: list[InputError] = []
            if (folder / SIDECAR).is_file():
                self._read(folder, table, errors)
            self.folders[folder] = (table, errors)
        return self.folders[folder]

    @staticmethod
    def _chain(folder: Path, top: Path) -> list[Path]:
        """Return the folder and those above it up to `top`, the nearest first."""
        folder, top = folder.resolve(), top.resolve()
        chain = [folder]
        while chain[-1] != top and top in chain[-1].parents:
            chain.append(chain[-1].parent)
        return chain

    @staticmethod
    def _read(parent: Path, table: dict[Path, str], errors: list[InputError]) -> None:
        path = parent / SIDECAR
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as err:
            errors.append(InputError(str(path), f"cannot read ({err})"))
            return
        for n, line in enumerate(lines, 1):
            cells = [c.strip() for c in line.split("\t")]
            if not line.strip() or line.startswith("#") or (n == 1 and cells[-1].lower() == "published"):
                continue
            if len(cells) < 2 or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", cells[1]):
                errors.append(InputError(f"{path}:{n}", "expected «file<TAB>YYYY-MM-DD»"))
                continue
            if normalise_published(cells[1]) is None:
                errors.append(InputError(f"{path}:{n}", f"{cells[1]} is not a real day"))
                continue
            table.setdefault((parent / cells[0]).resolve(), cells[1])

    def of(self, path: Path, top: Path) -> str | None:
        """Return the publication date the nearest sidecar (up to folder `top`) gives this file, or None."""
        key = path.resolve()
        for folder in self._chain(path.parent, top):
            date = self._load(folder)[0].get(key)
            if date:
                return date
        return None

    def problems(self, folder: Path, top: Path) -> Iterator[InputError]:
        """Yield, once, the bad lines of the sidecars that apply to this folder."""
        for f in self._chain(folder, top):
            errors = self._load(f)[1]
            while errors:
                yield errors.pop(0)


def count_records(paths: Iterable[str]) -> int | None:
    """Return how many articles the inputs hold (files, JSONL lines, JSON list items, feed entries), or None
    when that cannot be known before reading them (standard input)."""
    total = 0
    for raw in paths:
        if raw == "-":
            return None
        root = Path(raw)
        if not root.exists():
            total += 1
            continue
        for p in _files(root):
            kind = format_of(p)
            if kind == "text" or kind == "html":
                total += 1
                continue
            try:
                if kind == "jsonl":  # a line at a time: an archive is never held whole
                    with p.open("rb") as f:
                        total += sum(1 for line in f if line.strip())
                    continue
                data = p.read_bytes()
            except OSError:
                total += 1
                continue
            if kind == "feed":
                total += max(1, data.count(b"<item") + data.count(b"<entry"))
            else:
                try:
                    obj = json.loads(data)
                except ValueError:
                    obj = None
                total += len(obj) if isinstance(obj, list) else 1
    return total


def _sniff(data: bytes) -> str:
    head = data[:2000].lstrip().lower()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head):
        return "feed"
    if re.match(rb"<(!doctype html|html)", head):
        return "html"
    return "text"
