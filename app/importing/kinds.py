"""The import kinds of the core: learners, staff, results, needs and the flex offer.

Aliases are the column names real exports use (Smartschool and Informat learner lists, point
books, class-council overviews), compared without case, accents or punctuation.
"""

from __future__ import annotations

import re

import pandas as pd

from app.db import Transaction
from app.errors import UserError
from app.importing import values
from app.importing.journal import Counts, apply
from app.importing.specs import (
    KIND_WORDS,
    LEADER_WORDS,
    SOURCE_WORDS,
    BuildContext,
    Built,
    IdIndex,
    ImportSpec,
    _f,
    duplicate_keys,
    learner_ids,
    learner_index,
    person_numbers,
    register,
    staff_index,
    subjects_for,
    word,
)
from app.importing.values import Invalid, fold
from app.school import school_calendar, school_year

STAMBOEK = ("stamboeknummer", "stamboeknr", "stamboek nummer", "stamboek", "leerlingnummer",
            "leerling nummer", "leerlingnr", "student number", "student id", "studentnummer",
            "learner id", "pupil number", "intern nummer", "id leerling")


def _class_year(code: str) -> int:
    match = re.match(r"^\s*(\d)", code)
    if not match or not 1 <= int(match.group(1)) <= 7:
        raise Invalid("import.problem.class_code")
    return int(match.group(1))


