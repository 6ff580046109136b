"""Reading the flex board: weeks, sessions with their fill, and each session's learners."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from app import school_calendar
from app.db import Database
from app.i18n import Translator
from app.scope import Scope


def weeks(db: Database, school_year: str) -> pd.DataFrame:
    return db.read("flex/weeks", school_year=school_year)


def default_week(weeks: pd.DataFrame, today: dt.date) -> int:
    """Index of this week, else of the next flex week, else of the last one."""
    monday = school_calendar.monday_of(today)
    upcoming = [i for i, m in enumerate(weeks["monday"]) if pd.Timestamp(m).date() >= monday]
    return upcoming[0] if upcoming else len(weeks) - 1


def week_label(weeks: pd.DataFrame, week_id: str, t: Translator) -> str:
    row = weeks.loc[weeks["week_id"] == week_id].iloc[0]
    return t("flex.week_label", week=week_id, monday=t.date(pd.Timestamp(row["monday"]).date()),
             cycle=int(row["cycle_seq"]))


def sessions(db: Database, cycle_id: int, lang: str) -> pd.DataFrame:
    return db.read("flex/session_fill", cycle_id=cycle_id, lang=lang)


def session_table(sessions: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """The sessions of one slot as the flex team reads them."""
    return pd.DataFrame({
        t("flex_board.col.code"): sessions["code"],
        t("flex_board.col.kind"): [t.kind(k) for k in sessions["kind"]],
        t("flex_board.col.topic"): sessions["topic"],
        t("flex_board.col.leader"): [
            leader if kind == "teacher" else f"{leader} ({t(f'leader_kind.{kind}')})"
            for leader, kind in zip(sessions["leader"], sessions["leader_kind"], strict=True)
        ],
        t("flex_board.col.room"): sessions["room"],
        t("flex_board.col.learners"): sessions["learners"],
        t("flex_board.col.capacity"): sessions["capacity"],
        t("flex_board.col.fill"): sessions["fill"].astype(float),
    })


def reason_text(row: dict, t: Translator) -> str:
    """Why a learner is in a session, in plain words."""
    code = row["reason_code"]
    text = t(f"reason.{code}")
    if row.get("need_source"):
        text += " – " + t(f"need_source.{row['need_source']}")
    if row.get("need_reason"):
        text += f": {row['need_reason']}"
    if row.get("valid_until") is not None and not pd.isna(row["valid_until"]):
        text += " " + t("reason.until", date=t.date(pd.Timestamp(row["valid_until"]).date()))
    return text


def learner_table(db: Database, scope: Scope, session_id: int, t: Translator) -> pd.DataFrame:
    """The learners of a session the viewer may see, with why each is there."""
    rows = db.records("flex/session_learners", scope=scope, session_id=session_id)
    return pd.DataFrame({
        t("flex_board.col.learner"): [r["learner"] for r in rows],
        t("flex_board.col.class"): [r["class_code"] for r in rows],
        t("flex_board.col.reason"): [reason_text(r, t) for r in rows],
    })

