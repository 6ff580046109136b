"""The offer of a cycle: its sessions, edited in a table and saved in one transaction.

The editor gets the offer as a frame with readable columns; on save the edited frame is compared
with the one the editor started from, keyed by session id and cell by cell: only the cells the
person changed are written, so a value the editor cannot show (a leader who left) survives an
unrelated edit. Every row is checked first (which row, which column, why); nothing is written
while one row is wrong. The save also checks that nobody changed the offer since the editor
loaded it (a fingerprint of the rows), so two people editing at once never overwrite each other;
the refused editor keeps their edits on screen.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import pandas as pd

from app import display, permissions, settings
from app.auth import Viewer
from app.blank import is_blank
from app.db import Database
from app.errors import UserError
from app.flex import plans, words
from app.i18n import Translator
from app.importing import values
from app.problems import Problem

KINDS = ("remediation", "deepening", "broadening")
LEADER_KINDS = ("teacher", "teaching_assistant", "coach", "student_teacher", "guest")
COLUMNS = ("slot", "code", "kind", "subject", "title", "leader", "leader_name", "leader_kind",
           "room", "capacity", "years", "classes")
STORED = ("slot_id", "code", "kind", "subject_id", "title", "leader_staff_id", "leader_name",
          "leader_kind", "room", "capacity", "years_of_study", "class_codes")
# The stored fields an editor column sets. A kind sets the subject too (none for broadening), a
# leader from the staff list the other leader's name (none then).
FIELDS = {"slot": ("slot_id",), "code": ("code",), "kind": ("kind", "subject_id"),
          "subject": ("subject_id",), "title": ("title",),
          "leader": ("leader_staff_id", "leader_name"), "leader_name": ("leader_name",),
          "leader_kind": ("leader_kind",), "room": ("room",), "capacity": ("capacity",),
          "years": ("years_of_study",), "classes": ("class_codes",)}


@dataclass(frozen=True)
class Choices:
    """What the editor's drop-downs offer, and how to turn a label back into an id."""

    slots: dict[str, int]            # 'dinsdag 7e uur' -> slot id
    subjects: dict[str, str]         # 'Wiskunde (WIS)' -> 'WIS'
    staff: dict[str, int]            # 'Peeters, An', 'Hermans, Lucas (Frans)' -> staff id
    kinds: dict[str, str]            # 'remediëring' -> 'remediation'
    leader_kinds: dict[str, str]     # 'coach' -> 'coach'
    classes: frozenset[str]          # class codes of the school year


def choices(db: Database, school_year: str, t: Translator) -> Choices:
    slots = db.read("import/slots").sort_values(["weekday", "lesson_hour"])
    subjects = db.read("import/subjects").sort_values("subject_id")
    staff = db.read("common/staff_options")
    name = "name_en" if t.lang == "en" else "name_nl"
    return Choices(
        slots={words.slot(t, r.weekday, r.lesson_hour): int(r.slot_id)
               for r in slots.itertuples()},
        subjects={f"{getattr(r, name)} ({r.subject_id})": r.subject_id
                  for r in subjects.itertuples()},
        # Labels tell namesakes apart, so each one maps back to its own id.
        staff={label: staff_id for staff_id, label in display.staff_labels(staff).items()},
        kinds={t.kind(k): k for k in KINDS},
        leader_kinds={t(f"leader_kind.{k}"): k for k in LEADER_KINDS},
        classes=frozenset(db.read("import/classes", school_year=school_year)["code"]),
    )


def sessions(db: Database, cycle_id: int) -> pd.DataFrame:
    """The offer as stored, per flex moment, kind and code (B2 before B10)."""
    raw = db.read("flex/cycle_sessions", cycle_id=cycle_id, lang="nl")
    order = sorted(range(len(raw)), key=lambda i: (
        raw["weekday"].iloc[i], raw["lesson_hour"].iloc[i],
        plans.KIND_ORDER.get(raw["kind"].iloc[i], 9), plans.natural(raw["code"].iloc[i])))
    return raw.iloc[order].reset_index(drop=True)


def fingerprint(raw: pd.DataFrame) -> str:
    """A short digest of the offer as stored: changes when anyone changes any session."""
    columns = ["session_id", "slot_id", "code", "kind", "subject_id", "title",
               "leader_staff_id", "leader_name", "leader_kind", "room", "capacity",
               "years_of_study", "class_codes"]
    text = raw[columns].sort_values("session_id").to_csv(index=False) if len(raw) else ""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _listy(value) -> bool:
    return hasattr(value, "__len__") and not isinstance(value, str) and len(value) > 0