def _grade(year_of_study: int) -> int:
    return min(4, (year_of_study + 1) // 2)


# -- learners ---------------------------------------------------------------------------------

# Plausible ages on the day of the import: secondary school, including the years after it
# that adult and part-time learners stay on (a birth year 2099 or 1850 is a typing error).
LEARNER_AGES = (10, 25)
# How far back and ahead dates of enrolment, employment and plans may lie, in years.
SCHOOL_DATES = (30, 1)
STAFF_DATES = (60, 1)
PLAN_DATES = (5, 5)              # needs and decisions, professional-development plans


def _dates(ctx: BuildContext, back: int, ahead: int):
    return values.date_within(ctx.date_order, ctx.today.year - back, ctx.today.year + ahead)


def _ends_after_start(ctx: BuildContext, built: Built, starts: list, ends: list,
                      end_field: str) -> None:
    rows = ctx.frame["_row"].tolist()
    for position, (first, last) in enumerate(zip(starts, ends, strict=True)):
        if first is not None and last is not None and last < first:
            ctx.problem(built, rows[position], end_field, ctx.frame[end_field].iloc[position],
                        "import.problem.ends_before_start")


def _build_learners(ctx: BuildContext) -> Built:
    built = Built(rows=len(ctx.frame))
    duplicate_keys(ctx, built, ["external_id"],
                   ["last_name", "first_name", "class_code", "birth_date"])
    external = ctx.parse(built, "external_id", values.learner_number)
    last = ctx.parse(built, "last_name", values.text)
    first = ctx.parse(built, "first_name", values.text)
    classes = ctx.parse(built, "class_code", lambda v: values.text(v).upper().replace(" ", ""))
    years = ctx.parse(built, "class_code", lambda v: _class_year(str(v)), required=False)
    youngest, oldest = LEARNER_AGES
    birth = ctx.parse(built, "birth_date", values.date_within(
        ctx.date_order, ctx.today.year - oldest, ctx.today.year - youngest,
        "import.problem.birth_year"), required=False)
    email = ctx.parse(built, "email", _email, required=False)
    entered = ctx.parse(built, "entered_on", _dates(ctx, *SCHOOL_DATES), required=False)
    left = ctx.parse(built, "left_on", _dates(ctx, *SCHOOL_DATES), required=False)
    _ends_after_start(ctx, built, entered, left, "left_on")
    external = person_numbers(ctx, built, learner_index(ctx.db), external)
    frame = pd.DataFrame({
        "_row": ctx.frame["_row"], "external_id": external, "last_name": last,
        "first_name": first, "class_code": classes, "year_of_study": years,
        "birth_date": birth, "email": email, "entered_on": entered, "left_on": left,
    })
    frame = frame[~frame["_row"].isin(built.refused_rows)].drop_duplicates("external_id")
    built.frames["learners"] = frame
    built.preview = frame.drop(columns=["_row", "year_of_study"])
    return built


def _email(value: object) -> str:
    text = values.text(value) or ""
    if "@" not in text or " " in text:
        raise Invalid("value.not_an_email")
    return text.lower()


def _write_learners(tx: Transaction, built: Built, import_id: int) -> Counts:
    frame = built.frames["learners"]
    year = built.school_year
    school_year.ensure(tx, year)
    existing = tx.read("import/classes", school_year=year)
    class_ids = dict(zip(existing["code"], existing["class_id"], strict=True))
    new_codes = sorted(set(frame["class_code"]) - set(class_ids))
    ids = tx.next_ids("class_id_seq", len(new_codes)) if new_codes else []
    class_ids.update(zip(new_codes, ids, strict=True))
    years_of = dict(zip(frame["class_code"], frame["year_of_study"], strict=False))
    classes = pd.DataFrame([
        {"class_id": cid, "school_year_id": year, "code": code,
         "year_of_study": int(years_of[code]), "grade": _grade(int(years_of[code]))}
        for code, cid in zip(new_codes, ids, strict=True)
    ])
    counts = Counts()
    apply(tx, import_id, "class", classes, update_columns=[])

    learners = _with_ids(tx, frame, learner_index_in(tx), "learner_id", "learner_id_seq")
    present = [c for c in ("birth_date", "email", "entered_on", "left_on")
               if c in built.mapped]
    counts += apply(tx, import_id, "learner",
                    learners[["learner_id", "external_id", "last_name", "first_name", *present]],
                    update_columns=["external_id", "last_name", "first_name", *present])
    enrolment = pd.DataFrame({
        "learner_id": learners["learner_id"], "school_year_id": year,
        "class_id": [int(class_ids[c]) for c in learners["class_code"]],
    })
    moved = apply(tx, import_id, "enrolment", enrolment, update_columns=["class_id"])
    # A learner whose only change is the class counts as updated, not unchanged.
    counts.updated += min(moved.updated, counts.unchanged)
    counts.unchanged -= min(moved.updated, counts.unchanged)
    return counts


def learner_index_in(tx: Transaction) -> IdIndex:
    known = tx.read("import/learner_keys")
    return IdIndex(known["external_id"], known["learner_id"])


def _with_ids(tx: Transaction, frame: pd.DataFrame, index: IdIndex, id_column: str,
              sequence: str) -> pd.DataFrame:
    """People with their ids, found by number as the build step did (and read again inside
    the transaction), new ones with fresh ids. A stored number keeps its spelling unless the
    file writes it with more leading zeros."""
    ids: list[int | None] = []
    spellings: list[str] = []
    for number in frame["external_id"]:
        try:
            found = index.find(number)
        except Invalid as twins:
            raise UserError("import.error.id_twins", **twins.params) from None
        ids.append(None if found is None else found[0])
        spellings.append(number if found is None or len(number) > len(found[1]) else found[1])
    fresh = iter(tx.next_ids(sequence, ids.count(None)) if None in ids else [])
    return frame.assign(**{id_column: [i if i is not None else next(fresh) for i in ids]},
                        external_id=spellings)


def _plan_learners(ctx: BuildContext, built: Built) -> None:
    frame = built.frames["learners"]
    existing = ctx.db.read("import/classes", school_year=ctx.school_year)
    new = sorted(set(frame["class_code"]) - set(existing["code"]))
    if new:
        built.notes.append(("import.note.new_classes", {"classes": ", ".join(new),
                                                        "year": ctx.school_year}))


register(ImportSpec(
    kind="learners", entity="learner", key_fields=("external_id",),
    fields=(
        _f("external_id", True, *STAMBOEK),
        _f("last_name", True, "naam", "achternaam", "familienaam", "last name", "surname",
           "family name", "naam leerling"),
        _f("first_name", True, "voornaam", "roepnaam", "first name", "firstname", "given name"),
        _f("class_code", True, "klas", "klascode", "klasgroep", "class", "class code", "groep"),
        _f("birth_date", False, "geboortedatum", "geboren", "date of birth", "birth date",
           "birthdate", "dob"),
        _f("email", False, "e mail", "email", "e mailadres", "emailadres", "mail",
           "e mail leerling", "email address"),
        _f("entered_on", False, "inschrijvingsdatum", "datum inschrijving", "ingeschreven op",
           "enrolment date", "start date"),
        _f("left_on", False, "uitschrijvingsdatum", "datum uitschrijving", "vertrokken op",
           "uitgeschreven op", "left on", "leaving date", "end date"),
    ),
    build=lambda ctx: _finish(ctx, _build_learners(ctx), _plan_learners),
    write=_write_learners,
))


# -- staff ------------------------------------------------------------------------------------

# Teaching hours a week: a full-time assignment is 20 to 24 hours; 40 leaves room for
# combined assignments and keeps every value inside the column (DECIMAL(5,2)).
MAX_WEEK_HOURS = 40


def _assignment(value: object) -> tuple[float, float | None]:
    """'18/22' → (18, 22); '18' → (18, None); '0,8' as a fraction is not accepted (ambiguous)."""
    got, maximum, absence = values.score(value)
    if absence or got is None:
        raise Invalid("value.not_a_number")
    if got < 0 or got > MAX_WEEK_HOURS or (maximum is not None and (
            got > maximum or maximum > MAX_WEEK_HOURS)):
        raise Invalid("import.problem.assignment")
    return got, maximum


def _full_time(value: object) -> float:
    return values.between(1, MAX_WEEK_HOURS, "import.problem.full_time")(values.number(value))


def _build_staff(ctx: BuildContext) -> Built:
    built = Built(rows=len(ctx.frame))
    duplicate_keys(ctx, built, ["external_id"], ["last_name", "first_name", "email"])
    assignment = ctx.parse(built, "assignment_hours", _assignment, required=False)
    full = ctx.parse(built, "full_time_hours", _full_time, required=False)
    started = ctx.parse(built, "started_on", _dates(ctx, *STAFF_DATES), required=False)
    left = ctx.parse(built, "left_on", _dates(ctx, *STAFF_DATES), required=False)
    _ends_after_start(ctx, built, started, left, "left_on")
    numbers = person_numbers(ctx, built, staff_index(ctx.db),
                             ctx.parse(built, "external_id", values.identifier))
    frame = pd.DataFrame({
        "_row": ctx.frame["_row"],
        "external_id": numbers,
        "last_name": ctx.parse(built, "last_name", values.text),
        "first_name": ctx.parse(built, "first_name", values.text),
        "email": ctx.parse(built, "email", _email, required=False),
        "assignment_hours": [a[0] if a else None for a in assignment],
        "full_time_hours": [f if f is not None else (a[1] if a and a[1] else None)
                            for a, f in zip(assignment, full, strict=True)],
        "subject_team": ctx.parse(built, "subject_team", values.text, required=False),
        "roles": ctx.parse(built, "roles", _roles, required=False),
        "started_on": started,
        "left_on": left,
    })
    frame = frame[~frame["_row"].isin(built.refused_rows)].drop_duplicates("external_id")
    built.frames["staff"] = frame
    built.preview = frame.drop(columns=["_row"])
    return built


STAFF_ROLES = {
    "leerkracht": "teacher", "teacher": "teacher", "zorgcoordinator": "care_coordinator",
    "care coordinator": "care_coordinator", "graadcoordinator": "grade_coordinator",
    "grade coordinator": "grade_coordinator", "mentor": "mentor",
    "vakgroepvoorzitter": "subject_team_chair", "subject team chair": "subject_team_chair",
    "ict coordinator": "ict_coordinator", "ict": "ict_coordinator",
    "beleidsondersteuner": "policy_support", "policy support": "policy_support",
    "flexcoordinator": "flex_coordinator", "flex coordinator": "flex_coordinator",
    "directeur": "director", "directie": "director", "director": "director",
    "leerlingbegeleider": "care_coordinator", "onderwijsassistent": "teaching_assistant",
}


def _roles(value: object) -> tuple[str, ...]:
    parts = [p.strip() for p in re.split(r"[,;/]", str(value)) if p.strip()]
    unknown = [p for p in parts if fold(p) not in STAFF_ROLES]
    if unknown:
        raise Invalid("import.problem.unknown_role", role=unknown[0])
    return tuple(sorted({STAFF_ROLES[fold(p)] for p in parts}))


def _write_staff(tx: Transaction, built: Built, import_id: int) -> Counts:
    frame = built.frames["staff"]
    mapped = built.mapped
    keys = tx.read("import/staff_keys")
    staff = _with_ids(tx, frame, IdIndex(keys["external_id"], keys["staff_id"]), "staff_id",
                      "staff_id_seq")
    optional = [c for c in ("email", "subject_team", "started_on", "left_on") if c in mapped]
    if "assignment_hours" in mapped:
        optional += ["assignment_hours"]
        if staff["full_time_hours"].notna().any():
            optional += ["full_time_hours"]
    new_rows = ~staff["staff_id"].isin(keys["staff_id"])
    staff.loc[new_rows & staff["assignment_hours"].isna(), "assignment_hours"] = 0.0
    staff.loc[new_rows & staff["full_time_hours"].isna(), "full_time_hours"] = 22.0
    columns = ["staff_id", "external_id", "last_name", "first_name", *optional]
    if not set(columns) >= {"assignment_hours", "full_time_hours"}:
        columns += [c for c in ("assignment_hours", "full_time_hours") if c not in columns]
    counts = apply(tx, import_id, "staff", staff[columns],
                   update_columns=["external_id", "last_name", "first_name", *optional])
    if "roles" in mapped:
        roles = pd.DataFrame([
            {"staff_id": sid, "role": role}
            for sid, held in zip(staff["staff_id"], staff["roles"], strict=True)
            for role in (held or ())
        ], columns=["staff_id", "role"])
        apply(tx, import_id, "staff_role", roles, update_columns=[])
    return counts


register(ImportSpec(
    kind="staff", entity="staff", key_fields=("external_id",),
    fields=(
        _f("external_id", True, "stamboeknummer", "stamboeknr", "personeelsnummer",
           "personeelsnr", "personnel number", "staff number", "employee id", "id"),
        _f("last_name", True, "naam", "achternaam", "familienaam", "last name", "surname"),
        _f("first_name", True, "voornaam", "first name", "firstname"),
        _f("email", False, "e mail", "email", "e mailadres", "mail", "email address"),
        _f("assignment_hours", False, "lesopdracht", "opdracht", "uren", "lesuren",
           "teaching hours", "assignment", "assignment size"),
        _f("full_time_hours", False, "noemer", "volledige opdracht", "voltijds",
           "full time hours", "full time"),
        _f("subject_team", False, "vakgroep", "vak", "subject team", "department"),
        _f("roles", False, "functie", "functies", "rol", "rollen", "role", "roles"),
        _f("started_on", False, "in dienst", "in dienst sinds", "startdatum", "start date",
           "started on"),
        _f("left_on", False, "uit dienst", "einddatum", "left on", "end date"),
    ),
    build=lambda ctx: _finish(ctx, _build_staff(ctx)),
    write=_write_staff,
))


# -- results ----------------------------------------------------------------------------------

def _period_parser(ctx: BuildContext):
    periods = ctx.db.read("import/periods", school_year=ctx.school_year)
    lookup: dict[str, int] = {}
    for row in periods.itertuples():
        for label in (str(row.seq), f"p{row.seq}", f"periode {row.seq}", f"t{row.seq}",
                      f"trimester {row.seq}", f"rapport {row.seq}", f"period {row.seq}",
                      row.name):
            lookup[fold(label)] = int(row.period_id)
    if periods.empty:  # a school year not yet in the database: its trimesters will be made
        for p in school_calendar.trimesters(ctx.school_year):
            for label in (str(p.seq), f"p{p.seq}", f"periode {p.seq}", f"t{p.seq}",
                          f"trimester {p.seq}", f"rapport {p.seq}", p.name):
                lookup[fold(label)] = -p.seq  # resolved to an id when written
    names = ", ".join(periods["name"]) if len(periods) else ", ".join(
        p.name for p in school_calendar.trimesters(ctx.school_year))

    def parse(value: object) -> int:
        found = lookup.get(fold(str(value)))
        if found is None:
            raise Invalid("import.problem.unknown_period", periods=names)
        return found

    return parse


# The highest maximum a point book uses (a year total out of 400, 500...); far inside the
# column (DECIMAL(7,2)), so a score of 123456789 is named on its row.
MAX_SCORE = 1000


def _build_results(ctx: BuildContext) -> Built:
    built = Built(rows=len(ctx.frame))
    duplicate_keys(ctx, built, ["learner", "subject", "period"], ["score", "max_score"])
    learners = learner_ids(ctx, built, "learner")
    subjects, new_subjects = subjects_for(ctx, built, "subject", required=True)
    periods = ctx.parse(built, "period", _period_parser(ctx))
    comma = values.uses_decimal_comma(ctx.frame["score"].tolist()) if "score" in ctx.frame \
        else True
    scores = ctx.parse(built, "score", lambda v: values.score(v, comma))
    maxima = ctx.parse(built, "max_score", lambda v: values.number(v, comma), required=False)
    rows = ctx.frame["_row"].tolist()
    raw_scores = ctx.frame["score"].tolist()
    raw_maxima = ctx.frame["max_score"].tolist() if "max_score" in ctx.frame \
        else [None] * len(rows)
    score_col, max_col, absence = [], [], []
    for position, (parsed, column_max) in enumerate(zip(scores, maxima, strict=True)):
        if parsed is None:
            score_col.append(None)
            max_col.append(None)
            absence.append(None)
            continue
        got, inline_max, code = parsed
        maximum = inline_max if inline_max is not None else column_max
        raw = raw_scores[position]
        if code is None and maximum is None:
            ctx.problem(built, rows[position], "score", raw, "import.problem.no_maximum")
        elif code is None and maximum <= 0:
            ctx.problem(built, rows[position], "max_score", raw_maxima[position],
                        "value.max_not_positive")
        elif code is None and maximum > MAX_SCORE:
            ctx.problem(built, rows[position], "score" if inline_max is not None
                        else "max_score", raw if inline_max is not None
                        else raw_maxima[position], "import.problem.maximum_too_large",
                        maximum=MAX_SCORE)
        elif code is None and got > maximum:
            ctx.problem(built, rows[position], "score", raw, "import.problem.above_maximum",
                        maximum=_plain(maximum))
        elif code is None and got < 0:
            ctx.problem(built, rows[position], "score", raw, "import.problem.negative")
        score_col.append(got)
        max_col.append(maximum)
        absence.append(code)
    frame = pd.DataFrame({
        "_row": ctx.frame["_row"], "learner_id": learners, "subject_id": subjects,
        "period_id": periods, "score": score_col, "max_score": max_col,
        "absence_code": absence,
    })
    frame = frame[~frame["_row"].isin(built.refused_rows)]
    frame = frame.drop_duplicates(["learner_id", "subject_id", "period_id"])
    built.frames["result"] = frame
    built.frames["subject"] = new_subjects[new_subjects["subject_id"].isin(frame["subject_id"])]
    shown = frame.head(50)
    by_row = ctx.frame.set_index("_row")
    built.preview = pd.DataFrame({
        "learner": [values.text(v) for v in by_row["learner"].reindex(shown["_row"])],
        "subject_id": shown["subject_id"].tolist(),
        "period": by_row["period"].reindex(shown["_row"]).tolist(),
        "score": shown["score"].tolist(), "max_score": shown["max_score"].tolist(),
        "absence_code": shown["absence_code"].tolist(),
    })
    return built


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number).replace(".", ",")


