"""What the work-coaching page (pages/team_coaching.py) shows of a trajectory: what the viewer
may do in it now, its goals, visits and ratings as the reader sees them, the labels of its
choices, and the report's downloads. Plain Python over app/team/coaching.py; who may do what is
the permission model's answer (app/permissions.py), never a role checked here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from app import display, permissions
from app.auth import Viewer
from app.blank import is_blank
from app.db import Database
from app.i18n import Translator, plain
from app.team import coaching

VISIT_KINDS = ("diagnostic", "coaching")
DEGREE_OPTIONS = [None, *coaching.DEGREES]
# A new trajectory is proposed for about a term.
DEFAULT_DAYS = 120


@dataclass(frozen=True)
class Rights:
    """What the viewer may do in one trajectory now: the permission model's answer for its
    parties, with the procedure's conditions (still open, goals fixed, at its final report)."""

    party: str | None                 # 'teacher', 'adviser', 'manager'
    steer: bool                       # move it on, set the goals, plan visits
    observe: bool                     # mark a visit held, record the talk, write the report
    assess: bool                      # the teacher's self-assessment
    export: bool                      # print or download the report
    is_open: bool
    fixed: bool                       # the goal list is fixed
    moves: tuple[str, ...]            # the statuses the viewer may move it to
    report: bool                      # the report can be edited now

    @property
    def edit_goals(self) -> bool:
        return self.steer and self.is_open and not self.fixed

    @property
    def plan(self) -> bool:
        return self.steer and self.is_open


def rights(viewer: Viewer, row: Mapping) -> Rights:
    record = coaching.as_record(row)

    def may(action: str) -> bool:
        return permissions.allowed(viewer, action, record)

    steer, observe = may("team.coaching.steer"), may("team.coaching.observe")
    return Rights(party=coaching.party(row, viewer.user_id), steer=steer, observe=observe,
                  assess=may("team.coaching.self_assess"), export=may("team.coaching.export"),
                  is_open=row["status"] in coaching.OPEN,
                  fixed=not is_blank(row["goals_fixed_by"]),
                  moves=coaching.allowed_next(row) if steer else (),
                  report=observe and row["status"] == "final_report")


def default_manager(can: coaching.Candidates, viewer: Viewer) -> int | None:
    """The position of the viewer among the managers to choose from: a director commissions
    for themself unless they choose another."""
    return can.managers.index(viewer.user_id) if viewer.user_id in can.managers else None


# -- the trajectory --------------------------------------------------------------------------

def _status(status: str, t: Translator) -> str:
    return t(f"team.coaching.status.{status}")


def trajectory_labels(listing: pd.DataFrame, t: Translator) -> dict[int, str]:
    return {int(r["trajectory_id"]): t("team.coaching.label", teacher=r["teacher"],
                                       status=_status(r["status"], t),
                                       start=display.day(r["starts_on"], t),
                                       end=display.day(r["ends_on"], t))
            for r in listing.to_dict("records")}


def parties_line(row: Mapping, t: Translator) -> str:
    """'**Leerkracht:** … · **Begeleider:** … · **Opdrachtgever:** … · **Stand:** …' (Markdown,
    the names made plain)."""
    return " · ".join(f"**{t(label)}:** {plain(value)}" for label, value in (
        ("team.coaching.teacher", row["teacher"]), ("team.coaching.adviser", row["adviser"]),
        ("team.coaching.manager", row["manager"]),
        ("team.coaching.status_label", _status(row["status"], t))))


def summary(row: Mapping, may: Rights, t: Translator) -> str:
    return t.md("team.coaching.summary", start=display.day(row["starts_on"], t),
                end=display.day(row["ends_on"], t), me=t(f"team.coaching.party.{may.party}"),
                reason=display.text_of(row["reason"]))


def fixed_text(row: Mapping, t: Translator) -> str:
    return t.md("team.coaching.fixed", day=display.day(row["goals_fixed_at"], t),
                who=row["goals_fixed_by"])


# -- goals -----------------------------------------------------------------------------------

def goals_table(goals: pd.DataFrame, t: Translator) -> display.Table:
    return display.table(goals, t, [
        display.count("seq", "team.coaching.col.seq"),
        display.text("text", "team.coaching.col.goal"),
        display.code("domain", "team.coaching.col.domain", codes="team.coaching.domain"),
        display.code("origin", "team.coaching.col.origin", codes="team.coaching.origin")])


def goal_label(goal: Mapping) -> str:
    """'3. Klasmanagement' as a widget's label (Markdown, made plain)."""
    return plain(f"{int(goal['seq'])}. {goal['text']}")


def goal_choices(goals: pd.DataFrame, t: Translator) -> dict[int, str]:
    """The goals by id, under their number: what can be removed."""
    return {int(g): t("team.coaching.goal_label", seq=int(s))
            for g, s in zip(goals["goal_id"], goals["seq"], strict=True)}


# -- visits and their ratings ----------------------------------------------------------------

def visit_name(kind: str, seq: int, t: Translator) -> str:
    return t("team.coaching.visit_name.diagnostic") if kind == "diagnostic" \
        else t("team.coaching.visit_name.coaching", seq=int(seq))


