"""What a survey says: respondents, answers on scales, choices, and labels still to place."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from app.audit import Audit
from app.auth import Viewer
from app.db import Database
from app.scope import Scope

TAGS = ("wellbeing", "self_reflection", "professional_needs", "evaluation", "time_registration")
AUDIENCES = ("learners", "staff", "parents", "other")


@dataclass(frozen=True)
class SurveySummary:
    questions: pd.DataFrame     # every question with its type and scale
    scales: pd.DataFrame        # answers per value on the scale, per question and item
    counts: pd.DataFrame        # choices and checkboxes: how often each answer was given
    means: pd.DataFrame         # numbers: average per question
    unknown: pd.DataFrame       # answers of scale questions that are not on the scale yet


def surveys(db: Database, scope: Scope) -> pd.DataFrame:
    """The surveys the viewer may see something of, with the number of visible respondents."""
    return db.read("surveys/list", scope=scope)


def summary(db: Database, scope: Scope, survey_id: int) -> SurveySummary:
    questions = db.read("survey/question_info", survey_id=survey_id)
    counts = db.read("surveys/answer_counts", scope=scope, survey_id=survey_id)
    kind_of = dict(zip(questions["question_no"], questions["question_type"], strict=True))
    choice = counts[counts["question_no"].map(kind_of).isin(["choice", "multi"])
                    | (counts["answer_value"].isna() & ~counts["question_no"].isin(kind_of))]
    means = db.read("surveys/question_means", scope=scope, survey_id=survey_id)
    numbers = [q for q, k in kind_of.items() if k == "number"]
    scales = db.read("survey/distribution", scope=scope, survey_id=survey_id)
    scale_questions = [q for q, k in kind_of.items() if k == "scale"] or list(
        means["question_no"])  # surveys from before question types were kept
    return SurveySummary(
        questions=questions,
        scales=scales[scales["question_no"].isin(scale_questions)].reset_index(drop=True),
        counts=choice[choice["answer_text"].notna()].reset_index(drop=True),
        means=means[means["question_no"].isin(numbers)].reset_index(drop=True),
        unknown=db.read("survey/unknown_labels", scope=scope, survey_id=survey_id),
    )


def can_edit(db: Database, viewer: Viewer, survey_id: int) -> bool:
    """The person who uploaded a survey, and the administrator, may rename it and place labels."""
    owner = db.scalar("survey/owner", survey_id=survey_id)
    return viewer.has("admin") or (owner is not None and owner == viewer.user_id)


def rename(db: Database, audit: Audit, survey_id: int, title: str, tag: str | None,
           audience: str) -> None:
    audit.entity, audit.record_ids = "survey", [str(survey_id)]
    db.write("survey/update_meta", audit, survey_id=survey_id, title=title.strip() or "Enquête",
             tag=tag or None, audience=audience)


def place_labels(db: Database, audit: Audit, survey_id: int, question_no: int,
                 placements: dict[str, float | None], make_scale: bool = False) -> int:
    """Put answer labels on the scale (None: not on it), for this survey and its re-imports."""
    audit.entity, audit.record_ids = "survey", [str(survey_id)]
    audit.detail = f"question={question_no} labels={len(placements)}"
    with db.transaction(audit) as tx:
        for label, value in placements.items():
            tx.execute("survey/place_label", survey_id=survey_id, question_no=question_no,
                       label=label, scale_value=value)
            tx.execute("survey/apply_label", survey_id=survey_id, question_no=question_no,
                       label=label, scale_value=value)
        if make_scale:
            tx.execute("survey/make_scale", survey_id=survey_id, question_no=question_no)
    return len(placements)