def _write_results(tx: Transaction, built: Built, import_id: int) -> Counts:
    frame = built.frames["result"].drop(columns=["_row"])
    year = built.school_year
    if school_year.ensure(tx, year) or (frame["period_id"] < 0).any():
        periods = tx.read("import/periods", school_year=year)
        by_seq = dict(zip(periods["seq"], periods["period_id"], strict=True))
        frame = frame.assign(period_id=[int(by_seq[-p]) if p < 0 else int(p)
                                        for p in frame["period_id"]])
    apply(tx, import_id, "subject", built.frames["subject"], update_columns=[])
    return apply(tx, import_id, "result", frame,
                 update_columns=["score", "max_score", "absence_code"])


register(ImportSpec(
    kind="results", entity="result", key_fields=("learner", "subject", "period"),
    fields=(
        _f("learner", True, *STAMBOEK, "leerling"),
        _f("subject", True, "vak", "vakcode", "vaknaam", "subject", "course", "leergebied"),
        _f("period", True, "periode", "rapport", "rapportperiode", "trimester", "period",
           "term", "evaluatieperiode"),
        _f("score", True, "punt", "punten", "score", "resultaat", "cijfer", "result", "mark",
           "points"),
        _f("max_score", False, "max", "maximum", "op", "totaal", "max score", "maximum score",
           "out of", "maxpunt"),
    ),
    build=lambda ctx: _finish(ctx, _build_results(ctx)),
    write=_write_results,
))


