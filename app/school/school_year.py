"""A school year in the database: its periods, weeks and flex cycles, made once.

The demo school and every import that needs a school year that is not there yet use the same
frames, so a school that starts with its own files gets the same calendar as the demo.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from app.db import Transaction
from app.school import school_calendar


@dataclass
class CalendarFrames:
    school_year: pd.DataFrame
    period: pd.DataFrame
    week: pd.DataFrame
    flex_cycle: pd.DataFrame
    flex_cycle_week: pd.DataFrame
    cycles: list[dict]            # per cycle: id, seq, weeks (school_calendar.Week), first Monday

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"school_year": self.school_year, "period": self.period, "week": self.week,
                "flex_cycle": self.flex_cycle, "flex_cycle_week": self.flex_cycle_week}


# The subjects of Flemish secondary education most schools teach, so results and needs can name
# them by code or by name from the first import on. Schools add their own by importing.
STANDARD_SUBJECTS = (
    ("NED", "Nederlands", "Dutch"), ("FRA", "Frans", "French"), ("ENG", "Engels", "English"),
    ("DUI", "Duits", "German"), ("WIS", "Wiskunde", "Mathematics"),
    ("NAT", "Natuurwetenschappen", "Science"), ("BIO", "Biologie", "Biology"),
    ("CHE", "Chemie", "Chemistry"), ("FYS", "Fysica", "Physics"),
    ("GES", "Geschiedenis", "History"), ("AAR", "Aardrijkskunde", "Geography"),
    ("TEC", "Techniek", "Technology"), ("MUZ", "Muzische vorming", "Arts"),
    ("LO", "Lichamelijke opvoeding", "Physical education"), ("LAT", "Latijn", "Latin"),
    ("ECO", "Economie", "Economics"), ("INF", "Informatica", "Computer science"),
    ("GOD", "Levensbeschouwing", "Religion and ethics"),
)


def subject_frame() -> pd.DataFrame:
    return pd.DataFrame(STANDARD_SUBJECTS, columns=["subject_id", "name_nl", "name_en"])


def calendar_frames(tx: Transaction, year: str) -> CalendarFrames:
    """Rows for one school year: three trimesters, every week, cycles of three school weeks."""
    first, last = school_calendar.school_year_bounds(year)
    trimesters = school_calendar.trimesters(year)
    period_ids = tx.next_ids("period_id_seq", len(trimesters))
    periods = pd.DataFrame([
        {"period_id": pid, "school_year_id": year, "seq": p.seq, "name": p.name,
         "starts_on": p.starts_on, "ends_on": p.ends_on}
        for pid, p in zip(period_ids, trimesters, strict=True)
    ])
    weeks = school_calendar.school_weeks(year)
    blocks = school_calendar.flex_cycles(weeks)
    cycle_ids = tx.next_ids("flex_cycle_id_seq", len(blocks))
    cycles = [
        {"cycle_id": cid, "school_year_id": year, "seq": seq, "weeks": block,
         "first_monday": block[0].monday}
        for seq, (cid, block) in enumerate(zip(cycle_ids, blocks, strict=True), start=1)
    ]
    return CalendarFrames(
        school_year=pd.DataFrame([{"school_year_id": year, "starts_on": first, "ends_on": last}]),
        period=periods,
        week=pd.DataFrame([{"week_id": w.week_id, "school_year_id": year, "monday": w.monday,
                            "is_school_week": w.is_school_week} for w in weeks]),
        flex_cycle=pd.DataFrame([{k: c[k] for k in ("cycle_id", "school_year_id", "seq")}
                                 for c in cycles]),
        flex_cycle_week=pd.DataFrame([{"week_id": w.week_id, "cycle_id": c["cycle_id"]}
                                      for c in cycles for w in c["weeks"]]),
        cycles=cycles,
    )


def ensure(tx: Transaction, year: str) -> bool:
    """Make the school year with its calendar if it is not there; True when it was made."""
    if tx.scalar("common/school_year_exists", school_year=year):
        return False
    for table, frame in calendar_frames(tx, year).tables().items():
        tx.insert_frame(table, frame)
    if not tx.scalar("common/count_subjects"):
        tx.insert_frame("subject", subject_frame())
    return True
