"""Work-coaching trajectories (traject werkbegeleiding), after the reference procedure.

A trajectory binds a teacher, an adviser (begeleider) and the commissioning manager
(opdrachtgever) for an agreed period. It runs intake → diagnosis → coaching → final report →
closed, and may stop early or escalate to a coaching-and-assessment track. The goal list holds at
most fifteen single goals (pedagogical, organisational, didactic; from a need or a wish to
change) and is fixed after the diagnostic visit, with who confirmed it. Then at least three and
at most five coaching visits, each followed by a feedback talk; before each talk the teacher
assesses themself on every goal, and only then the adviser records a rating per goal, the
reflection and concrete advice. The final report is generated from all that, edited, and
closed.

Only the three parties may open a trajectory: every read goes through the table macro
``visible_trajectories($scope_user_id)``. Every write asks the permission model first
(app/permissions.py): the director commissions (team.coaching.create); within a trajectory the
manager and the adviser steer it (team.coaching.steer), the adviser observes and reports
(team.coaching.observe), the teacher assesses themself (team.coaching.self_assess), each as that
party of that trajectory and holding that role.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from app import permissions, printing
from app.audit import Audit
from app.auth import Viewer
from app.blank import is_blank
from app.db import Database
from app.errors import AccessDenied, UserError
from app.i18n import Translator

STATUSES = ("intake", "diagnosis", "coaching", "final_report", "closed", "stopped", "escalated")
OPEN = ("intake", "diagnosis", "coaching", "final_report")
# Which status may follow which; the conditions are checked in change_status.
TRANSITIONS = {
    "intake": ("diagnosis", "stopped"),
    "diagnosis": ("coaching", "stopped", "escalated"),
    "coaching": ("final_report", "stopped", "escalated"),
    "final_report": ("coaching", "closed", "escalated"),
    "closed": (),
    "stopped": (),
    "escalated": (),
}
DOMAINS = ("pedagogical", "organisational", "didactic")
ORIGINS = ("need", "wish")
DEGREES = ("reached", "partly", "not_reached")
MAX_GOALS = 15
MIN_VISITS = 3
MAX_VISITS = 5
SCORES = (1, 2, 3, 4)
REPORT_PARTS = ("results", "course", "attention", "further", "follow_up")
MAX_TEXT = 2000


# -- reading, always through the viewer's own trajectories --------------------------------------

def trajectories(db: Database, viewer: Viewer) -> pd.DataFrame:
    return db.read("team/coaching/trajectories", scope=viewer.scope)


def trajectory(db: Database, viewer: Viewer, trajectory_id: int) -> dict:
    """One trajectory, or AccessDenied when the viewer is not one of its parties."""
    found = trajectories(db, viewer)
    found = found[found["trajectory_id"] == trajectory_id]
    if found.empty:
        raise AccessDenied("team.coaching.error.not_party")
    return found.iloc[0].to_dict()


def party(row: Mapping, user_id: int | None) -> str | None:
    """'teacher', 'adviser' or 'manager': how a user takes part in a trajectory, if at all."""
    if user_id is None:
        return None
    for who in ("teacher", "adviser", "manager"):
        if int(row[f"{who}_user_id"]) == int(user_id):
            return who
    return None


def goals(db: Database, viewer: Viewer, trajectory_id: int) -> pd.DataFrame:
    return db.read("team/coaching/goals", scope=viewer.scope, trajectory_id=trajectory_id)


def visits(db: Database, viewer: Viewer, trajectory_id: int) -> pd.DataFrame:
    return db.read("team/coaching/visits", scope=viewer.scope, trajectory_id=trajectory_id)


def ratings(db: Database, viewer: Viewer, trajectory_id: int) -> pd.DataFrame:
    return db.read("team/coaching/ratings", scope=viewer.scope, trajectory_id=trajectory_id)


def report(db: Database, viewer: Viewer, trajectory_id: int) -> dict | None:
    return db.one("team/coaching/report", scope=viewer.scope, trajectory_id=trajectory_id)


def people(db: Database) -> pd.DataFrame:
    frame = db.read("team/coaching/people")
    frame["roles"] = [list(r) for r in frame["roles"]]
    return frame


@dataclass(frozen=True)
class Candidates:
    """Who may be chosen as each party of a new trajectory (user ids), and everyone's name."""

    names: dict[int, str]
    teachers: list[int]
    advisers: list[int]
    managers: list[int]


