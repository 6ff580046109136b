"""Survey exports into the long form: survey, respondent, question, item, answer text, value.

Google Forms (``Tijdstempel``/``Timestamp``; checkbox answers joined by ``, ``; grid questions
as ``Vraag [Rij]``), Microsoft Forms (``ID``, ``Begintijd``/``Start time``, ``Tijd van
voltooien``/``Completion time``; multi-select joined by ``;``), LimeSurvey (``id``,
``submitdate``: empty means incomplete; codes like ``G1Q1[SQ001]``), or any table of answers.

Likert answers get a number on a known Dutch or English scale; labels outside it are kept as
text and listed, for the person who uploaded to place. A respondent is linked to a learner or
staff member by e-mail or stamboeknummer, when the uploader may make that link (app/permissions.py:
a class-council member for their own classes, the flex team and the administrator for every
learner, the director and the administrator for staff); otherwise a keyed-hash pseudonym stands
in, and the preview says how many and why. The e-mail address and the name are never stored.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import pandas as pd

from app import auth, permissions
from app.db import Transaction
from app.importing import specs, values
from app.importing.journal import Counts, append_answers, apply
from app.importing.specs import BuildContext, Built, ImportSpec, register
from app.importing.values import Invalid, fold

# -- what is not a question ------------------------------------------------------------------------

META = {
    "google_forms": {"tijdstempel", "timestamp", "e mailadres", "email address", "score",
                     "totaalscore", "total score"},
    "microsoft_forms": {"id", "begintijd", "start time", "tijd van voltooien", "completion time",
                        "e mail", "email", "naam", "name", "laatst gewijzigd",
                        "last modified time", "totaal aantal punten", "total points",
                        "feedback voor quiz", "quiz feedback", "tijd van laatste wijziging"},
    "limesurvey": {"id", "submitdate", "lastpage", "startlanguage", "seed", "startdate",
                   "datestamp", "ipaddr", "refurl", "token", "interviewtime"},
}
EMAIL_COLUMNS = {"e mailadres", "email address", "e mail", "email", "emailadres", "mail"}
ID_COLUMNS = {"stamboeknummer", "stamboeknr", "leerlingnummer", "student id", "student number"}
NAME_COLUMNS = {"naam", "name", "volledige naam", "full name", "voornaam", "achternaam",
                "first name", "last name"}
MOMENT_COLUMNS = ("tijdstempel", "timestamp", "tijd van voltooien", "completion time",
                  "submitdate", "datestamp", "startdate", "begintijd", "start time")

# -- scales ----------------------------------------------------------------------------------------

SCALES: dict[str, dict[str, float]] = {
    "agreement5": {
        "helemaal niet akkoord": 1, "helemaal oneens": 1, "zeer oneens": 1, "totaal oneens": 1,
        "strongly disagree": 1, "niet akkoord": 2, "oneens": 2, "disagree": 2,
        "neutraal": 3, "noch akkoord noch niet akkoord": 3, "niet eens niet oneens": 3,
        "neither agree nor disagree": 3, "neutral": 3, "akkoord": 4, "eens": 4, "agree": 4,
        "helemaal akkoord": 5, "helemaal eens": 5, "zeer eens": 5, "totaal eens": 5,
        "strongly agree": 5,
    },
    "frequency5": {
        "nooit": 1, "never": 1, "zelden": 2, "rarely": 2, "soms": 3, "sometimes": 3,
        "vaak": 4, "dikwijls": 4, "often": 4, "meestal": 4, "usually": 4, "altijd": 5,
        "always": 5, "bijna altijd": 5,
    },
    "satisfaction5": {
        "zeer ontevreden": 1, "very dissatisfied": 1, "ontevreden": 2, "dissatisfied": 2,
        "neutraal": 3, "neutral": 3, "tevreden": 4, "satisfied": 4, "zeer tevreden": 5,
        "very satisfied": 5,
    },
    "success4": {
        "het lukt niet": 1, "lukt niet": 1, "het lukt soms": 2, "lukt soms": 2,
        "het lukt meestal": 3, "lukt meestal": 3, "het lukt goed": 4, "lukt goed": 4,
        "not yet": 1, "sometimes": 2, "mostly": 3, "well": 4,
    },
}
# Four-point variants: the same words without a middle (decided per survey, see _scale_of).
FOUR_POINT = {
    "agreement5": ({"neutraal", "neutral", "noch akkoord noch niet akkoord",
                    "niet eens niet oneens", "neither agree nor disagree"},
                   {1: 1, 2: 2, 4: 3, 5: 4}),
    "frequency5": ({"zelden", "rarely"}, {1: 1, 3: 2, 4: 3, 5: 4}),
}


@dataclass
class Question:
    number: int
    text: str
    columns: list[tuple[str, str | None]]      # (header, item) per column of the question
    kind: str = "text"                         # scale, choice, multi, text, number
    scale: str | None = None
    scale_min: float | None = None
    scale_max: float | None = None
    separator: str | None = None
    mapping: dict[str, float] | None = None    # folded label -> value


def split_header(header: str) -> tuple[str, str | None]:
    """'Vraag [Rij]' → ('Vraag', 'Rij'); LimeSurvey 'G1Q1[SQ001]' → ('G1Q1', 'SQ001')."""
    match = re.match(r"^(.*\S)\s*\[([^\[\]]+)\]$", header.strip())
    if match:
        return match.group(1).strip(), match.group(2).strip()
    return header.strip(), None


def _scale_of(answers: list[str], survey_labels: set[str]) -> tuple[str, dict] | None:
    """The known scale most of a question's answers are on, with its label values."""
    folded = [fold(a) for a in answers]
    best = None
    for name, labels in SCALES.items():
        share = sum(1 for a in folded if a in labels) / len(folded)
        if share >= 0.6 and (best is None or share > best[1]):
            best = (name, share)
    if best is None:
        return None
    name = best[0]
    mapping = dict(SCALES[name])
    if name in FOUR_POINT:
        middle, renumber = FOUR_POINT[name]
        # Without a middle answer anywhere in the survey, this is the four-point version.
        if not (middle & survey_labels):
            mapping = {k: renumber[int(v)] for k, v in mapping.items() if int(v) in renumber}
            return name.replace("5", "4"), mapping
    return name, mapping


