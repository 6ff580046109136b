"""The flex board's tables and labels: weeks, plans, sessions with their fill, a session's
learners with why each is there, the learner search, the composition's report and the moves
by hand. Plain pandas over the queries; the page (pages/flex_board.py) only draws what these
return. The lists and the register pick their sessions by the same labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from app import display, permissions
from app.auth import Viewer
from app.blank import is_blank
from app.db import Database
from app.errors import UserError
from app.flex import plans, words
from app.flex.plans import Move, Plan
from app.i18n import Translator
from app.school import school_calendar
from app.search import matches


def weeks(db: Database, school_year: str) -> pd.DataFrame:
    return db.read("flex/weeks", school_year=school_year)


def default_week(weeks: pd.DataFrame, today: dt.date) -> int:
    """Index of this week, else of the next flex week, else of the last one."""
    monday = school_calendar.monday_of(today)
    upcoming = [i for i, m in enumerate(weeks["monday"]) if pd.Timestamp(m).date() >= monday]
    return upcoming[0] if upcoming else len(weeks) - 1


def week_label(weeks: pd.DataFrame, week_id: str, t: Translator) -> str:
    row = weeks.loc[weeks["week_id"] == week_id].iloc[0]
    return t("flex.week_label", week=words.week(t, week_id),
             monday=t.date(pd.Timestamp(row["monday"]).date()), cycle=int(row["cycle_seq"]))


def first_week_of(weeks: pd.DataFrame, cycle_id: int) -> str | None:
    found = weeks.loc[weeks["cycle_id"] == cycle_id, "week_id"]
    return str(found.iloc[0]) if len(found) else None


def plan_label(row: dict | pd.Series | Plan, t: Translator) -> str:
    """'Voorstel (niet gepubliceerd)' or 'Versie 2 · 20/11/2026 14:05 · An Peeters'."""
    get = row.get if isinstance(row, dict | pd.Series) else row.__getattribute__
    if get("status") == "proposal":
        return t("flex_board.plan.proposal")
    published_at = get("published_at")
    when = t.datetime(pd.Timestamp(published_at).to_pydatetime()) \
        if not is_blank(published_at) else "–"
    return t("flex_board.plan.version", version=int(get("version")), when=when,
             who=get("published_by") or "–")


def leader_text(leader: str | None, kind: str, t: Translator) -> str:
    if is_blank(leader):  # published before anyone agreed to lead it: say so, not a dash
        return t("flex_board.no_leader")
    return leader if kind == "teacher" else f"{leader} ({t(f'leader_kind.{kind}')})"


def session_table(sessions: pd.DataFrame, t: Translator) -> display.Table:
    """The sessions of one slot as the flex team reads them."""
    frame = sessions.assign(leader_text=[leader_text(lead, kind, t) for lead, kind in
                                         zip(sessions["leader"], sessions["leader_kind"],
                                             strict=True)])
    return display.table(frame, t, [
        display.text("code", "flex_board.col.code"),
        display.code("kind", "flex_board.col.kind", codes="kind"),
        display.text("topic", "flex_board.col.topic"),
        display.text("leader_text", "flex_board.col.leader"),
        display.text("room", "flex_board.col.room"),
        display.count("learners", "flex_board.col.learners"),
        display.count("capacity", "flex_board.col.capacity"),
        display.progress("fill", "flex_board.col.fill"),
    ])


def learner_table(rows: pd.DataFrame, t: Translator, with_session: bool = False
                  ) -> display.Table:
    """Learners with why each is where they are; locked placements marked."""
    frame = rows.assign(reason=[words.reason_text(r, t) for r in rows.to_dict("records")])
    columns = [display.person("learner", "flex_board.col.learner"),
               display.text("class_code", "flex_board.col.class")]
    if with_session:
        frame = frame.assign(
            slot=[words.slot(t, d, h) for d, h in zip(rows["weekday"], rows["lesson_hour"],
                                                      strict=True)],
            what=[words.what(t, k, p) for k, p in zip(rows["kind"], rows["topic"],
                                                      strict=True)])
        columns += [display.text("slot", "flex_board.col.slot"),
                    display.text("code", "flex_board.col.code"),
                    display.text("what", "flex_board.col.topic")]
    columns += [display.flag("is_locked", "flex_board.col.locked", width="small"),
                display.text("reason", "flex_board.col.reason")]
    return display.table(frame, t, columns)


def search(rows: pd.DataFrame, text: str) -> pd.DataFrame:
    """Placements of learners whose name, class and number hold every word of the text (the
    rule of app/search.py: "Lotte Verbeke" finds "Verbeke, Lotte")."""
    haystack = (rows["learner"].fillna("") + " " + rows["class_code"].fillna("") + " "
                + rows["external_id"].fillna(""))
    return rows[matches(haystack, text)]


def _open_to(session, years: set[int], classes: set[str]) -> bool:
    allowed_years = session.years_of_study
    allowed_classes = session.class_codes
    return (not _listy(allowed_years) or years <= {int(y) for y in allowed_years}) and (
        not _listy(allowed_classes) or classes <= set(allowed_classes))


def _listy(value) -> bool:
    return hasattr(value, "__len__") and not isinstance(value, str) and len(value) > 0


def target_options(fill: pd.DataFrame, slot_id: int, chosen: pd.DataFrame,
                   t: Translator) -> dict[int, str]:
    """The sessions of a slot the chosen learners can be moved to, with how full each is:
    those open to all of them first, then the others, marked."""
    in_slot = fill[fill["slot_id"] == slot_id]
    years = {int(y) for y in chosen["year_of_study"].dropna()}
    classes = {str(c) for c in chosen["class_code"].dropna()}
    options, others = {}, {}
    for s in in_slot.itertuples():
        label = t("flex_board.move.option", code=s.code, what=words.what(t, s.kind, s.topic),
                  learners=int(s.learners), capacity=int(s.capacity))
        if _open_to(s, years, classes):
            options[int(s.session_id)] = label
        else:
            others[int(s.session_id)] = label + " · " + t("flex_board.move.not_open")
    return {**options, **others}


def change_table(changes: pd.DataFrame, t: Translator) -> display.Table:
    frame = changes.assign(slot=[words.slot(t, d, h) for d, h in
                                 zip(changes["weekday"], changes["lesson_hour"], strict=True)])
    return display.table(frame, t, [
        display.person("learner", "flex_board.col.learner"),
        display.text("class_code", "flex_board.col.class"),
        display.text("slot", "flex_board.col.slot"),
        display.code("change", "flex_board.col.change", codes="flex_board.change"),
        display.text("before", "flex_board.col.before", dash=True),
        display.text("after", "flex_board.col.after", dash=True),
    ])


# -- the week and the plan the board is about -------------------------------------------------

def waiting_week(db: Database, weeks: pd.DataFrame, cycle_id: int, today: dt.date) -> str | None:
    """The first week of the next cycle while it has no plan yet and the board shows another:
    the flex team's weekly job, to point at. None when there is no such cycle."""
    try:
        upcoming = plans.next_cycle(db, today)
    except UserError:
        return None
    first = first_week_of(weeks, upcoming)
    if first and upcoming != cycle_id and plans.current(db, upcoming) is None:
        return first
    return None


