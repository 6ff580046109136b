"""Searching the audit log (Beheer › Logboek)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from app.db import Database

MAX_ROWS = 2000


def search(db: Database, since: dt.date, until: dt.date, action: str | None = None,
           outcome: str | None = None, user_id: int | None = None) -> pd.DataFrame:
    """Entries from the start of `since` to the end of `until`, newest first."""
    return db.read(
        "admin/audit_log",
        since=dt.datetime.combine(since, dt.time.min),
        until=dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min),
        action=action, outcome=outcome, user_id=user_id, limit=MAX_ROWS,
    )


def actions(db: Database) -> list[str]:
    return list(db.read("admin/audit_actions")["action"])
