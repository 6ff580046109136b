"""Errors a person can read.

Logic raises :class:`UserError` with a catalogue key and parameters; only the edge (a page or
the command line) turns it into words, in the reader's language.
"""

from __future__ import annotations

from typing import Any


class UserError(Exception):
    """Something went wrong that the user can understand and often fix."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def render(self, translate) -> str:
        return translate(self.key, **self.params)

    def __str__(self) -> str:  # useful in logs and test failures
        if not self.params:
            return self.key
        details = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.key} ({details})"


class DatabaseError(UserError):
    """A DuckDB error, translated once at the database boundary."""


class DiskFull(DatabaseError):
    """The disk under the database is full: the write did not happen (DuckDB rolled it back)."""


class DatabaseLocked(DatabaseError):
    """Another process holds the database file."""


class WriteConflict(DatabaseError):
    """Another session changed the same rows first; the caller keeps its input and may retry."""


class AccessDenied(UserError):
    """The current user may not see or do this."""
