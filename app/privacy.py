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

# One transaction: everything that refers to the learners, then the learners themselves.
_ERASE_IN_ORDER = (
    "privacy/erase_result",
    "privacy/erase_need",
    "privacy/erase_feedback_note",
    "privacy/erase_flex_attendance",
    "privacy/erase_flex_assignment",
    "privacy/erase_flex_choice",
    "privacy/erase_enrolment",
    "privacy/unlink_survey_respondents",
    # The import journal keeps copies for undoing an import: they are personal data too.
    "privacy/erase_undo_result",
    "privacy/erase_undo_need",
    "privacy/erase_undo_flex_choice",
    "privacy/erase_undo_enrolment",
    "privacy/unlink_undo_survey_respondents",
    "privacy/erase_undo_learner",
    "privacy/erase_learner",
)


@dataclass(frozen=True)
class Erasure:
    learners: int
    rows: dict[str, int]         # per statement: rows deleted (surveys: unlinked)
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
    """Erase learners and everything about them, all or nothing, then rewrite the file."""
    ids = sorted({int(i) for i in learner_ids})
    if not ids:
        raise UserError("privacy.error.nobody")
    audit.record_ids.extend(str(i) for i in ids)
    rows: dict[str, int] = {}
    with db.transaction(audit) as tx:
        for name in _ERASE_IN_ORDER:
            rows[name.split("/", 1)[1]] = tx.count(name, learner_ids=ids)
        if rows["erase_learner"] != len(ids):
            raise UserError("privacy.error.unknown_learner")
        audit.detail = " ".join(f"{k}={v}" for k, v in rows.items())
    before, after = db.compact()
    return Erasure(learners=len(ids), rows=rows, bytes_before=before, bytes_after=after)