def editable(raw: pd.DataFrame, pick: Choices) -> pd.DataFrame:
    """The stored sessions as the editor shows them: labels instead of ids, lists as text.
    The session id is a column the editor hides (empty in added rows), not the index: an
    editor with added rows shows its index."""
    slot_label = {v: k for k, v in pick.slots.items()}
    subject_label = {v: k for k, v in pick.subjects.items()}
    staff_label = {v: k for k, v in pick.staff.items()}
    kind_label = {v: k for k, v in pick.kinds.items()}
    leader_kind_label = {v: k for k, v in pick.leader_kinds.items()}
    frame = pd.DataFrame({
        "session_id": pd.array(raw["session_id"].astype(int).tolist(), dtype="Int64"),
        "slot": [slot_label.get(int(s)) for s in raw["slot_id"]],
        "code": list(raw["code"]),
        "kind": [kind_label[k] for k in raw["kind"]],
        "subject": [subject_label.get(s) if isinstance(s, str) else None
                    for s in raw["subject_id"]],
        "title": [_text(v) for v in raw["title"]],
        "leader": [staff_label.get(int(s)) if pd.notna(s) else None
                   for s in raw["leader_staff_id"]],
        "leader_name": [_text(v) for v in raw["leader_name"]],
        "leader_kind": [leader_kind_label[k] for k in raw["leader_kind"]],
        "room": [_text(v) for v in raw["room"]],
        "capacity": pd.array(raw["capacity"].astype(int).tolist(), dtype="Int64"),
        "years": [", ".join(str(int(y)) for y in ys) if _listy(ys) else None
                  for ys in raw["years_of_study"]],
        "classes": [", ".join(cs) if _listy(cs) else None for cs in raw["class_codes"]],
    })
    # Object columns, not pandas 3's str dtype: the editor must be able to hold None in them.
    return frame.astype({c: "object" for c in COLUMNS if c != "capacity"})


def form(frame: pd.DataFrame, pick: Choices, t: Translator) -> display.Form:
    """The editor of the offer: drop-downs of the labels ``editable`` made, the session id
    kept out of sight."""
    return display.editor(frame, t, [
        display.code("slot", "offer.col.slot", None, options=pick.slots, required=True),
        display.text("code", "offer.col.code", required=True, max_chars=20),
        display.code("kind", "offer.col.kind", None, options=pick.kinds, required=True),
        display.code("subject", "offer.col.subject", None, options=pick.subjects),
        display.text("title", "offer.col.title", help="offer.help.title"),
        display.code("leader", "offer.col.leader", None, options=pick.staff,
                     help="offer.help.leader"),
        display.text("leader_name", "offer.col.leader_name", help="offer.help.leader_name"),
        display.code("leader_kind", "offer.col.leader_kind", None, options=pick.leader_kinds),
        display.text("room", "offer.col.room"),
        display.count("capacity", "offer.col.capacity", minimum=1, maximum=200, required=True),
        display.text("years", "offer.col.years", help="offer.help.years"),
        display.text("classes", "offer.col.classes", help="offer.help.classes"),
    ], keep=["session_id"])


def _text(value) -> str | None:
    return None if is_blank(value) else str(value).strip() or None