def _classify(question: Question, answers: list[str], survey_labels: set[str],
              source: str | None) -> None:
    if not answers:
        question.kind = "text"
        return
    numbers = []
    for answer in answers:
        try:
            numbers.append(values.number(answer))
        except Invalid:
            break
    if len(numbers) == len(answers):
        distinct = set(numbers)
        if all(n.is_integer() for n in distinct) and min(distinct) >= 0 and max(distinct) <= 10 \
                and len(distinct) <= 11:
            question.kind, question.scale = "scale", "numeric"
            question.scale_min = 0.0 if min(distinct) == 0 else 1.0
            question.scale_max = next(top for top in (4, 5, 7, 10) if max(distinct) <= top)
        else:
            question.kind = "number"
        return
    found = _scale_of(answers, survey_labels)
    if found:
        question.kind, (question.scale, question.mapping) = "scale", found
        question.scale_min = min(question.mapping.values())
        question.scale_max = max(question.mapping.values())
        return
    separator = ";" if source == "microsoft_forms" else ", "
    if source != "limesurvey" and any(separator.strip() in a for a in answers):
        parts = [p.strip() for a in answers for p in a.split(separator.strip()) if p.strip()]
        counts = pd.Series(parts).value_counts()
        if len(counts) and (counts >= 2).sum() >= 2 and len(counts) <= max(12, len(answers) / 3):
            question.kind, question.separator = "multi", separator.strip()
            return
    distinct = set(answers)
    if len(distinct) <= 12 and len(distinct) <= max(2, len(answers) / 2):
        question.kind = "choice"
    else:
        question.kind = "text"