# -- needs ------------------------------------------------------------------------------------

def _build_needs(ctx: BuildContext) -> Built:
    built = Built(rows=len(ctx.frame))
    duplicate_keys(ctx, built, ["learner", "subject", "kind", "source", "valid_from"],
                   ["priority", "is_hard", "reason", "valid_until"])
    learners = learner_ids(ctx, built, "learner")
    subjects, new_subjects = subjects_for(ctx, built, "subject", required=False)
    kinds = ctx.parse(built, "kind", word(KIND_WORDS, "import.problem.unknown_kind"))
    sources = ctx.parse(built, "source", word(SOURCE_WORDS, "import.problem.unknown_source"),
                        required=False)
    priority = ctx.parse(built, "priority", _priority, required=False)
    hard = ctx.parse(built, "is_hard", values.boolean, required=False)
    start = ctx.parse(built, "valid_from", _dates(ctx, *PLAN_DATES), required=False)
    until = ctx.parse(built, "valid_until", _dates(ctx, *PLAN_DATES), required=False)
    rows = ctx.frame["_row"].tolist()
    for position, (kind, subject) in enumerate(zip(kinds, subjects, strict=True)):
        if kind in ("remediation", "deepening") and subject is None:
            ctx.problem(built, rows[position], "subject", None, "import.problem.subject_needed")
    start = [s or ctx.today for s in start]
    for position, (first, last) in enumerate(zip(start, until, strict=True)):
        if last is not None and last < first:
            ctx.problem(built, rows[position], "valid_until", ctx.frame["valid_until"]
                        .iloc[position], "import.problem.ends_before_start")
    frame = pd.DataFrame({
        "_row": ctx.frame["_row"], "learner_id": learners,
        "subject_id": [None if k == "broadening" else s for k, s in
                       zip(kinds, subjects, strict=True)],
        "kind": kinds, "source": [s or "class_council" for s in sources],
        "priority": [p or 2 for p in priority],
        "is_hard": [bool(h) for h in hard],
        "reason": ctx.parse(built, "reason", values.text, required=False),
        "valid_from": start, "valid_until": until,
        "decided_by": ctx.parse(built, "decided_by", values.text, required=False),
    })
    frame = frame[~frame["_row"].isin(built.refused_rows)]
    frame = frame.drop_duplicates(["learner_id", "subject_id", "kind", "source", "valid_from"])
    built.frames["need"] = frame
    built.frames["subject"] = new_subjects
    built.preview = frame.drop(columns=["_row"])
    return built


