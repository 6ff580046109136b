"""During a cycle: attendance per session and week (present, absent, excused) and a short
feedback note per learner (feed up, feedback, feed forward), entered for a whole group at once
and saved in one transaction."""

from __future__ import annotations

import dataclasses

import pandas as pd

from app import clock, display, permissions
from app.auth import Viewer
from app.blank import is_blank
from app.db import Database
from app.errors import UserError
from app.i18n import Translator
from app.scope import Scope

STATUSES = ("present", "absent", "excused")
NOTE_FIELDS = ("feed_up", "feedback", "feed_forward")


def sessions_for(fill: pd.DataFrame, viewer: Viewer) -> pd.DataFrame:
    """The sessions with learners a viewer takes the register of: a flex teacher their own,
    the flex team every one."""
    found = fill[fill["learners"] > 0]
    mine = pd.Series([permissions.allowed(viewer, "flex.attendance.record", _session(s, leader))
                      for s, leader in zip(found["session_id"], found["leader_staff_id"],
                                           strict=True)], index=found.index, dtype=bool)
    return found[mine]


def no_sessions_text(viewer: Viewer) -> str:
    """Why the register has no session for this viewer (a catalogue key): none with learners
    this week, or no staff member linked to their account to lead one."""
    if permissions.allowed(viewer, "flex.attendance.record") or viewer.staff_id is not None:
        return "attendance.no_sessions"
    return "attendance.no_staff_link"


def group(db: Database, scope: Scope, plan_id: int, session_id: int, week_id: str
          ) -> pd.DataFrame:
    return db.read("flex/attendance_group", scope=scope, plan_id=plan_id,
                   session_id=session_id, week_id=week_id)


def saved_text(rows: pd.DataFrame, t: Translator) -> str:
    """Whether this week's register was taken, and by whom and when. A register saved before
    Flexwijs kept who and when (or imported with the history) is taken all the same: it says
    so, rather than "not filled in" above the statuses it holds."""
    recorded = rows.dropna(subset=["recorded_at"])
    if len(recorded):
        last = recorded.loc[recorded["recorded_at"].idxmax()]
        return t.md("attendance.last_saved", who=display.text_of(last["recorded_by"]),
                    when=t.datetime(last["recorded_at"].to_pydatetime()))
    if rows["status"].notna().any():
        return t("attendance.saved_unknown")
    return t("attendance.not_yet")


def register(rows: pd.DataFrame, t: Translator) -> display.Form:
    """The group as the register shows it: the status a drop-down of words whose values stay
    codes. Nobody recorded yet counts as present, so a teacher only marks who was not there."""
    frame = rows.assign(
        learner_id=pd.array(rows["learner_id"].astype(int).tolist(), dtype="Int64"),
        status=[s if isinstance(s, str) else "present" for s in rows["status"]])
    return display.editor(frame, t, [
        display.person("learner", "flex_lists.col.learner", editable=False),
        display.text("class_code", "flex_lists.col.class", editable=False, width="small"),
        display.code("status", "attendance.col.status", codes="attendance.status",
                     options=STATUSES, required=True),
        *(display.text(f, f"attendance.col.{f}", help=f"attendance.help.{f}")
          for f in NOTE_FIELDS),
    ], keep=["learner_id"])


def _session(session_id, leader_staff_id) -> permissions.FlexSession:
    return permissions.FlexSession(int(session_id), None if pd.isna(leader_staff_id)
                                   else int(leader_staff_id))


def _record(db: Database, session_id: int) -> permissions.FlexSession | None:
    """The session a register belongs to, with its leader (None: no such session)."""
    session = db.one("flex/session", session_id=session_id)
    return None if session is None else _session(session_id, session["leader_staff_id"])


