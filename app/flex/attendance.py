"""During a cycle: attendance per session and week (present, absent, excused) and a short
feedback note per learner (feed up, feedback, feed forward), entered for a whole group at once
and saved in one transaction."""

from __future__ import annotations

import pandas as pd

from app import clock
from app.audit import Audit
from app.db import Database
from app.errors import AccessDenied, UserError
from app.i18n import Translator
from app.importing import values
from app.scope import Scope

STATUSES = ("present", "absent", "excused")
NOTE_FIELDS = ("feed_up", "feedback", "feed_forward")


def sessions_for(fill: pd.DataFrame, scope: Scope) -> pd.DataFrame:
    """The sessions with learners a viewer takes the register of: a flex teacher their own,
    the flex team every one."""
    found = fill[fill["learners"] > 0]
    if scope.leader_staff_id is not None and not scope.all_learners:
        found = found[found["leader_staff_id"] == scope.leader_staff_id]
    return found


def group(db: Database, scope: Scope, plan_id: int, session_id: int, week_id: str
          ) -> pd.DataFrame:
    return db.read("flex/attendance_group", scope=scope, plan_id=plan_id,
                   session_id=session_id, week_id=week_id)


def register(rows: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """The group as the register shows it. Nobody recorded yet counts as present, so a teacher
    only marks who was not there."""
    labels = {code: t(f"attendance.status.{code}") for code in STATUSES}
    return pd.DataFrame({
        "learner_id": pd.array(rows["learner_id"].astype(int).tolist(), dtype="Int64"),
        "learner": list(rows["learner"]),
        "class_code": list(rows["class_code"]),
        "status": [labels[s] if isinstance(s, str) else labels["present"]
                   for s in rows["status"]],
        **{field: [None if values.is_blank(v) else str(v) for v in rows[field]]
           for field in NOTE_FIELDS},
    }).astype({"learner": "object", "class_code": "object", "status": "object",
               **{f: "object" for f in NOTE_FIELDS}})


def save(db: Database, scope: Scope, session_id: int, week_id: str, edited: pd.DataFrame,
         t: Translator, audit: Audit, author: str) -> int:
    """Attendance of every learner in the register, and their notes. A flex teacher saves
    only the registers of the sessions they lead."""
    session = db.one("flex/session", session_id=session_id)
    if session is None or (not scope.all_learners and (
            scope.leader_staff_id is None or session["leader_staff_id"] != scope.leader_staff_id)):
        raise AccessDenied("attendance.error.not_yours")
    codes = {t(f"attendance.status.{code}"): code for code in STATUSES}
    now = clock.now()
    audit.entity = "flex_attendance"
    with db.transaction(audit) as tx:
        notes = 0
        for position, row in enumerate(edited.to_dict("records"), start=1):
            status = codes.get(row.get("status") or "")
            if status is None:
                raise UserError("attendance.error.status", row=position, value=row.get("status"))
            learner_id = int(row["learner_id"])
            tx.execute("flex/attendance_save", week_id=week_id, session_id=session_id,
                       learner_id=learner_id, status=status, recorded_by=author,
                       recorded_at=now)
            note = {f: (None if values.is_blank(row.get(f)) else str(row[f]).strip() or None)
                    for f in NOTE_FIELDS}
            params = dict(learner_id=learner_id, session_id=session_id, week_id=week_id,
                          author=author, **note)
            # An emptied note is kept empty rather than deleted: the register shows it blank.
            if tx.scalar("flex/note_update", **params) is None and any(note.values()):
                tx.execute("flex/note_insert", **params)
            notes += any(note.values())
        tx.audit.record_ids = [str(session_id)]
        tx.audit.detail = f"week={week_id} learners={len(edited)} notes={notes}"
    return len(edited)
