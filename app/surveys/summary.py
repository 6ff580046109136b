"""What a survey says: respondents, averages on scales, and how often each answer came."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from app.db import Database
from app.scope import Scope


@dataclass(frozen=True)
class SurveySummary:
    means: pd.DataFrame      # numeric questions
    counts: pd.DataFrame     # answers without a number (choices, text)


def surveys(db: Database, scope: Scope) -> pd.DataFrame:
    """The surveys the viewer may see something of, with the number of visible respondents."""
    return db.read("surveys/list", scope=scope)


def summary(db: Database, scope: Scope, survey_id: int) -> SurveySummary:
    counts = db.read("surveys/answer_counts", scope=scope, survey_id=survey_id)
    return SurveySummary(
        means=db.read("surveys/question_means", scope=scope, survey_id=survey_id),
        counts=counts[counts["answer_value"].isna()].reset_index(drop=True),
    )