def _party_roles() -> dict[str, frozenset[str]]:
    """The roles that can play each part, read from the permission table: the teacher's part
    is the self-assessment, the adviser's the observing, the manager's steering as manager."""
    return {
        "teacher": permissions.roles_holding("team.coaching.self_assess"),
        "adviser": permissions.roles_holding("team.coaching.observe"),
        "manager": frozenset(role for role, scope in permissions.holders("team.coaching.steer")
                             if scope == permissions.AS_MANAGER),
    }


def candidates(db: Database) -> Candidates:
    """The active accounts that can take each part: a party without the role of its part could
    never do it (the permission table gives each part to one role)."""
    listed = people(db)
    by_role = _party_roles()
    roles_of = [(int(u), set(r)) for u, r in zip(listed["user_id"], listed["roles"],
                                                  strict=True)]

    def able(who: str) -> list[int]:
        return [user_id for user_id, roles in roles_of if roles & by_role[who]]

    return Candidates(names={int(u): str(n) for u, n in zip(
        listed["user_id"], listed["display_name"], strict=True)},
        teachers=able("teacher"), advisers=able("adviser"), managers=able("manager"))


# -- guards -------------------------------------------------------------------------------------

def as_record(row: Mapping) -> permissions.Trajectory:
    """A trajectory row as the permission model's record: its three parties."""
    def user(who: str) -> int | None:
        value = row.get(f"{who}_user_id")
        return None if is_blank(value) else int(value)
    return permissions.Trajectory(int(row["trajectory_id"]), user("teacher"), user("adviser"),
                                  user("manager"))


def _record(db: Database, trajectory_id: int | None) -> permissions.Trajectory | None:
    """The trajectory's parties, for the permission check (None: no such trajectory, so
    nobody's)."""
    if trajectory_id is None:
        return None
    found = db.one("team/coaching/trajectory_parties", trajectory_id=int(trajectory_id))
    return None if found is None else as_record({"trajectory_id": trajectory_id, **found})


def _open(row: Mapping) -> None:
    if row["status"] not in OPEN:
        raise UserError("team.coaching.error.finished")


def _text(value: object, required: bool = False, key: str = "team.coaching.error.text") -> str:
    text = "" if value is None else str(value).strip()
    if required and not text:
        raise UserError(key)
    if len(text) > MAX_TEXT:
        raise UserError("team.error.too_long", limit=MAX_TEXT)
    return text


def _audit(viewer: Viewer, trajectory_id: int, detail: str | None = None) -> Audit:
    return viewer.audit("edit", "wb_trajectory", [trajectory_id], detail=detail)


# -- creating and moving a trajectory -----------------------------------------------------------

def create(db: Database, viewer: Viewer, *, teacher: int | None, adviser: int | None,
           manager: int | None, starts_on: dt.date | None, ends_on: dt.date | None,
           reason: str) -> int:
    """A new trajectory at intake. The director commissions it; the three parties differ, and
    each can take their part (see candidates)."""
    permissions.require(db, viewer, "team.coaching.create")
    if teacher is None or adviser is None or manager is None:
        raise UserError("team.coaching.error.parties_missing")
    if len({teacher, adviser, manager}) < 3:
        raise UserError("team.coaching.error.parties_differ")
    can = candidates(db)
    if int(adviser) not in can.advisers:
        raise UserError("team.coaching.error.not_adviser")
    if int(manager) not in can.managers:
        raise UserError("team.coaching.error.not_manager")
    if int(teacher) not in can.names:
        raise UserError("team.coaching.error.parties_missing")
    if int(teacher) not in can.teachers:
        raise UserError("team.coaching.error.not_teacher")
    if starts_on is None or ends_on is None:
        raise UserError("team.coaching.error.period")
    if ends_on < starts_on:
        raise UserError("team.coaching.error.period_order")
    reason = _text(reason)
    with db.transaction(_audit(viewer, 0, "create")) as tx:
        trajectory_id = int(tx.scalar(
            "team/coaching/trajectory_insert", teacher_user_id=int(teacher),
            adviser_user_id=int(adviser), manager_user_id=int(manager), starts_on=starts_on,
            ends_on=ends_on, reason=reason or None))
        tx.audit.record_ids = [str(trajectory_id)]
    return trajectory_id


