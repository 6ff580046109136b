"""A learner's timeline: results per subject per period, flex sessions attended and missed, the
feedback notes, well-being and self-reflection over time, and the decisions taken. On screen,
and as a page that prints well for a coach talk or a parents' evening."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from app import display, permissions, printing
from app.auth import Viewer
from app.blank import is_blank
from app.db import Database
from app.errors import AccessDenied
from app.flex import words
from app.i18n import Translator
from app.scope import Scope


@dataclass(frozen=True)
class Timeline:
    learner: dict
    results: pd.DataFrame
    flex: pd.DataFrame
    notes: pd.DataFrame
    surveys: pd.DataFrame
    decisions: pd.DataFrame
    school_year: str = ""        # the year the flex table and the notes are of


def find(db: Database, scope: Scope, text: str, school_year: str) -> pd.DataFrame:
    if len(text.strip()) < 2:
        return pd.DataFrame(columns=["learner_id", "learner", "class_code"])
    return db.read("council/find_learners", scope=scope, text=text.strip(),
                   school_year=school_year)


def load(db: Database, scope: Scope, learner_id: int, school_year: str,
         lang: str) -> Timeline | None:
    """Everything about one learner the viewer may see; None when they may not see them."""
    learner = db.one("council/learner", scope=scope, learner_id=learner_id,
                     school_year=school_year)
    if learner is None:
        return None
    return Timeline(
        learner=learner,
        results=db.read("council/learner_results", scope=scope, learner_id=learner_id, lang=lang),
        flex=db.read("council/learner_flex", scope=scope, learner_id=learner_id,
                     school_year=school_year, lang=lang),
        notes=db.read("council/learner_notes", scope=scope, learner_id=learner_id,
                      school_year=school_year, lang=lang),
        surveys=db.read("council/learner_surveys", scope=scope, learner_id=learner_id),
        decisions=db.read("council/decisions", scope=scope, lang=lang,
                          learner_ids=[learner_id]),
        school_year=school_year,
    )


def results_table(results: pd.DataFrame) -> pd.DataFrame:
    """Subjects down, periods across: the share of the maximum."""
    if results.empty:
        return pd.DataFrame()
    table = results.pivot_table(index="subject", columns=["seq", "period"], values="share",
                                aggfunc="first")
    table.columns = [period for _, period in table.columns]
    return table


def attendance(flex: pd.DataFrame) -> dict[str, int]:
    return {"present": int(flex["present"].sum()), "absent": int(flex["absent"].sum()),
            "excused": int(flex["excused"].sum())}


def decision_text(row: dict, t: Translator) -> str:
    what = words.what(t, row["kind"], row.get("subject") if isinstance(
        row.get("subject"), str) else None)
    hard = t("council.hard") if row["is_hard"] else t("council.advisory")
    text = t("council.decision_line", what=what, hard=hard,
             source=t(f"need_source.{row['source']}"),
             start=display.day(row["valid_from"], t))
    if not is_blank(row.get("valid_until")):
        text += " " + t("council.until", date=display.day(row["valid_until"], t))
    return text


def flex_table(flex: pd.DataFrame, t: Translator) -> display.Table:
    """The flex sessions of a learner, per cycle: attended, missed, excused."""
    frame = flex.assign(
        slot=[words.slot(t, d, h) for d, h in zip(flex["weekday"], flex["lesson_hour"],
                                                  strict=True)],
        session=[f"{c} · {words.what(t, k, p)}" for c, k, p in
                 zip(flex["code"], flex["kind"], flex["topic"], strict=True)])
    return display.table(frame, t, [
        display.count("cycle", "timeline.cycle"), display.text("slot", "timeline.slot"),
        display.text("session", "timeline.session"),
        display.count("present", "timeline.present"), display.count("absent", "timeline.absent"),
        display.count("excused", "timeline.excused")])


def decisions_table(decisions: pd.DataFrame, t: Translator) -> display.Table:
    """A learner's decisions, newest first as the query gives them; the date stays a date."""
    frame = decisions.assign(
        decision=[decision_text(r, t) for r in decisions.to_dict("records")],
        status=[t("timeline.ended_by", who=display.text_of(by)) if not is_blank(ended)
                else t("timeline.open") for ended, by in
                zip(decisions["ended_at"], decisions["ended_by"], strict=True)])
    return display.table(frame, t, [
        display.date("created_at", "timeline.date"),
        display.text("decision", "timeline.decision"),
        display.text("reason", "timeline.reason"),
        display.person("decided_by", "timeline.by"),
        display.text("status", "timeline.status")])


