"""Import kinds of professional development, through the shared import registry:

- ``initiatives``: the year's initiatives (title, form, partner, competence code, dates, hours,
  estimated cost), matched by title within the school year;
- ``budget``: the budget sources (kind, description, amount), matched by kind and description;
- ``competences``: staff competence levels (staff number, competence code, level 1-4, date),
  stored as source 'import' (a self-assessment or appraisal on the same day goes first).

Every problem names its row, column, value and reason; the import writes all clean rows or, when
the user refuses partial imports, nothing. Undo goes through the journal like every import.
"""

from __future__ import annotations

import pandas as pd

from app.db import Transaction
from app.importing import values
from app.importing.journal import Counts, apply
from app.importing.kinds import _finish
from app.importing.specs import (
    BuildContext,
    Built,
    ImportSpec,
    _f,
    duplicate_keys,
    note_spellings,
    register,
    staff_index,
    word,
)
from app.importing.values import Invalid
from app.prof import rules

FORM_WORDS = {
    "internal_sharing": ("interne expertisedeling", "internal sharing", "intern", "internal"),
    "external_training": ("externe nascholing", "external training", "nascholing", "extern",
                          "training"),
    "coaching": ("coaching", "coach"),
    "peer_visit": ("hospiteren", "peer visit", "peer visits", "klasbezoek"),
    "learning_network": ("lerend netwerk", "learning network", "netwerk", "leernetwerk"),
    "study_day": ("studiedag", "study day", "pedagogische studiedag"),
    "other": ("andere", "other"),
}
COLLECTIVE_WORDS = {
    "individual": ("individueel", "individual"),
    "team": ("team", "vakgroep"),
    "school": ("hele school", "school", "schoolbreed", "whole school"),
}
SOURCE_WORDS = {
    "government": ("overheid", "government", "vlaamse overheid", "werkingsmiddelen"),
    "school_board": ("schoolbestuur", "school board", "bestuur"),
    "other": ("andere", "other", "subsidie"),
}


# Bounds from the domain, well inside the columns (hours DECIMAL(6,2), money DECIMAL(12,2)):
# an initiative of more than 1,000 hours or 1 million euros, or a budget source of more than
# 10 million, is a typing error, named on its row instead of failing the whole import.
MAX_HOURS = 1000
MAX_COST = 1_000_000
MAX_BUDGET = 10_000_000
DATES = (5, 5)            # years back and ahead an initiative may lie
ASSESSED_BACK = 20        # a competence level assessed up to 20 years ago, never in the future


def _money(value: object) -> float:
    amount = values.number(str(value).replace("€", "").strip())
    if amount < 0:
        raise Invalid("import.problem.prof_negative")
    return round(amount, 2)


def _at_most(maximum: float):
    def parse(value: object) -> float:
        amount = _money(value)
        if amount > maximum:
            raise Invalid("import.problem.prof_too_large", maximum=f"{maximum:,}".replace(
                ",", "."))
        return amount

    return parse


def _competence_parser(ctx: BuildContext):
    known = ctx.db.read("prof/competences")
    by_code = {str(c).upper(): int(i) for c, i in zip(known["code"], known["competence_id"],
                                                      strict=True)}

    def parse(value: object) -> int:
        code = str(value).strip().upper()
        if code not in by_code:
            raise Invalid("import.problem.prof_competence")
        return by_code[code]

    return parse


# -- initiatives ----------------------------------------------------------------------------------

