"""What the follow-up page (pages/flex_progress.py) shows: each group of the gains under a name
the reader knows, the groups picked in the chart, and the tables of gains, of learners to bring
back to the class council and of successes. Plain pandas over app/flex/progress.py."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from app import display
from app.flex import words
from app.flex.progress import Reads
from app.i18n import Translator

# The chart of every session is cut to the ones that gained least against their comparison.
SESSIONS_SHOWN = 40
SUCCESSES_SHOWN = 50


def named_groups(db: Reads, summary: pd.DataFrame, grouping: str,
                 t: Translator) -> pd.DataFrame:
    """The summary (progress.summarise) with a 'label' per group: the kind; the subject and
    kind; the leader and kind; or the cycle and session code."""
    names = db.read("import/subjects")
    subjects = dict(zip(names["subject_id"], names[f"name_{t.lang}"], strict=True))
    # A session by its cycle, subject and hour: codes repeat across hours and years, and two
    # bars under one label were drawn on top of each other.
    label = {"kind": lambda r: t.kind(r["kind"]),
             "subject": lambda r: f"{subjects.get(r['subject_id'], r['subject_id'])} · "
                                  f"{t.kind(r['kind'])}",
             "leader": lambda r: f"{display.text_of(r['leader'])} · {t.kind(r['kind'])}",
             "session": lambda r: f"{t('progress.cycle', cycle=int(r['cycle_seq']))} · "
                                  f"{r['code']} · "
                                  f"{words.slot(t, r['weekday'], r['lesson_hour'])}"}[grouping]
    return summary.assign(label=[label(r) for r in summary.to_dict("records")])


def charted(summary: pd.DataFrame, grouping: str) -> pd.DataFrame:
    """The groups the chart shows: all, or per session the ones that gained least."""
    if grouping != "session":
        return summary
    return summary.sort_values("difference").head(SESSIONS_SHOWN)


def picked_groups(selection: Mapping | None) -> list[str]:
    """The labels of the groups clicked in the chart (its selection parameter 'group')."""
    return [p["group"] for p in ((selection or {}).get("selection", {}).get("group") or [])]


def _pair(learners: str, gain: str) -> tuple[display.Column, display.Column]:
    """A group's size and its gain, side by side (for the group and for its comparison)."""
    return (display.count(learners, f"progress.col.{learners}"),
            display.percent(gain, f"progress.col.{gain}", decimals=1))


def interval(row: Mapping, t: Translator) -> str | None:
    """'−1,2 tot +4,5 %-punt': the 95 % interval of a difference, in percentage points."""
    if pd.isna(row["low"]) or pd.isna(row["high"]):
        return None
    return t("progress.interval", low=t.number(100 * row["low"], 1, signed=True),
             high=t.number(100 * row["high"], 1, signed=True))


def gains_table(summary: pd.DataFrame, t: Translator) -> display.Table:
    """Gains against comparable learners per group, by learner: the difference with its 95 %
    interval and what it allows one to say; a group too small to read marked."""
    records = summary.to_dict("records")
    marked = summary.assign(
        caution=[t("progress.too_small") if small else None for small in summary["too_small"]],
        interval=[interval(r, t) for r in records],
        verdict_text=[t(f"progress.verdict.{r['verdict']}") if isinstance(r["verdict"], str)
                      else None for r in records])
    return display.table(marked, t, [
        display.text("label", "progress.col.group"),
        *_pair("learners", "gain"), *_pair("comparison_learners", "comparison_gain"),
        display.percent("difference", "progress.col.difference", decimals=1),
        display.text("interval", "progress.col.interval"),
        display.text("verdict_text", "progress.col.verdict"),
        display.number("dosage", "progress.col.dosage", decimals=1),
        display.text("caution", "progress.col.caution")])


def _learner_columns() -> list[display.Column]:
    """Who, in which class, in which subject: how both learner tables start."""
    return [display.person("learner", "progress.col.learner"),
            display.text("class_code", "progress.col.class"),
            display.text("subject", "progress.col.subject")]


def stalled_table(stalled: pd.DataFrame, t: Translator) -> display.Table:
    """Learners whose share stayed put over their cycles: for the class council."""
    return display.table(stalled, t, [
        *_learner_columns(), display.count("cycles", "progress.col.cycles"),
        display.percent("first_share", "progress.col.before"),
        display.percent("last_share", "progress.col.after"),
        display.count("present", "progress.col.present")])


def successes_table(wins: pd.DataFrame, t: Translator) -> display.Table:
    """Learners who gained most after a session, at most SUCCESSES_SHOWN."""
    return display.table(wins.head(SUCCESSES_SHOWN), t, [
        *_learner_columns(), display.code("kind", "progress.col.kind", codes="kind"),
        display.count("cycles", "progress.col.cycles"),
        display.percent("before_share", "progress.col.before"),
        display.percent("after_share", "progress.col.after")])
