"""Exports of stored events to analysts' formats, one module per format, each a pure function of EventRecords.

`render(fmt, records)` yields the text of an export in chunks (write them in order); `FORMATS` says each format's
media type and file extension, for the CLI and the HTTP API. No module here touches the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from marsad.export import acled, events_csv, graphml, plover
from marsad.records import EventRecord
from marsad.summary import EnglishNames, default_names


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One export format: its name, media type, usual file extension and writer."""

    name: str
    media_type: str
    extension: str
    write: Callable[[Iterable[EventRecord], EnglishNames], Iterator[str]]


FORMATS: dict[str, ExportFormat] = {
    "plover": ExportFormat("plover", "application/x-ndjson", ".jsonl", plover.write),
    "acled": ExportFormat("acled", "text/csv", ".csv", acled.write),
    "graphml": ExportFormat("graphml", "application/graphml+xml", ".graphml", graphml.write),
    "csv": ExportFormat("csv", "text/csv", ".csv", events_csv.write),
}


def render(fmt: str, records: Iterable[EventRecord], names: EnglishNames | None = None) -> Iterator[str]:
    """Yield the export of these records in a format of FORMATS, in chunks; KeyError for an unknown format."""
    return FORMATS[fmt].write(records, names or default_names())
