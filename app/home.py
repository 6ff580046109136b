"""The week at a glance, for the home page: needs, this week's flex groups, budget, surveys."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from app.db import Database
from app.prof.budget import Glance, glance
from app.school import school_calendar
from app.scope import Scope


@dataclass(frozen=True)
class FlexWeek:
    week_id: str
    monday: dt.date
    cycle_id: int
    cycle_seq: int
    is_this_week: bool
    is_published: bool
    sessions: pd.DataFrame      # one row per session: fill, leader, room


@dataclass(frozen=True)
class WeekAtAGlance:
    today: dt.date
    school_year: str
    learners: int
    open_needs: dict[str, int]  # kind -> learners, and 'all'
    flex_week: FlexWeek | None
    budget: Glance | None       # this school year's budget, for those who may see it
    latest_survey: dict | None
    survey_means: pd.DataFrame


def flex_week(db: Database, today: dt.date, lang: str) -> FlexWeek | None:
    """This week's flex groups, or the next week's when flex does not run this week."""
    week = db.one("flex/show_week", monday=school_calendar.monday_of(today))
    if week is None:
        return None
    sessions = db.read("flex/session_fill", cycle_id=week["cycle_id"], lang=lang)
    return FlexWeek(
        week_id=week["week_id"],
        monday=week["monday"],
        cycle_id=int(week["cycle_id"]),
        cycle_seq=int(week["cycle_seq"]),
        is_this_week=bool(week["is_this_week"]),
        is_published=bool(len(sessions) and sessions["is_published"].iloc[0]),
        sessions=sessions,
    )


def week_at_a_glance(db: Database, scope: Scope, today: dt.date, lang: str,
                     with_budget: bool = False) -> WeekAtAGlance:
    school_year = school_calendar.school_year_of(today)
    needs = db.read("home/open_needs", scope=scope, school_year=school_year, today=today)
    latest = db.one("surveys/latest", scope=scope)
    means = (
        db.read("surveys/question_means", scope=scope, survey_id=latest["survey_id"])
        if latest else pd.DataFrame()
    )
    return WeekAtAGlance(
        today=today,
        school_year=school_year,
        learners=int(db.scalar("home/current_learners", scope=scope, school_year=school_year)
                     or 0),
        open_needs={row.kind: int(row.learners) for row in needs.itertuples()},
        flex_week=flex_week(db, today, lang),
        budget=glance(db, school_year) if with_budget else None,
        latest_survey=latest,
        survey_means=means,
    )