def allowed_next(row: Mapping) -> tuple[str, ...]:
    return TRANSITIONS[row["status"]]


def change_status(db: Database, viewer: Viewer, trajectory_id: int, new_status: str,
                  now: dt.datetime) -> None:
    """Move a trajectory on. The adviser and the manager may; the conditions of the procedure
    hold: goals fixed before coaching, at least three held coaching visits with their talk
    before the final report, a report before closing."""
    permissions.require(db, viewer, "team.coaching.steer", lambda: _record(db, trajectory_id))
    row = trajectory(db, viewer, trajectory_id)
    if new_status not in STATUSES:
        raise UserError("team.coaching.error.status_unknown")
    if new_status not in TRANSITIONS[row["status"]]:
        raise UserError("team.coaching.error.transition")
    if new_status == "coaching" and row["status"] == "diagnosis" and is_blank(
            row["goals_fixed_at"]):
        raise UserError("team.coaching.error.goals_not_fixed")
    if new_status == "final_report":
        talks = visits(db, viewer, trajectory_id)
        done = talks[(talks["kind"] == "coaching") & talks["held"] & talks["talk_on"].notna()]
        if len(done) < MIN_VISITS:
            raise UserError("team.coaching.error.too_few_talks", done=len(done),
                            needed=MIN_VISITS)
    if new_status == "closed":
        written = report(db, viewer, trajectory_id)
        if written is None or not all(not is_blank(written.get(p)) for p in REPORT_PARTS):
            raise UserError("team.coaching.error.report_incomplete")
    closing = new_status in ("closed", "stopped", "escalated")
    with db.transaction(_audit(viewer, trajectory_id, f"status={new_status}")) as tx:
        tx.execute("team/coaching/status_update", trajectory_id=trajectory_id,
                   new_status=new_status, closed_at=now if closing else None)


# -- goals --------------------------------------------------------------------------------------

def add_goal(db: Database, viewer: Viewer, trajectory_id: int, text: str, domain: str,
             origin: str) -> int:
    """One more goal, while the list is open. The sixteenth is refused."""
    permissions.require(db, viewer, "team.coaching.steer", lambda: _record(db, trajectory_id))
    row = trajectory(db, viewer, trajectory_id)
    _open(row)
    if not is_blank(row["goals_fixed_at"]):
        raise UserError("team.coaching.error.goals_fixed")
    text = _text(text, required=True, key="team.coaching.error.goal_text")
    if domain not in DOMAINS:
        raise UserError("team.coaching.error.domain", value=domain)
    if origin not in ORIGINS:
        raise UserError("team.coaching.error.origin", value=origin)
    present = goals(db, viewer, trajectory_id)
    if len(present) >= MAX_GOALS:
        raise UserError("team.coaching.error.max_goals", limit=MAX_GOALS)
    seq = 1 + (int(present["seq"].max()) if len(present) else 0)
    if seq > MAX_GOALS:  # numbers freed by removing goals are not reused: renumber
        seq = next(n for n in range(1, MAX_GOALS + 1) if n not in set(present["seq"]))
    with db.transaction(_audit(viewer, trajectory_id, f"goal={seq}")) as tx:
        tx.execute("team/coaching/goal_insert", trajectory_id=trajectory_id, seq=seq, text=text,
                   domain=domain, origin=origin)
    return seq


def remove_goal(db: Database, viewer: Viewer, trajectory_id: int, goal_id: int) -> None:
    permissions.require(db, viewer, "team.coaching.steer", lambda: _record(db, trajectory_id))
    row = trajectory(db, viewer, trajectory_id)
    _open(row)
    if not is_blank(row["goals_fixed_at"]):
        raise UserError("team.coaching.error.goals_fixed")
    if goal_id not in set(goals(db, viewer, trajectory_id)["goal_id"]):
        raise UserError("team.coaching.error.no_goal")
    with db.transaction(_audit(viewer, trajectory_id, "goal_removed")) as tx:
        tx.execute("team/coaching/goal_delete", goal_id=goal_id)


