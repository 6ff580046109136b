"""Erasure of learners, for real: rows deleted in one transaction, then the file rewritten.

The school board is the controller; a learner's follow-up file is destroyed once the learner has
left and no decision is disputed. Erasure removes the learner, their results, needs, notes,
placements, attendance and class memberships; their survey answers stay as anonymous parts of
the totals, linked to nobody. The audit log keeps only ids and counts. Afterwards the database
is copied to a fresh file and swapped in, because DuckDB leaves deleted bytes in the old one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from app.audit import Audit
from app.db import Database
from app.errors import UserError
from app.scope import Scope

# Step one, in one transaction: everything that refers to the learners, then their fields.
_ERASE_IN_ORDER = (
    "privacy/erase_result",
    "privacy/erase_need",
    "privacy/erase_feedback_note",
    "privacy/erase_flex_attendance",
    "privacy/erase_flex_assignment",
    "privacy/erase_enrolment",
    "privacy/unlink_survey_respondents",
    "privacy/blank_learner",
    "privacy/mark_pending",
)


@dataclass(frozen=True)
class Erasure:
    learners: int
    rows: dict[str, int]         # per table: rows deleted (surveys: unlinked)
    bytes_before: int
    bytes_after: int


def find(db: Database, scope: Scope, text: str) -> pd.DataFrame:
    return db.read("privacy/find_learners", scope=scope, text=text.strip())


def left_before(db: Database, scope: Scope, day: dt.date) -> pd.DataFrame:
    """The dry run: who would be erased by `--left-before DAY`."""
    return db.read("privacy/left_before", scope=scope, left_before=day)


def footprint(db: Database, learner_ids: list[int]) -> dict[str, int]:
    rows = db.read("privacy/learner_footprint", learner_ids=learner_ids)
    return dict(zip(rows["entity"], (int(n) for n in rows["rows"]), strict=True))


def erase(db: Database, audit: Audit, learner_ids: list[int]) -> Erasure:
    """Erase learners and everything about them, then rewrite the file.

    Step one deletes all their data and blanks their fields in one transaction: all or nothing.
    Step two deletes the emptied learner rows (a separate transaction, duckdb/duckdb#13819); if
    the process dies between the two, :func:`finish_pending` completes it on the next start.
    """
    ids = sorted({int(i) for i in learner_ids})
    if not ids:
        raise UserError("privacy.error.nobody")
    audit.record_ids.extend(str(i) for i in ids)
    rows: dict[str, int] = {}
    with db.transaction(audit) as tx:
        if tx.scalar("privacy/count_learners", learner_ids=ids) != len(ids):
            raise UserError("privacy.error.unknown_learner")
        for name in _ERASE_IN_ORDER:
            rows[name.split("/", 1)[1]] = tx.count(name, learner_ids=ids)
        audit.detail = " ".join(f"{k}={v}" for k, v in rows.items())
    finish_pending(db, audit.user_id)
    before, after = db.compact()
    return Erasure(learners=len(ids), rows=rows, bytes_before=before, bytes_after=after)


def finish_pending(db: Database, user_id: int | None = None) -> int:
    """Delete learner rows whose data an erasure already removed (step two); returns how many."""
    pending = [int(i) for i in db.read("privacy/pending")["learner_id"]]
    if not pending:
        return 0
    audit = Audit("erase_finish", "learner", user_id=user_id, scope="system",
                  record_ids=[str(i) for i in pending])
    with db.transaction(audit) as tx:
        deleted = tx.count("privacy/erase_learner")
        tx.execute("privacy/clear_pending")
    return deleted