MAX_QUESTIONS = 1000


# -- build -----------------------------------------------------------------------------------------

def _build(ctx: BuildContext) -> Built:
    built = Built(rows=len(ctx.frame))
    source = ctx.options.get("source")
    header = [c for c in ctx.frame.columns if c != "_row"]
    folded = {h: fold(h) for h in header}
    meta = META.get(source, set())
    email_col = next((h for h in header if folded[h] in EMAIL_COLUMNS), None)
    id_col = next((h for h in header if folded[h] in ID_COLUMNS), None)
    moment_col = next((h for f in MOMENT_COLUMNS for h in header if folded[h] == f), None)
    key_col = next((h for h in header if folded[h] == "id"), None) \
        if source in ("microsoft_forms", "limesurvey") else None
    skip = {h for h in header if folded[h] in meta or folded[h] in EMAIL_COLUMNS
            or folded[h] in ID_COLUMNS or folded[h] in NAME_COLUMNS}
    if source is None:
        skip |= {h for h in header if folded[h] in ("tijdstip", "datum", "date")}
    questions: dict[str, Question] = {}
    for column in header:
        if column in skip:
            continue
        text, item = split_header(column)
        if text not in questions:
            questions[text] = Question(len(questions) + 1, text, [])
        questions[text].columns.append((column, item))
    if not questions:
        ctx.problem(built, 1, header[0] if header else "", None, "survey.problem.no_questions")
        built.blocking = True
        return built
    if len(questions) > MAX_QUESTIONS:  # question numbers are SMALLINT; no form asks this many
        ctx.problem(built, 1, header[0], None, "survey.problem.too_many_questions",
                    count=len(questions), maximum=MAX_QUESTIONS)
        built.blocking = True
        return built

    rows = ctx.frame["_row"].tolist()
    cells = {c: [values.text(v) for v in ctx.frame[c]] for c in header}
    survey_labels = {fold(v) for q in questions.values() for c, _ in q.columns
                     for v in cells[c] if v}
    for question in questions.values():
        answers = [v for c, _ in question.columns for v in cells[c] if v]
        if source == "limesurvey" and len(question.columns) > 1 and set(answers) <= {"Y", "Ja",
                                                                                     "Yes"}:
            question.kind = "multi"  # LimeSurvey checkboxes: one column per option
            continue
        _classify(question, answers, survey_labels, source)

    # Respondents.
    moments = [None] * len(rows)
    if moment_col:
        moments = ctx.parse(built, moment_col, lambda v: _moment(v, ctx), required=False)
    complete = [True] * len(rows)
    if source == "limesurvey" and "submitdate" in [folded[h] for h in header]:
        submit = next(h for h in header if folded[h] == "submitdate")
        complete = [bool(v) for v in cells[submit]]
    key = auth.secret_key(ctx.db)
    learner_index = specs.learner_index(ctx.db)
    linked_by_zeros: list[tuple[int, str, str]] = []
    emails = ctx.db.read("surveys/people_by_email")
    person_by_email = {r.email: (r.learner_id, r.staff_id) for r in emails.itertuples()}
    matched = []
    for position, row in enumerate(rows):
        email = (cells[email_col][position] or "").lower() if email_col else ""
        learner = staff = None
        if id_col and cells[id_col][position]:
            number = cells[id_col][position].replace(" ", "")
            try:
                found = learner_index.find(number)
            except Invalid:  # two learners share this number up to zeros: link neither
                found = None
            learner = None if found is None else found[0]
            if found is not None and found[1] != number:
                linked_by_zeros.append((row, number, found[1]))
        if email and learner is None:
            learner, staff = person_by_email.get(email, (None, None))
            learner = None if pd.isna(learner) else int(learner)
            staff = None if pd.isna(staff) else int(staff)
        identity = email or (cells[id_col][position] if id_col else "") or ""
        matched.append((learner, staff, identity))

    # Which survey this becomes (a longer export of an earlier one joins it), and so the tag and
    # audience its links will carry.
    title = ctx.options.get("title") or _title_from(ctx.options.get("file_name", ""))
    signature = hashlib.sha256("|".join(fold(q) for q in questions).encode()).hexdigest()
    target = _joined_survey(ctx, built, signature, title)
    existing = ctx.db.one("surveys/meta", survey_id=int(target)) if target else None
    audience = ctx.options.get("audience") or _audience(pd.DataFrame(
        [{"learner_id": m[0], "staff_id": m[1]} for m in matched],
        columns=["learner_id", "staff_id"]))
    tag = ctx.options.get("tag")
    if existing is not None:
        tag, audience = existing["tag"], existing["audience"]
    links = _permitted_links(ctx, built, matched, tag, audience)
    if ctx.options.get("tag") and existing is None:
        # The uploader takes responsibility for what the tag makes of the links they keep.
        linked = permissions.learner_records(ctx.db, {k[0] for k in links if k[0] is not None})
        permissions.require(ctx.db, ctx.viewer, permissions.tag_action(tag, audience),
                            permissions.Survey(None, ctx.viewer.user_id,
                                               tuple(linked.values())))

    respondent_rows = []
    for position, row in enumerate(rows):
        learner, staff = links[position]
        identity = matched[position][2]
        if key_col:
            source_key = f"{source}:{cells[key_col][position]}"
        else:
            source_key = "row:" + hashlib.sha256("\x1f".join(
                str(cells[c][position]) for c in header).encode()).hexdigest()[:32]
        respondent_rows.append({
            "_row": row, "source_key": source_key, "learner_id": learner, "staff_id": staff,
            "pseudonym": (auth.keyed_hash(key, "respondent", identity)[:16]
                          if identity and learner is None and staff is None else None),
            "is_complete": complete[position], "answered_at": moments[position],
        })
    respondents = pd.DataFrame(respondent_rows)
    respondents = respondents[~respondents["_row"].isin(built.refused_rows)]
    respondents = respondents.drop_duplicates("source_key")

    # Answers, in long form.
    answer_rows = []
    unknown: dict[tuple[int, str], int] = {}
    kept = set(respondents["_row"])
    for question in questions.values():
        for column, item in question.columns:
            for position, row in enumerate(rows):
                if row not in kept:
                    continue
                raw = cells[column][position]
                if not raw:
                    continue
                base = {"_row": row, "question_no": question.number,
                        "question": question.text, "item": item}
                if question.kind == "multi" and question.separator:
                    for part in [p.strip() for p in raw.split(question.separator) if p.strip()]:
                        answer_rows.append({**base, "answer_text": part, "answer_value": None})
                elif question.kind == "multi":  # LimeSurvey: the option is the column
                    answer_rows.append({**base, "item": None, "answer_text": item or raw,
                                        "answer_value": None})
                elif question.kind == "scale" and question.mapping is not None:
                    value = question.mapping.get(fold(raw))
                    if value is None:
                        unknown[(question.number, raw)] = unknown.get((question.number, raw),
                                                                      0) + 1
                    answer_rows.append({**base, "answer_text": raw, "answer_value": value})
                elif question.kind in ("scale", "number"):
                    answer_rows.append({**base, "answer_text": raw,
                                        "answer_value": values.number(raw)})
                else:
                    answer_rows.append({**base, "answer_text": raw, "answer_value": None})
    built.frames["survey_respondent"] = respondents
    built.frames["survey_answer"] = pd.DataFrame(
        answer_rows, columns=["_row", "question_no", "question", "item", "answer_text",
                              "answer_value"])
    built.frames["survey_question"] = pd.DataFrame([
        {"question_no": q.number, "question": q.text, "question_type": q.kind,
         "scale_name": q.scale, "scale_min": q.scale_min, "scale_max": q.scale_max}
        for q in questions.values()
    ])
    built.frames["survey"] = pd.DataFrame([{
        "title": title, "source": source or "table", "tag": ctx.options.get("tag"),
        "audience": audience, "signature": signature,
    }])
    linked_rows = {row for row, (learner, _) in zip(rows, links, strict=True) if learner}
    specs.note_spellings(built, [z for z in linked_by_zeros if z[0] in linked_rows])
    if unknown:
        built.notes.append(("survey.note.unknown_labels", {"labels": "; ".join(
            f"{number}: '{label}' ({count}×)" for (number, label), count in
            sorted(unknown.items())[:12])}))
    built.notes.append(("survey.note.summary", {
        "respondents": len(respondents), "questions": len(questions),
        "linked": int(respondents["learner_id"].notna().sum() + respondents["staff_id"]
                      .notna().sum()),
    }))
    if target:
        built.frames["target_survey"] = pd.DataFrame([{"survey_id": int(target)}])
    built.preview = built.frames["survey_question"][["question_no", "question", "question_type",
                                                     "scale_name"]]
    built.school_year = ctx.school_year
    built.mapped = set(header)
    return built


