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


def detail_words(detail: object, t) -> str | None:
    """An entry's detail for the reader: the ``name=value`` parts the code writes become words
    (``roles=teacher,director`` → 'rollen: leerkracht, directie'); other text stays as written."""
    if not isinstance(detail, str) or not detail.strip():
        return None
    parts, worded = [], False
    for part in detail.split():
        name, _, value = part.partition("=")
        key = f"audit.detail.{name}"
        if not value or not t.has(key):
            parts.append(part)
            continue
        codes = DETAIL_CODES.get(name)
        values = [t(f"{codes}.{v}") if codes and t.has(f"{codes}.{v}") else v
                  for v in value.split(",") if v]
        parts.append(t(key, value=t.join(values)))
        worded = True
    return "; ".join(parts) if worded else detail.strip()


# The catalogue prefix of the codes a detail part holds.
DETAIL_CODES = {"roles": "role", "to": "prof.state"}
