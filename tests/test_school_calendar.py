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


def test_holidays_of_2026_2027_match_the_flemish_calendar():
    # Herfst 26/10, Kerst 21/12, Krokus 15/02, Pasen 05/04: two weeks each.
    expected = {dt.date(2026, 10, 26), dt.date(2026, 11, 2), dt.date(2026, 12, 21),
                dt.date(2026, 12, 28), dt.date(2027, 2, 15), dt.date(2027, 2, 22),
                dt.date(2027, 4, 5), dt.date(2027, 4, 12)}
    assert cal.holiday_mondays("2026-2027") == expected


def test_week_ids_round_trip():
    assert cal.week_id(dt.date(2026, 11, 23)) == "2026-W48"
    assert cal.monday_of_week("2026-W48") == dt.date(2026, 11, 23)
    assert cal.week_id(dt.date(2027, 1, 1)) == "2026-W53"


def test_trimesters_cover_the_year_between_holidays():
    first, second, third = cal.trimesters("2026-2027")
    assert first.starts_on == dt.date(2026, 9, 1) and first.ends_on < dt.date(2026, 12, 21)
    assert second.starts_on == dt.date(2027, 1, 4)
    assert third.ends_on == dt.date(2027, 6, 30)


def test_flex_cycles_skip_holidays_and_hold_three_weeks():
    cycles = cal.flex_cycles(cal.school_weeks("2026-2027"))
    assert all(w.is_school_week for cycle in cycles for w in cycle)
    assert all(len(cycle) == 3 for cycle in cycles[:-1])
    assert sum(len(c) for c in cycles) == 36