# A survey answered before 2000 or years from now is a clock or typing error in the export.
FIRST_SURVEY_YEAR = 2000


def _joined_survey(ctx: BuildContext, built: Built, signature: str, title: str) -> int | None:
    """The survey this upload adds its respondents to: the one asked for, else an earlier one
    from the same form (same title and questions). Adding respondents changes that survey's
    charts, so it is an edit of it: only its uploader (or the administrator) may. Someone
    else's upload of the same form becomes a survey of its own, and the uploader is told."""
    asked = ctx.options.get("survey_id")
    target = asked or ctx.db.scalar("surveys/by_signature", signature=signature, title=title,
                                    user_id=ctx.viewer.user_id)
    if not target:
        return None
    owner = ctx.db.scalar("surveys/owner", survey_id=int(target))
    record = permissions.Survey(int(target), None if owner is None else int(owner))
    if asked:
        permissions.require(ctx.db, ctx.viewer, "survey.edit", record)
    elif not permissions.allowed(ctx.viewer, "survey.edit", record):
        built.notes.append(("survey.note.separate", {"title": title}))
        return None
    respondents = ctx.db.scalar("surveys/respondent_count", survey_id=int(target))
    built.notes.append(("survey.note.joins", {"title": title, "respondents": int(respondents)}))
    return int(target)


