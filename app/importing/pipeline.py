"""One import pipeline for the upload page and ``python -m app import``.

``prepare`` reads the file, maps its columns (aliases, or a mapping saved for this export),
checks every row and rehearses the write to count what is new, changed and unchanged, all
without writing. ``commit`` writes it in one transaction: every row, or (only when asked) the
valid rows with the others set aside. ``undo_last`` reverses the latest import.

Each kind is a permission (``app/permissions.py``): ``prepare``, ``commit`` and ``undo_last``
refuse a viewer without it, whatever page called them, before reading or rehearsing anything.
The command line acts as the administrator (``auth.COMMAND_LINE``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from app import clock, permissions, settings
from app.auth import Viewer
from app.blank import is_blank
from app.db import Database
from app.errors import DiskFull, UserError
from app.flex import importing as _choice_kind  # noqa: F401  (registers 'flex-choices')
from app.importing import kinds  # noqa: F401  (registers the core kinds)
from app.importing.journal import Counts, undo
from app.importing.reading import Limits, Table, read_table
from app.importing.specs import FIELD_MARK, REGISTRY, BuildContext, Built, ImportSpec, Problem
from app.importing.values import date_order, fold
from app.prof import importing as _prof_kinds  # noqa: F401  (initiatives, budget, competences)
from app.school import school_calendar
from app.surveys import importing as _survey_kind  # noqa: F401  (registers 'survey')

DATE_FIELDS = {"birth_date", "entered_on", "left_on", "started_on", "valid_from", "valid_until",
               "cycle"}


@dataclass
class Prepared:
    kind: str
    viewer: Viewer                           # checked for, and what they may link and tag
    file_name: str
    sha256: str
    table: Table
    source: str | None
    mapping: dict[str, str]                  # field -> header in the file
    signature: str
    mapping_saved: bool                      # the mapping came from an earlier confirmation
    missing: list[str] = field(default_factory=list)       # required fields without a column
    needs_date_order: bool = False
    date_order: str = "dmy"
    built: Built | None = None
    counts: Counts | None = None             # what a full import would do (rehearsed)
    partial_counts: Counts | None = None     # what importing only the valid rows would do

    @property
    def spec(self) -> ImportSpec:
        return REGISTRY[self.kind]

    @property
    def ready(self) -> bool:
        return not self.missing and not self.needs_date_order and self.built is not None

    @property
    def problems(self) -> list[Problem]:
        return self.built.problems if self.built else []

    @property
    def ignored_columns(self) -> list[str]:
        used = set(self.mapping.values())
        return [h for h in self.table.header if h and h not in used]


@dataclass(frozen=True)
class ImportResult:
    import_id: int
    counts: Counts
    refused: int
    records: tuple[str, ...] = ()    # what the import touched, as in its audit entry
    warning: str | None = None       # a catalogue key: stored, but something needs attention

    def record_id(self, entity: str) -> int | None:
        """The id of the first record of a kind ('survey' -> its survey_id)."""
        for record in self.records:
            kind, _, value = record.partition(":")
            if kind == entity and value.isdigit():
                return int(value)
        return None


# -- mapping ---------------------------------------------------------------------------------------

def signature(kind: str, header: list[str]) -> str:
    return hashlib.sha256((kind + "|" + "|".join(fold(h) for h in header)).encode()).hexdigest()


def auto_mapping(spec: ImportSpec, header: list[str]) -> dict[str, str]:
    """Fields matched to columns by name: exact first, then a header that contains the alias."""
    folded = {h: fold(h) for h in header if h}
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for exact in (True, False):
        for spec_field in spec.fields:
            if spec_field.name in mapping:
                continue
            for alias in spec_field.aliases:
                hit = next((h for h, f in folded.items() if h not in used and (
                    f == alias if exact else f" {alias} " in f" {f} ")), None)
                if hit:
                    mapping[spec_field.name] = hit
                    used.add(hit)
                    break
    return mapping


class FileRefused(UserError):
    """The file reads, but is not one to import as this kind: nothing in it is imported."""

    def render(self, translate) -> str:
        params = dict(self.params)
        for name in ("found", "chosen"):
            if name in params:  # kinds by their label, in the reader's language
                params[f"{name}_label"] = translate(f"import.kind.{params[name]}")
        if "found" in params:
            params["holders"] = permissions.holders_text(
                permissions.import_action(params["found"]), translate)
        return translate(self.key, **params)


def kind_of_columns(kind: str, header: list[str]) -> tuple[str, list[str]] | None:
    """Another kind of import the columns clearly belong to, with the columns that say so: a
    learner list chosen as staff (its 'Klas'), a point book chosen as learners ('Vak', 'Punt').

    Another kind counts when the file has every column it requires, some of those are columns
    the chosen kind has no use for, and it links more of the file's columns than the chosen
    kind does. A survey takes any table, so a file is only refused as a survey when every one
    of its columns belongs to the other kind (no column is left to be a question)."""
    chosen = REGISTRY[kind]
    own = {} if chosen.all_columns else auto_mapping(chosen, header)
    used = set(own.values())
    best: tuple[str, list[str]] | None = None
    best_count = len(own)
    for other in REGISTRY.values():
        if other.kind == kind or other.all_columns:
            continue
        mapping = auto_mapping(other, header)
        required = [f.name for f in other.fields if f.required]
        if not all(name in mapping for name in required):
            continue
        telling = [mapping[name] for name in required if mapping[name] not in used]
        if telling and len(mapping) > best_count:
            best, best_count = (other.kind, telling), len(mapping)
    if best is not None and chosen.all_columns:
        linked = set(auto_mapping(REGISTRY[best[0]], header).values())
        if any(h and h not in linked for h in header):
            return None
    return best


def detect_source(header: list[str]) -> str | None:
    folded = {fold(h) for h in header}
    if {"tijdstempel"} & folded or ({"timestamp"} & folded and len(folded) > 1):
        return "google_forms"
    if {"id", "submitdate", "lastpage", "startlanguage"} <= folded:
        return "limesurvey"
    if "id" in folded and ({"begintijd", "start time"} & folded) and (
            {"tijd van voltooien", "completion time"} & folded):
        return "microsoft_forms"
    if "klascode" in folded or "rijksregisternummer" in folded or "stamboeknr" in folded:
        return "informat"
    if "gebruikersnaam" in folded or "internnummer" in folded or "intern nummer" in folded:
        return "smartschool"
    return None


# -- prepare ---------------------------------------------------------------------------------------

def prepare(db: Database, viewer: Viewer, kind: str, file_name: str, data: bytes, *,
            sheet: str | None = None, mapping: dict[str, str] | None = None,
            order: str | None = None, today: dt.date | None = None,
            options: dict | None = None, rehearse: bool = True) -> Prepared:
    """Read, map and check a file, and (with `rehearse`) count what importing it would do.

    The rehearsal runs the real write and rolls it back: the preview's counts are exactly what
    the import does. A script that imports straight away can skip it."""
    if kind not in REGISTRY:
        raise UserError("import.error.unknown_kind", kind=kind, kinds=", ".join(sorted(REGISTRY)))
    permissions.require(db, viewer, permissions.import_action(kind))
    school = settings.load(db)
    limits = Limits(rows=int(school["import.max_rows"]), cells=int(school["import.max_cells"]),
                    unzipped_bytes=int(school["import.max_unzipped_megabytes"]) * 1_000_000)
    table = read_table(data, sheet=sheet, max_bytes=int(school["import.max_megabytes"]) * 1_000_000,
                       limits=limits)
    if not table.lines:
        raise FileRefused("import.error.no_rows", columns=len(table.header))
    other = kind_of_columns(kind, table.header)
    if other is not None:
        # Pointing to a kind the viewer cannot choose would be a dead end: say who may.
        key = "import.error.wrong_kind" if permissions.allowed(
            viewer, permissions.import_action(other[0])) else "import.error.wrong_kind_not_yours"
        raise FileRefused(key, found=other[0], chosen=kind, columns=", ".join(other[1]))
    spec = REGISTRY[kind]
    if spec.all_columns:
        mapping = {h: h for h in table.header if h}
    sig = signature(kind, table.header)
    saved = db.scalar("import/mapping", kind=kind, signature=sig)
    chosen = mapping or {}
    mapping = auto_mapping(spec, table.header) if not spec.all_columns else dict(mapping or {})
    if saved and not spec.all_columns:
        mapping.update({k: v for k, v in json.loads(saved).items() if v in table.header})
    mapping.update(chosen)  # the person's own choices win; an empty choice unlinks a field
    mapping = {k: v for k, v in mapping.items() if v}
    unknown_columns = [h for h in mapping.values() if h not in table.header]
    if unknown_columns:
        raise UserError("import.error.no_column", column=unknown_columns[0])
    prepared = Prepared(
        kind=kind, viewer=viewer, file_name=_safe_name(file_name),
        sha256=hashlib.sha256(data).hexdigest(), table=table,
        source=detect_source(table.header), mapping=mapping, signature=sig,
        mapping_saved=bool(saved),
        missing=[f.name for f in spec.fields if f.required and f.name not in mapping],
    )
    if prepared.missing:
        return prepared
    frame = _mapped_frame(table, mapping)
    prepared.date_order = order or _date_order(prepared, frame)
    if prepared.date_order is None:
        prepared.needs_date_order = True
        prepared.date_order = "dmy"
        return prepared
    today = today or clock.today()
    ctx = BuildContext(db=db, frame=frame, headers=mapping, today=today,
                       school_year=school_calendar.school_year_of(today), viewer=viewer,
                       date_order=prepared.date_order,
                       options={**(options or {}), "file_name": prepared.file_name,
                                "source": prepared.source})
    prepared.built = spec.build(ctx)
    prepared.built.problems.sort(key=lambda p: (p.row, p.column))
    if not rehearse:
        return prepared
    if not prepared.built.problems:
        prepared.counts = _rehearse(db, prepared)
    elif not prepared.built.blocking and len(prepared.built.refused_rows) < prepared.built.rows:
        prepared.partial_counts = _rehearse(db, prepared)
    return prepared


def _safe_name(file_name: str) -> str:
    """A file name only ever goes into the log, never into a path: keep it short and plain."""
    name = (file_name or "upload").replace("\\", "/").split("/")[-1]
    return "".join(c for c in name if c.isprintable())[:120] or "upload"


def _mapped_frame(table: Table, mapping: dict[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame({name: table.column(header).to_numpy(dtype=object)
                          for name, header in mapping.items()}, dtype=object)
    frame["_row"] = table.lines
    return frame


def _date_order(prepared: Prepared, frame: pd.DataFrame) -> str | None:
    """Flemish exports write day first. Microsoft Forms and English Google Forms may write the
    month first: their own values must prove the order, else the person importing is asked
    (never guessed)."""
    columns = set(DATE_FIELDS)
    if prepared.source == "microsoft_forms":
        columns |= {h for h in frame.columns if fold(h) in ("begintijd", "start time",
                                                             "tijd van voltooien",
                                                             "completion time")}
    elif prepared.source == "google_forms" and "Timestamp" in frame:
        columns |= {"Timestamp"}
    else:
        return "dmy"
    text_dates = [v for name in columns if name in frame for v in frame[name]
                  if isinstance(v, str)]
    if not text_dates:
        return "dmy"
    return date_order(text_dates)


def _rehearse(db: Database, prepared: Prepared) -> Counts:
    with db.rehearsal() as tx:
        return prepared.spec.write(tx, prepared.built, -1)


# -- commit and undo -------------------------------------------------------------------------------

def commit(db: Database, viewer: Viewer, prepared: Prepared, *,
           partial: bool = False, save_mapping: bool = True) -> ImportResult:
    """Write the prepared import in one transaction. With problems, nothing is written unless
    `partial` is chosen: then the valid rows go in and the others are counted as refused."""
    permissions.require(db, viewer, permissions.import_action(prepared.kind))
    if prepared.viewer != viewer:
        # What a file may link was decided for the person it was checked for.
        raise UserError("import.error.other_viewer")
    if not prepared.ready:
        raise UserError("import.error.not_ready")
    built = prepared.built
    refused = len(built.refused_rows)
    if refused and not partial:
        raise UserError("import.error.refused", problems=len(built.problems), rows=refused)
    if refused and (refused >= built.rows or built.blocking):
        raise UserError("import.error.nothing_valid")
    audit = viewer.audit("import", prepared.spec.entity)
    with db.transaction(audit) as tx:
        import_id = tx.next_ids("import_id_seq", 1)[0]
        counts = prepared.spec.write(tx, built, import_id)
        tx.execute("import/log_insert", import_id=import_id, user_id=audit.user_id,
                   kind=prepared.kind, file_name=prepared.file_name,
                   file_sha256=prepared.sha256, source=prepared.source, n_new=counts.new,
                   n_updated=counts.updated, n_unchanged=counts.unchanged, n_refused=refused,
                   status="done")
        if save_mapping and not prepared.mapping_saved:
            tx.execute("import/save_mapping", kind=prepared.kind, signature=prepared.signature,
                       mapping=json.dumps(prepared.mapping), saved_by=audit.user_id)
        audit.record_ids.append(str(import_id))
        audit.detail = (f"kind={prepared.kind} new={counts.new} updated={counts.updated} "
                        f"unchanged={counts.unchanged} refused={refused}")
    warning = None
    if counts.new + counts.updated > 1000:
        try:
            db.checkpoint()
        except DiskFull as error:  # committed, in the log: stored, but the disk needs room
            warning = error.key
    return ImportResult(import_id, counts, refused, tuple(audit.record_ids), warning)


def last_undoable(db: Database) -> dict | None:
    """The import undo would reverse (None: nothing to undo)."""
    return db.one("import/last_done")


def _undo_permission(last: dict) -> tuple[str, permissions.Record | None]:
    """Undoing an import is a write of its kind: for who may import that kind. A survey upload
    is anyone's, but undoing one removes answers from a survey's charts: for its uploader (or
    the administrator), as editing that survey."""
    if last["kind"] == "survey":
        owner = last.get("user_id")
        return "survey.edit", permissions.Survey(None, None if owner is None else int(owner))
    return permissions.import_action(last["kind"]), None


def may_undo(viewer: Viewer, last: dict) -> bool:
    action, record = _undo_permission(last)
    return permissions.allowed(viewer, action, record)


def undo_last(db: Database, viewer: Viewer) -> dict:
    """Reverse the latest import, for who may (see _undo_permission)."""
    last = last_undoable(db)
    if last is None:
        raise UserError("import.error.nothing_to_undo")
    action, record = _undo_permission(last)
    permissions.require(db, viewer, action, record)
    audit = viewer.audit("import_undo", "import", [last["import_id"]])
    with db.transaction(audit) as tx:
        touched = undo(tx, int(last["import_id"]))
        tx.execute("import/mark_undone", import_id=last["import_id"])
        audit.detail = " ".join(f"{k}={v}" for k, v in touched.items())
    return {**last, "touched": touched}


def log(db: Database, limit: int = 50) -> pd.DataFrame:
    return db.read("import/log", limit=limit)


# -- telling the user ------------------------------------------------------------------------------

def refusal(error: UserError, file_name: str, t) -> str:
    """What the upload pages say when a file as a whole is not imported: it could not be read,
    or it reads but is not a file for this import (wrong kind, no rows), or the viewer may not
    import it (a permission: its own words, who may)."""
    if isinstance(error, permissions.Refused):
        return error.render(t)
    key = "import.ui.refused_file" if isinstance(error, FileRefused) else "import.ui.unreadable"
    return t(key, file=file_name, reason=error.render(t))


def kinds_for(viewer: Viewer) -> list[str]:
    """The kinds this viewer may import, in the order of the upload page (surveys last)."""
    ordered = [k for k in REGISTRY if k != "survey"] + ["survey"]
    return [k for k in ordered if permissions.allowed(viewer, permissions.import_action(k))]


# Fields of a note that count something, written with their noun: '1 respondent'.
COUNTED = {"respondents": "respondents", "questions": "questions"}


def render_note(note: tuple[str, dict], t) -> str:
    """A note of the preview in words: a tag by its label, an action by who may do it."""
    key, params = note
    shown = dict(params)
    if shown.get("tag"):
        shown["tag"] = t(f"tag.{shown['tag']}")
    if shown.get("holders"):
        shown["holders"] = permissions.holders_text(shown["holders"], t)
    for name, thing in COUNTED.items():  # "12 respondenten", "1 vraag"
        if isinstance(shown.get(name), int):
            shown[name] = t.plural(f"count.{thing}", shown[name])
    if t.has(f"{key}.one"):  # the text itself is counted: '1 nummer verschilt ...'
        return t.plural(key, int(shown.pop("count")), **shown)
    return t(key, **shown)


def column_name(problem: Problem, t) -> str:
    if problem.column.startswith(FIELD_MARK):
        return t(f"field.{problem.column[len(FIELD_MARK):]}")
    return problem.column


def render_problem(problem: Problem, t) -> str:
    reason = t(problem.reason, **problem.params)
    column = column_name(problem, t)
    if not problem.value:
        return t("import.problem.line_empty", row=problem.row, column=column, reason=reason)
    return t("import.problem.line", row=problem.row, column=column, value=problem.value,
             reason=reason)


# Preview columns that hold codes: the catalogue prefix of their labels.
# A column name several kinds share (kind) tries each prefix: the one with a label for every
# value is used.
PREVIEW_CODES = {"collective": ("prof.collective",), "form": ("prof.form",),
                 "kind": ("kind", "prof.source"), "leader_kind": ("leader_kind",),
                 "source": ("prof.level_source",), "horizon": ("prof.horizon",),
                 "target_kind": ("prof.key_kind",), "question_type": ("import.question_type",)}
# Preview columns that hold lists of codes.
PREVIEW_ITEMS = {"roles": "staff_role", "years_of_study": None}
# Preview headers under another name than their column (ids shown by name: db lookups).
PREVIEW_NAMES = {"staff_id": "field.prof_staff_name", "competence_id": "field.prof_competence",
                 "estimated_cost": "field.prof_cost"}


def preview_table(prepared: Prepared, t, db: Database | None = None):
    """The first rows as they will be stored, as the reader sees them (app/display.py):
    headers in the reader's language, codes as words, staff and competences by name, whole
    numbers without decimals, dates as dates."""
    from app import display

    frame = prepared.built.preview.head(20).copy().reset_index(drop=True)
    # Optional fields the file does not have stay out of the preview.
    frame = frame[[c for c in frame.columns if not all(is_blank(v) if not isinstance(
        v, list | tuple) else False for v in frame[c])]]
    names: dict[str, dict] = {}
    if db is not None and "staff_id" in frame.columns:
        people = db.read("common/staff_options")
        names["staff_id"] = dict(zip(people["staff_id"].astype(int), people["name"],
                                     strict=True))
    if db is not None and "competence_id" in frame.columns:
        framework = db.read("prof/competences")
        names["competence_id"] = dict(zip(framework["competence_id"].astype(int),
                                          framework["code"], strict=True))

    def header(column: str) -> str:
        for key in (PREVIEW_NAMES.get(column, ""), f"field.{column}", f"field.prof_{column}",
                    f"export.col.{column}"):
            if key and t.has(key):
                return key
        return column

    if "question" in frame.columns and "question_no" in frame.columns:
        # A LimeSurvey export with codes as headings has no question text: 'Vraag 1', not G1Q1.
        from app.surveys.summary import is_code

        frame["question"] = [t("surveys.question_coded", number=t.count(int(n)))
                             if is_code(q) else q
                             for q, n in zip(frame["question"], frame["question_no"], strict=True)]
    columns = []
    for column in frame.columns:
        values = [v for v in frame[column] if isinstance(v, list | tuple) or
                  not is_blank(v)]
        key = header(column)
        literal = not t.has(key)
        if column in names:
            frame[column] = [names[column].get(int(v)) if not is_blank(v) else None
                             for v in frame[column]]
            columns.append(display.text(column, key, literal=literal))
        elif column in PREVIEW_ITEMS:
            columns.append(display.items(column, key, codes=PREVIEW_ITEMS[column],
                                         literal=literal))
        elif column in PREVIEW_CODES and (codes := next(
                (p for p in PREVIEW_CODES[column] if all(t.has(f"{p}.{v}") for v in values)),
                None)):
            columns.append(display.code(column, key, codes=codes, literal=literal))
        elif values and all(isinstance(v, dt.datetime | pd.Timestamp) for v in values):
            columns.append(display.datetime(column, key, literal=literal))
        elif values and all(isinstance(v, dt.date) for v in values):
            columns.append(display.date(column, key, literal=literal))
        elif values and all(isinstance(v, bool) for v in values):
            columns.append(display.flag(column, key, literal=literal))
        elif values and all(isinstance(v, int | float | Decimal) and not isinstance(v, bool)
                            for v in values):
            whole = all(float(v).is_integer() for v in values)
            columns.append(display.count(column, key, literal=literal) if whole else
                           display.number(column, key, decimals=2, literal=literal))
        else:
            columns.append(display.text(column, key, literal=literal))
    return display.table(frame, t, columns)


def problems_table(prepared: Prepared, t) -> pd.DataFrame:
    return pd.DataFrame({
        t("import.col.row"): [p.row for p in prepared.problems],
        t("import.col.column"): [column_name(p, t) for p in prepared.problems],
        t("import.col.value"): [p.value for p in prepared.problems],
        t("import.col.reason"): [t(p.reason, **p.params) for p in prepared.problems],
    })


def refused_rows_csv(prepared: Prepared, t) -> bytes:
    """The refused rows as they were in the file, plus why: to fix and upload again."""
    from app.export import defuse

    reasons: dict[int, list[str]] = {}
    for p in prepared.problems:
        reasons.setdefault(p.row, []).append(f"{column_name(p, t)}: {t(p.reason, **p.params)}")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([t("import.col.row"), *prepared.table.header, t("import.col.reason")])
    for line, cells in zip(prepared.table.lines, prepared.table.rows, strict=True):
        if line in reasons:
            writer.writerow([line, *(defuse("" if c is None else str(c)) for c in cells),
                             defuse(" | ".join(reasons[line]))])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