PRIORITIES = {"hoog": 1, "high": 1, "normaal": 2, "normal": 2, "midden": 2, "laag": 3, "low": 3}


def _named_number(value: object, names: dict[str, int], highest: int, problem: str) -> int:
    """A whole number from 1 to `highest`, or the word a school writes for one ('hoog',
    'dinsdag'); anything else is refused with the catalogue key `problem`."""
    folded = fold(str(value))
    if folded in names:
        return names[folded]
    try:
        number = values.integer(value)
    except Invalid:
        raise Invalid(problem) from None
    if not 1 <= number <= highest:
        raise Invalid(problem)
    return number


def _priority(value: object) -> int:
    return _named_number(value, PRIORITIES, 3, "import.problem.priority")


def _write_needs(tx: Transaction, built: Built, import_id: int) -> Counts:
    frame = built.frames["need"].drop(columns=["_row"])
    existing = tx.read("import/need_keys")
    key = ["learner_id", "subject_id", "kind", "source", "valid_from"]
    lookup = {tuple(None if pd.isna(v) else (v.date() if hasattr(v, "date") else v)
                    for v in row[:-1]): int(row[-1])
              for row in existing[[*key, "need_id"]].itertuples(index=False)}
    ids, fresh = [], 0
    for row in frame[key].itertuples(index=False):
        found = lookup.get(tuple(None if (v is None or (isinstance(v, float) and pd.isna(v)))
                                 else v for v in row))
        ids.append(found)
        fresh += found is None
    new_ids = iter(tx.next_ids("need_id_seq", fresh) if fresh else [])
    frame = frame.assign(need_id=[i if i is not None else next(new_ids) for i in ids])
    apply(tx, import_id, "subject", built.frames["subject"], update_columns=[])
    return apply(tx, import_id, "need", frame,
                 update_columns=["priority", "is_hard", "reason", "valid_until", "decided_by"])


