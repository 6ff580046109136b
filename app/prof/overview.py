"""The staff basis of professional development: people, assignment sizes and starters per team."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from app.db import Database
from app.school import school_calendar


@dataclass(frozen=True)
class StaffBasis:
    teams: pd.DataFrame
    staff: int
    fte: float
    starters: int


def staff_basis(db: Database, today: dt.date) -> StaffBasis:
    start, _ = school_calendar.school_year_bounds(school_calendar.school_year_of(today))
    teams = db.read("prof/staff_by_team", school_year_start=start)
    return StaffBasis(
        teams=teams,
        staff=int(teams["staff"].sum()),
        fte=float(teams["fte"].sum()),
        starters=int(teams["starters"].sum()),
    )
