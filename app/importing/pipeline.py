"""One import pipeline for the upload page and ``python -m app import``.

``prepare`` reads the file, maps its columns (aliases, or a mapping saved for this export),
checks every row and rehearses the write to count what is new, changed and unchanged, all
without writing. ``commit`` writes it in one transaction: every row, or (only when asked) the
valid rows with the others set aside. ``undo_last`` reverses the latest import.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass, field

import pandas as pd

from app import clock, school_calendar, settings
from app.audit import Audit
from app.db import Database
from app.errors import UserError
from app.flex import importing as _choice_kind  # noqa: F401  (registers 'flex-choices')
from app.importing import kinds  # noqa: F401  (registers the core kinds)
from app.importing.journal import Counts, undo
from app.importing.reading import Table, read_table
from app.importing.specs import FIELD_MARK, REGISTRY, BuildContext, Built, ImportSpec, Problem
from app.importing.values import date_order, fold
from app.prof import importing as _prof_kinds  # noqa: F401  (initiatives, budget, competences)
from app.surveys import importing as _survey_kind  # noqa: F401  (registers 'survey')

DATE_FIELDS = {"birth_date", "entered_on", "left_on", "started_on", "valid_from", "valid_until",
               "cycle"}


@dataclass
class Prepared:
    kind: str
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

def prepare(db: Database, kind: str, file_name: str, data: bytes, *, sheet: str | None = None,
            mapping: dict[str, str] | None = None, order: str | None = None,
            today: dt.date | None = None, options: dict | None = None,
            rehearse: bool = True) -> Prepared:
    """Read, map and check a file, and (with `rehearse`) count what importing it would do.

    The rehearsal runs the real write and rolls it back: the preview's counts are exactly what
    the import does. A script that imports straight away can skip it."""
    if kind not in REGISTRY:
        raise UserError("import.error.unknown_kind", kind=kind, kinds=", ".join(sorted(REGISTRY)))
    limit = int(settings.get(db, "import.max_megabytes")) * 1_000_000
    table = read_table(data, sheet=sheet, max_bytes=limit)
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
        kind=kind, file_name=_safe_name(file_name), sha256=hashlib.sha256(data).hexdigest(),
        table=table, source=detect_source(table.header), mapping=mapping, signature=sig,
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
                       school_year=school_calendar.school_year_of(today),
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

def commit(db: Database, prepared: Prepared, audit: Audit, *, partial: bool = False,
           save_mapping: bool = True) -> ImportResult:
    """Write the prepared import in one transaction. With problems, nothing is written unless
    `partial` is chosen: then the valid rows go in and the others are counted as refused."""
    if not prepared.ready:
        raise UserError("import.error.not_ready")
    built = prepared.built
    refused = len(built.refused_rows)
    if refused and not partial:
        raise UserError("import.error.refused", problems=len(built.problems), rows=refused)
    if refused and (refused >= built.rows or built.blocking):
        raise UserError("import.error.nothing_valid")
    audit.entity = prepared.spec.entity
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
    if counts.new + counts.updated > 1000:
        db.checkpoint()
    return ImportResult(import_id, counts, refused, tuple(audit.record_ids))


def undo_last(db: Database, audit: Audit) -> dict:
    last = db.one("import/last_done")
    if last is None:
        raise UserError("import.error.nothing_to_undo")
    audit.record_ids.append(str(last["import_id"]))
    with db.transaction(audit) as tx:
        touched = undo(tx, int(last["import_id"]))
        tx.execute("import/mark_undone", import_id=last["import_id"])
        audit.detail = " ".join(f"{k}={v}" for k, v in touched.items())
    return {**last, "touched": touched}


def log(db: Database, limit: int = 50) -> pd.DataFrame:
    return db.read("import/log", limit=limit)


# -- telling the user ------------------------------------------------------------------------------

def column_name(problem: Problem, t) -> str:
    if problem.column.startswith(FIELD_MARK):
        return t(f"field.{problem.column[len(FIELD_MARK):]}")
    return problem.column


def render_problem(problem: Problem, t) -> str:
    reason = t(problem.key, **problem.params)
    column = column_name(problem, t)
    if not problem.value:
        return t("import.problem.line_empty", row=problem.row, column=column, reason=reason)
    return t("import.problem.line", row=problem.row, column=column, value=problem.value,
             reason=reason)


def preview_table(prepared: Prepared, t) -> tuple[pd.DataFrame, list[str]]:
    """The first rows as they will be stored, with headers in the reader's language, and the
    names of the columns that hold dates (for local formatting)."""
    frame = prepared.built.preview.head(20).copy()
    # Optional fields the file does not have stay out of the preview.
    frame = frame[[c for c in frame.columns if frame[c].map(
        lambda v: v is not None and not (isinstance(v, float) and v != v)).any()]]
    dates = [c for c in frame.columns
             if frame[c].map(lambda v: isinstance(v, dt.date)).any()]
    for column in frame.columns:
        if column in dates:
            continue
        frame[column] = [pd.NA if v is None or (isinstance(v, float) and v != v) else v
                         for v in frame[column]]

    def header(column: str) -> str:
        for key in (f"field.{column}", f"export.col.{column}"):
            if t.has(key):
                return t(key)
        return column

    renamed = {c: header(c) for c in frame.columns}
    return frame.rename(columns=renamed), [renamed[c] for c in dates]


def problems_table(prepared: Prepared, t) -> pd.DataFrame:
    return pd.DataFrame({
        t("import.col.row"): [p.row for p in prepared.problems],
        t("import.col.column"): [column_name(p, t) for p in prepared.problems],
        t("import.col.value"): [p.value for p in prepared.problems],
        t("import.col.reason"): [t(p.key, **p.params) for p in prepared.problems],
    })


def refused_rows_csv(prepared: Prepared, t) -> bytes:
    """The refused rows as they were in the file, plus why: to fix and upload again."""
    from app.export import defuse

    reasons: dict[int, list[str]] = {}
    for p in prepared.problems:
        reasons.setdefault(p.row, []).append(f"{column_name(p, t)}: {t(p.key, **p.params)}")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([t("import.col.row"), *prepared.table.header, t("import.col.reason")])
    for line, cells in zip(prepared.table.lines, prepared.table.rows, strict=True):
        if line in reasons:
            writer.writerow([line, *(defuse("" if c is None else str(c)) for c in cells),
                             defuse(" | ".join(reasons[line]))])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