register(ImportSpec(
    kind="needs", entity="need", key_fields=("learner", "subject", "kind", "source",
                                             "valid_from"),
    fields=(
        _f("learner", True, *STAMBOEK, "leerling"),
        _f("kind", True, "soort", "type", "flexsoort", "soort flex", "kind", "flex type"),
        _f("subject", False, "vak", "vakcode", "subject"),
        _f("source", False, "bron", "door", "source", "besloten door"),
        _f("priority", False, "prioriteit", "priority", "belang"),
        _f("is_hard", False, "verplicht", "bindend", "hard", "compulsory", "mandatory"),
        _f("reason", False, "reden", "motivering", "toelichting", "reason", "why"),
        _f("valid_from", False, "vanaf", "geldig vanaf", "datum", "from", "valid from", "date"),
        _f("valid_until", False, "tot", "geldig tot", "einddatum", "until", "valid until"),
        _f("decided_by", False, "beslist door", "genomen door", "decided by", "by"),
    ),
    build=lambda ctx: _finish(ctx, _build_needs(ctx)),
    write=_write_needs,
))


# -- the flex offer -----------------------------------------------------------------------------

WEEKDAYS = {"maandag": 1, "ma": 1, "monday": 1, "mon": 1, "dinsdag": 2, "di": 2, "tuesday": 2,
            "tue": 2, "woensdag": 3, "wo": 3, "wednesday": 3, "wed": 3, "donderdag": 4,
            "do": 4, "thursday": 4, "thu": 4, "vrijdag": 5, "vr": 5, "friday": 5, "fri": 5}