def _moment(value: object, ctx: BuildContext):
    moment = values.timestamp(value, ctx.date_order)
    if not FIRST_SURVEY_YEAR <= moment.year <= ctx.today.year + 1:
        raise Invalid("value.year_out_of_range", earliest=FIRST_SURVEY_YEAR,
                      latest=ctx.today.year + 1)
    return moment


def _permitted_links(ctx: BuildContext, built: Built, matched: list[tuple], tag: str | None,
                     audience: str) -> list[tuple[int | None, int | None]]:
    """The links to learners and staff the uploader may make; the others are not made (the
    answers stay, under a pseudonym) and the preview says how many and why, before anything is
    written. A link carries the survey's tag: a link the tag would turn into learner or staff
    data the uploader may not write is not made either."""
    viewer = ctx.viewer
    people = permissions.learner_records(ctx.db, {m[0] for m in matched if m[0] is not None})
    learner_tag = f"survey.tag.{tag}" if tag in permissions.LEARNER_TAGS else None
    staff_tag = permissions.tag_action(tag, audience) if tag else None
    if staff_tag == learner_tag:
        staff_tag = None  # a learners' tag: staff answers to it are read by no other page
    reasons: dict[str, int] = {}
    kept = []
    for learner, staff, _identity in matched:
        reason = None
        if learner is not None:
            record = people[learner]
            if not permissions.allowed(viewer, "survey.link.learner", record):
                reason = ("learner_classes" if permissions.holds(viewer, "survey.link.learner")
                          else "learner_role")
            elif learner_tag and not permissions.allowed(viewer, learner_tag, record):
                reason = "learner_tag"
        elif staff is not None:
            if not permissions.allowed(viewer, "survey.link.staff"):
                reason = "staff_role"
            elif staff_tag and not permissions.allowed(viewer, staff_tag):
                reason = "staff_tag"
        if reason:
            reasons[reason] = reasons.get(reason, 0) + 1
            kept.append((None, None))
        else:
            kept.append((learner, staff))
    holders = {"learner_role": "survey.link.learner", "staff_role": "survey.link.staff"}
    for reason, count in sorted(reasons.items()):
        built.held_back.append((f"survey.held_back.{reason}", {
            "count": count, "tag": tag or "", "holders": holders.get(reason, "")}))
    return kept


