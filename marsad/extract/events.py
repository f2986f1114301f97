"""Placeholder stage, filled by its issue."""

from marsad.model import Document


def add_events(doc: Document) -> None:
    """Add nothing yet."""