def plans_for(db: Database, viewer: Viewer, cycle_id: int) -> pd.DataFrame:
    """The plans of a cycle the viewer may see: all of them for whoever composes (the proposal
    first), the published versions for everyone else."""
    listing = plans.plans(db, cycle_id)
    if permissions.holds(viewer, "flex.plan.compose"):
        return listing
    return listing[listing["status"] == "published"]


def plan_labels(listing: pd.DataFrame, t: Translator) -> dict[int, str]:
    return {int(r["plan_id"]): plan_label(r, t) for r in listing.to_dict("records")}


@dataclass(frozen=True)
class Badge:
    """What a plan is, as a coloured badge with a line beside it (Markdown)."""

    text: str
    icon: str
    color: str
    caption: str


def status_badge(plan: Plan, t: Translator) -> Badge:
    if plan.is_proposal:
        return Badge(t("flex_board.plan.proposal"), ":material/edit_note:", "orange",
                     t.md("flex_board.plan.made", who=plan.created_by or "–",
                          when=t.datetime(plan.created_at)))
    return Badge(t.md("flex_board.plan.published", version=plan.version),
                 ":material/task_alt:", "green",
                 t.md("flex_board.plan.published_by", who=plan.published_by or "–",
                      when=t.datetime(plan.published_at)))


@dataclass(frozen=True)
class Metric:
    """One figure of the composition's report, as st.metric shows it."""

    label: str
    value: str
    help: str | None = None
    delta: str | None = None
    delta_color: str = "normal"


