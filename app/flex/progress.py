"""Does flex help? Learning gains per session, kind, subject and leader against comparable
learners who did not take part; learners to bring back to the council; successes; well-being
and self-regulation over the year.

A gain is the change in a learner's share of the maximum in the session's subject, from the
period before the cycle to the period after it (queries/schema/006_council.sql,
flex_participation). The comparison group: learners of the same classes, same subject, in no
session of that subject in that cycle. Sums and counts come from SQL, so every grouping here is
an exact weighted mean; groups smaller than the school's minimum are marked, not hidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import pandas as pd

from app.scope import Scope


class Reads(Protocol):
    """A Database, or the page's cached reader (web.CachedReader)."""

    def read(self, name: str, /, scope: Scope | None = None, **params: Any) -> pd.DataFrame: ...

GROUPINGS = {
    "kind": ["kind"],
    "subject": ["kind", "subject_id"],
    "leader": ["kind", "leader"],
    "session": ["cycle_seq", "code", "kind", "subject_id", "leader"],
}
SUMS = ["learners", "gain_sum", "present_sum", "comparison_learners", "comparison_gain_sum"]


def years(db: Reads) -> list[str]:
    return list(db.read("progress/years")["school_year_id"])


def sessions(db: Reads, school_year: str) -> pd.DataFrame:
    """Per session of a school year: participants, their gain, attendance, the comparison."""
    return db.read("progress/gains", school_year=school_year)


@dataclass(frozen=True)
class Summary:
    table: pd.DataFrame
    min_group: int


def summarise(per_session: pd.DataFrame, grouping: str, min_group: int,
              subject: str | None = None) -> Summary:
    """Mean gain of participants and of the comparison group, the difference, and the mean
    number of sessions attended (dosage), per group; `too_small` where either group has fewer
    learners than the minimum."""
    frame = per_session
    if subject:
        frame = frame[frame["subject_id"] == subject]
    if frame.empty:
        columns = [*GROUPINGS[grouping], *SUMS, "gain", "comparison_gain", "difference",
                   "dosage", "too_small"]
        return Summary(pd.DataFrame(columns=columns), min_group)
    keys = GROUPINGS[grouping]
    grouped = frame.groupby(keys, dropna=False, as_index=False)[SUMS].sum()
    grouped["gain"] = grouped["gain_sum"] / grouped["learners"]
    grouped["comparison_gain"] = (grouped["comparison_gain_sum"]
                                  / grouped["comparison_learners"].where(
                                      grouped["comparison_learners"] > 0))
    grouped["difference"] = grouped["gain"] - grouped["comparison_gain"]
    grouped["dosage"] = grouped["present_sum"] / grouped["learners"]
    grouped["too_small"] = (grouped["learners"] < min_group) | (
        grouped["comparison_learners"] < min_group)
    return Summary(grouped.sort_values(keys).reset_index(drop=True), min_group)


def focus(learners: pd.DataFrame, groups: pd.DataFrame | None) -> pd.DataFrame:
    """The learners of a list who belong to the groups picked in the gains chart: the same
    subject (and kind, where the list has one); everyone when nothing is picked."""
    if groups is None or learners.empty:
        return learners
    keep = pd.Series(True, index=learners.index)
    for column in ("subject_id", "kind"):
        if column in groups.columns and column in learners.columns:
            keep &= learners[column].isin(set(groups[column].dropna()))
    return learners[keep]


def stalled(db: Reads, scope: Scope, school_year: str, lang: str) -> pd.DataFrame:
    """Two cycles or more of remediation in a subject, and no rise: for the next council."""
    found = db.read("progress/stalled", scope=scope, school_year=school_year, lang=lang)
    return found.assign(kind="remediation")


def successes(db: Reads, scope: Scope, school_year: str, gain: float,
              lang: str) -> pd.DataFrame:
    return db.read("progress/successes", scope=scope, school_year=school_year, gain=gain,
                   lang=lang)


def survey_trend(db: Reads, scope: Scope, school_year: str, tag: str) -> pd.DataFrame:
    """Mean share of the scales per survey, per class and per flex kind."""
    return db.read("progress/survey_trend", scope=scope, school_year=school_year, tag=tag)
