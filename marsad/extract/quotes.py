"""Placeholder stage, filled by its issue."""

from marsad.model import Document


def add_quotes(doc: Document) -> None:
    """Add nothing yet."""