def fix_goals(db: Database, viewer: Viewer, trajectory_id: int, now: dt.datetime) -> None:
    """Fix the goal list after the diagnostic visit; the confirming party's name is kept."""
    permissions.require(db, viewer, "team.coaching.steer", lambda: _record(db, trajectory_id))
    row = trajectory(db, viewer, trajectory_id)
    _open(row)
    if not is_blank(row["goals_fixed_at"]):
        raise UserError("team.coaching.error.goals_fixed")
    planned = visits(db, viewer, trajectory_id)
    diagnostic = planned[planned["kind"] == "diagnostic"]
    if diagnostic.empty or not bool(diagnostic["held"].iloc[0]):
        raise UserError("team.coaching.error.diagnostic_first")
    if goals(db, viewer, trajectory_id).empty:
        raise UserError("team.coaching.error.no_goals")
    with db.transaction(_audit(viewer, trajectory_id, "goals_fixed")) as tx:
        tx.execute("team/coaching/goals_fix", trajectory_id=trajectory_id, fixed_at=now,
                   fixed_by=viewer.name)


# -- visits -------------------------------------------------------------------------------------

def plan_visit(db: Database, viewer: Viewer, trajectory_id: int, kind: str,
               planned_on: dt.date | None, announced: bool) -> int:
    """Plan the diagnostic visit (once) or the next coaching visit; a sixth is refused."""
    permissions.require(db, viewer, "team.coaching.steer", lambda: _record(db, trajectory_id))
    row = trajectory(db, viewer, trajectory_id)
    _open(row)
    if planned_on is None:
        raise UserError("team.coaching.error.visit_date")
    start, end = pd.Timestamp(row["starts_on"]).date(), pd.Timestamp(row["ends_on"]).date()
    if not start <= planned_on <= end:
        raise UserError("team.coaching.error.visit_period", start=start.isoformat(),
                        end=end.isoformat())
    present = visits(db, viewer, trajectory_id)
    if kind == "diagnostic":
        if (present["kind"] == "diagnostic").any():
            raise UserError("team.coaching.error.one_diagnostic")
        seq = 0
    elif kind == "coaching":
        coaching = present[present["kind"] == "coaching"]
        if len(coaching) >= MAX_VISITS:
            raise UserError("team.coaching.error.max_visits", limit=MAX_VISITS)
        seq = len(coaching) + 1
    else:
        raise UserError("team.coaching.error.visit_kind", value=kind)
    with db.transaction(_audit(viewer, trajectory_id, f"visit={seq}")) as tx:
        tx.execute("team/coaching/visit_insert", trajectory_id=trajectory_id, visit_kind=kind,
                   seq=seq, planned_on=planned_on, announced=bool(announced))
    return seq


def visits_warning(planned: pd.DataFrame) -> int | None:
    """How many coaching visits are planned, when fewer than the three the procedure asks."""
    count = int((planned["kind"] == "coaching").sum()) if len(planned) else 0
    return count if count < MIN_VISITS else None


def _visit(db: Database, viewer: Viewer, trajectory_id: int, visit_id: int) -> dict:
    present = visits(db, viewer, trajectory_id)
    found = present[present["visit_id"] == visit_id]
    if found.empty:
        raise UserError("team.coaching.error.no_visit")
    return found.iloc[0].to_dict()


def mark_held(db: Database, viewer: Viewer, trajectory_id: int, visit_id: int) -> None:
    permissions.require(db, viewer, "team.coaching.observe",
                        lambda: _record(db, trajectory_id))
    row = trajectory(db, viewer, trajectory_id)
    _open(row)
    _visit(db, viewer, trajectory_id, visit_id)
    with db.transaction(_audit(viewer, trajectory_id, f"visit_held={visit_id}")) as tx:
        tx.execute("team/coaching/visit_held", visit_id=visit_id)


def _scores(entries: Mapping[int, object], goal_frame: pd.DataFrame) -> dict[int, int]:
    """Every goal scored 1 to 4, or a clear refusal naming the first goal that is not."""
    scored = {}
    for goal_id, seq in zip(goal_frame["goal_id"], goal_frame["seq"], strict=True):
        value = entries.get(int(goal_id))
        try:
            score = int(value)
            if score not in SCORES or float(value) != score:
                raise ValueError
        except (TypeError, ValueError):
            raise UserError("team.coaching.error.score_missing", goal=int(seq)) from None
        scored[int(goal_id)] = score
    return scored


