"""The plan of a school year: priorities (this year, three to five years) with goals and forms,
the initiatives serving them, the induction of starting teachers in three strands, the
evaluation of initiatives at Guskey's five levels, and internal expertise.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd

from app import permissions
from app.auth import Viewer
from app.blank import is_blank
from app.db import Database
from app.errors import UserError
from app.prof import rules
from app.prof.rules import money
from app.scope import Scope


def _opt_int(value) -> int | None:
    return None if is_blank(value) else int(value)


def _opt_day(value) -> dt.date | None:
    return None if is_blank(value) else pd.Timestamp(value).date()


def _title(row: dict, n: int) -> str:
    """The title row n of an editor must have."""
    title = "" if is_blank(row.get("title")) else str(row["title"]).strip()
    if not title:
        raise UserError("prof.error.row_missing", row=n, column="title")
    return title


def _form_and_collective(row: dict, n: int, default_collective: str) -> str:
    """Check the form of row n of an editor, and give its collective (the default when left
    empty), checked too: priorities and initiatives share both lists."""
    if row.get("form") not in rules.FORMS:
        raise UserError("prof.error.row_invalid", row=n, column="form")
    collective = row.get("collective") or default_collective
    if collective not in rules.COLLECTIVES:
        raise UserError("prof.error.row_invalid", row=n, column="collective")
    return collective


def priorities(db: Database, school_year: str) -> pd.DataFrame:
    return db.read("prof/priorities", school_year=school_year)


def save_priorities(db: Database, viewer: Viewer, school_year: str, frame: pd.DataFrame,
                    removed: list[int], codes: dict[str, int]) -> int:
    """Write the priorities editor in one transaction; a bad row is named, nothing is saved.
    `codes` turns the competence codes typed in a row ('DID2, ICT1') into ids."""
    permissions.require(db, viewer, "prof.plan.edit")
    rows = []
    for n, row in enumerate(frame.to_dict("records"), start=1):
        title = _title(row, n)
        if row.get("horizon") not in ("year", "long"):
            raise UserError("prof.error.row_invalid", row=n, column="horizon")
        collective = _form_and_collective(row, n, "team")
        wanted = [c.strip().upper() for c in str(row.get("competences") or "").split(",")
                  if c.strip()]
        if any(c not in codes for c in wanted):
            raise UserError("prof.error.row_invalid", row=n, column="competences")
        until = None if is_blank(row.get("until_year")) else str(row["until_year"]).strip()
        rows.append({"priority_id": _opt_int(row.get("priority_id")),
                     "school_year": school_year, "horizon": row["horizon"],
                     "until_year": until if row["horizon"] == "long" else None,
                     "title": title, "goal": None if is_blank(row.get("goal")) else row["goal"],
                     "form": row["form"], "collective": collective,
                     "competence_ids": [codes[c] for c in wanted] or None, "seq": n})
    audit = viewer.audit("edit", "prof_priority", detail=f"rows={len(rows)}")
    with db.transaction(audit) as tx:
        for priority_id in removed:
            tx.execute("prof/priority_unlink", priority_id=int(priority_id))
            tx.execute("prof/priority_delete", priority_id=int(priority_id))
        tx.execute_many("prof/priority_upsert", rows)
    return len(rows)


def initiatives(db: Database, school_year: str) -> pd.DataFrame:
    frame = db.read("prof/initiatives", school_year=school_year)
    frame["depth"] = [rules.depth(levels) for levels in frame["done_levels"]]
    return frame


def save_initiatives(db: Database, viewer: Viewer, school_year: str, frame: pd.DataFrame,
                     codes: dict[str, int], priority_ids: set[int]) -> int:
    permissions.require(db, viewer, "prof.plan.edit")
    rows = []
    for n, row in enumerate(frame.to_dict("records"), start=1):
        title = _title(row, n)
        collective = _form_and_collective(row, n, "individual")
        code = None if is_blank(row.get("competence")) else str(row["competence"]).strip().upper()
        if code is not None and code not in codes:
            raise UserError("prof.error.row_invalid", row=n, column="competence")
        priority = _opt_int(row.get("priority_id"))
        if priority is not None and priority not in priority_ids:
            raise UserError("prof.error.row_invalid", row=n, column="priority_id")
        starts, ends = _opt_day(row.get("starts_on")), _opt_day(row.get("ends_on"))
        if starts and ends and ends < starts:
            raise UserError("prof.error.row_before_start", row=n, column="ends_on")
        try:
            hours, cost = money(row.get("hours")), money(row.get("estimated_cost"))
        except Exception as error:
            raise UserError("prof.error.row_number", row=n, column="estimated_cost") from error
        if hours < 0 or cost < 0:
            raise UserError("prof.error.row_negative", row=n, column="estimated_cost")
        rows.append({"initiative_id": _opt_int(row.get("initiative_id")),
                     "school_year": school_year, "priority_id": priority, "title": title,
                     "form": row["form"], "collective": collective,
                     "partner": None if is_blank(row.get("partner")) else str(row["partner"]),
                     "competence_id": codes.get(code) if code else None,
                     "starts_on": starts, "ends_on": ends, "hours": hours,
                     "estimated_cost": cost})
    audit = viewer.audit("edit", "prof_initiative", detail=f"rows={len(rows)}")
    with db.transaction(audit) as tx:
        tx.execute_many("prof/initiative_upsert", rows)
    return len(rows)


# -- induction -----------------------------------------------------------------------------------

def inductions(db: Database, scope: Scope, school_year: str) -> pd.DataFrame:
    return db.read("prof/inductions", scope=scope, school_year=school_year)


def save_induction(db: Database, viewer: Viewer, school_year: str, starter: int,
                   mentor: int | None, agreement: str | None, agreed_on: dt.date | None) -> None:
    permissions.require(db, viewer, "prof.plan.edit")
    if mentor is not None and mentor == starter:
        raise UserError("prof.error.mentor_is_starter")
    audit = viewer.audit("edit", "prof_induction", record_ids=[starter])
    with db.transaction(audit) as tx:
        tx.execute("prof/induction_upsert", school_year=school_year, starter_staff_id=starter,
                   mentor_staff_id=mentor, agreement=(agreement or "").strip() or None,
                   agreed_on=agreed_on)


def add_activity(db: Database, viewer: Viewer, induction_id: int, strand: str, title: str,
                 planned_on: dt.date | None, done_on: dt.date | None = None) -> None:
    permissions.require(db, viewer, "prof.plan.edit")
    if strand not in rules.STRANDS:
        raise UserError("prof.error.field_invalid", field="strand")
    if not (title or "").strip():
        raise UserError("prof.error.field_missing", field="title")
    audit = viewer.audit("edit", "prof_induction_activity", record_ids=[induction_id])
    with db.transaction(audit) as tx:
        tx.execute("prof/activity_insert", induction_id=induction_id, strand=strand,
                   title=title.strip(), planned_on=planned_on, done_on=done_on)


# -- evaluation ----------------------------------------------------------------------------------

def record_evaluation(db: Database, viewer: Viewer, initiative_id: int, level: int,
                      done_on: dt.date, score: float | None, note: str | None = None) -> None:
    """An evaluation at level 1 to 4 (score 1-5). Levels 1-2 right after an initiative plan the
    follow-ups at levels 3 and 4 when none are planned yet; a planned follow-up of the same
    level is completed instead of added twice."""
    permissions.require(db, viewer, "prof.plan.edit")
    if level not in (1, 2, 3, 4):
        raise UserError("prof.error.field_invalid", field="level")
    if score is None or not 1 <= float(score) <= 5:
        raise UserError("prof.error.score")
    existing = db.read("prof/evaluations", school_year=_initiative_year(db, initiative_id))
    mine = existing[existing["initiative_id"] == initiative_id]
    planned = mine[(mine["level"] == level) & mine["done_on"].isna()]
    audit = viewer.audit("edit", "prof_evaluation", record_ids=[initiative_id],
                         detail=f"level={level}")
    with db.transaction(audit) as tx:
        common = {"initiative_id": initiative_id, "level": level, "done_on": done_on,
                  "score": Decimal(str(score)), "note": note, "recorded_by": viewer.name}
        if len(planned):
            tx.execute("prof/evaluation_complete", **common)
        else:
            tx.execute("prof/evaluation_insert", planned_on=None, before_value=None,
                       after_value=None, learners=None, **common)
        if level <= 2:
            for follow_level, when in rules.follow_ups(done_on):
                if not len(mine[mine["level"] == follow_level]):
                    tx.execute("prof/evaluation_insert", initiative_id=initiative_id,
                               level=follow_level, planned_on=when, done_on=None, score=None,
                               before_value=None, after_value=None, learners=None, note=None,
                               recorded_by=viewer.name)
                    mine = pd.concat([mine, pd.DataFrame([{"level": follow_level}])])


def _initiative_year(db: Database, initiative_id: int) -> str:
    year = db.scalar("prof/initiative_year", initiative_id=initiative_id)
    if year is None:
        raise UserError("prof.error.no_initiative")
    return str(year)


def level5(db: Database, viewer: Viewer, initiative_id: int, today: dt.date) -> dict:
    """Level 5 from the results data: the participants' classes in the subject of their
    requests, the period before the initiative against the period after it."""
    permissions.require(db, viewer, "prof.plan.edit")
    year = _initiative_year(db, initiative_id)
    requests = db.read("prof/requests", scope=Scope(staff_data=True), school_year=year)
    mine = requests[(requests["initiative_id"] == initiative_id)
                    & requests["state"].isin(["done", "evaluated"])]
    classes = sorted({int(c) for ids in mine["class_ids"] for c in (ids if ids is not None
                                                                    else [])})
    subjects = [s for s in mine["subject_id"] if isinstance(s, str)]
    if not classes or not subjects:
        raise UserError("prof.error.level5_no_classes")
    starts = min(pd.Timestamp(d).date() for d in mine["starts_on"])
    ends = max(pd.Timestamp(d if not is_blank(d) else s).date()
               for d, s in zip(mine["ends_on"], mine["starts_on"], strict=True))
    found = db.one("prof/level5_results", class_ids=classes, subject_id=subjects[0],
                   starts_on=starts, ends_on=ends)
    if not found or found["before_value"] is None or found["after_value"] is None:
        raise UserError("prof.error.level5_no_results")
    audit = viewer.audit("edit", "prof_evaluation", record_ids=[initiative_id],
                         detail="level=5")
    with db.transaction(audit) as tx:
        tx.execute("prof/evaluation_insert", initiative_id=initiative_id, level=5,
                   planned_on=None, done_on=today, score=None,
                   before_value=found["before_value"], after_value=found["after_value"],
                   learners=found["learners"], note=None, recorded_by=viewer.name)
    return found


def depth_table(initiatives_frame: pd.DataFrame) -> pd.DataFrame:
    """Per initiative: how deep the evaluation reached, the next follow-up, and euros per level
    reached (spent, or committed when nothing is spent yet)."""
    frame = initiatives_frame.copy()
    if frame.empty:
        return frame.assign(cost=[], euros_per_level=[])
    frame["cost"] = [float(s) if float(s) else float(c)
                     for s, c in zip(frame["spent"], frame["committed"], strict=True)]
    frame["euros_per_level"] = [c / d if d else None
                                for c, d in zip(frame["cost"], frame["depth"], strict=True)]
    return frame


def uncovered(school_needs: pd.DataFrame, people_needs: pd.DataFrame,
              initiatives_frame: pd.DataFrame, priorities_frame: pd.DataFrame) -> pd.DataFrame:
    """Gaps no initiative or priority of the year addresses yet: school-level needs, and
    competences individuals are short of, without an initiative on that competence."""
    covered = {int(c) for c in initiatives_frame["competence_id"].dropna()} if len(
        initiatives_frame) else set()
    for ids in (priorities_frame["competence_ids"] if len(priorities_frame) else []):
        covered |= {int(c) for c in (ids if ids is not None else [])}
    rows = []
    if len(people_needs):
        counts = people_needs.groupby(["competence_id", "code"]).size().reset_index(
            name="people")
        school = set(school_needs["competence_id"]) if len(school_needs) else set()
        for row in counts.itertuples():
            if int(row.competence_id) not in covered:
                rows.append({"competence_id": int(row.competence_id), "code": row.code,
                             "people": int(row.people),
                             "school_need": int(row.competence_id) in school})
    return pd.DataFrame(rows, columns=["competence_id", "code", "people", "school_need"]
                        ).sort_values(["school_need", "people"], ascending=False)


def expertise(db: Database, scope: Scope) -> pd.DataFrame:
    return db.read("prof/expertise", scope=scope)


def declare_expertise(db: Database, viewer: Viewer, competence_id: int, note: str | None,
                      today: dt.date) -> None:
    """A staff member says they can share what they know of a competence (only about
    themselves: an account without a staff link is refused)."""
    permissions.require(db, viewer, "prof.expertise.declare",
                        permissions.StaffMember(viewer.staff_id))
    audit = viewer.audit("edit", "prof_expertise", record_ids=[viewer.staff_id])
    with db.transaction(audit) as tx:
        tx.execute("prof/expertise_upsert", staff_id=viewer.staff_id,
                   competence_id=competence_id, note=(note or "").strip() or None, today=today)


def internal_experts(db: Database, competence_id: int, staff_id: int | None) -> pd.DataFrame:
    return db.read("prof/internal_experts", competence_id=competence_id, staff_id=staff_id)
