"""Does flex help? Learning gains per session, kind, subject and leader against comparable
learners who did not take part; learners to bring back to the council; successes; well-being
and self-regulation over the year.

The unit is a learner: a gain is the change in a learner's share of the maximum in a subject,
from the period before a cycle to the period after it (the window; queries/schema/013,
flex_participation). A learner in three cycles of one trimester has one gain there, not three.
The comparison: classmates with results in the same subject and window who took no session of
that subject then (queries/progress/gain_learners.sql), each counted once per group.

Low scorers rise anyway (regression to the mean), so the comparison is weighed to the
participants' starting level: each participant is set beside the comparison learners who began
in the same band of ten percentage points, and the group's comparison gain is the mean of those.
The difference carries a 95 % interval (normal approximation, Welch's standard error); when it
holds zero the page says the difference may be chance. Groups smaller than the school's minimum
are marked, not hidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import pandas as pd

from app.scope import Scope


class Reads(Protocol):
    """A Database, or the page's cached reader (web.CachedReader)."""

    def read(self, name: str, /, scope: Scope | None = None, **params: Any) -> pd.DataFrame: ...

GROUPINGS = {
    "kind": ["kind"],
    "subject": ["kind", "subject_id"],
    "leader": ["kind", "leader"],
    "session": ["cycle_seq", "session_id", "code", "kind", "subject_id", "weekday",
                "lesson_hour", "leader"],
}
GAIN = ["learner_id", "subject_id", "before_id", "after_id"]     # one gain of one learner
WINDOW = ["class_id", "subject_id", "before_id", "after_id"]     # whom a comparison may hold
BAND = 0.1                  # starting levels compared in bands of ten percentage points
Z95 = 1.96


def years(db: Reads) -> list[str]:
    return list(db.read("progress/years")["school_year_id"])


def learner_gains(db: Reads, scope: Scope, school_year: str) -> pd.DataFrame:
    """Participants' and comparison learners' gains of a school year (gain_learners.sql)."""
    rows = db.read("progress/gain_learners", scope=scope, school_year=school_year)
    return rows.assign(gain=rows["after_share"].astype(float)
                       - rows["before_share"].astype(float),
                       band=(rows["before_share"].astype(float) // BAND).clip(0, 9))


def _both(first: list[str], second: list[str]) -> list[str]:
    """The columns of both, each once (a grouping by subject shares 'subject_id')."""
    return list(dict.fromkeys([*first, *second]))


@dataclass(frozen=True)
class Summary:
    table: pd.DataFrame
    min_group: int


COLUMNS = ["learners", "gain", "comparison_learners", "comparison_gain", "difference", "low",
           "high", "dosage", "too_small", "verdict"]


def summarise(rows: pd.DataFrame, grouping: str, min_group: int,
              subject: str | None = None) -> Summary:
    """Per group: how many learners took part and their mean gain; how many comparable learners
    and their gain at the participants' starting level; the difference with its 95 % interval
    and a verdict ('higher', 'lower', 'unclear'); sessions attended per participant (dosage);
    `too_small` where either side has fewer learners than the minimum."""
    keys = GROUPINGS[grouping]
    if subject:
        rows = rows[rows["subject_id"] == subject]
    part = rows[rows["participant"].astype(bool)]
    if part.empty:
        return Summary(pd.DataFrame(columns=[*keys, *COLUMNS]), min_group)
    comp = rows[~rows["participant"].astype(bool)]
    # Each group's gains: one per learner, subject and window, however many sessions.
    gains = part.drop_duplicates(_both(keys, GAIN))
    own = gains.groupby(keys, dropna=False).agg(
        learners=("learner_id", "nunique"), gain=("gain", "mean"), gain_var=("gain", "var"),
        gains=("gain", "size"))
    own["dosage"] = (part.groupby(keys, dropna=False)["present"].sum()
                     / own["learners"])
    # Whom each group is compared with: the classmates of its participants, once each.
    compared = (part[_both(keys, WINDOW)].drop_duplicates()
                .merge(comp[[*WINDOW, "learner_id", "gain", "band"]], on=WINDOW)
                .drop_duplicates(_both(keys, GAIN)))
    other = compared.groupby(keys, dropna=False).agg(
        comparison_learners=("learner_id", "nunique"), comparison_raw=("gain", "mean"),
        comparison_var=("gain", "var"), comparisons=("gain", "size"))
    # At the participants' own starting level: the comparison's mean gain in each one's band,
    # the whole comparison's where that band holds nobody.
    per_band = (compared.groupby([*keys, "band"], dropna=False)["gain"].mean()
                .rename("band_gain").reset_index())
    expected = gains[[*keys, "band"]].merge(per_band, on=[*keys, "band"], how="left")
    expected = expected.merge(other["comparison_raw"].reset_index(), on=keys, how="left")
    expected["band_gain"] = expected["band_gain"].fillna(expected["comparison_raw"])
    table = own.join(other, how="left").join(
        expected.groupby(keys, dropna=False)["band_gain"].mean().rename("comparison_gain"))
    table["comparison_learners"] = table["comparison_learners"].fillna(0).astype(int)
    table["difference"] = table["gain"] - table["comparison_gain"]
    error = Z95 * np.sqrt(table["gain_var"] / table["gains"]
                          + table["comparison_var"] / table["comparisons"])
    table["low"], table["high"] = table["difference"] - error, table["difference"] + error
    table["verdict"] = np.select([table["low"] > 0, table["high"] < 0], ["higher", "lower"],
                                 default="unclear")
    table.loc[table["difference"].isna(), "verdict"] = None
    table["too_small"] = (table["learners"] < min_group) | (
        table["comparison_learners"] < min_group)
    table = table.reset_index()[[*keys, *COLUMNS]]
    return Summary(table.sort_values(keys).reset_index(drop=True), min_group)


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