def self_assess(db: Database, viewer: Viewer, trajectory_id: int, visit_id: int,
                entries: Mapping[int, object], notes: Mapping[int, str] | None = None) -> None:
    """The teacher's own assessment on every goal, before the feedback talk of a visit."""
    permissions.require(db, viewer, "team.coaching.self_assess",
                        lambda: _record(db, trajectory_id))
    row = trajectory(db, viewer, trajectory_id)
    _open(row)
    visit = _visit(db, viewer, trajectory_id, visit_id)
    if visit["kind"] != "coaching":
        raise UserError("team.coaching.error.coaching_only")
    if not is_blank(visit["talk_on"]):
        raise UserError("team.coaching.error.talk_done")
    goal_frame = goals(db, viewer, trajectory_id)
    _numbered(goal_frame, entries)
    scored = _scores(entries, goal_frame)
    with db.transaction(_audit(viewer, trajectory_id, f"self={visit_id}")) as tx:
        for goal_id, score in scored.items():
            tx.execute("team/coaching/rating_upsert", visit_id=visit_id, goal_id=goal_id,
                       by_whom="self", score=score,
                       note=_text((notes or {}).get(goal_id)) or None)


def _numbered(goal_frame: pd.DataFrame, entries: Mapping[int, object]) -> set[int]:
    if goal_frame.empty:
        raise UserError("team.coaching.error.no_goals")
    ids = set(int(g) for g in goal_frame["goal_id"])
    strangers = set(int(k) for k in entries) - ids
    if strangers:
        raise UserError("team.coaching.error.no_goal")
    return ids


def record_talk(db: Database, viewer: Viewer, trajectory_id: int, visit_id: int,
                talk_on: dt.date | None, entries: Mapping[int, object], reflection: str,
                advice: str, notes: Mapping[int, str] | None = None) -> None:
    """The adviser's side of the feedback talk: a rating per goal, the teacher's reflection and
    concrete advice. Refused until the teacher's self-assessment for this visit is complete."""
    permissions.require(db, viewer, "team.coaching.observe",
                        lambda: _record(db, trajectory_id))
    row = trajectory(db, viewer, trajectory_id)
    _open(row)
    if is_blank(row["goals_fixed_at"]):
        raise UserError("team.coaching.error.goals_not_fixed")
    visit = _visit(db, viewer, trajectory_id, visit_id)
    if visit["kind"] != "coaching":
        raise UserError("team.coaching.error.coaching_only")
    goal_frame = goals(db, viewer, trajectory_id)
    goal_ids = _numbered(goal_frame, entries)
    given = ratings(db, viewer, trajectory_id)
    own = set(given[(given["visit_id"] == visit_id) & (given["by_whom"] == "self")]["goal_id"])
    if not goal_ids <= own:
        raise UserError("team.coaching.error.self_first", missing=len(goal_ids - own))
    if talk_on is None:
        raise UserError("team.coaching.error.talk_date")
    scored = _scores(entries, goal_frame)
    reflection = _text(reflection, required=True, key="team.coaching.error.reflection")
    advice = _text(advice, required=True, key="team.coaching.error.advice")
    with db.transaction(_audit(viewer, trajectory_id, f"talk={visit_id}")) as tx:
        for goal_id, score in scored.items():
            tx.execute("team/coaching/rating_upsert", visit_id=visit_id, goal_id=goal_id,
                       by_whom="adviser", score=score,
                       note=_text((notes or {}).get(goal_id)) or None)
        tx.execute("team/coaching/visit_talk", visit_id=visit_id, talk_on=talk_on,
                   reflection=reflection, advice=advice)


def progress(db: Database, viewer: Viewer, trajectory_id: int, t: Translator) -> pd.DataFrame:
    """Per goal and coaching visit: the self-assessment beside the adviser's rating, for the
    chart (long form: goal, visit, who, score)."""
    given = ratings(db, viewer, trajectory_id)
    if given.empty:
        return pd.DataFrame(columns=["goal", "visit", "who", "score"])
    return pd.DataFrame({
        "goal": [t("team.coaching.goal_label", seq=int(s)) for s in given["goal_seq"]],
        "goal_seq": given["goal_seq"].astype(int),
        "visit": given["seq"].astype(int),
        "who": [t(f"team.coaching.by.{w}") for w in given["by_whom"]],
        "score": given["score"].astype(int),
    })