def _parse(edited: pd.DataFrame, pick: Choices) -> tuple[list[dict], list[Problem]]:
    rows, problems = [], []
    for position, (_, row) in enumerate(edited.iterrows(), start=1):
        session_id = row.get("session_id")
        def problem(column: str, reason: str, value=None, at: int = position,
                    **params) -> None:
            problems.append(Problem(at, column, value, reason, params))

        slot = pick.slots.get(_text(row.get("slot")) or "")
        if slot is None:
            problem("slot", "offer.problem.slot", row.get("slot"))
        code = _text(row.get("code"))
        if code is None:
            problem("code", "offer.problem.required")
        kind = pick.kinds.get(_text(row.get("kind")) or "")
        if kind is None:
            problem("kind", "offer.problem.kind", row.get("kind"))
        subject = pick.subjects.get(_text(row.get("subject")) or "")
        if _text(row.get("subject")) and subject is None:
            problem("subject", "offer.problem.subject", row.get("subject"))
        if kind in ("remediation", "deepening") and subject is None:
            problem("subject", "offer.problem.subject_needed")
        leader = _text(row.get("leader"))
        staff_id = pick.staff.get(leader or "")
        if leader and staff_id is None:
            problem("leader", "offer.problem.leader", leader)
        leader_kind = pick.leader_kinds.get(_text(row.get("leader_kind")) or "", "teacher")
        capacity = row.get("capacity")
        try:
            capacity = values.integer(capacity)
            if not 1 <= capacity <= 200:
                raise values.Invalid("offer.problem.capacity")
        except values.Invalid:
            problem("capacity", "offer.problem.capacity", row.get("capacity"))
            capacity = None
        years = None
        if _text(row.get("years")):
            try:
                years = values.years_of_study(row["years"])
            except values.Invalid:
                problem("years", "offer.problem.years", row.get("years"))
        classes = None
        if _text(row.get("classes")):
            classes = sorted({c.strip().upper() for c in re.split(r"[,;\s]+", row["classes"])
                              if c.strip()})
            unknown = [c for c in classes if c not in pick.classes]
            if unknown:
                problem("classes", "offer.problem.classes", row.get("classes"),
                        unknown=", ".join(unknown))
        rows.append({
            "session_id": None if is_blank(session_id) else int(session_id),
            "position": position, "slot_id": slot, "code": code, "kind": kind,
            "subject_id": subject if kind != "broadening" else None,
            "title": _text(row.get("title")), "leader_staff_id": staff_id,
            "leader_name": None if staff_id else _text(row.get("leader_name")),
            "leader_kind": leader_kind, "room": _text(row.get("room")), "capacity": capacity,
            "years_of_study": years, "class_codes": classes,
        })
    seen: dict[tuple, int] = {}
    for r in rows:
        key = (r["slot_id"], (r["code"] or "").casefold())
        if r["code"] and key in seen:
            problems.append(Problem(r["position"], "code", r["code"], "offer.problem.duplicate",
                                    {"other": seen[key]}))
        seen.setdefault(key, r["position"])
    return rows, problems


@dataclass
class Saved:
    added: int = 0
    changed: int = 0
    removed: int = 0
    problems: list[Problem] | None = None


def save(db: Database, viewer: Viewer, cycle_id: int, loaded_fingerprint: str,
         edited: pd.DataFrame, pick: Choices) -> Saved:
    """Write the edited offer in one transaction, or nothing: the problems per row, or a
    refusal when someone changed the offer since it was loaded (the edits stay on screen)."""
    permissions.require(db, viewer, "flex.offer.edit")
    rows, problems = _parse(edited, pick)
    if problems:
        return Saved(problems=problems)
    with db.transaction(viewer.audit("edit", "flex_session")) as tx:
        stored = tx.read("flex/cycle_sessions", cycle_id=cycle_id, lang="nl")
        if fingerprint(stored) != loaded_fingerprint:
            raise UserError("offer.error.changed_meanwhile")
        before = {int(r.session_id): r for r in stored.itertuples()}
        # What the editor started from: the fingerprint says it is what is stored now.
        touched = _touched(edited, editable(stored, pick))
        kept = {r["session_id"] for r in rows if r["session_id"] is not None}
        gone = sorted(set(before) - kept)
        if gone:
            used = tx.read("flex/sessions_in_use", session_ids=gone)
            if len(used):
                code = {sid: before[sid].code for sid in gone}
                raise UserError("offer.error.in_use", sessions=", ".join(
                    f"{code[int(r.session_id)]} ({int(r.learners)})" for r in used.itertuples()))
            tx.execute("flex/sessions_delete", session_ids=gone)
        result = Saved(removed=len(gone))
        fresh = [r for r in rows if r["session_id"] is None]
        ids = tx.next_ids("flex_session_id_seq", len(fresh)) if fresh else []
        for r, session_id in zip(fresh, ids, strict=True):
            r["session_id"] = session_id
            r["is_new"] = True
        for r in rows:
            params = {k: v for k, v in r.items() if k not in ("position", "is_new")}
            if r.get("is_new"):
                tx.execute("flex/session_insert", cycle_id=cycle_id, **params)
                result.added += 1
            elif r["session_id"] in touched:
                merged = _merged(before[r["session_id"]], params, touched[r["session_id"]])
                if _changed(before[r["session_id"]], merged):
                    tx.execute("flex/session_update", **merged)
                    result.changed += 1
        tx.audit.detail = f"cycle={cycle_id} added={result.added} changed={result.changed} " \
                          f"removed={result.removed}"
    return result


def _norm(value):
    """A value as two cells are compared: lists as tuples, blanks (an empty list too) None."""
    if isinstance(value, str):
        return value.strip() or None
    if hasattr(value, "__len__"):
        return tuple(value) or None
    return None if is_blank(value) else value