def _build_initiatives(ctx: BuildContext) -> Built:
    built = Built(rows=len(ctx.frame))
    duplicate_keys(ctx, built, ["prof_title"], ["prof_form", "prof_starts_on", "prof_cost"])
    dates = values.date_within(ctx.date_order, ctx.today.year - DATES[0],
                               ctx.today.year + DATES[1])
    starts = ctx.parse(built, "prof_starts_on", dates, required=False)
    ends = ctx.parse(built, "prof_ends_on", dates, required=False)
    rows = ctx.frame["_row"].tolist()
    for position, (a, b) in enumerate(zip(starts, ends, strict=True)):
        if a and b and b < a:
            ctx.problem(built, rows[position], "prof_ends_on", b, "import.problem.prof_ends_before")
    frame = pd.DataFrame({
        "_row": ctx.frame["_row"],
        "title": ctx.parse(built, "prof_title", values.text),
        "form": ctx.parse(built, "prof_form", word(FORM_WORDS, "import.problem.prof_form")),
        "collective": ctx.parse(built, "prof_collective",
                                word(COLLECTIVE_WORDS, "import.problem.prof_collective"),
                                required=False),
        "partner": ctx.parse(built, "prof_partner", values.text, required=False),
        "competence_id": ctx.parse(built, "prof_competence", _competence_parser(ctx),
                                   required=False),
        "starts_on": starts, "ends_on": ends,
        "hours": ctx.parse(built, "prof_hours", _at_most(MAX_HOURS), required=False),
        "estimated_cost": ctx.parse(built, "prof_cost", _at_most(MAX_COST), required=False),
    })
    frame = frame[~frame["_row"].isin(built.refused_rows)]
    frame = frame.assign(title_key=frame["title"].str.strip().str.lower()).drop_duplicates(
        "title_key")
    frame["collective"] = frame["collective"].fillna("individual")
    frame["hours"] = frame["hours"].fillna(0.0)
    frame["estimated_cost"] = frame["estimated_cost"].fillna(0.0)
    built.frames["initiatives"] = frame
    built.preview = frame.drop(columns=["_row", "title_key"])
    return built


def _write_initiatives(tx: Transaction, built: Built, import_id: int) -> Counts:
    frame = built.frames["initiatives"]
    keys = tx.read("prof/initiative_keys", school_year=built.school_year)
    known = dict(zip(keys["title_key"], keys["initiative_id"], strict=True))
    fresh = [k for k in frame["title_key"] if k not in known]
    known.update(zip(fresh, tx.next_ids("prof_initiative_id_seq", len(fresh)) if fresh else [],
                     strict=True))
    rows = frame.assign(initiative_id=[int(known[k]) for k in frame["title_key"]],
                        school_year_id=built.school_year)
    rows["competence_id"] = rows["competence_id"].astype("Int64")
    changing = ["title", "form", "collective", "partner", "competence_id", "starts_on",
                "ends_on", "hours", "estimated_cost"]
    present = [c for c in changing if c in rows]
    return apply(tx, import_id, "prof_initiative",
                 rows[["initiative_id", "school_year_id", *present]], update_columns=present)


register(ImportSpec(
    kind="initiatives", entity="prof_initiative", key_fields=("prof_title",),
    fields=(
        _f("prof_title", True, "titel", "initiatief", "title", "initiative", "naam", "name"),
        _f("prof_form", True, "vorm", "form", "soort", "type"),
        _f("prof_collective", False, "voor wie", "doelgroep", "for whom", "collective"),
        _f("prof_partner", False, "partner", "organisator", "aanbieder", "provider"),
        _f("prof_competence", False, "competentie", "competence", "code"),
        _f("prof_starts_on", False, "datum", "begindatum", "start", "start date", "date",
           "van"),
        _f("prof_ends_on", False, "einddatum", "end date", "tot", "end"),
        _f("prof_hours", False, "uren", "hours", "duur"),
        _f("prof_cost", False, "kost", "kostprijs", "geschatte kost", "cost",
           "estimated cost", "prijs"),
    ),
    build=lambda ctx: _finish(ctx, _build_initiatives(ctx)),
    write=_write_initiatives,
))


# -- budget sources ------------------------------------------------------------------------------

def _build_budget(ctx: BuildContext) -> Built:
    built = Built(rows=len(ctx.frame))
    duplicate_keys(ctx, built, ["prof_source_kind", "prof_label"], ["prof_amount"])
    frame = pd.DataFrame({
        "_row": ctx.frame["_row"],
        "kind": ctx.parse(built, "prof_source_kind",
                          word(SOURCE_WORDS, "import.problem.prof_source_kind")),
        "label": ctx.parse(built, "prof_label", values.text),
        "amount": ctx.parse(built, "prof_amount", _at_most(MAX_BUDGET)),
    })
    frame = frame[~frame["_row"].isin(built.refused_rows)].drop_duplicates(["kind", "label"])
    built.frames["budget"] = frame
    built.preview = frame.drop(columns=["_row"])
    return built


