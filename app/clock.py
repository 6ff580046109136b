"""Today's date and the current moment, in one place so tests and demos can pin them.

``FLEXWIJS_TODAY=2026-11-23`` fixes the date for the whole process (tests, reproducible demos).
"""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    pinned = os.environ.get("FLEXWIJS_TODAY")
    if pinned:
        return dt.date.fromisoformat(pinned)
    return dt.date.today()


def now() -> dt.datetime:
    """Local wall-clock time without tzinfo, as DuckDB's TIMESTAMP stores it."""
    pinned = os.environ.get("FLEXWIJS_TODAY")
    current = dt.datetime.now().replace(microsecond=0)
    if pinned:
        return dt.datetime.combine(dt.date.fromisoformat(pinned), current.time())
    return current
