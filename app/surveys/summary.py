"""What a survey says: respondents, averages on scales, and how often each answer came."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from app.db import Database


@dataclass(frozen=True)
class SurveySummary:
    means: pd.DataFrame      # numeric questions
    counts: pd.DataFrame     # answers without a number (choices, text)


def surveys(db: Database) -> pd.DataFrame:
    return db.read("surveys/list")


def summary(db: Database, survey_id: int) -> SurveySummary:
    counts = db.read("surveys/answer_counts", survey_id=survey_id)
    return SurveySummary(
        means=db.read("surveys/question_means", survey_id=survey_id),
        counts=counts[counts["answer_value"].isna()].reset_index(drop=True),
    )