def _touched(edited: pd.DataFrame, shown: pd.DataFrame) -> dict[int, set[str]]:
    """Per stored session in ``edited``, the editor columns whose cell differs from ``shown``
    (what the editor started from); sessions without a changed cell are left out."""
    started = {int(r["session_id"]): r for _, r in shown.iterrows()}
    touched: dict[int, set[str]] = {}
    for _, row in edited.iterrows():
        if is_blank(row.get("session_id")) or int(row["session_id"]) not in started:
            continue
        session_id = int(row["session_id"])
        columns = {c for c in COLUMNS if c in edited.columns
                   and _norm(row[c]) != _norm(started[session_id][c])}
        if columns:
            touched[session_id] = columns
    return touched


def _merged(old, new: dict, columns: set[str]) -> dict:
    """The stored session with the fields of the changed ``columns`` taken from ``new``."""
    fields = {f for c in columns for f in FIELDS[c]}
    merged = {"session_id": new["session_id"]}
    for key in STORED:
        merged[key] = new[key] if key in fields else _parameter(getattr(old, key))
    return merged


def _parameter(value):
    """A stored value as a query parameter: NumPy's numbers as Python's, lists as lists,
    blanks None."""
    value = _norm(value)
    if isinstance(value, tuple):
        return [v.item() if hasattr(v, "item") else v for v in value]
    return value.item() if hasattr(value, "item") else value


def _changed(old, new: dict) -> bool:
    return any(_norm(getattr(old, k)) != _norm(new[k]) for k in STORED)


def copy_previous(db: Database, viewer: Viewer, cycle_id: int) -> int:
    """Copy the previous cycle's offer into an empty cycle, in one step."""
    permissions.require(db, viewer, "flex.offer.edit")
    previous = db.scalar("flex/previous_cycle", cycle_id=cycle_id)
    if previous is None:
        raise UserError("offer.error.no_previous")
    with db.transaction(viewer.audit("edit", "flex_session")) as tx:
        if len(tx.read("flex/cycle_sessions", cycle_id=cycle_id, lang="nl")):
            raise UserError("offer.error.not_empty")
        copied = tx.count("flex/copy_offer", from_cycle=int(previous), to_cycle=cycle_id)
        if not copied:
            raise UserError("offer.error.previous_empty")
        tx.audit.detail = f"cycle={cycle_id} copied={copied} from={previous}"
    return copied


def add_slot(db: Database, viewer: Viewer, weekday: int, lesson_hour: int) -> int:
    """A new flex moment (a weekday and lesson hour) for the offer to use."""
    permissions.require(db, viewer, "flex.offer.edit")
    with db.transaction(viewer.audit("edit", "flex_slot")) as tx:
        known = tx.read("import/slots")
        if ((known["weekday"] == weekday) & (known["lesson_hour"] == lesson_hour)).any():
            raise UserError("offer.error.slot_exists")
        slot_id = tx.next_ids("flex_slot_id_seq", 1)[0]
        tx.execute("flex/slot_insert", slot_id=slot_id, weekday=weekday,
                   lesson_hour=lesson_hour)
        tx.audit.record_ids = [str(slot_id)]
    return slot_id


def problem_text(problem: Problem, t: Translator) -> str:
    reason = t(problem.reason, **problem.params)
    column = t(f"offer.col.{problem.column}")
    if is_blank(problem.value):
        return t("offer.problem.line_empty", row=problem.row, column=column, reason=reason)
    return t("offer.problem.line", row=problem.row, column=column, value=problem.value,
             reason=reason)


def save_rules(db: Database, viewer: Viewer, rules: dict[str, float]) -> None:
    """The routing rules in one transaction; values outside their bounds are refused."""
    permissions.require(db, viewer, "flex.rules.edit")
    for key, value in rules.items():
        low, high, _ = settings.FLEX_RULES[key]
        if not low <= value <= high:
            raise UserError("offer.error.rule_bounds", low=low, high=high)
    if rules["flex.rule.remediation_below"] >= rules["flex.rule.deepening_above"]:
        raise UserError("offer.error.rule_order")
    with db.transaction(viewer.audit("edit", "setting")) as tx:
        for key, value in rules.items():
            settings.put(tx, key, int(value) if settings.FLEX_RULES[key][2] == 1 else float(value))
        tx.audit.detail = ", ".join(f"{k}={v}" for k, v in rules.items())