def _write_budget(tx: Transaction, built: Built, import_id: int) -> Counts:
    frame = built.frames["budget"]
    keys = tx.read("prof/source_keys", school_year=built.school_year)
    known = {(k, lab): int(i) for k, lab, i in zip(keys["kind"], keys["label"],
                                                   keys["source_id"], strict=True)}
    pairs = list(zip(frame["kind"], frame["label"], strict=True))
    fresh = [p for p in pairs if p not in known]
    known.update(zip(fresh, tx.next_ids("prof_source_id_seq", len(fresh)) if fresh else [],
                     strict=True))
    rows = frame.assign(source_id=[known[p] for p in pairs], school_year_id=built.school_year)
    return apply(tx, import_id, "prof_budget_source",
                 rows[["source_id", "school_year_id", "kind", "label", "amount"]],
                 update_columns=["amount"])


register(ImportSpec(
    kind="budget", entity="prof_budget_source", key_fields=("prof_source_kind", "prof_label"),
    fields=(
        _f("prof_source_kind", True, "bron", "soort", "source", "kind", "herkomst"),
        _f("prof_label", True, "omschrijving", "naam", "label", "description"),
        _f("prof_amount", True, "bedrag", "amount", "budget", "euro"),
    ),
    build=lambda ctx: _finish(ctx, _build_budget(ctx)),
    write=_write_budget,
))


# -- staff competence levels ---------------------------------------------------------------------

def _level(value: object) -> int:
    try:
        level = values.integer(value)
    except Invalid as error:
        raise Invalid("import.problem.prof_level") from error
    if level not in rules.LEVELS:
        raise Invalid("import.problem.prof_level")
    return level


def _build_levels(ctx: BuildContext) -> Built:
    built = Built(rows=len(ctx.frame))
    duplicate_keys(ctx, built, ["prof_staff", "prof_competence"], ["prof_level"])
    index = staff_index(ctx.db)
    spelled: dict[str, str] = {}

    def staff(value: object) -> int:
        number = values.identifier(value)
        found = index.find(number)
        if found is None:
            raise Invalid("import.problem.prof_unknown_staff")
        if found[1] != number:
            spelled[number] = found[1]
        return found[0]

    assessed = ctx.parse(built, "prof_assessed_on", values.date_within(
        ctx.date_order, ctx.today.year - ASSESSED_BACK, ctx.today.year), required=False)
    staff_ids = ctx.parse(built, "prof_staff", staff)
    if spelled:
        numbers = values.text_column(ctx.frame["prof_staff"])
        note_spellings(built, [(row, n.replace(" ", ""), spelled[n.replace(" ", "")])
                               for row, n in zip(ctx.frame["_row"], numbers, strict=True)
                               if n and n.replace(" ", "") in spelled])
    frame = pd.DataFrame({
        "_row": ctx.frame["_row"],
        "staff_id": staff_ids,
        "competence_id": ctx.parse(built, "prof_competence", _competence_parser(ctx)),
        "level": ctx.parse(built, "prof_level", _level),
        "assessed_on": [a or ctx.today for a in assessed],
    })
    frame = frame[~frame["_row"].isin(built.refused_rows)].drop_duplicates(
        ["staff_id", "competence_id"])
    built.frames["levels"] = frame
    built.preview = frame.drop(columns=["_row"])
    return built


def _write_levels(tx: Transaction, built: Built, import_id: int) -> Counts:
    frame = built.frames["levels"].assign(source="import", recorded_by="import")
    frame["staff_id"] = frame["staff_id"].astype(int)
    frame["competence_id"] = frame["competence_id"].astype(int)
    return apply(tx, import_id, "prof_staff_level",
                 frame[["staff_id", "competence_id", "source", "level", "assessed_on",
                        "recorded_by"]], update_columns=["level", "assessed_on"])


register(ImportSpec(
    kind="competences", entity="prof_staff_level", key_fields=("prof_staff",
                                                               "prof_competence"),
    fields=(
        _f("prof_staff", True, "personeelsnummer", "stamboeknummer", "personeelsnr",
           "staff number", "personnel number", "id"),
        _f("prof_competence", True, "competentie", "code", "competence"),
        _f("prof_level", True, "niveau", "level", "score"),
        _f("prof_assessed_on", False, "datum", "ingeschat op", "date", "assessed on"),
    ),
    build=lambda ctx: _finish(ctx, _build_levels(ctx)),
    write=_write_levels,
))
