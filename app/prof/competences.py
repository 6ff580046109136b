"""Competences: the framework (seeded from the reference document, editable), the level needed
per role, subject team or grade, the level each staff member has (self-assessment, a survey
tagged 'professional needs', an appraisal talk, an import), and the gap matrices staff ×
competence and team × competence that turn into professionalisation needs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from app import permissions
from app.auth import Viewer
from app.blank import is_blank
from app.db import Database
from app.errors import UserError
from app.prof import rules
from app.scope import Scope

# A competence is a school-level need when at least this share of the staff it applies to is
# short of the needed level.
SCHOOL_NEED_SHARE = 0.3
TARGET_KINDS = ("school", "role", "subject_team", "grade")


def framework(db: Database) -> pd.DataFrame:
    return db.read("prof/competences")


def name_column(lang: str) -> str:
    return "name_en" if lang == "en" else "name_nl"


def save_framework(db: Database, viewer: Viewer, frame: pd.DataFrame) -> int:
    """Write the framework editor in one transaction; a bad row is named, nothing is saved."""
    permissions.require(db, viewer, "prof.competences.edit")
    domains = set(db.read("prof/domains")["domain_id"])
    known_ok = set(db.read("prof/ok_expectations")["code"])
    rows, codes = [], []
    for n, row in enumerate(frame.to_dict("records"), start=1):
        code = str(row.get("code") or "").strip().upper()
        if not code:
            raise UserError("prof.error.row_missing", row=n, column="code")
        if code in codes:
            raise UserError("prof.error.row_twice", row=n, column="code")
        if row.get("domain_id") not in domains:
            raise UserError("prof.error.row_invalid", row=n, column="domain_id")
        name_nl = str(row.get("name_nl") or "").strip()
        name_en = str(row.get("name_en") or "").strip() or name_nl
        if not name_nl:
            raise UserError("prof.error.row_missing", row=n, column="name_nl")
        ok = [c.strip().upper() for c in str(row.get("ok_codes") or "").split(",") if c.strip()]
        unknown = [c for c in ok if c not in known_ok]
        if unknown:
            raise UserError("prof.error.row_invalid", row=n, column="ok_codes")
        competence_id = row.get("competence_id")
        competence_id = None if is_blank(competence_id) else int(competence_id)
        codes.append(code)
        rows.append({"competence_id": competence_id, "domain_id": row["domain_id"],
                     "code": code, "name_nl": name_nl, "name_en": name_en, "ok_codes": ok,
                     "seq": int(row.get("seq") or n), "is_active": bool(row.get("is_active",
                                                                                True))})
    audit = viewer.audit("edit", "prof_competence", detail=f"rows={len(rows)}")
    with db.transaction(audit) as tx:
        tx.execute_many("prof/competence_upsert", rows)
    return len(rows)


def needed(db: Database) -> pd.DataFrame:
    return db.read("prof/needed_levels")


def save_needed(db: Database, viewer: Viewer, frame: pd.DataFrame) -> int:
    """The needed levels as the editor holds them: all rows replace the stored ones at once."""
    permissions.require(db, viewer, "prof.competences.edit")
    by_code = dict(zip(framework(db)["code"], framework(db)["competence_id"], strict=True))
    rows, seen = [], set()
    for n, row in enumerate(frame.to_dict("records"), start=1):
        code = str(row.get("code") or "").strip().upper()
        if code not in by_code:
            raise UserError("prof.error.row_invalid", row=n, column="code")
        kind = row.get("target_kind")
        if kind not in TARGET_KINDS:
            raise UserError("prof.error.row_invalid", row=n, column="target_kind")
        target = "" if kind == "school" else str(row.get("target") or "").strip()
        if kind != "school" and not target:
            raise UserError("prof.error.row_missing", row=n, column="target")
        try:
            level = int(row.get("level"))
        except (TypeError, ValueError) as error:
            raise UserError("prof.error.row_level", row=n, column="level") from error
        if level not in rules.LEVELS:
            raise UserError("prof.error.row_level", row=n, column="level")
        key = (code, kind, target)
        if key in seen:
            raise UserError("prof.error.row_twice", row=n, column="code")
        seen.add(key)
        rows.append({"competence_id": int(by_code[code]), "target_kind": kind,
                     "target": target, "level": level})
    audit = viewer.audit("edit", "prof_needed_level", detail=f"rows={len(rows)}")
    with db.transaction(audit) as tx:
        tx.execute("prof/needed_delete")
        tx.execute_many("prof/needed_insert", rows)
    return len(rows)


def record_own_level(db: Database, viewer: Viewer, staff_id: int, competence_id: int,
                     level: int, assessed_on: dt.date, note: str | None = None) -> None:
    """A level from the short form: a staff member about themselves (source 'self')."""
    permissions.require(db, viewer, "prof.level.self", permissions.StaffMember(staff_id))
    _record_level(db, viewer, staff_id, competence_id, level, "self", assessed_on, note)


def record_appraisal(db: Database, viewer: Viewer, staff_id: int, competence_id: int,
                     level: int, assessed_on: dt.date, note: str | None = None) -> None:
    """A level after an appraisal talk (source 'appraisal'): the director's, appraisal data is
    confidential."""
    permissions.require(db, viewer, "prof.level.appraise", permissions.StaffMember(staff_id))
    _record_level(db, viewer, staff_id, competence_id, level, "appraisal", assessed_on, note)


def _record_level(db: Database, viewer: Viewer, staff_id: int, competence_id: int, level: int,
                  source: str, assessed_on: dt.date, note: str | None) -> None:
    if level not in rules.LEVELS:
        raise UserError("prof.error.field_invalid", field="level")
    audit = viewer.audit("edit", "prof_staff_level", record_ids=[staff_id], detail=source)
    with db.transaction(audit) as tx:
        tx.execute("prof/staff_level_upsert", staff_id=staff_id, competence_id=competence_id,
                   source=source, level=level, assessed_on=assessed_on, note=note,
                   recorded_by=viewer.name)


def levels_from_survey(db: Database, viewer: Viewer, survey_id: int) -> int:
    """Present levels from a staff survey tagged 'professional needs' (source 'survey')."""
    permissions.require(db, viewer, "prof.competences.edit")
    found = db.records("prof/survey_levels", survey_id=survey_id)
    if not found:
        raise UserError("prof.error.survey_no_levels")
    audit = viewer.audit("edit", "prof_staff_level", detail=f"survey={survey_id} "
                                                           f"rows={len(found)}")
    with db.transaction(audit) as tx:
        tx.execute_many("prof/staff_level_upsert", [
            {**row, "source": "survey", "note": None, "recorded_by": viewer.name}
            for row in found])
    return len(found)


# -- gaps ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Gaps:
    staff: pd.DataFrame            # one row per staff member × competence that applies
    by_team: pd.DataFrame          # subject team × competence: mean gap and share short
    school_needs: pd.DataFrame     # competences where enough of the staff is short


def gaps(people: pd.DataFrame, competences: pd.DataFrame, needs: pd.DataFrame,
         levels: pd.DataFrame) -> Gaps:
    """Needed against present level for every staff member and competence that has a needed
    level for them. Unknown present levels stay unknown (no gap is invented)."""
    need_rows = defaultdict(list)
    for row in needs.to_dict("records"):
        need_rows[int(row["competence_id"])].append(row)
    assessed = defaultdict(list)
    for row in levels.to_dict("records"):
        assessed[(int(row["staff_id"]), int(row["competence_id"]))].append(row)
    active = competences[competences["is_active"]] if "is_active" in competences else competences
    items = active.to_dict("records")    # once, not per person: 0.3 s at 200 staff otherwise
    rows = []
    for person in people.to_dict("records"):
        for comp in items:
            cid = int(comp["competence_id"])
            need = rules.needed_level(need_rows.get(cid, []), _items(person.get("roles")),
                                      person["subject_team"], _items(person.get("grades")),
                                      _items(person.get("teams")))
            if need is None:
                continue
            present = rules.present_level(assessed.get((int(person["staff_id"]), cid), []))
            rows.append({"staff_id": int(person["staff_id"]), "name": person["name"],
                         "subject_team": person["subject_team"], "competence_id": cid,
                         "code": comp["code"], "needed": need, "present": present,
                         "gap": rules.gap(need, present)})
    staff = pd.DataFrame(rows, columns=["staff_id", "name", "subject_team", "competence_id",
                                        "code", "needed", "present", "gap"])
    if staff.empty:
        empty_team = pd.DataFrame(columns=["subject_team", "code", "competence_id", "mean_gap",
                                           "short", "known", "share_short"])
        empty_need = pd.DataFrame(columns=["competence_id", "code", "short", "known",
                                           "share_short"])
        return Gaps(staff, empty_team, empty_need)
    known = staff[staff["gap"].notna()].copy()
    known["gap"] = known["gap"].astype(int)
    known["is_short"] = known["gap"] > 0
    by_team = known.groupby(["subject_team", "code", "competence_id"]).agg(
        mean_gap=("gap", "mean"), short=("is_short", "sum"), known=("gap", "size")
    ).reset_index()
    by_team["share_short"] = by_team["short"] / by_team["known"]
    school = known.groupby(["competence_id", "code"]).agg(
        short=("is_short", "sum"), known=("gap", "size")).reset_index()
    school["share_short"] = school["short"] / school["known"]
    school_needs = school[school["share_short"] >= SCHOOL_NEED_SHARE].sort_values(
        "share_short", ascending=False).reset_index(drop=True)
    return Gaps(staff, by_team, school_needs)


def _items(value) -> list:
    """A list column's cell (a list, a numpy array or nothing) as a plain list."""
    return [] if value is None else list(value)


def load_gaps(db: Database, scope: Scope) -> Gaps:
    return gaps(db.read("prof/staff_people", scope=scope), framework(db), needed(db),
                db.read("prof/staff_levels", scope=scope))


def matrix(frame: pd.DataFrame, index: str, value: str) -> pd.DataFrame:
    """A long frame as a matrix: rows `index`, a column per competence code."""
    if frame.empty:
        return pd.DataFrame()
    return frame.pivot_table(index=index, columns="code", values=value, aggfunc="first")


def person_needs(gaps_frame: pd.DataFrame) -> pd.DataFrame:
    """Per person, the competences they are short of (their individual needs)."""
    short = gaps_frame[gaps_frame["gap"].fillna(0).astype(float) > 0]
    return short.sort_values(["name", "gap"], ascending=[True, False])