# -- the final report ---------------------------------------------------------------------------

def degree_from(score: int | None) -> str | None:
    """The degree a goal was reached, from the adviser's last rating: 4 reached, 3 partly,
    1 or 2 not reached."""
    if score is None:
        return None
    return "reached" if score >= 4 else "partly" if score == 3 else "not_reached"


@dataclass(frozen=True)
class Draft:
    parts: dict[str, str]
    degrees: dict[int, str | None]    # goal_id -> degree


def draft(db: Database, viewer: Viewer, trajectory_id: int, t: Translator) -> Draft:
    """A report written from the data: per goal its last ratings and degree, the course of the
    process, points of attention, the need for further coaching and follow-up steps."""
    row = trajectory(db, viewer, trajectory_id)
    goal_frame = goals(db, viewer, trajectory_id)
    planned = visits(db, viewer, trajectory_id)
    given = ratings(db, viewer, trajectory_id)
    adviser = given[given["by_whom"] == "adviser"].sort_values("seq")
    last = adviser.groupby("goal_id")["score"].last().to_dict()
    degrees, lines, weak = {}, [], []
    for goal in goal_frame.to_dict("records"):
        score = last.get(goal["goal_id"])
        stored = goal["reached"] if not is_blank(goal["reached"]) else None
        degree = stored or degree_from(None if score is None else int(score))
        degrees[int(goal["goal_id"])] = degree
        lines.append(t("team.coaching.draft.goal", seq=int(goal["seq"]), text=goal["text"],
                       degree=t(f"team.coaching.degree.{degree}") if degree
                       else t("team.coaching.degree.unknown"),
                       score="–" if score is None else int(score)))
        if degree != "reached":
            weak.append(f"{int(goal['seq'])}")
    coaching = planned[planned["kind"] == "coaching"]
    held = coaching[coaching["held"]]
    unannounced = int((~held["announced"].astype(bool)).sum())
    course = t("team.coaching.draft.course",
               start=t.date(pd.Timestamp(row["starts_on"]).date()),
               end=t.date(pd.Timestamp(row["ends_on"]).date()),
               diagnostic=t.date(pd.Timestamp(planned[planned["kind"] == "diagnostic"]
                                              ["planned_on"].iloc[0]).date())
               if (planned["kind"] == "diagnostic").any() else "–",
               visits=len(held), unannounced=unannounced,
               talks=int(held["talk_on"].notna().sum()),
               fixed_by=row["goals_fixed_by"] if not is_blank(row["goals_fixed_by"]) else "–")
    advice = [str(a) for a in coaching.sort_values("seq")["advice"] if not is_blank(a)]
    attention = t("team.coaching.draft.attention", goals=", ".join(weak) or "–",
                  advice=advice[-1] if advice else "–")
    further = t("team.coaching.draft.further_yes" if weak else "team.coaching.draft.further_no")
    not_reached = [g for g, d in degrees.items() if d == "not_reached"]
    follow = t("team.coaching.draft.follow_escalate" if len(not_reached) > len(degrees) / 2
               else "team.coaching.draft.follow_none" if not weak
               else "team.coaching.draft.follow_review")
    return Draft({"results": "\n".join(lines), "course": course, "attention": attention,
                  "further": further, "follow_up": follow}, degrees)


def save_report(db: Database, viewer: Viewer, trajectory_id: int, parts: Mapping[str, str],
                degrees: Mapping[int, str | None], now: dt.datetime) -> None:
    """The edited report and each goal's degree, in one transaction; only while the trajectory
    is at its final report, by the adviser."""
    permissions.require(db, viewer, "team.coaching.observe",
                        lambda: _record(db, trajectory_id))
    row = trajectory(db, viewer, trajectory_id)
    if row["status"] != "final_report":
        raise UserError("team.coaching.error.not_final")
    texts = {p: _text(parts.get(p)) for p in REPORT_PARTS}
    goal_ids = set(int(g) for g in goals(db, viewer, trajectory_id)["goal_id"])
    for goal_id, degree in degrees.items():
        if int(goal_id) not in goal_ids:
            raise UserError("team.coaching.error.no_goal")
        if degree is not None and degree not in DEGREES:
            raise UserError("team.coaching.error.degree", value=degree)
    with db.transaction(_audit(viewer, trajectory_id, "report")) as tx:
        tx.execute("team/coaching/report_upsert", trajectory_id=trajectory_id,
                   updated_at=now, **{p: texts[p] or None for p in REPORT_PARTS})
        for goal_id, degree in degrees.items():
            tx.execute("team/coaching/goal_reached", goal_id=int(goal_id), reached=degree)