# A school day has at most 12 lesson hours (the schema's bound on flex_slot.lesson_hour);
# a session holds at most 200 learners (a whole year group in the hall).
MAX_LESSON_HOUR = 12
MAX_CAPACITY = 200


def _weekday(value: object) -> int:
    return _named_number(value, WEEKDAYS, 5, "import.problem.weekday")


def _build_sessions(ctx: BuildContext) -> Built:
    built = Built(rows=len(ctx.frame))
    duplicate_keys(ctx, built, ["cycle", "weekday", "lesson_hour", "code"],
                   ["kind", "subject", "leader", "room", "capacity"])
    cycles = ctx.db.read("import/cycles", school_year=ctx.school_year)
    by_seq = dict(zip(cycles["seq"], cycles["cycle_id"], strict=True))
    cycle = ctx.parse(built, "cycle", lambda v: _cycle(v, by_seq, ctx.date_order, cycles))
    weekday = ctx.parse(built, "weekday", _weekday)
    hour = ctx.parse(built, "lesson_hour", lambda v: values.integer(
        v, 1, MAX_LESSON_HOUR, "import.problem.lesson_hour"))
    kinds = ctx.parse(built, "kind", word(KIND_WORDS, "import.problem.unknown_kind"))
    subjects, new_subjects = subjects_for(ctx, built, "subject", required=False)
    capacity = ctx.parse(built, "capacity", lambda v: values.integer(
        v, 1, MAX_CAPACITY, "import.problem.capacity"))
    leader_kind = ctx.parse(built, "leader_kind",
                            word(LEADER_WORDS, "import.problem.unknown_leader_kind"),
                            required=False)
    staff = ctx.db.read("import/staff_keys")
    staff_lookup: dict[str, int] = {}
    for row in staff.itertuples():
        for label in (row.external_id, values.id_key(row.external_id), row.email,
                      f"{row.first_name} {row.last_name}", f"{row.last_name} {row.first_name}"):
            if isinstance(label, str):
                staff_lookup.setdefault(fold(label), int(row.staff_id))
    leaders = ctx.parse(built, "leader", values.text, required=False)
    rows = ctx.frame["_row"].tolist()
    leader_ids, leader_names = [], []
    for position, (name, kind) in enumerate(zip(leaders, leader_kind, strict=True)):
        found = (staff_lookup.get(fold(name)) or staff_lookup.get(fold(values.id_key(name))))\
            if name else None
        if name and found is None and (kind or "teacher") == "teacher":
            ctx.problem(built, rows[position], "leader", name, "import.problem.unknown_staff")
        leader_ids.append(found)
        leader_names.append(None if found else name)
    for position, (kind, subject) in enumerate(zip(kinds, subjects, strict=True)):
        if kind in ("remediation", "deepening") and subject is None:
            ctx.problem(built, rows[position], "subject", None, "import.problem.subject_needed")
    frame = pd.DataFrame({
        "_row": ctx.frame["_row"], "cycle_id": cycle, "weekday": weekday, "lesson_hour": hour,
        "code": ctx.parse(built, "code", values.text), "kind": kinds,
        "subject_id": [None if k == "broadening" else s for k, s in
                       zip(kinds, subjects, strict=True)],
        "title": ctx.parse(built, "title", values.text, required=False),
        "leader_staff_id": leader_ids, "leader_name": leader_names,
        "leader_kind": [k or "teacher" for k in leader_kind],
        "room": ctx.parse(built, "room", values.text, required=False),
        "capacity": capacity,
        "years_of_study": ctx.parse(built, "years", values.years_of_study, required=False),
    })
    frame = frame[~frame["_row"].isin(built.refused_rows)]
    built.frames["flex_session"] = frame
    built.frames["subject"] = new_subjects
    built.preview = frame.drop(columns=["_row", "cycle_id", "leader_staff_id"])
    return built