def visits_table(visits: pd.DataFrame, t: Translator) -> display.Table:
    named = visits.assign(visit=[visit_name(k, s, t) for k, s in
                                 zip(visits["kind"], visits["seq"], strict=True)])
    return display.table(named, t, [
        display.text("visit", "team.coaching.col.visit"),
        display.date("planned_on", "team.coaching.col.planned_on"),
        *(display.flag(step, f"team.coaching.col.{step}") for step in ("announced", "held")),
        display.count("self_scores", "team.coaching.col.self"),
        display.date("talk_on", "team.coaching.col.talk_on")])


def next_visit_kind(visits: pd.DataFrame) -> int:
    """The position in VISIT_KINDS to propose: the diagnostic visit first, then coaching."""
    return VISIT_KINDS.index("coaching" if (visits["kind"] == "diagnostic").any()
                             else "diagnostic")


def talked(visit: Mapping) -> bool:
    """The feedback talk of this visit took place."""
    return not is_blank(visit["talk_on"])


def visit_title(visit: Mapping, t: Translator) -> str:
    return t("team.coaching.visit_title", seq=int(visit["seq"]),
             day=display.day(visit["planned_on"], t))


def talk_lines(visit: Mapping, t: Translator) -> list[str]:
    """The talk as held: its day, the teacher's reflection and the advice (Markdown); nothing
    before the talk."""
    if not talked(visit):
        return []
    return [t("team.coaching.talk_done", day=display.day(visit["talk_on"], t)),
            f"**{t('team.coaching.reflection')}** {plain(visit['reflection'])}",
            f"**{t('team.coaching.advice')}** {plain(visit['advice'])}"]


def split_scores(given: pd.DataFrame, visit_id: int) -> tuple[dict[int, int], dict[int, int]]:
    """One visit's scores per goal id: the teacher's own, and the adviser's."""
    mine = given[given["visit_id"] == visit_id]

    def by(whom: str) -> dict[int, int]:
        found = mine[mine["by_whom"] == whom]
        return {int(g): int(s) for g, s in zip(found["goal_id"], found["score"], strict=True)}

    return by("self"), by("adviser")


def visit_mode(may: Rights, visit: Mapping, goals: pd.DataFrame, own: Mapping,
               theirs: Mapping) -> str | None:
    """What the page offers for one visit: 'held' (mark the diagnostic visit held), 'no_goals',
    'self' (the teacher's form), 'talk' (the adviser's form), 'scores' (the ratings given), or
    nothing."""
    if visit["kind"] == "diagnostic":
        return "held" if may.observe and may.is_open and not visit["held"] else None
    if goals.empty:
        return "no_goals"
    if may.is_open and not talked(visit):
        if may.assess:
            return "self"
        if may.observe:
            return "talk"
    return "scores" if own or theirs else None


def score_prompt(side: str, goal: Mapping, own: Mapping,
                 t: Translator) -> tuple[str, int | None]:
    """The label and first choice of one goal's score (1 to 4) in a visit's form: the
    teacher's own ('self') starts from what they gave before; the adviser's ('rate') shows the
    teacher's score beside the goal and starts empty."""
    given = own.get(int(goal["goal_id"]))
    if side == "self":
        return goal_label(goal), None if given is None else coaching.SCORES.index(int(given))
    return t.md("team.coaching.rate_goal", seq=int(goal["seq"]), text=goal["text"],
                own="–" if given is None else given), None


def self_missing(goals: pd.DataFrame, own: Mapping) -> int:
    """How many goals the teacher has not yet assessed for this visit."""
    return len(goals) - len(own)


def scores_table(goals: pd.DataFrame, own: Mapping, theirs: Mapping,
                 t: Translator) -> display.Table:
    ids = [int(g) for g in goals["goal_id"]]
    frame = goals.assign(goal=[f"{int(g['seq'])}. {g['text']}" for g in goals.to_dict("records")],
                         own=[own.get(g) for g in ids], theirs=[theirs.get(g) for g in ids])
    return display.table(frame, t, [
        display.text("goal", "team.coaching.col.goal"),
        display.count("own", "team.coaching.by.self"),
        display.count("theirs", "team.coaching.by.adviser")])


# -- the final report ------------------------------------------------------------------------

def degree_label(degree: str | None, t: Translator) -> str:
    return t(f"team.coaching.degree.{degree}") if degree else "–"


@dataclass(frozen=True)
class Download:
    """One file of the report: made (and its export logged) only when clicked."""

    name: str                         # 'print' or 'csv'
    label: str
    data: Callable[[], bytes]
    file_name: str
    mime: str
    icon: str


def report_downloads(db: Database, viewer: Viewer, may: Rights, trajectory_id: int,
                     t: Translator, school: str) -> list[Download]:
    """The printable report and its CSV, for a party who may export it. Each file is made by
    coaching.export_report, which asks the permission model and writes the audit entry."""
    if not may.export:
        return []

    def make(fmt: str) -> Callable[[], bytes]:
        return lambda: coaching.export_report(db, viewer, trajectory_id, fmt, t, school)

    stem = f"{t('export.file.coaching')}-{trajectory_id}"
    return [Download("print", t("team.coaching.print_button"), make("html"), f"{stem}.html",
                     "text/html", ":material/print:"),
            Download("csv", t("export.csv"), make("csv"), f"{stem}.csv", "text/csv",
                     ":material/download:")]
