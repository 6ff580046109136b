"""The school calendar: school years, ISO weeks, holidays, report periods and flex cycles.

Pure functions. The holidays follow the Flemish rules of the decree of 17 April 1991 (Besluit van
de Vlaamse Regering betreffende de organisatie van het schooljaar), which Flanders kept when the
French Community lengthened its autumn and carnival holidays in 2022: autumn and krokus one week,
Christmas and Easter two. A school corrects single weeks in the database (a week's
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


def easter_sunday(year: int) -> dt.date:
    """Western Easter (the anonymous Gregorian computus, as in Meeus' Astronomical Algorithms)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * leap) // 433
    month = (h + leap - 7 * m + 90) // 25
    day = (h + leap - 7 * m + 33 * month + 19) % 32
    return dt.date(year, month, day)


@dataclass(frozen=True)
class Holiday:
    name: str  # autumn, christmas, krokus, easter
    first_monday: dt.date
    weeks: int

    @property
    def mondays(self) -> list[dt.date]:
        return [self.first_monday + dt.timedelta(weeks=n) for n in range(self.weeks)]


def _next_monday(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def holidays(school_year_id: str) -> list[Holiday]:
    """The four holidays of a Flemish school year, in order, by the rules of the decree."""
    start = int(school_year_id[:4])
    # Herfst: the week of 1 November; when 1 November is a Sunday, from 2 November.
    all_saints = dt.date(start, 11, 1)
    autumn = _next_monday(all_saints) if all_saints.weekday() == 6 else monday_of(all_saints)
    # Kerst: the week of Christmas Day; when it falls on a weekend, from the Monday after.
    christmas_day = dt.date(start, 12, 25)
    christmas = (_next_monday(christmas_day) if christmas_day.weekday() >= 5
                 else monday_of(christmas_day))
    easter = easter_sunday(start + 1)
    # Krokus: the seventh Monday before Easter (Easter Monday minus seven weeks).
    krokus = easter + dt.timedelta(days=1) - dt.timedelta(weeks=7)
    # Pasen: the first Monday of April; after an Easter in March, the Monday after Easter; after
    # an Easter later than 15 April, the second Monday before Easter.
    if easter.month == 3:
        spring = easter + dt.timedelta(days=1)
    elif easter > dt.date(start + 1, 4, 15):
        spring = easter - dt.timedelta(days=6) - dt.timedelta(weeks=1)
    else:
        spring = _next_monday(dt.date(start + 1, 4, 1))
    return [Holiday("autumn", autumn, 1),
            Holiday("christmas", christmas, 2),
            Holiday("krokus", krokus, 1),
            Holiday("easter", spring, 2)]


def holiday_mondays(school_year_id: str) -> set[dt.date]:
    """Mondays of the holiday weeks in a Flemish school year (autumn, Christmas, krokus, Easter)."""
    return {monday for holiday in holidays(school_year_id) for monday in holiday.mondays}


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
    _, christmas_holiday, _, easter_holiday = holidays(school_year_id)
    christmas, easter = christmas_holiday.first_monday, easter_holiday.first_monday
    return [
        Period(1, "Trimester 1", first, christmas - dt.timedelta(days=3)),
        Period(2, "Trimester 2", christmas + dt.timedelta(days=14), easter - dt.timedelta(days=3)),
        Period(3, "Trimester 3", easter + dt.timedelta(days=14), last),
    ]


def flex_cycles(weeks: list[Week], weeks_per_cycle: int = DEFAULT_CYCLE_WEEKS) -> list[list[Week]]:
    """School weeks grouped into cycles of ``weeks_per_cycle``; the last cycle may be shorter."""
    teaching = [w for w in weeks if w.is_school_week]
    return [teaching[i : i + weeks_per_cycle] for i in range(0, len(teaching), weeks_per_cycle)]
