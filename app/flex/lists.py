"""After publishing: a list per session for its leader (on screen, printable, CSV/XLSX) and the
messages to learners and parents, one row each, ready for the school's mail or Smartschool."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd

from app import display, printing
from app.flex import words
from app.flex.board import leader_text
from app.i18n import Translator
from app.scope import Scope


def sessions_for(fill: pd.DataFrame, scope: Scope) -> pd.DataFrame:
    """The sessions with learners whose lists a viewer gets: a flex teacher those they lead,
    the flex team and the direction every one."""
    found = fill[fill["learners"] > 0]
    if scope.leader_staff_id is not None and not scope.all_learners:
        found = found[found["leader_staff_id"] == scope.leader_staff_id]
    return found


def list_table(members: pd.DataFrame, t: Translator) -> display.Table:
    """A session's learners as its leader needs them: who, which class, what to work on."""
    frame = members.assign(why=[words.reason_text(r, t) for r in members.to_dict("records")])
    return display.table(frame, t, [
        display.person("learner", "flex_lists.col.learner"),
        display.text("class_code", "flex_lists.col.class"),
        display.text("why", "flex_lists.col.why"),
    ])


def printable(sessions: pd.DataFrame, members: pd.DataFrame, t: Translator, school: str,
              week: str, mondays: list[dt.date]) -> str:
    """One page per session: title, when and where, leader, and the learners with an empty
    column per flex week of the cycle (holidays skipped) to tick attendance by hand (template
    print/flex_lists.html.j2)."""
    weeks = [pd.Timestamp(m) for m in mondays]
    start, end = weeks[0].date(), weeks[-1].date() + dt.timedelta(days=4)
    pages = []
    for s in sessions.itertuples():
        rows = members[members["session_id"] == s.session_id]
        pages.append({
            "heading": f"{s.code} · {words.what(t, s.kind, s.topic)}",
            "meta": t("flex_lists.print.meta", slot=words.slot(t, s.weekday, s.lesson_hour),
                      room=s.room or "–", leader=leader_text(s.leader, s.leader_kind, t),
                      start=t.date(start), end=t.date(end),
                      learners=t.plural("count.learners", len(rows))),
            "headers": [t("flex_lists.col.learner"), t("flex_lists.col.class"),
                        *(t("flex_lists.print.week_of", date=t.date(w.date())) for w in weeks)],
            "rows": [[r.learner, r.class_code] for r in rows.itertuples()],
            "ticks": len(weeks),
        })
    return printing.render("flex_lists", t, sessions=pages,
                           title=t("flex_lists.print.title", school=school or "Flexwijs",
                                   week=words.week(t, week)))


def messages(rows: pd.DataFrame, changes: pd.DataFrame, t: Translator, start: dt.date,
             end: dt.date) -> list[words.Message]:
    """A learner message and a parent message for every learner of a published plan."""
    found = []
    for _, mine in rows.groupby("learner_id", sort=False):
        theirs = changes[changes["learner_id"] == mine["learner_id"].iloc[0]]
        for audience in words.AUDIENCES:
            found.append(words.message(mine, theirs, t, audience, start, end))
    return found


def finish_messages(frame: pd.DataFrame, t: Translator, options: Mapping) -> pd.DataFrame:
    """The messages export: one row per learner and audience, in the language asked for."""
    lang_t = Translator(options.get("message_lang") or t.lang)
    changes = options.get("changes")
    if changes is None:
        changes = pd.DataFrame(columns=["learner_id", "change", "weekday", "lesson_hour",
                                        "before", "after"])
    made = messages(frame, changes, lang_t, options["start"], options["end"])
    people = frame.drop_duplicates("learner_id").set_index("learner_id")
    return pd.DataFrame({
        "learner_id": [m.learner_id for m in made],
        "external_id": [people.at[m.learner_id, "external_id"] for m in made],
        "last_name": [people.at[m.learner_id, "last_name"] for m in made],
        "first_name": [people.at[m.learner_id, "first_name"] for m in made],
        "class_code": [people.at[m.learner_id, "class_code"] for m in made],
        "audience": [t(f"flex_lists.audience.{m.audience}") for m in made],
        "language": [t(f"language.{m.lang}") for m in made],
        "changed": [m.changed for m in made],
        "subject": [m.subject for m in made],
        "body": [m.body for m in made],
    })
