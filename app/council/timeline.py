"""A learner's timeline: results per subject per period, flex sessions attended and missed, the
feedback notes, well-being and self-reflection over time, and the decisions taken. On screen,
and as a page that prints well for a coach talk or a parents' evening."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

import pandas as pd

from app import display
from app.db import Database
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
        notes=db.read("council/learner_notes", scope=scope, learner_id=learner_id, lang=lang),
        surveys=db.read("council/learner_surveys", scope=scope, learner_id=learner_id),
        decisions=db.read("council/decisions", scope=scope, lang=lang,
                          learner_ids=[learner_id]),
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
    if not display.missing(row.get("valid_until")):
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
        status=[t("timeline.ended_by", who=display.text_of(by)) if not display.missing(ended)
                else t("timeline.open") for ended, by in
                zip(decisions["ended_at"], decisions["ended_by"], strict=True)])
    return display.table(frame, t, [
        display.date("created_at", "timeline.date"),
        display.text("decision", "timeline.decision"),
        display.text("reason", "timeline.reason"),
        display.person("decided_by", "timeline.by"),
        display.text("status", "timeline.status")])


def _cell(value) -> str:
    return "" if display.missing(value) else html.escape(str(value))


PRINT_CSS = """
body { font-family: "Source Sans Pro", Arial, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.5em; margin-bottom: .1em; } h2 { font-size: 1.15em; margin-top: 1.4em; }
p.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; width: 100%; font-size: .9em; margin-bottom: .6em; }
th, td { border: 1px solid #bbb; padding: .3em .45em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.num { text-align: right; }
@media print { h2 { page-break-after: avoid; } table { page-break-inside: auto; } }
"""


def _table(headers: list[str], rows: list[list], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{_cell(v)}</td>' if i in numeric
                         else f"<td>{_cell(v)}</td>" for i, v in enumerate(row)) + "</tr>"
        for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def printable(line: Timeline, t: Translator, school: str, today: dt.date) -> str:
    """The timeline as one page to print, every value escaped."""
    who = line.learner
    meta = t("timeline.sheet.meta", school=school or "",
             klass=display.text_of(who.get("class_code")), date=t.date(today))
    parts = [f"<h1>{html.escape(who['learner'])}</h1>",
             f"<p class=\"meta\">{html.escape(meta)}</p>"]
    table = results_table(line.results)
    parts.append(f"<h2>{html.escape(t('timeline.results'))}</h2>")
    if table.empty:
        parts.append(f"<p>{html.escape(t('timeline.none'))}</p>")
    else:
        parts.append(_table([t("timeline.subject"), *map(str, table.columns)],
                            [[subject, *[t.percent(v) if v == v else "–" for v in values]]
                             for subject, values in table.iterrows()],
                            numeric=set(range(1, len(table.columns) + 1))))
    parts.append(f"<h2>{html.escape(t('timeline.flex'))}</h2>")
    parts.append(_table(
        [t("timeline.cycle"), t("timeline.slot"), t("timeline.session"),
         t("timeline.present"), t("timeline.absent"), t("timeline.excused")],
        [[t.count(r.cycle), words.slot(t, r.weekday, r.lesson_hour),
          f"{r.code} · {words.what(t, r.kind, r.topic)}", t.count(r.present),
          t.count(r.absent), t.count(r.excused)]
         for r in line.flex.itertuples()], numeric={0, 3, 4, 5}))
    parts.append(f"<h2>{html.escape(t('timeline.notes'))}</h2>")
    parts.append(_table(
        [t("timeline.date"), t("timeline.session"), t("attendance.col.feed_up"),
         t("attendance.col.feedback"), t("attendance.col.feed_forward")],
        [[display.day(r.created_at, t), r.code, r.feed_up, r.feedback,
          r.feed_forward] for r in line.notes.itertuples()]))
    parts.append(f"<h2>{html.escape(t('timeline.surveys'))}</h2>")
    parts.append(_table(
        [t("timeline.date"), t("timeline.survey"), t("timeline.score"), t("timeline.words")],
        [[display.day(r.answered_at, t), r.title,
          "" if display.missing(r.score) else t.percent(r.score), r.words]
         for r in line.surveys.itertuples()], numeric={2}))
    parts.append(f"<h2>{html.escape(t('timeline.decisions'))}</h2>")
    parts.append(_table(
        [t("timeline.date"), t("timeline.decision"), t("timeline.reason"),
         t("timeline.status")],
        [[display.day(r["created_at"], t), decision_text(r, t), r["reason"],
          t("timeline.ended") if not display.missing(r["ended_at"]) else t("timeline.open")]
         for r in line.decisions.to_dict("records")]))
    title = html.escape(t("timeline.sheet.title", learner=who["learner"]))
    return (f"<!DOCTYPE html><html lang=\"{t.lang}\"><head><meta charset=\"utf-8\">"
            f"<title>{title}</title><style>{PRINT_CSS}</style></head>"
            f"<body>{''.join(parts)}</body></html>")
