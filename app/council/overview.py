"""The class overview: a class's learners by subject, coloured by their latest result and its
trend, with what the council looks at first beside each name (open needs, a self-reflection, low
well-being, flex history), sorted by concern, and where the learner's own view and the teachers'
differ."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from app import display
from app.blank import is_blank
from app.db import Database
from app.i18n import Translator
from app.scope import Scope

LOW = 0.5                 # below half of the maximum: a concern
FALLING = -0.10           # ten points down from the period before: a concern
KINDS = ("remediation", "deepening", "broadening")


def classes(db: Database, scope: Scope, school_year: str) -> pd.DataFrame:
    """The classes of a school year the viewer may see."""
    return db.read("council/classes", scope=scope, school_year=school_year)


def class_label(row: pd.Series, t: Translator) -> str:
    return t("council.class_label", code=row["code"],
             learners=t.plural("count.learners", int(row["learners"])))


def periods(db: Database, school_year: str) -> pd.DataFrame:
    return db.read("council/periods", school_year=school_year)


@dataclass(frozen=True)
class ClassView:
    learners: pd.DataFrame        # one row per learner: markers, concern, disagreements
    shares: pd.DataFrame          # learner x subject: share of the maximum (NaN: no score)
    trends: pd.DataFrame          # learner x subject: change since the period before
    needs: pd.DataFrame           # open needs and decisions of the class's learners
    subjects: dict[str, str]      # subject id -> name, in the order shown


def class_view(db: Database, scope: Scope, class_id: int, period_id: int | None,
               today: dt.date, lang: str, low_wellbeing: float, below: float,
               above: float) -> ClassView:
    """Everything the overview shows for one class and period, read in four queries."""
    people = db.read("council/class_learners", scope=scope, class_id=class_id, today=today)
    cells = (db.read("council/class_matrix", scope=scope, class_id=class_id,
                     period_id=period_id, lang=lang) if period_id is not None
             else pd.DataFrame(columns=["learner_id", "subject_id", "subject", "share",
                                        "absence_code", "previous_share"]))
    history = db.read("council/decisions", scope=scope, lang=lang,
                      learner_ids=[int(i) for i in people["learner_id"]])
    # Open, or starting later: a decision taken today for the next cycle shows at once.
    needs = history[history["ended_at"].isna()
                    & (history["valid_until"].isna()
                       | (pd.to_datetime(history["valid_until"]).dt.date >= today))]
    subjects = dict(cells[["subject_id", "subject"]].drop_duplicates()
                    .sort_values("subject_id").itertuples(index=False, name=None))
    index = pd.Index(people["learner_id"].astype(int), name="learner_id")
    shares = (cells.pivot_table(index="learner_id", columns="subject_id", values="share",
                                aggfunc="first") if len(cells) else pd.DataFrame())
    shares = shares.reindex(index=index, columns=list(subjects)).astype(float)
    trend_cells = cells.assign(trend=cells["share"].astype(float)
                               - cells["previous_share"].astype(float))
    trends = (trend_cells.pivot_table(index="learner_id", columns="subject_id", values="trend",
                                      aggfunc="first") if len(cells) else pd.DataFrame())
    trends = trends.reindex(index=index, columns=list(subjects)).astype(float)

    learners = people.set_index("learner_id")
    learners.index = learners.index.astype(int)
    low_subjects = (shares < LOW).sum(axis=1)
    falling = (trends <= FALLING).sum(axis=1)
    wellbeing = learners["wellbeing"].astype(float)
    low_wellbeing_flag = wellbeing < low_wellbeing
    disagreements = _disagreements(needs, shares, below, above)
    learners = learners.assign(
        low_subjects=low_subjects, falling=falling, low_wellbeing=low_wellbeing_flag,
        disagreements=[disagreements.get(i, []) for i in learners.index],
    )
    # How much a learner asks of the council's attention: weak and falling results, hard
    # decisions and needs still open, low well-being, the learner's view against the teachers'.
    learners["concern"] = (2 * learners["low_subjects"] + learners["falling"]
                           + 2 * learners["hard_needs"] + learners["needs"]
                           + 2 * learners["low_wellbeing"].astype(int)
                           + learners["disagreements"].map(len))
    return ClassView(learners=learners, shares=shares, trends=trends, needs=needs,
                     subjects=subjects)


def _disagreements(needs: pd.DataFrame, shares: pd.DataFrame, below: float, above: float
                   ) -> dict[int, list[tuple[str, str, str]]]:
    """Where a learner's own ask (a self-reflection need) goes against what the results or the
    council say: (subject, what the learner asks, what the teachers' side says)."""
    found: dict[int, list[tuple[str, str, str]]] = {}
    own = needs[needs["source"] == "self_reflection"]
    council = needs[needs["source"] == "class_council"]
    for row in own.itertuples():
        subject = row.subject_id if isinstance(row.subject_id, str) else None
        if subject is None or row.kind == "broadening":
            continue
        share = shares.at[int(row.learner_id), subject] if (
            int(row.learner_id) in shares.index and subject in shares.columns) else float("nan")
        decided = council[(council["learner_id"] == row.learner_id)
                          & (council["subject_id"] == subject)]
        other = None
        if row.kind == "deepening" and ((share == share and share < below)
                                        or (decided["kind"] == "remediation").any()):
            other = "remediation"
        elif row.kind == "remediation" and share == share and share > above:
            other = "deepening"
        if other:
            found.setdefault(int(row.learner_id), []).append((subject, row.kind, other))
    return found


def filtered(view: ClassView, only_needs: bool, subject: str | None,
             kind: str | None) -> pd.DataFrame:
    """The learners to show, most concern first."""
    learners = view.learners
    if only_needs:
        learners = learners[learners["needs"] > 0]
    if kind:
        # .loc with a boolean mask: in an empty class the mapped mask has no bool dtype, and
        # plain [] would read it as a list of columns and drop them all.
        learners = learners.loc[learners["kinds"].fillna("").str.split(",").map(
            lambda kinds: kind in kinds).astype(bool)]
    if subject:
        learners = learners.assign(_share=view.shares[subject].reindex(learners.index))
        return learners.sort_values(["_share", "concern"], ascending=[True, False],
                                    na_position="last").drop(columns="_share")
    return learners.sort_values(["concern", "learner"], ascending=[False, True])


def markers(row: pd.Series, t: Translator) -> str:
    """The signs beside a name: what is open, what the learner said, how they feel, flex."""
    signs = []
    if row["hard_needs"]:
        signs.append(t("council.marker.hard", count=int(row["hard_needs"])))
    elif row["needs"]:
        signs.append(t("council.marker.needs", count=int(row["needs"])))
    if row["self_reflection"]:
        signs.append(t("council.marker.self"))
    if row["disagreements"]:
        signs.append(t("council.marker.disagree"))
    if row["low_wellbeing"]:
        signs.append(t("council.marker.wellbeing"))
    if row["remediation_cycles"]:
        signs.append(t("council.marker.flex", cycles=int(row["remediation_cycles"])))
    return " ".join(signs)


def table(view: ClassView, learners: pd.DataFrame, t: Translator,
          subject: str | None = None) -> display.Table:
    """The matrix as the page shows it: a learner per row, a subject per column (one subject
    when filtered), the markers and the concern first. Result cells keep the share underneath
    (so a column sorts by result), are written as '42 % ↓' and coloured by level: orange below
    half, light orange below 60 %, blue from 80 % (a colour-blind-safe pair; the arrow carries
    the trend)."""
    subjects = [subject] if subject else list(view.subjects)
    frame = learners.assign(signs=[markers(row, t) for _, row in learners.iterrows()])
    for code in subjects:
        frame[f"share:{code}"] = view.shares[code].reindex(learners.index)
    shown = display.table(frame, t, [
        display.person("learner", "council.col.learner", pinned=True),
        display.text("signs", "council.col.signs"),
        display.count("concern", "council.col.concern"),
        *(display.percent(f"share:{code}", view.subjects.get(code, code), literal=True)
          for code in subjects),
    ])
    styler = shown.styler
    for position, learner_id in enumerate(learners.index):
        for code in subjects:
            trend = view.trends.at[learner_id, code] if learner_id in view.trends.index \
                else None
            arrow = ""
            if trend is not None and trend == trend:
                arrow = " ↑" if trend >= 0.05 else (" ↓" if trend <= FALLING / 2 else "")
            if arrow:
                styler.format(lambda v, a=arrow: t.percent(v) + a, na_rep="",
                              subset=pd.IndexSlice[position, view.subjects.get(code, code)])

    def colour(value: float) -> str:
        if is_blank(value):
            return ""
        if value < LOW:
            return "background-color: #f4b183"
        if value < 0.6:
            return "background-color: #fbe5d6"
        return "background-color: #bdd7ee" if value >= 0.8 else ""

    styler.map(colour, subset=[view.subjects.get(c, c) for c in subjects])
    return shown
