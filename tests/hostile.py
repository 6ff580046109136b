"""A demo school whose data carries Markdown: what a person could type or import as a name, a
survey question, a note. Shared by the page check (tests/test_plain_text.py) and the browser
flow (tests/browser/test_plain_text_flows.py).

Only a copy is changed, in SQL: the demo school everyone else uses keeps its names. Every value
gets a hostile prefix, so keys, codes and uniqueness stay as they were and the pages work as on
the ordinary demo."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

HOSTILE = {
    # a tracking pixel: the browser of whoever opens the page would fetch it
    "image": "![x](http://127.0.0.1:9/pixel.png)",
    "link": "[klik](http://evil.example)",
    "colour": ":red[rood]",
    "math": "$x^2$",
    "bold": "**vet**",
    "html": "<img src=x>",
    # GFM turns a bare address into a link even after its backslashes are gone
    "address": "www.evil.example",
}

# (table, column, which value, rows) - every text a user types or imports that pages show.
RENAMES = (
    ("learner", "first_name", "image", None),
    ("staff", "first_name", "link", None),
    ("app_user", "display_name", "link", None),
    ("subject", "name_nl", "colour", None),
    ("subject", "name_en", "colour", None),
    ("period", "name", "math", None),
    ("flex_session", "title", "math", None),
    ("flex_session", "room", "bold", None),
    ("flex_session", "leader_name", "link", None),
    ("flex_plan", "created_by", "link", None),
    ("flex_plan", "published_by", "link", None),
    ("flex_assignment", "moved_by", "link", None),
    ("flex_attendance", "recorded_by", "link", None),
    ("feedback_note", "author", "link", None),
    ("feedback_note", "feed_up", "html", None),
    ("feedback_note", "feedback", "address", None),
    ("feedback_note", "feed_forward", "bold", None),
    ("need", "reason", "link", None),
    ("need", "decided_by", "bold", None),
    ("survey", "title", "colour", None),
    ("survey_question", "question", "math", None),
    ("survey_answer", "question", "math", None),
    ("survey_answer", "answer_text", "bold",
     "(survey_id, question_no) in (select survey_id, question_no from survey_question"
     " where question_type = 'text')"),
    ("import_log", "file_name", "image", None),
    ("prof_request", "title", "image", None),
    ("prof_request", "goal", "colour", None),
    ("prof_request", "partner", "bold", None),
    ("prof_request", "sharing_plan", "math", None),
    ("prof_request_step", "by_name", "link", None),
    ("prof_request_step", "note", "html", None),
    ("prof_priority", "title", "bold", None),
    ("prof_priority", "goal", "colour", None),
    ("prof_initiative", "title", "math", None),
    ("prof_initiative", "partner", "link", None),
    ("prof_induction", "agreement", "html", None),
    ("prof_induction_activity", "title", "colour", None),
    ("prof_budget_source", "label", "image", None),
    ("prof_key_applied", "applied_by", "link", None),
    ("prof_expertise", "note", "bold", None),
    ("prof_evaluation", "note", "math", None),
    ("prof_spending", "description", "colour", None),
    ("prof_competence", "name_nl", "colour", None),
    ("prof_competence", "name_en", "colour", None),
    ("tl_role", "name_nl", "colour", None),
    ("tl_role", "name_en", "colour", None),
    ("tl_role", "ask_for", "link", None),
    ("tl_task", "text", "math", None),
    ("kw_round", "participants", "image", None),
    ("kw_score", "note", "bold", None),
    ("kw_score", "owner", "link", None),
    ("wb_trajectory", "reason", "image", None),
    ("wb_trajectory", "goals_fixed_by", "link", None),
    ("wb_goal", "text", "colour", None),
    ("wb_visit", "reflection", "math", None),
    ("wb_visit", "advice", "html", None),
    ("wb_report", "results", "bold", None),
    ("wb_report", "course", "link", None),
)


def make_hostile(path: Path) -> None:
    """Prefix every text of RENAMES in the database file at `path` with its hostile value."""
    with duckdb.connect(str(path)) as con:
        for table, column, which, rows in RENAMES:
            where = f"{column} is not null" + (f" and {rows}" if rows else "")
            con.execute(f"update {table} set {column} = ? || ' ' || {column} where {where}",
                        [HOSTILE[which]])
        con.execute("update setting set value = ? where key = 'school.name'",
                    [json.dumps(f"{HOSTILE['image']} De Horizon")])
        con.execute("checkpoint")