def printable(line: Timeline, t: Translator, school: str, today: dt.date) -> str:
    """The timeline as one page to print (template print/timeline.html.j2)."""
    who = line.learner
    table = results_table(line.results)
    parts = [
        {"heading": t("timeline.results"), "empty_text": t("timeline.none"),
         "headers": [t("timeline.subject"), *map(str, table.columns)],
         "rows": [[subject, *[t.percent(v) if v == v else "–" for v in values]]
                  for subject, values in table.iterrows()],
         "numeric": set(range(1, len(table.columns) + 1))},
        {"heading": t("timeline.flex", year=line.school_year),
         "headers": [t("timeline.cycle"), t("timeline.slot"), t("timeline.session"),
                     t("timeline.present"), t("timeline.absent"), t("timeline.excused")],
         "rows": [[t.count(r.cycle), words.slot(t, r.weekday, r.lesson_hour),
                   f"{r.code} · {words.what(t, r.kind, r.topic)}", t.count(r.present),
                   t.count(r.absent), t.count(r.excused)] for r in line.flex.itertuples()],
         "numeric": {0, 3, 4, 5}},
        {"heading": t("timeline.notes", year=line.school_year),
         "headers": [t("timeline.date"), t("timeline.session"), t("attendance.col.feed_up"),
                     t("attendance.col.feedback"), t("attendance.col.feed_forward")],
         "rows": [[display.day(r.created_at, t), r.code, r.feed_up, r.feedback, r.feed_forward]
                  for r in line.notes.itertuples()]},
        {"heading": t("timeline.surveys"),
         "headers": [t("timeline.date"), t("timeline.survey"), t("timeline.score"),
                     t("timeline.words")],
         "rows": [[display.day(r.answered_at, t), r.title,
                   "" if is_blank(r.score) else t.percent(r.score), r.words]
                  for r in line.surveys.itertuples()],
         "numeric": {2}},
        {"heading": t("timeline.decisions"),
         "headers": [t("timeline.date"), t("timeline.decision"), t("timeline.reason"),
                     t("timeline.status")],
         "rows": [[display.day(r["created_at"], t), decision_text(r, t), r["reason"],
                   t("timeline.ended") if not is_blank(r["ended_at"])
                   else t("timeline.open")] for r in line.decisions.to_dict("records")]},
    ]
    return printing.render(
        "timeline", t, title=t("timeline.sheet.title", learner=who["learner"]),
        learner=who["learner"], parts=[{"empty_text": None, "numeric": set(), **p} for p in parts],
        meta=t("timeline.sheet.meta", school=school or "",
               klass=display.text_of(who.get("class_code")), date=t.date(today)))


def export(db: Database, viewer: Viewer, learner_id: int, school_year: str, t: Translator,
           school: str, today: dt.date) -> bytes:
    """The printable timeline as a file, with an audit entry saying who exported whose
    (never its content): a class council only for the learners of its own classes."""
    permissions.require(db, viewer, "export.timeline",
                        lambda: permissions.learner_records(db, [learner_id]).get(learner_id))
    line = load(db, viewer.scope, int(learner_id), school_year, t.lang)
    if line is None:
        raise AccessDenied("timeline.not_visible")
    data = printable(line, t, school, today).encode("utf-8")
    db.record(viewer.audit("export", "learner", record_ids=[int(learner_id)],
                           detail="timeline"))
    return data
