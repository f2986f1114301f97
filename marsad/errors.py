"""Errors with one-line messages that name the item they are about."""

from __future__ import annotations


class MarsadError(Exception):
    """Base of Marsad's own errors."""


class InputError(MarsadError):
    """An input item that cannot be analysed: `item` names it, `reason` says why in one line."""

    def __init__(self, item: str, reason: str) -> None:
        super().__init__(f"{item}: {reason}")
        self.item = item
        self.reason = reason

    def __reduce__(self) -> tuple:
        """Return how to rebuild this error in another process (a batch worker's report crosses one)."""
        return (type(self), (self.item, self.reason))