def _cycle(value: object, by_seq: dict, order: str, cycles: pd.DataFrame) -> int:
    """A cycle by its number in the school year, or by a date or ISO week inside it."""
    raw = values.text(value) or ""
    if re.fullmatch(r"\d{1,2}", raw):
        found = by_seq.get(int(raw))
    else:
        week = raw if re.fullmatch(r"\d{4}-W\d{2}", raw) else school_calendar.week_id(
            values.date(value, order))
        matches = cycles[cycles["weeks"].apply(lambda ws, w=week: w in list(ws))]
        found = int(matches["cycle_id"].iloc[0]) if len(matches) else None
    if found is None:
        raise Invalid("import.problem.unknown_cycle", cycles=len(by_seq))
    return int(found)


def _write_sessions(tx: Transaction, built: Built, import_id: int) -> Counts:
    frame = built.frames["flex_session"].drop(columns=["_row"])
    slots = tx.read("import/slots")
    slot_of = {(int(r.weekday), int(r.lesson_hour)): int(r.slot_id) for r in slots.itertuples()}
    wanted = sorted({(int(d), int(h)) for d, h in zip(frame["weekday"], frame["lesson_hour"],
                                                       strict=True)} - set(slot_of))
    ids = tx.next_ids("flex_slot_id_seq", len(wanted)) if wanted else []
    slot_of.update(zip(wanted, ids, strict=True))
    apply(tx, import_id, "flex_slot", pd.DataFrame(
        [{"slot_id": i, "weekday": d, "lesson_hour": h} for (d, h), i in
         zip(wanted, ids, strict=True)]), update_columns=[])
    frame = frame.assign(slot_id=[slot_of[(int(d), int(h))] for d, h in
                                  zip(frame["weekday"], frame["lesson_hour"], strict=True)])
    existing = tx.read("import/session_keys")
    known = {(int(r.cycle_id), int(r.slot_id), r.code): int(r.session_id)
             for r in existing.itertuples()}
    keys = list(zip(frame["cycle_id"], frame["slot_id"], frame["code"], strict=True))
    fresh = [k for k in keys if k not in known]
    known.update(zip(fresh, tx.next_ids("flex_session_id_seq", len(fresh)) if fresh else [],
                     strict=True))
    frame = frame.assign(session_id=[known[k] for k in keys]).drop(
        columns=["weekday", "lesson_hour"])
    apply(tx, import_id, "subject", built.frames["subject"], update_columns=[])
    return apply(tx, import_id, "flex_session", frame, update_columns=[
        "kind", "subject_id", "title", "leader_staff_id", "leader_name", "leader_kind", "room",
        "capacity", "years_of_study"])


register(ImportSpec(
    kind="flex-sessions", entity="flex_session",
    key_fields=("cycle", "weekday", "lesson_hour", "code"),
    fields=(
        _f("cycle", True, "cyclus", "cycle", "week", "vanaf week", "periode"),
        _f("weekday", True, "dag", "weekdag", "day", "weekday"),
        _f("lesson_hour", True, "uur", "lesuur", "hour", "lesson", "period of day"),
        _f("code", True, "code", "sessie", "groep", "session", "group"),
        _f("kind", True, "soort", "type", "kind"),
        _f("subject", False, "vak", "subject"),
        _f("title", False, "titel", "inhoud", "onderwerp", "title", "topic"),
        _f("leader", False, "begeleider", "leerkracht", "leider", "leader", "teacher"),
        _f("leader_kind", False, "soort begeleider", "functie begeleider", "leader kind",
           "leader role"),
        _f("room", False, "lokaal", "room", "plaats"),
        _f("capacity", True, "capaciteit", "plaatsen", "max leerlingen", "capacity", "places"),
        _f("years", False, "leerjaren", "leerjaar", "graad", "years", "year"),
    ),
    build=lambda ctx: _finish(ctx, _build_sessions(ctx)),
    write=_write_sessions,
))


def _finish(ctx: BuildContext, built: Built, plan=None) -> Built:
    built.school_year = ctx.school_year
    built.mapped = set(ctx.frame.columns)
    if plan is not None and not built.problems:
        plan(ctx, built)
    return built
