"""The flex board's tables and labels: weeks, plans, sessions with their fill, a session's
learners with why each is there, and the learner search. Plain pandas over the queries; the
page (pages/flex_board.py) only draws what these return."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from app import display
from app.blank import is_blank
from app.db import Database
from app.flex import words
from app.flex.plans import Plan
from app.i18n import Translator
from app.school import school_calendar


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
    if is_blank(leader):
        return "–"
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
    """Placements of learners whose name, class or number contains the text (any case)."""
    needle = text.strip().casefold()
    if not needle:
        return rows.iloc[0:0]
    haystack = (rows["learner"].fillna("") + " " + rows["class_code"].fillna("") + " "
                + rows["external_id"].fillna("")).str.casefold()
    return rows[haystack.str.contains(needle, regex=False)]


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
