"""Teacher leaders: a register of roles (grade coordinator, care coordinator, mentor, ...), who
holds each, its responsibilities with estimated hours, and the hours released for it.

The load of a person compares what they are given with what they are asked: teaching hours
plus released hours (together their assignment, lesopdracht: the released hours come out of
it) against teaching hours plus the estimated hours of their responsibilities. The load ratio
is the second over the first; above the school's threshold (default 1.2) the page warns, and
the director sees where the load is unrealistic. A time-registration survey (tag
'time_registration') shows the hours people report per role beside the estimate. All hours are
per week.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from app import display, permissions, settings
from app.auth import Viewer
from app.blank import is_blank
from app.db import Database
from app.errors import UserError
from app.i18n import Translator
from app.importing.values import fold
from app.scope import Scope
from app.team import Problem

THRESHOLD_KEY = "team.load_threshold"
DEFAULT_THRESHOLD = 1.2
# The setting lives with the tool that uses it; settings.DEFAULTS is where every key is known.
settings.DEFAULTS.setdefault(THRESHOLD_KEY, DEFAULT_THRESHOLD)
MAX_HOURS = 40.0
MAX_TEXT = 300


def threshold(db: Database) -> float:
    return float(settings.get(db, THRESHOLD_KEY))


def set_threshold(db: Database, viewer: Viewer, value: float) -> None:
    permissions.require(db, viewer, "team.leaders.edit")
    if not 1.0 <= float(value) <= 3.0:
        raise UserError("team.leaders.error.threshold", low="1,0", high="3,0")
    audit = viewer.audit("edit", "setting", detail=f"{THRESHOLD_KEY}={value}")
    with db.transaction(audit) as tx:
        settings.put(tx, THRESHOLD_KEY, float(value))


def roles(db: Database) -> pd.DataFrame:
    return db.read("team/leaders/roles")


def role_name(row, lang: str) -> str:
    return str(row["name_en" if lang == "en" else "name_nl"])


def tasks(db: Database, role_id: int) -> pd.DataFrame:
    return db.read("team/leaders/tasks", role_id=role_id)


def holders(db: Database, role_id: int) -> pd.DataFrame:
    return db.read("team/leaders/holders", role_id=role_id)


def holders_for_editor(db: Database, role_id: int, staff: pd.DataFrame) -> pd.DataFrame:
    """A role's holders as the editor shows them: each by the label that tells namesakes apart
    (display.staff_labels), which check_holders maps back to the one staff member."""
    found = holders(db, role_id)
    labels = display.staff_labels(staff)
    return found.assign(name=[labels.get(int(s), n) for s, n in
                              zip(found["staff_id"], found["name"], strict=True)])[
        ["name", "released_hours"]]


# -- editing the register -----------------------------------------------------------------------

def _hours(value: object) -> float:
    """Hours per week: a number from 0 to 40, decimal comma or point."""
    if isinstance(value, bool):
        raise ValueError
    number = float(str(value).strip().replace(",", "."))
    if is_blank(number) or not 0 <= number <= MAX_HOURS:
        raise ValueError
    return round(number, 2)


def check_tasks(frame: pd.DataFrame) -> tuple[list[dict], list[Problem]]:
    """Responsibilities as edited: a text and estimated hours per week, each row complete."""
    rows, problems = [], []
    for position, row in enumerate(frame.to_dict("records"), start=1):
        text, hours = row.get("text"), row.get("estimated_hours")
        if is_blank(text) and is_blank(hours):
            continue  # an empty row the editor added: nothing to keep
        if is_blank(text):
            problems.append(Problem(position, "team.leaders.col.task", "",
                                    "team.leaders.error.task_text"))
            continue
        if len(str(text).strip()) > MAX_TEXT:
            problems.append(Problem(position, "team.leaders.col.task", str(text)[:20] + "…",
                                    "team.error.too_long", {"limit": MAX_TEXT}))
            continue
        try:
            estimated = _hours(hours)
        except (TypeError, ValueError):
            problems.append(Problem(position, "team.leaders.col.estimated", hours,
                                    "team.leaders.error.hours", {"limit": int(MAX_HOURS)}))
            continue
        rows.append({"text": str(text).strip(), "estimated_hours": estimated})
    return rows, problems


def check_holders(frame: pd.DataFrame, staff: pd.DataFrame) -> tuple[list[dict], list[Problem]]:
    """Holders as edited: a member of staff (by the label the editor offers, which tells
    namesakes apart) and released hours per week."""
    by_name = {label: staff_id for staff_id, label in display.staff_labels(staff).items()}
    rows, problems, seen = [], [], {}
    for position, row in enumerate(frame.to_dict("records"), start=1):
        name, hours = row.get("name"), row.get("released_hours")
        if is_blank(name) and is_blank(hours):
            continue
        staff_id = by_name.get(str(name).strip()) if not is_blank(name) else None
        if staff_id is None:
            problems.append(Problem(position, "team.leaders.col.holder", name or "",
                                    "team.leaders.error.unknown_staff"))
            continue
        if staff_id in seen:
            problems.append(Problem(position, "team.leaders.col.holder", name,
                                    "team.leaders.error.twice", {"other": seen[staff_id]}))
            continue
        seen[staff_id] = position
        try:
            released = _hours(0 if is_blank(hours) else hours)
        except (TypeError, ValueError):
            problems.append(Problem(position, "team.leaders.col.released", hours,
                                    "team.leaders.error.hours", {"limit": int(MAX_HOURS)}))
            continue
        rows.append({"staff_id": staff_id, "released_hours": released})
    return rows, problems


@dataclass(frozen=True)
class Saved:
    problems: list[Problem]
    tasks: int = 0
    holders: int = 0


def save_role(db: Database, viewer: Viewer, role_id: int, name_nl: str, name_en: str,
              ask_for: str, task_frame: pd.DataFrame, holder_frame: pd.DataFrame,
              staff: pd.DataFrame) -> Saved:
    """A role's names, responsibilities and holders, all in one transaction, or nothing and the
    problems (row, column, reason)."""
    permissions.require(db, viewer, "team.leaders.edit")
    problems = []
    if not (name_nl or "").strip() or not (name_en or "").strip():
        problems.append(Problem("–", "team.leaders.col.role", "", "team.leaders.error.name"))
    task_rows, task_problems = check_tasks(task_frame)
    holder_rows, holder_problems = check_holders(holder_frame, staff)
    problems += [_where(p, "team.leaders.tasks") for p in task_problems]
    problems += [_where(p, "team.leaders.holders") for p in holder_problems]
    if problems:
        return Saved(problems)
    audit = viewer.audit("edit", "tl_role", [role_id],
                         detail=f"tasks={len(task_rows)} holders={len(holder_rows)}")
    with db.transaction(audit) as tx:
        tx.execute("team/leaders/role_update", role_id=role_id, name_nl=name_nl.strip(),
                   name_en=name_en.strip(), ask_for=(ask_for or "").strip() or None)
        # The tasks are rewritten only when they changed: a save without edits keeps their
        # rows (and ids) as they are.
        stored = tx.read("team/leaders/tasks", role_id=role_id)
        if [(r["text"], float(r["estimated_hours"])) for r in task_rows] != list(
                zip(stored["text"], stored["estimated_hours"].astype(float), strict=True)):
            tx.execute("team/leaders/tasks_delete", role_id=role_id)
            for row in task_rows:
                tx.execute("team/leaders/task_insert", role_id=role_id, **row)
        tx.execute("team/leaders/holders_delete", role_id=role_id)
        for row in holder_rows:
            tx.execute("team/leaders/holder_insert", role_id=role_id, **row)
    return Saved([], len(task_rows), len(holder_rows))


def _where(problem: Problem, table: str) -> Problem:
    return Problem(problem.row, problem.column, problem.value, problem.reason,
                   {**problem.params, "table": table})


def add_role(db: Database, viewer: Viewer, name_nl: str, name_en: str, ask_for: str) -> int:
    permissions.require(db, viewer, "team.leaders.edit")
    name_nl, name_en = (name_nl or "").strip(), (name_en or "").strip() or (name_nl or "").strip()
    if not name_nl:
        raise UserError("team.leaders.error.name")
    code = re.sub(r"[^a-z0-9]+", "_", fold(name_nl)).strip("_") or "role"
    if code in set(roles(db)["code"]):
        raise UserError("team.leaders.error.role_exists", name=name_nl)
    audit = viewer.audit("edit", "tl_role")
    with db.transaction(audit) as tx:
        role_id = int(tx.scalar("team/leaders/role_insert", code=code, name_nl=name_nl,
                                name_en=name_en, ask_for=(ask_for or "").strip() or None))
        audit.record_ids.append(str(role_id))
    return role_id


# -- load per person ----------------------------------------------------------------------------

def load_ratio(teaching: float, released: float, estimated: float) -> float | None:
    """(teaching + estimated) / (teaching + released): the hours asked over the hours given.
    None when nothing is given at all (no teaching, nothing released) but work is estimated;
    1.0 when nothing is given and nothing asked."""
    given = float(teaching) + float(released)
    asked = float(teaching) + float(estimated)
    if given <= 0:
        return None if asked > 0 else 1.0
    return asked / given


def is_unrealistic(ratio: float | None, limit: float) -> bool:
    return ratio is None or ratio > limit


def load(db: Database, lang: str, limit: float) -> pd.DataFrame:
    """Every teacher leader: roles, teaching, released and estimated hours, the ratio and
    whether it is above the threshold."""
    frame = db.read("team/leaders/load")
    if frame.empty:
        return frame.assign(roles=[], ratio=[], warning=[], unreleased=[])
    frame["roles"] = [", ".join(list(r)) for r in frame["roles_en" if lang == "en"
                                                          else "roles_nl"]]
    frame["ratio"] = [load_ratio(t, r, e) for t, r, e in zip(
        frame["teaching_hours"], frame["released_hours"], frame["estimated_hours"],
        strict=True)]
    frame["warning"] = [is_unrealistic(r, limit) for r in frame["ratio"]]
    frame["unreleased"] = (frame["estimated_hours"] - frame["released_hours"]).clip(lower=0)
    return frame.drop(columns=["roles_nl", "roles_en"])


# -- what the page shows (pages/team_leaders.py draws these) -----------------------------------

def _hour_columns(*names: str) -> list[display.Column]:
    """Hours per week, with one decimal, each under its own header (team.leaders.col.*)."""
    return [display.number(f"{name}_hours", f"team.leaders.col.{name}") for name in names]


def roles_table(frame: pd.DataFrame, t: Translator) -> display.Table:
    """The register: each role under its name in the reader's language, with its holders and
    responsibilities, the hours they are estimated at and the hours released for them."""
    named = frame.assign(role=[role_name(r, t.lang) for r in frame.to_dict("records")])
    return display.table(named, t, [
        display.text("role", "team.leaders.col.role"),
        display.count("holders", "team.leaders.col.holders"),
        display.count("tasks", "team.leaders.col.tasks"), *_hour_columns("estimated", "released")])


def load_table(frame: pd.DataFrame, t: Translator) -> display.Table:
    """The load of every teacher leader (see load), the ones above the threshold marked."""
    marked = frame.assign(warning_text=[t("team.leaders.too_high") if w else None
                                        for w in frame["warning"]])
    return display.table(marked, t, [
        display.person("name", "team.leaders.col.person"),
        display.text("roles", "team.leaders.col.roles"),
        *_hour_columns("assignment", "teaching", "released", "estimated"),
        display.number("ratio", "team.leaders.col.ratio", decimals=2),
        display.text("warning_text", "team.leaders.col.warning")])


def warnings(frame: pd.DataFrame, limit: float, t: Translator) -> list[str]:
    """The director's view: one line (Markdown) per teacher leader above the threshold, the
    heaviest first; a load that cannot be computed (nothing given, something asked) is ∞."""
    heavy = frame[frame["warning"]].sort_values("ratio", ascending=False, na_position="first")
    return [t.md("team.leaders.warning_line", name=p.name, roles=p.roles,
                 ratio="∞" if is_blank(p.ratio) else t.number(p.ratio, 2),
                 limit=t.number(limit, 2), unreleased=t.number(p.unreleased, 1))
            for p in heavy.itertuples()]


def time_table(compared: pd.DataFrame, t: Translator) -> display.Table:
    """Reported hours beside the estimate and the released hours (see compare_time)."""
    marked = compared.assign(
        reported_hours=compared["hours"], difference_hours=compared["difference"],
        holds=[t("team.leaders.yes") if h else t("team.leaders.not_holder")
               for h in compared["holds_role"]])
    return display.table(marked, t, [
        display.person("name", "team.leaders.col.person"),
        display.text("role", "team.leaders.col.role"),
        *_hour_columns("estimated", "released", "reported", "difference"),
        display.text("holds", "team.leaders.col.holds")])


# -- transparency -------------------------------------------------------------------------------

def transparency(db: Database, lang: str, t: Translator) -> list[dict]:
    """Per role: its name, whom to ask for what, holders with released hours, responsibilities."""
    all_roles = roles(db)
    all_tasks = db.read("team/leaders/all_tasks")
    all_holders = db.read("team/leaders/all_holders")
    found = []
    for row in all_roles.to_dict("records"):
        mine = all_holders[all_holders["role_id"] == row["role_id"]]
        found.append({
            "role_id": int(row["role_id"]),
            "name": role_name(row, lang),
            "ask_for": row["ask_for"] if isinstance(row["ask_for"], str) else "",
            "holders": [t("team.roles.holder", name=h.name,
                          hours=t.number(h.released_hours, 1),
                          email=h.email if isinstance(h.email, str) else "–")
                        for h in mine.itertuples()],
            "tasks": [t("team.roles.task", text=k.text, hours=t.number(k.estimated_hours, 1))
                      for k in all_tasks[all_tasks["role_id"] == row["role_id"]].itertuples()],
        })
    return found


# -- time registration --------------------------------------------------------------------------

def time_surveys(db: Database, scope: Scope) -> pd.DataFrame:
    return db.read("team/leaders/time_surveys", scope=scope)


def _role_of(question: str, role_rows: Sequence[dict]) -> int | None:
    """The role a question is about: the longest role name (Dutch, English or code) in it."""
    text = fold(question)
    best = None
    for row in role_rows:
        for name in (row["name_nl"], row["name_en"], str(row["code"]).replace("_", " ")):
            folded = fold(str(name))
            if folded and folded in text and (best is None or len(folded) > best[1]):
                best = (int(row["role_id"]), len(folded))
    return best[0] if best else None


def compare_time(db: Database, scope: Scope, survey_id: int, lang: str) -> tuple[pd.DataFrame,
                                                                               list[str]]:
    """Reported hours against estimated and released hours, per person and role; and the
    questions that name no role (left out)."""
    answers = db.read("team/leaders/time_answers", scope=scope, survey_id=survey_id)
    role_rows = roles(db).to_dict("records")
    unmatched = sorted({q for q in answers["question"] if _role_of(q, role_rows) is None})
    answers["role_id"] = [_role_of(q, role_rows) for q in answers["question"]]
    answers = answers.dropna(subset=["role_id"])
    reported = answers.groupby(["staff_id", "role_id"], as_index=False)["hours"].sum()
    all_tasks = db.read("team/leaders/all_tasks")
    estimate = all_tasks.groupby("role_id", as_index=False)["estimated_hours"].sum()
    holders_ = db.read("team/leaders/all_holders")[["role_id", "staff_id", "name",
                                                     "released_hours"]]
    frame = reported.astype({"role_id": int, "staff_id": int}).merge(
        holders_, on=["role_id", "staff_id"], how="left").merge(estimate, on="role_id",
                                                                 how="left")
    names = {int(r["role_id"]): role_name(r, lang) for r in role_rows}
    frame["role"] = [names[int(r)] for r in frame["role_id"]]
    frame["estimated_hours"] = frame["estimated_hours"].fillna(0.0).astype(float)
    frame["released_hours"] = frame["released_hours"].fillna(0.0).astype(float)
    frame["holds_role"] = frame["name"].notna()
    if frame["name"].isna().any():
        staff = db.read("common/staff_options")
        by_id = dict(zip(staff["staff_id"], staff["name"], strict=True))
        frame["name"] = [n if isinstance(n, str) else by_id.get(s, "?")
                         for n, s in zip(frame["name"], frame["staff_id"], strict=True)]
    frame["hours"] = frame["hours"].astype(float)
    frame["difference"] = frame["hours"] - frame["estimated_hours"]
    return frame.sort_values(["name", "role"]).reset_index(drop=True), unmatched
