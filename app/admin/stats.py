"""Row counts per entity: ``python -m app stats`` and the administrator's overview."""

from __future__ import annotations

from app import clock
from app.db import Database
from app.school import school_calendar


def counts(db: Database) -> dict[str, int]:
    row = db.one("admin/stats", school_year=school_calendar.school_year_of(clock.today()))
    assert row is not None  # a query of scalar subqueries always returns one row
    result = {key: int(value) for key, value in row.items()}
    result["schema_version"] = db.schema_version
    return result
