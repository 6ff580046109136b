"""The school calendar: school years, ISO weeks, Flemish holidays, trimesters, flex cycles."""

from __future__ import annotations

import datetime as dt

import pytest

from app.school import school_calendar as cal


@pytest.mark.parametrize(
    ("day", "year"),
    [(dt.date(2026, 9, 1), "2026-2027"), (dt.date(2027, 8, 31), "2026-2027"),
     (dt.date(2026, 8, 31), "2025-2026")],
)
def test_school_year_of(day, year):
    assert cal.school_year_of(day) == year


# The first Monday of herfst, kerst, krokus and pasen as the Flemish schools published them
# (2026-2027 has no published list yet: it is the decree's rules worked by hand, with 1 November
# on a Sunday and Easter in March). Autumn and krokus last one week, Christmas and Easter two.
PUBLISHED = {
    "2019-2020": ("28/10/2019", "23/12/2019", "24/02/2020", "06/04/2020"),
    "2022-2023": ("31/10/2022", "26/12/2022", "20/02/2023", "03/04/2023"),
    "2023-2024": ("30/10/2023", "25/12/2023", "12/02/2024", "01/04/2024"),
    "2024-2025": ("28/10/2024", "23/12/2024", "03/03/2025", "07/04/2025"),
    "2025-2026": ("27/10/2025", "22/12/2025", "16/02/2026", "06/04/2026"),
    "2026-2027": ("02/11/2026", "21/12/2026", "08/02/2027", "29/03/2027"),
    "2027-2028": ("01/11/2027", "27/12/2027", "28/02/2028", "03/04/2028"),
}


@pytest.mark.parametrize("school_year", PUBLISHED)
def test_holidays_follow_the_flemish_calendar(school_year):
    first_mondays = [dt.datetime.strptime(day, "%d/%m/%Y").date()
                     for day in PUBLISHED[school_year]]
    assert [(h.first_monday, h.weeks) for h in cal.holidays(school_year)] == list(
        zip(first_mondays, (1, 2, 1, 2), strict=True))
    assert len(cal.holiday_mondays(school_year)) == 6


@pytest.mark.parametrize(("year", "easter"), [(2024, "31/03"), (2025, "20/04"), (2027, "28/03"),
                                              (2028, "16/04"), (2038, "25/04"), (2285, "22/03")])
def test_easter_sunday(year, easter):
    assert cal.easter_sunday(year).strftime("%d/%m") == easter


def test_week_ids_round_trip():
    assert cal.week_id(dt.date(2026, 11, 23)) == "2026-W48"
    assert cal.monday_of_week("2026-W48") == dt.date(2026, 11, 23)
    assert cal.week_id(dt.date(2027, 1, 1)) == "2026-W53"


def test_trimesters_cover_the_year_between_holidays():
    first, second, third = cal.trimesters("2026-2027")
    assert first.starts_on == dt.date(2026, 9, 1) and first.ends_on < dt.date(2026, 12, 21)
    assert second.starts_on == dt.date(2027, 1, 4)
    assert second.ends_on < dt.date(2027, 3, 29) and third.starts_on == dt.date(2027, 4, 12)
    assert third.ends_on == dt.date(2027, 6, 30)


def test_flex_cycles_skip_holidays_and_hold_three_weeks():
    cycles = cal.flex_cycles(cal.school_weeks("2026-2027"))
    assert all(w.is_school_week for cycle in cycles for w in cycle)
    assert all(len(cycle) == 3 for cycle in cycles[:-1])
    assert sum(len(c) for c in cycles) == 38
