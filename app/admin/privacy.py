"""Erasure of learners, for real: from the database, from every copy Flexwijs made, from disk.

The school board is the controller; a learner's follow-up file is destroyed once the learner has
left and no decision is disputed. Erasure removes the learner, their results, needs, notes,
placements, attendance and class memberships, and the import journal's copies of them; their
survey answers stay as anonymous parts of the totals, linked to nobody. The audit log keeps only
ids and counts.

Then the copies: a backup is there to be restored, so each backup (and each file a restore kept
aside, and each backup made elsewhere with ``backup --out`` that the log book knows of) is
rewritten without the erased learners, the same way as the database itself, and stays usable. A
write-ahead log set aside as damaged cannot be rewritten and may hold anyone: it is deleted, as
are leftovers of a cut-off compaction. Last, the database file is copied to a fresh file and
swapped in, because DuckDB leaves deleted bytes in the old one.

Every step can be cut off (a killed process, a full disk) and done again: the erasure's own
transaction records whom it erased (``privacy_pending``) and that the file needs its rewrite
(setting ``privacy.compact_pending``); :func:`finish` does whatever is left, at the next start,
from the Privacy page, or when the erasure is run again. The result says exactly what was
reached and what remains where (:func:`describe`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from app import permissions, settings
from app.admin import backup
from app.audit import Audit
from app.auth import Viewer
from app.db import Database
from app.errors import DiskFull, UserError
from app.scope import Scope

log = logging.getLogger(__name__)

REWRITE_PENDING = "privacy.compact_pending"

# One transaction: everything that refers to the learners, then the learners themselves.
_ERASE_IN_ORDER = (
    "privacy/erase_result",
    "privacy/erase_need",
    "privacy/erase_feedback_note",
    "privacy/erase_flex_attendance",
    "privacy/erase_attendance_draft",
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
class Copy:
    """What an erasure did to one copy."""

    path: Path
    kind: str                     # see backup.Place
    outcome: str                  # 'erased', 'clean', 'deleted', 'missing', 'failed'
    learners: int = 0
    reason: tuple[str, dict] | None = None   # catalogue key and fields, when it failed


@dataclass(frozen=True)
class Erasure:
    learners: int                 # erased from the database now (0 when finishing earlier work)
    rows: dict[str, int]          # per statement: rows deleted (surveys: unlinked)
    db_path: Path
    bytes_before: int | None = None          # the file's size before and after its rewrite,
    bytes_after: int | None = None           # None when it was not rewritten
    copies: tuple[Copy, ...] = ()
    rewrite_failed: tuple[str, dict] | None = None   # why the file could not be rewritten
    pending: int = 0              # learners still listed as unfinished afterwards

    @property
    def reached_anything(self) -> bool:
        return bool(self.learners or self.bytes_after is not None
                    or any(c.outcome in ("erased", "deleted") for c in self.copies))


def find(db: Database, scope: Scope, text: str) -> pd.DataFrame:
    return db.read("privacy/find_learners", scope=scope, text=text.strip())


def left_before(db: Database, scope: Scope, day: dt.date) -> pd.DataFrame:
    """The dry run: who would be erased by `--left-before DAY`."""
    return db.read("privacy/left_before", scope=scope, left_before=day)


def footprint(db: Database, learner_ids: list[int]) -> dict[str, int]:
    rows = db.read("privacy/learner_footprint", learner_ids=learner_ids)
    return dict(zip(rows["entity"], (int(n) for n in rows["rows"]), strict=True))


def pending(db: Database) -> tuple[int, bool]:
    """Unfinished erasures: how many learners still wait for their copies, and whether the
    database file still waits for its rewrite."""
    return len(db.records("privacy/pending")), bool(settings.get(db, REWRITE_PENDING))


def erase(db: Database, viewer: Viewer, learner_ids: list[int]) -> Erasure:
    """Erase learners and everything about them, all or nothing, then reach every copy and
    rewrite the file (see :func:`finish`)."""
    permissions.require(db, viewer, "admin.erase")
    ids = sorted({int(i) for i in learner_ids})
    if not ids:
        raise UserError("privacy.error.nobody")
    audit = viewer.audit("erase", "learner", ids)
    rows: dict[str, int] = {}
    with db.transaction(audit) as tx:
        tx.execute("privacy/pending_insert", learner_ids=ids)
        for name in _ERASE_IN_ORDER:
            rows[name.split("/", 1)[1]] = tx.count(name, learner_ids=ids)
        if rows["erase_learner"] != len(ids):
            raise UserError("privacy.error.unknown_learner")
        settings.put(tx, REWRITE_PENDING, True)
        audit.detail = " ".join(f"{k}={v}" for k, v in rows.items())
    return _finish(db, learners=len(ids), rows=rows)


def finish(db: Database, viewer: Viewer, *, also: Sequence[str] = ()) -> Erasure:
    """Whatever erasures left undone: rewrite every copy that holds an erased learner (by
    stamboeknummer; `also` adds numbers, to run an erasure again for a learner no longer in
    the database), forget the numbers once every copy is done, then rewrite the file."""
    permissions.require(db, viewer, "admin.erase")
    return _finish(db, also=also)


def _finish(db: Database, *, learners: int = 0, rows: dict[str, int] | None = None,
            also: Sequence[str] = ()) -> Erasure:
    wanted = sorted({r["external_id"] for r in db.records("privacy/pending")} | set(also))
    results: dict[Path, Copy] = {}
    if wanted:
        while True:
            # A backup made while the copies are rewritten is found by the next round; the
            # last round, which finds nothing new, runs with every write and backup held off.
            with db.writes_held():
                todo = [p for p in backup.copies(db) if p.path not in results]
                if not todo:
                    _forget(db, wanted, results.values())
                    break
            for place in todo:
                results[place.path] = _reach(db, place, wanted)
    before = after = failed = None
    if settings.get(db, REWRITE_PENDING):
        try:
            before, after = db.compact()
            with db.transaction(Audit("compact", "database", scope="system",
                                      detail="after an erasure")) as tx:
                settings.put(tx, REWRITE_PENDING, False)
        except UserError as error:
            log.error("the database file could not be rewritten after an erasure: %s", error)
            failed = _why(error)
    left = len(db.records("privacy/pending"))
    return Erasure(learners=learners, rows=rows or {}, db_path=db.path, bytes_before=before,
                   bytes_after=after, copies=tuple(results.values()), rewrite_failed=failed,
                   pending=left)


def _forget(db: Database, wanted: list[str], done) -> None:
    """Every copy reached: the numbers of the erased learners go (and with the rewrite that
    follows, off the disk). A copy that could not be rewritten keeps them listed, so that the
    next start, or the next try, reaches it."""
    if any(copy.outcome == "failed" for copy in done):
        return
    audit = Audit("erase", "learner", scope="system",
                  detail=" ".join(f"{c.kind}:{c.outcome}" for c in done)[:500] or "no copies")
    with db.transaction(audit) as tx:
        if tx.count("privacy/pending_clear", external_ids=wanted):
            settings.put(tx, REWRITE_PENDING, True)


def _reach(db: Database, place: backup.Place, wanted: list[str]) -> Copy:
    """Erase the learners from one copy: rewrite a database file, delete what cannot be."""
    path, kind = place.path, place.kind
    if kind in ("damaged_log", "leftover"):
        path.unlink(missing_ok=True)
        return Copy(path, kind, "deleted")
    if not path.exists():
        return Copy(path, kind, "missing")
    try:
        holding = backup.holds(path, wanted)
        if not holding.needs_rewrite:
            return Copy(path, kind, "clean")
        numbers = sorted(set(wanted) | set(holding.pending))
        with Database(path) as copy:  # migrates a copy from an older version first
            ids = [int(i) for i in copy.read("privacy/learners_by_external_ids",
                                             external_ids=numbers)["learner_id"]]
            audit = Audit("erase", "learner", scope="system", record_ids=[str(i) for i in ids],
                          detail=f"in a copy of {db.path.name}")
            with copy.transaction(audit) as tx:
                for name in _ERASE_IN_ORDER:
                    tx.count(name, learner_ids=ids)
                tx.count("privacy/pending_clear", external_ids=numbers)
                settings.put(tx, REWRITE_PENDING, True)
            copy.compact()
            with copy.transaction(Audit("compact", "database", scope="system",
                                        detail="after an erasure")) as tx:
                settings.put(tx, REWRITE_PENDING, False)
    except UserError as error:
        log.error("erasure could not reach %s: %s", path, error)
        return Copy(path, kind, "failed", reason=_why(error))
    return Copy(path, kind, "erased", learners=len(ids))


def _why(error: UserError) -> tuple[str, dict]:
    # A full disk stops a rewrite after the rows went: "nothing changed" would not be true.
    if isinstance(error, DiskFull):
        return "privacy.error.disk_full", {}
    return error.key, error.params


# -- telling the administrator -----------------------------------------------------------------

def describe(erasure: Erasure, t) -> list[str]:
    """What was erased where, and what remains where, one line each."""
    lines = []
    if erasure.learners:
        lines.append(t("privacy.result.database", learners=t.count(erasure.learners)))
    if erasure.bytes_after is not None:
        lines.append(t("privacy.result.rewritten", file=erasure.db_path.name,
                       before=t.number(erasure.bytes_before / 1e6, 1),
                       after=t.number(erasure.bytes_after / 1e6, 1)))
    if erasure.rewrite_failed:
        key, params = erasure.rewrite_failed
        lines.append(t("privacy.result.not_rewritten", file=str(erasure.db_path),
                       reason=t(key, **params)))
    by = _by_outcome(erasure.copies)
    if by.get("erased"):
        lines.append(t("privacy.result.copies_erased", count=t.count(len(by["erased"])),
                       names=_names(by["erased"])))
    if by.get("deleted"):
        lines.append(t("privacy.result.copies_deleted", names=_names(by["deleted"])))
    if by.get("clean"):
        lines.append(t("privacy.result.copies_clean", count=t.count(len(by["clean"]))))
    for copy in by.get("failed", []):
        key, params = copy.reason
        lines.append(t("privacy.result.copy_failed", path=str(copy.path),
                       reason=t(key, **params)))
    for copy in by.get("missing", []):
        lines.append(t("privacy.result.copy_missing", path=str(copy.path)))
    if erasure.pending:
        lines.append(t("privacy.result.still_pending", count=t.count(erasure.pending)))
    lines.append(t("privacy.result.remains"))
    return lines


def _by_outcome(copies: Sequence[Copy]) -> dict[str, list[Copy]]:
    grouped: dict[str, list[Copy]] = {}
    for copy in copies:
        grouped.setdefault(copy.outcome, []).append(copy)
    return grouped


def _names(copies: Sequence[Copy]) -> str:
    # Copies beside the database by name; one elsewhere (backup --out) by its full path.
    return ", ".join(str(c.path) if c.kind == "outside" else c.path.name for c in copies)

