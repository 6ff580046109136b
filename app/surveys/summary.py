"""What a survey says: respondents, answers on scales, choices, and labels still to place."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from app import permissions
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
    questions = db.read("surveys/question_info", survey_id=survey_id)
    counts = db.read("surveys/answer_counts", scope=scope, survey_id=survey_id)
    kind_of = dict(zip(questions["question_no"], questions["question_type"], strict=True))
    choice = counts[counts["question_no"].map(kind_of).isin(["choice", "multi"])
                    | (counts["answer_value"].isna() & ~counts["question_no"].isin(kind_of))]
    means = db.read("surveys/question_means", scope=scope, survey_id=survey_id)
    numbers = [q for q, k in kind_of.items() if k == "number"]
    scales = db.read("surveys/distribution", scope=scope, survey_id=survey_id)
    scale_questions = [q for q, k in kind_of.items() if k == "scale"] or list(
        means["question_no"])  # surveys from before question types were kept
    return SurveySummary(
        questions=questions,
        scales=scales[scales["question_no"].isin(scale_questions)].reset_index(drop=True),
        counts=choice[choice["answer_text"].notna()].reset_index(drop=True),
        means=means[means["question_no"].isin(numbers)].reset_index(drop=True),
        unknown=db.read("surveys/unknown_labels", scope=scope, survey_id=survey_id),
    )


def record(db: Database, survey_id: int) -> permissions.Survey:
    """The survey as a permission sees it: its owner and the learners it links to."""
    owner = db.scalar("surveys/owner", survey_id=survey_id)
    linked = db.read("surveys/linked_learners", survey_id=survey_id)["learner_id"]
    return permissions.Survey(survey_id, None if owner is None else int(owner),
                              tuple(permissions.learner_records(db, linked).values()))


def tags_for(viewer: Viewer) -> list[str]:
    """The tags this viewer may give a survey (for some audience): the ones to offer."""
    return [tag for tag in TAGS if any(permissions.holds(viewer, permissions.tag_action(tag, a))
                                       for a in AUDIENCES)]


def _require_tag(db: Database, viewer: Viewer, tag: str, audience: str,
                 survey: permissions.Survey) -> None:
    """Whoever sets (or takes off) a tag answers for the links it turns into learner or staff
    data: checked against their own scope at that moment, whoever uploaded the survey."""
    permissions.require(db, viewer, permissions.tag_action(tag, audience), survey)
    if tag in permissions.LEARNER_TAGS and survey.learners:
        # Pages read a learner's answers to these tags whatever the audience says.
        permissions.require(db, viewer, f"survey.tag.{tag}", survey)


def rename(db: Database, viewer: Viewer, survey_id: int, title: str, tag: str | None,
           audience: str) -> None:
    """Name, tag and audience. A new tag is checked against every learner the survey links to:
    one outside the tagger's scope refuses the whole change, and nothing is written."""
    survey = record(db, survey_id)
    permissions.require(db, viewer, "survey.edit", survey)
    meta = db.one("surveys/meta", survey_id=survey_id)
    tag = tag or None
    before, after = (meta["tag"], meta["audience"]), (tag, audience)
    if before != after:
        # Taking a tag off (or moving it to another audience) changes what other pages read
        # as much as putting one on: both need the tag's permission.
        for changed_tag, changed_audience in (before, after):
            if changed_tag:
                _require_tag(db, viewer, changed_tag, changed_audience, survey)
    audit = viewer.audit("edit", "survey", [survey_id])
    db.write("surveys/update_meta", audit, survey_id=survey_id, title=title.strip() or "Enquête",
             tag=tag, audience=audience)


def place_labels(db: Database, viewer: Viewer, survey_id: int, question_no: int,
                 placements: dict[str, float | None], make_scale: bool = False) -> int:
    """Put answer labels on the scale (None: not on it), for this survey and its re-imports.
    On a tagged survey that changes what other pages read: the tag's permission is needed too."""
    survey = record(db, survey_id)
    permissions.require(db, viewer, "survey.edit", survey)
    meta = db.one("surveys/meta", survey_id=survey_id)
    if meta["tag"]:
        _require_tag(db, viewer, meta["tag"], meta["audience"], survey)
    audit = viewer.audit("edit", "survey", [survey_id])
    audit.detail = f"question={question_no} labels={len(placements)}"
    with db.transaction(audit) as tx:
        for label, value in placements.items():
            tx.execute("surveys/place_label", survey_id=survey_id, question_no=question_no,
                       label=label, scale_value=value)
            tx.execute("surveys/apply_label", survey_id=survey_id, question_no=question_no,
                       label=label, scale_value=value)
        if make_scale:
            tx.execute("surveys/make_scale", survey_id=survey_id, question_no=question_no)
    return len(placements)


# A LimeSurvey export with codes as headings names a question G1Q1 and a row of it SQ001: no
# words a reader can follow. Such a code is shown as 'Vraag 1' / 'deel 1' instead, and the page
# says how to export the question texts.
_CODE = re.compile(r"^[A-Za-z]+\d+(?:[A-Za-z]+\d+)*$")


def is_code(text: object) -> bool:
    return isinstance(text, str) and bool(_CODE.match(text.strip()))


def worded(result: SurveySummary, t) -> tuple[SurveySummary, bool]:
    """The summary with question and row codes replaced by words, and whether any were."""
    found = False

    def question(frame: pd.DataFrame) -> pd.DataFrame:
        nonlocal found
        if frame.empty or "question" not in frame.columns:
            return frame
        out = frame.copy()
        coded = [is_code(q) for q in out["question"]]
        found = found or any(coded)
        out["question"] = [t("surveys.question_coded", number=t.count(int(n))) if c else q
                           for q, n, c in zip(out["question"], out["question_no"], coded,
                                              strict=True)]
        if "item" in out.columns:
            items = [is_code(i) for i in out["item"]]
            found = found or any(items)
            out["item"] = [t("surveys.item_coded", number=t.count(int(re.sub(r"\D", "", i)[-3:])))
                           if c else i for i, c in zip(out["item"], items, strict=True)]
        if "answer_text" in out.columns:
            answers = [is_code(a) for a in out["answer_text"]]
            found = found or any(answers)
            out["answer_text"] = [
                t("surveys.choice_coded", number=t.count(int(re.sub(r"\D", "", a)[-3:])))
                if c else a for a, c in zip(out["answer_text"], answers, strict=True)]
        return out

    return SurveySummary(questions=question(result.questions), scales=question(result.scales),
                         counts=question(result.counts), means=question(result.means),
                         unknown=question(result.unknown)), found
