"""The school calendar: school years, ISO weeks, holidays, report periods and flex cycles.

Pure functions. The holiday rules follow the Flemish calendar in force since 2022-2023 closely
enough for planning flex cycles; a school corrects single weeks in the database (a week's
``is_school_week``) rather than in code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DEFAULT_CYCLE_WEEKS = 3


def school_year_of(day: dt.date) -> str:
    """'2026-2027' for any day from 1 September 2026 to 31 August 2027."""
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}-{start + 1}"


def previous_school_year(school_year_id: str) -> str:
    start = int(school_year_id[:4])
    return f"{start - 1}-{start}"


def school_year_bounds(school_year_id: str) -> tuple[dt.date, dt.date]:
    """First and last day of lessons: 1 September to 30 June."""
    start = int(school_year_id[:4])
    return dt.date(start, 9, 1), dt.date(start + 1, 6, 30)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_id(day: dt.date) -> str:
    """ISO week of a day: '2026-W48'."""
    year, number, _ = day.isocalendar()
    return f"{year}-W{number:02d}"


def monday_of_week(week: str) -> dt.date:
    year, number = week.split("-W")
    return dt.date.fromisocalendar(int(year), int(number), 1)


def _two_weeks(first_monday: dt.date) -> set[dt.date]:
    return {first_monday, first_monday + dt.timedelta(days=7)}


def holiday_mondays(school_year_id: str) -> set[dt.date]:
    """Mondays of the holiday weeks in a Flemish school year (autumn, Christmas, spring, Easter)."""
    start = int(school_year_id[:4])
    autumn = monday_of(dt.date(start, 11, 1))
    christmas_day = dt.date(start, 12, 25)
    christmas = monday_of(christmas_day)
    if christmas_day.weekday() >= 5:  # on a weekend, the holiday starts the Monday after
        christmas += dt.timedelta(days=7)
    spring = dt.date.fromisocalendar(start + 1, 7, 1)  # krokusvakantie, mid-February
    first_april = dt.date(start + 1, 4, 1)
    easter = first_april + dt.timedelta(days=(7 - first_april.weekday()) % 7)
    return _two_weeks(autumn) | _two_weeks(christmas) | _two_weeks(spring) | _two_weeks(easter)


@dataclass(frozen=True)
class Week:
    week_id: str
    monday: dt.date
    is_school_week: bool


def school_weeks(school_year_id: str) -> list[Week]:
    """Every ISO week that has lesson days in the school year, holidays marked."""
    first, last = school_year_bounds(school_year_id)
    holidays = holiday_mondays(school_year_id)
    weeks = []
    monday = monday_of(first)
    if monday < first and (first - monday).days >= 3:  # 1 September on Thu/Fri: next week
        monday += dt.timedelta(days=7)
    while monday <= last:
        weeks.append(Week(week_id(monday), monday, monday not in holidays))
        monday += dt.timedelta(days=7)
    return weeks


@dataclass(frozen=True)
class Period:
    seq: int
    name: str
    starts_on: dt.date
    ends_on: dt.date


def trimesters(school_year_id: str) -> list[Period]:
    """Three report periods: to the Christmas holiday, to the Easter holiday, to the end of June."""
    first, last = school_year_bounds(school_year_id)
    holidays = sorted(holiday_mondays(school_year_id))
    christmas = next(m for m in holidays if m.month == 12 or (m.month == 1 and m.day < 8))
    easter = next(m for m in holidays if m.month == 4)
    return [
        Period(1, "Trimester 1", first, christmas - dt.timedelta(days=3)),
        Period(2, "Trimester 2", christmas + dt.timedelta(days=14), easter - dt.timedelta(days=3)),
        Period(3, "Trimester 3", easter + dt.timedelta(days=14), last),
    ]


def flex_cycles(weeks: list[Week], weeks_per_cycle: int = DEFAULT_CYCLE_WEEKS) -> list[list[Week]]:
    """School weeks grouped into cycles of ``weeks_per_cycle``; the last cycle may be shorter."""
    teaching = [w for w in weeks if w.is_school_week]
    return [teaching[i : i + weeks_per_cycle] for i in range(0, len(teaching), weeks_per_cycle)]
