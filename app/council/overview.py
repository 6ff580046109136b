"""The class overview: a class's learners, their latest results and their open needs."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from app.db import Database
from app.i18n import Translator
from app.scope import Scope


def classes(db: Database, scope: Scope, school_year: str) -> pd.DataFrame:
    """The classes of a school year the viewer may see."""
    return db.read("council/classes", scope=scope, school_year=school_year)


def class_label(row: pd.Series, t: Translator) -> str:
    return t("council.class_label", code=row["code"], learners=int(row["learners"]))


def class_table(db: Database, scope: Scope, class_id: int, today: dt.date, t: Translator,
                only_with_needs: bool = False) -> tuple[pd.DataFrame, str | None]:
    """The class as a table for the council, and the period its results come from."""
    rows = db.read("council/class_learners", scope=scope, class_id=class_id, today=today)
    if only_with_needs:
        rows = rows[rows["needs"] > 0]
    period = rows["period"].dropna().iloc[0] if rows["period"].notna().any() else None
    table = pd.DataFrame({
        t("council.col.learner"): rows["learner"],
        t("council.col.average"): rows["average"].astype(float),
        t("council.col.below_half"): rows["below_half"],
        t("council.col.needs"): rows["needs"],
        t("council.col.hard"): rows["hard_needs"],
        t("council.col.kinds"): [
            ", ".join(t.kind(k) for k in kinds.split(",")) if isinstance(kinds, str) else ""
            for kinds in rows["kinds"]
        ],
    })
    return table, period