def _title_from(file_name: str) -> str:
    stem = re.sub(r"\.(csv|txt|tsv|xlsx|xls)$", "", file_name, flags=re.IGNORECASE)
    stem = re.sub(r"\s*\((antwoorden|responses|reacties)\)\s*$", "", stem, flags=re.IGNORECASE)
    return stem.replace("_", " ").strip() or "Enquête"


def _audience(respondents: pd.DataFrame) -> str:
    learners = respondents["learner_id"].notna().sum()
    staff = respondents["staff_id"].notna().sum()
    if staff > learners:
        return "staff"
    return "learners" if learners else "other"


# -- write -----------------------------------------------------------------------------------------

def _write(tx: Transaction, built: Built, import_id: int) -> Counts:
    survey = built.frames["survey"].iloc[0].to_dict()
    target = built.frames.get("target_survey")
    existing = None
    if target is not None and len(target):
        existing = int(target["survey_id"].iloc[0])
    # Whether it joins an earlier survey was decided in the preview, with the uploader's
    # permission to edit that survey (_joined_survey): never looked up again here.
    if existing is None:
        survey_id = tx.next_ids("survey_id_seq", 1)[0]
        apply(tx, import_id, "survey", pd.DataFrame([{**survey, "survey_id": survey_id,
                                                      "created_by": tx.audit.user_id}]),
              update_columns=[])
    else:
        survey_id = int(existing)
    questions = built.frames["survey_question"].assign(survey_id=survey_id)
    apply(tx, import_id, "survey_question", questions, update_columns=[])
    known = set(tx.read("surveys/respondent_keys", survey_id=survey_id)["source_key"])
    respondents = built.frames["survey_respondent"]
    fresh = respondents[~respondents["source_key"].isin(known)].copy()
    next_id = int(tx.scalar("surveys/next_respondent", survey_id=survey_id))
    fresh["respondent_id"] = range(next_id, next_id + len(fresh))
    fresh["survey_id"] = survey_id
    counts = apply(tx, import_id, "survey_respondent", fresh.drop(columns=["_row"]),
                   update_columns=[])
    counts.unchanged += len(respondents) - len(fresh)
    ids = dict(zip(fresh["_row"], fresh["respondent_id"], strict=True))
    moments = dict(zip(fresh["_row"], fresh["answered_at"], strict=True))
    answers = built.frames["survey_answer"]
    answers = answers[answers["_row"].isin(ids)].copy()
    answers["respondent_id"] = [ids[r] for r in answers["_row"]]
    answers["answered_at"] = [moments[r] for r in answers["_row"]]
    answers["survey_id"] = survey_id
    append_answers(tx, answers.drop(columns=["_row"]))
    tx.audit.record_ids.append(f"survey:{survey_id}")
    return counts


register(ImportSpec(
    kind="survey", entity="survey", key_fields=(), fields=(), all_columns=True,
    build=_build, write=_write,
))