def report_parts(db: Database, viewer: Viewer, trajectory_id: int,
                 t: Translator) -> tuple[dict, dict[str, str], pd.DataFrame]:
    """The trajectory, the report's five parts (stored, else the draft) and the goals with
    their degree."""
    row = trajectory(db, viewer, trajectory_id)
    stored = report(db, viewer, trajectory_id)
    made = draft(db, viewer, trajectory_id, t)
    parts = {p: str(stored[p]) if stored and not is_blank(stored.get(p)) else made.parts[p]
             for p in REPORT_PARTS}
    goal_frame = goals(db, viewer, trajectory_id)
    goal_frame["degree"] = [made.degrees.get(int(g)) for g in goal_frame["goal_id"]]
    return row, parts, goal_frame


def report_html(db: Database, viewer: Viewer, trajectory_id: int, t: Translator,
                school: str) -> str:
    """The final report, printable (template print/coaching.html.j2)."""
    row, parts, goal_frame = report_parts(db, viewer, trajectory_id, t)
    goals_rows = [[int(g["seq"]), str(g["text"]), t(f"team.coaching.domain.{g['domain']}"),
                   t(f"team.coaching.origin.{g['origin']}"),
                   t(f"team.coaching.degree.{g['degree']}") if g["degree"] else "–"]
                  for g in goal_frame.to_dict("records")]
    return printing.render(
        "coaching", t, title=t("team.coaching.print.title", school=school or "Flexwijs"),
        meta=t("team.coaching.print.meta", teacher=row["teacher"], adviser=row["adviser"],
               manager=row["manager"], start=t.date(pd.Timestamp(row["starts_on"]).date()),
               end=t.date(pd.Timestamp(row["ends_on"]).date()),
               status=t(f"team.coaching.status.{row['status']}")),
        confidential=t("team.coaching.print.confidential"),
        headers=[t(k) for k in ("team.coaching.col.seq", "team.coaching.col.goal",
                                "team.coaching.col.domain", "team.coaching.col.origin",
                                "team.coaching.col.degree")],
        goals=goals_rows,
        parts=[{"heading": t(f"team.coaching.report.{p}"), "text": parts[p]}
               for p in REPORT_PARTS])


def report_frame(db: Database, viewer: Viewer, trajectory_id: int,
                 t: Translator) -> pd.DataFrame:
    """The report as a table to export: one row per goal, then one row per part."""
    _, parts, goal_frame = report_parts(db, viewer, trajectory_id, t)
    rows = [{t("team.coaching.col.section"): t("team.coaching.goal_label", seq=int(g["seq"])),
             t("team.coaching.col.text"): str(g["text"]),
             t("team.coaching.col.degree"): t(f"team.coaching.degree.{g['degree']}")
             if g["degree"] else ""}
            for g in goal_frame.to_dict("records")]
    rows += [{t("team.coaching.col.section"): t(f"team.coaching.report.{p}"),
              t("team.coaching.col.text"): parts[p], t("team.coaching.col.degree"): ""}
             for p in REPORT_PARTS]
    return pd.DataFrame(rows)


EXPORT_FORMATS = ("html", "csv")


def export_report(db: Database, viewer: Viewer, trajectory_id: int, fmt: str, t: Translator,
                  school: str) -> bytes:
    """The final report as a file (printable HTML or CSV), with an audit entry saying who
    exported it (never its content): for the trajectory's three parties only."""
    permissions.require(db, viewer, "team.coaching.export", lambda: _record(db, trajectory_id))
    if fmt not in EXPORT_FORMATS:
        raise UserError("export.error.format", formats=", ".join(EXPORT_FORMATS))
    if fmt == "html":
        data = report_html(db, viewer, trajectory_id, t, school).encode("utf-8")
    else:
        from app import export

        data = export.to_csv(report_frame(db, viewer, trajectory_id, t), t)
    db.record(viewer.audit("export", "wb_report", [trajectory_id], detail=f"format={fmt}"))
    return data