def save(db: Database, viewer: Viewer, session_id: int, week_id: str, edited: pd.DataFrame,
         t: Translator) -> int:
    """Attendance of every learner in the register, and their notes. A flex teacher saves
    only the registers of the sessions they lead. The saver's draft of this register goes in
    the same transaction."""
    permissions.require(db, viewer, "flex.attendance.record", lambda: _record(db, session_id))
    now = clock.now()
    with db.transaction(viewer.audit("edit", "flex_attendance")) as tx:
        if viewer.user_id is not None:
            tx.execute("flex/attendance_draft_clear", user_id=viewer.user_id,
                       session_id=session_id, week_id=week_id)
        notes = 0
        for position, row in enumerate(edited.to_dict("records"), start=1):
            status = row.get("status")
            if status not in STATUSES:
                raise UserError("attendance.error.status", row=position, value=row.get("status"))
            learner_id = int(row["learner_id"])
            tx.execute("flex/attendance_save", week_id=week_id, session_id=session_id,
                       learner_id=learner_id, status=status, recorded_by=viewer.name,
                       recorded_at=now)
            note = {f: (None if is_blank(row.get(f)) else str(row[f]).strip() or None)
                    for f in NOTE_FIELDS}
            params = dict(learner_id=learner_id, session_id=session_id, week_id=week_id,
                          author=viewer.name, **note)
            # An emptied note is kept empty rather than deleted: the register shows it blank.
            if tx.scalar("flex/note_update", **params) is None and any(note.values()):
                tx.execute("flex/note_insert", **params)
            notes += any(note.values())
        tx.audit.record_ids = [str(session_id)]
        tx.audit.detail = f"week={week_id} learners={len(edited)} notes={notes}"
    return len(edited)


# -- the draft: what was typed and not saved yet ---------------------------------------------
# A register is typed for a whole group in one go; a refresh, a second tab or a lost connection
# must not cost the teacher what they typed. Every change in the editor is kept at once as that
# person's draft (their own rows only, in the database); opening the register again shows it,
# saying so, until it is saved (which deletes it) or discarded.

_DRAFT_COLUMNS = ("status", *NOTE_FIELDS)


def _same(a: object, b: object) -> bool:
    return (is_blank(a) and is_blank(b)) or a == b


def keep_draft(db: Database, viewer: Viewer, session_id: int, week_id: str,
               edited: pd.DataFrame, stored: pd.DataFrame, t: Translator) -> int:
    """Keep the rows of `edited` that differ from what is stored, as the viewer's draft;
    returns how many. A register one may not keep is refused as for saving."""
    permissions.require(db, viewer, "flex.attendance.record", lambda: _record(db, session_id))
    before = {int(r["learner_id"]): r for r in stored.to_dict("records")}
    changed = []
    for row in edited.to_dict("records"):
        old = before.get(int(row["learner_id"]))
        if old is None or all(_same(row.get(c), old.get(c)) for c in _DRAFT_COLUMNS):
            continue
        changed.append(row)
    now = clock.now()
    audit = viewer.audit("draft", "flex_attendance", [session_id],
                         detail=f"week={week_id} learners={len(changed)}")
    with db.transaction(audit) as tx:
        tx.execute("flex/attendance_draft_clear", user_id=viewer.user_id, session_id=session_id,
                   week_id=week_id)
        tx.execute_many("flex/attendance_draft_put", [dict(
            user_id=viewer.user_id, session_id=session_id, week_id=week_id,
            learner_id=int(row["learner_id"]),
            status=row.get("status") if row.get("status") in STATUSES else None,
            typed_at=now, **{f: None if is_blank(row.get(f)) else str(row[f])
                             for f in NOTE_FIELDS}) for row in changed])
    return len(changed)


def with_draft(db: Database, user_id: int, session_id: int, week_id: str,
               form: display.Form) -> tuple[display.Form, object]:
    """The register `form` with this person's draft laid over it, and when the draft was typed
    (None: no draft). Only learners in the register are touched: a draft row of a learner who
    left the group meanwhile is not shown (and goes with the next save)."""
    frame = form.frame.copy()
    draft = db.read("flex/attendance_draft", user_id=user_id, session_id=session_id,
                    week_id=week_id)
    if draft.empty:
        return form, None
    position = {int(i): n for n, i in enumerate(frame["learner_id"])}
    for row in draft.to_dict("records"):
        at = position.get(int(row["learner_id"]))
        if at is None:
            continue
        if row["status"] in STATUSES:
            frame.at[frame.index[at], "status"] = row["status"]
        for field in NOTE_FIELDS:
            frame.at[frame.index[at], field] = None if is_blank(row[field]) else row[field]
    return dataclasses.replace(form, frame=frame), draft["typed_at"].max()


def discard_draft(db: Database, viewer: Viewer, session_id: int, week_id: str) -> None:
    """Throw away the viewer's draft of a register."""
    permissions.require(db, viewer, "flex.attendance.record", lambda: _record(db, session_id))
    audit = viewer.audit("draft", "flex_attendance", [session_id],
                         detail=f"week={week_id} discarded")
    with db.transaction(audit) as tx:
        tx.execute("flex/attendance_draft_clear", user_id=viewer.user_id, session_id=session_id,
                   week_id=week_id)