def report_metrics(plan: Plan, t: Translator) -> list[list[Metric]]:
    """The composition's report in two rows of figures: how many are placed, the objective
    against its proven bound and the time it took; what stayed unmet and what was locked."""
    summary = plan.report["summary"]
    proven = summary["gap"] is not None and summary["gap"] <= 1e-9
    bound = t.number(summary["bound"], 2) if summary["bound"] is not None else "–"
    return [
        [Metric(t("flex_board.report.placed"),
                f"{t.count(summary['assigned'])} / {t.count(summary['learners'])}"),
         Metric(t("flex_board.report.objective"), t.number(summary["objective"], 2),
                help=t("flex_board.report.objective_help")),
         Metric(t("flex_board.report.bound"), bound, help=t("flex_board.report.bound_help"),
                delta=t("flex_board.report.proven") if proven else
                t("flex_board.report.gap", gap=t.percent(summary["gap"] or 0, 2)),
                delta_color="normal" if proven else "inverse"),
         Metric(t("flex_board.report.seconds"), t.number(summary["seconds"], 2) + " s")],
        [Metric(t("flex_board.report.hard_unmet"), t.count(summary["hard_unmet"])),
         Metric(t("flex_board.report.fairness_unmet"), t.count(summary["fairness_unmet"])),
         Metric(t("flex_board.report.locked"), t.count(plan.report.get("locked", 0))),
         *([Metric(t("flex_board.report.moved"), t.count(summary["moved_learners"]),
                   help=t("flex_board.report.moved_help", version=t.count(
                       plan.report.get("kept_version")), cost=t.number(summary["move_cost"], 0)))]
           if "moved_learners" in summary else [])]]


def report_moves(plan: Plan, t: Translator) -> str | None:
    """'Tegenover versie 1 wisselen 3 leerlingen van groep: 3 voor een beslissing van de
    klassenraad.' None when nothing was published before, or nobody moves."""
    summary = plan.report.get("summary", {})
    if not summary.get("moved_learners"):
        return None
    why = [t(f"flex_board.report.why.{code}", count=t.count(count))
           for code, count in sorted(summary.get("moved_why", {}).items(),
                                     key=lambda item: -item[1])
           if t.has(f"flex_board.report.why.{code}")]
    return t.plural("flex_board.report.moved_why", int(summary["moved_learners"]),
                    version=t.count(plan.report.get("kept_version")), why=t.join(why))


def report_messages(plan: Plan, t: Translator, names: Mapping[int, str]) -> list[str]:
    """What the composition could not do as asked, one plain sentence each."""
    return [words.report_message(code, params, t, names)
            for code, params in plan.report.get("messages", [])]


# -- the groups --------------------------------------------------------------------------------

def slots(fill: pd.DataFrame) -> list[tuple[int, int, int]]:
    """The slots of a plan, in order: (weekday, lesson hour, slot id)."""
    return list(dict.fromkeys(zip(fill["weekday"], fill["lesson_hour"], fill["slot_id"],
                                  strict=True)))


def session_head(session: Mapping, members: pd.DataFrame, t: Translator) -> str:
    """'**A12** · Wiskunde – breuken · 14 van 16 plaatsen' above a session's learners: the
    session's own count, as the table above says it, even when the viewer may see fewer of
    its learners (a flex teacher sees those of their own sessions), and then says so."""
    head = t.md("flex_board.session_head", code=session["code"],
                what=words.what(t, session["kind"], session["topic"]),
                learners=t.count(int(session["learners"])),
                capacity=t.count(session["capacity"]))
    if len(members) < int(session["learners"]):
        head += "  \n" + t.md("flex_board.session_not_yours")
    return head


def session_labels(sessions: pd.DataFrame, t: Translator) -> dict[int, str]:
    """Sessions to pick one from (the lists, the register): code, slot, what and how many."""
    return {int(s.session_id): t("flex_lists.session_label", code=s.code,
                                 slot=words.slot(t, s.weekday, s.lesson_hour),
                                 what=words.what(t, s.kind, s.topic),
                                 learners=t.plural("count.learners", int(s.learners)))
            for s in sessions.itertuples()}


def moves_to(selected: pd.DataFrame, target: int) -> list[Move]:
    """The chosen learners moved to another session of their slot (those there already stay)."""
    return [Move(int(r.learner_id), int(r.slot_id), int(r.session_id), int(target))
            for r in selected.itertuples() if int(r.session_id) != int(target)]


def cells(selected: pd.DataFrame) -> list[tuple[int, int]]:
    """The chosen placements as (learner, slot): what locking and unlocking take."""
    return [(int(r.learner_id), int(r.slot_id)) for r in selected.itertuples()]


# -- against the version before ------------------------------------------------------------------

def diff_title(base: Plan | None, t: Translator) -> str:
    return t.md("flex_board.diff.title", base=plan_label(base, t)) if base else \
        t("flex_board.diff.none_title")


def change_counts(changes: pd.DataFrame) -> dict[str, int]:
    """How many learners switch, join and leave."""
    counts = changes["change"].value_counts()
    return {code: int(counts.get(code, 0)) for code in words.CHANGE_CODES}
