"""What each kind of import expects: its columns (with the names real exports give them), how a
row is checked and turned into rows of our tables, and how those are written.

A kind is one :class:`ImportSpec` in ``REGISTRY``; later parts of Flexwijs add theirs with
``register``. ``build`` never writes: it returns clean frames per table and every problem with
its row, column, value and reason. ``write`` runs inside the import's one transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from app.auth import Viewer
from app.blank import is_blank
from app.db import Database, Transaction
from app.importing import values
from app.importing.journal import Counts
from app.importing.values import Invalid, fold
from app.problems import Problem


@dataclass(frozen=True)
class Field:
    name: str
    required: bool
    aliases: tuple[str, ...]       # header names as exports write them, folded when compared

    @property
    def label_key(self) -> str:
        return f"field.{self.name}"


FIELD_MARK = "@field:"


@dataclass
class Built:
    """The rows of our tables an import would write, and what is wrong with the file."""

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[tuple[str, dict]] = field(default_factory=list)   # shown before confirming
    # What the import will not do for this viewer (a link they may not make), said before
    # anything is written; the person confirms knowing it.
    held_back: list[tuple[str, dict]] = field(default_factory=list)
    preview: pd.DataFrame = field(default_factory=pd.DataFrame)   # rows as they will be stored
    rows: int = 0                                                  # records in the file
    school_year: str = ""                                          # the year the rows are for
    mapped: set[str] = field(default_factory=set)                  # fields the file has
    blocking: bool = False              # a problem with the whole file: no partial import

    @property
    def refused_rows(self) -> set[int]:
        return {p.row for p in self.problems}


@dataclass
class BuildContext:
    db: Database
    frame: pd.DataFrame             # raw cells, one column per mapped field, plus '_row'
    headers: dict[str, str]         # field -> header as in the file (for messages)
    today: dt.date
    school_year: str
    viewer: Viewer                  # who imports: what they may link and tag
    date_order: str = "dmy"
    options: dict = field(default_factory=dict)

    def problem(self, built: Built, row: int, name: str, value: object, key: str,
                **params: Any) -> None:
        shown = "" if is_blank(value) else str(value)
        # A field the file has no column for is named by its label, in the reader's language.
        column = self.headers.get(name) or f"{FIELD_MARK}{name}"
        built.problems.append(Problem(row, column, shown[:80], key, params))

    def parse(self, built: Built, name: str, parser: Callable[[object], Any],
              required: bool = True) -> list[Any]:
        """Parse one mapped column; blanks are None (a problem if required)."""
        if name not in self.frame:
            return [None] * len(self.frame)
        raw = self.frame[name]
        parsed, failures = values.parse_column(raw, lambda v: None if is_blank(v)
                                               else parser(v))
        rows = self.frame["_row"].tolist()
        for position, problem in failures.items():
            self.problem(built, rows[position], name, raw.iloc[position], problem.key,
                         **problem.params)
        if required:
            for position, value in enumerate(parsed):
                if value is None and position not in failures:
                    self.problem(built, rows[position], name, None, "value.missing")
        return parsed


@dataclass(frozen=True)
class ImportSpec:
    kind: str
    entity: str
    fields: tuple[Field, ...]
    build: Callable[[BuildContext], Built]
    write: Callable[[Transaction, Built, int], Counts]
    key_fields: tuple[str, ...]     # the natural key, for duplicate rows in one file
    all_columns: bool = False       # every column counts (survey questions), no mapping step


REGISTRY: dict[str, ImportSpec] = {}


def register(spec: ImportSpec) -> ImportSpec:
    REGISTRY[spec.kind] = spec
    return spec


def _f(name: str, required: bool, *aliases: str) -> Field:
    return Field(name, required, tuple(fold(a) for a in aliases))


# -- shared checks ----------------------------------------------------------------------------

# Fields that hold a person's number: '1' and '0000001' are one person (Excel drops zeros).
ID_FIELDS = frozenset({"external_id", "learner", "prof_staff"})


def duplicate_keys(ctx: BuildContext, built: Built, key: list[str], compare: list[str]) -> None:
    """The same natural key twice in one file: fine when the rows agree, a problem when not."""
    frame = ctx.frame
    present = [k for k in key if k in frame]
    if not present:
        return
    keys = pd.DataFrame({k: [values.id_key(v.replace(" ", "")) if v and k in ID_FIELDS else v
                             for v in values.text_column(frame[k])] for k in present})
    repeated = keys.duplicated(keep=False) & keys.notna().all(axis=1)
    if not repeated.any():  # the usual case, decided without looking at rows one by one
        return
    cols = [c for c in compare if c in frame]
    seen: dict[tuple, tuple[int, tuple]] = {}
    for position in repeated[repeated].index:
        k = tuple(keys.iloc[position])
        rest = tuple(values.text(frame[c].iloc[position]) for c in cols)
        row = int(frame["_row"].iloc[position])
        if k in seen and seen[k][1] != rest:
            ctx.problem(built, row, present[0], frame[present[0]].iloc[position],
                        "import.problem.duplicate_key", other_row=seen[k][0])
        seen.setdefault(k, (row, rest))


class IdIndex:
    """People by their number: the exact spelling first, else the same number without its
    leading zeros (a file that passed through Excel writes '1' for '0000001'). Two stored
    people whose numbers differ only in zeros cannot be told apart: that is a problem to name,
    never a guess."""

    def __init__(self, external_ids: Iterable[str], record_ids: Iterable[int]) -> None:
        self.exact: dict[str, int] = {}
        self.spellings: dict[str, list[str]] = {}
        for external, record in zip(external_ids, record_ids, strict=True):
            self.exact[external] = int(record)
            self.spellings.setdefault(values.id_key(external), []).append(external)

    def find(self, external: str) -> tuple[int, str] | None:
        """(record id, stored spelling), or None for nobody; raises Invalid for twins."""
        if external in self.exact:
            return self.exact[external], external
        stored = self.spellings.get(values.id_key(external), [])
        if len(stored) > 1:
            raise Invalid("import.problem.id_twins", ids=", ".join(sorted(stored)))
        return (self.exact[stored[0]], stored[0]) if stored else None


def learner_index(db: Database) -> IdIndex:
    known = db.read("import/learner_keys")
    return IdIndex(known["external_id"], known["learner_id"])


def staff_index(db: Database) -> IdIndex:
    known = db.read("import/staff_keys")
    return IdIndex(known["external_id"], known["staff_id"])


ZERO_EXAMPLES = 8


def note_spellings(built: Built, matched: list[tuple[int, str, str]],
                   restored: Sequence[tuple[str, str]] = ()) -> None:
    """Say which numbers were taken as another spelling of the same number, so nothing is
    matched silently: (row, as written, as stored), and stored numbers that get their zeros
    back (before, after)."""
    if matched:
        shown = "; ".join(f"{row}: '{given}' = {stored}"
                          for row, given, stored in matched[:ZERO_EXAMPLES])
        built.notes.append(("import.note.id_zeros", {
            "count": len(matched), "examples": shown + (" …" if len(matched) > ZERO_EXAMPLES
                                                        else "")}))
    if restored:
        shown = "; ".join(f"{before} → {after}" for before, after in restored[:ZERO_EXAMPLES])
        built.notes.append(("import.note.id_zeros_restored", {
            "count": len(restored), "examples": shown + (" …" if len(restored) > ZERO_EXAMPLES
                                                         else "")}))


def person_numbers(ctx: BuildContext, built: Built, index: IdIndex, numbers: list[str | None],
                   name: str = "external_id") -> list[str | None]:
    """For a list of people (learners, staff): each row's number as it will be stored. One
    spelling per person: a stored person keeps theirs, unless the file writes the same number
    with more leading zeros (restored, since Excel only ever drops them); a number written
    twice in the file keeps its longest spelling. Numbers matching two stored people are
    problems. Whatever is matched or restored is said in a note."""
    rows = ctx.frame["_row"].tolist()
    chosen: dict[str, str] = {}
    stored_as: dict[str, str] = {}
    for position, number in enumerate(numbers):
        if number is None:
            continue
        try:
            found = index.find(number)
        except Invalid as twins:
            ctx.problem(built, rows[position], name, number, twins.key, **twins.params)
            continue
        key = values.id_key(number)
        if found is not None:
            stored_as[key] = found[1]
        best = chosen.get(key) or (found[1] if found else number)
        chosen[key] = number if len(number) > len(best) else best
    result: list[str | None] = []
    matched: list[tuple[int, str, str]] = []
    for position, number in enumerate(numbers):
        final = None if number is None else chosen.get(values.id_key(number))
        if final is not None and final != number:
            matched.append((rows[position], number, final))
        result.append(final)
    restored = sorted((stored, chosen[key]) for key, stored in stored_as.items()
                      if chosen[key] != stored)
    note_spellings(built, matched, restored)
    return result


def learner_ids(ctx: BuildContext, built: Built, name: str = "learner") -> list[int | None]:
    """Learners referred to by stamboeknummer; unknown ones are problems."""
    index = learner_index(ctx.db)
    ids = ctx.parse(built, name, values.learner_number)
    rows = ctx.frame["_row"].tolist()
    result: list[int | None] = []
    matched: list[tuple[int, str, str]] = []
    for position, external in enumerate(ids):
        if external is None:
            result.append(None)
            continue
        try:
            found = index.find(external)
        except Invalid as twins:
            ctx.problem(built, rows[position], name, external, twins.key, **twins.params)
            result.append(None)
            continue
        if found is None:
            ctx.problem(built, rows[position], name, external, "import.problem.unknown_learner")
            result.append(None)
            continue
        if found[1] != external:
            matched.append((rows[position], external, found[1]))
        result.append(found[0])
    note_spellings(built, matched)
    return result


KIND_WORDS = {
    "remediation": ("remediëring", "remediation", "remedial", "r", "bijwerken", "herhaling"),
    "deepening": ("verdieping", "deepening", "v", "verdiepen", "uitdaging"),
    "broadening": ("verbreding", "broadening", "b", "verbreden", "extra"),
}
SOURCE_WORDS = {
    "class_council": ("klassenraad", "class council", "kr", "klassenraden"),
    "self_reflection": ("zelfreflectie", "self reflection", "leerling", "learner", "zr"),
    "subject_teacher": ("vakleerkracht", "subject teacher", "leerkracht", "teacher", "vl"),
    "result_rule": ("resultatenregel", "result rule", "regel", "rule"),
}
LEADER_WORDS = {
    "teacher": ("leerkracht", "teacher", "lk"),
    "teaching_assistant": ("onderwijsassistent", "teaching assistant", "assistent", "oa"),
    "coach": ("coach", "leercoach"),
    "student_teacher": ("stagiair", "student teacher", "student"),
    "guest": ("gast", "guest", "gastleerkracht", "gastspreker"),
}


def word(table: dict[str, tuple[str, ...]], problem_key: str) -> Callable[[object], str]:
    lookup = {fold(w): code for code, words in table.items() for w in (*words, code)}

    def parse(value: object) -> str:
        folded = fold(str(value))
        if folded in lookup:
            return lookup[folded]
        raise Invalid(problem_key, allowed=", ".join(words[0] for words in table.values()))

    return parse


def subjects_for(ctx: BuildContext, built: Built, name: str, required: bool
                 ) -> tuple[list[str | None], pd.DataFrame]:
    """Subjects by code or Dutch or English name; unknown ones are created (and announced)."""
    known = ctx.db.read("import/subjects")
    lookup: dict[str, str] = {}
    for row in known.itertuples():
        for label in (row.subject_id, row.name_nl, row.name_en):
            lookup[fold(str(label))] = row.subject_id
    raw = ctx.parse(built, name, lambda v: values.text(v), required=required)
    created: dict[str, dict] = {}
    codes: list[str | None] = []
    folded: dict[str, str] = {}
    for label in raw:
        if label is None:
            codes.append(None)
            continue
        if label not in folded:
            folded[label] = fold(label)
        code = lookup.get(folded[label])
        if code is None:
            code = _new_subject_code(label, set(lookup.values()) | set(created))
            created[code] = {"subject_id": code, "name_nl": label, "name_en": label}
            lookup[fold(label)] = code
        codes.append(code)
    new = pd.DataFrame(list(created.values()), columns=["subject_id", "name_nl", "name_en"])
    if len(new):
        built.notes.append(("import.note.new_subjects", {"subjects": ", ".join(
            f"{r.name_nl} ({r.subject_id})" for r in new.itertuples())}))
    return codes, new


def _new_subject_code(label: str, taken: set[str]) -> str:
    letters = re.sub(r"[^A-Za-z0-9]", "", fold(label)).upper() or "VAK"
    base = letters if len(letters) <= 5 else letters[:4]
    code, n = base, 2
    while code in taken:
        code, n = f"{base}{n}", n + 1
    return code
