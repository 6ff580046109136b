"""Exports: the download buttons and ``python -m app export`` write the same files.

Only what the viewer may see leaves (the queries are scoped). CSV is UTF-8 with BOM and ``;``,
numbers and dates written the local way, so Belgian Excel opens it as it is; XLSX stores text
as text and numbers as numbers, and contains no formulas. Text that a spreadsheet would run as a
formula (starting with ``=`` ``+`` ``-`` ``@``, tab or CR) gets a leading ``'`` (OWASP's advice
against CSV injection). Files that leave the school can replace learners by pseudonyms.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from app import auth, clock, permissions
from app.auth import Viewer
from app.blank import is_blank
from app.db import Database
from app.errors import UserError
from app.flex import lists, words
from app.i18n import Translator
from app.school import school_calendar
from app.scope import Scope

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "xlsx")
PERSONAL_COLUMNS = ("last_name", "first_name", "birth_date", "email")


def defuse(text: str) -> str:
    """Text a spreadsheet would take for a formula, made inert with a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_START) else text


@dataclass(frozen=True)
class ExportKind:
    query: str
    columns: tuple[str, ...]           # output columns, in order; headers from the catalogues
    params: Callable[[dict], dict]
    # Columns made from others, in words (a placement's reason, a slot's day and hour).
    finish: Callable[[pd.DataFrame, Translator, dict], pd.DataFrame] | None = None


EXPORTS: dict[str, ExportKind] = {
    "learners": ExportKind(
        "export/learners",
        ("external_id", "last_name", "first_name", "class_code", "birth_date", "email",
         "left_on"),
        lambda o: {"school_year": o["school_year"]}),
    "results": ExportKind(
        "export/results",
        ("external_id", "last_name", "first_name", "class_code", "subject_id", "subject_name",
         "period", "score", "max_score", "absence_code"),
        lambda o: {"school_year": o["school_year"], "lang": o["lang"]}),
    "needs": ExportKind(
        "export/needs",
        ("external_id", "last_name", "first_name", "class_code", "kind", "subject_id", "source",
         "priority", "is_hard", "reason", "valid_from", "valid_until", "decided_by"),
        lambda o: {"school_year": o["school_year"], "today": o["today"]}),
    "survey": ExportKind(
        "export/survey",
        ("survey", "respondent_id", "external_id", "is_complete", "question_no", "question",
         "item", "answer_text", "answer_value", "answered_at"),
        lambda o: {"survey_id": o["survey_id"]}),
    # A flex plan (the proposal, or a published version) of the cycle a week belongs to.
    "assignments": ExportKind(
        "flex/plan_assignments",
        ("week", "slot", "session_id", "code", "learner_id", "external_id", "last_name",
         "first_name", "class_code", "kind", "subject_id", "topic", "leader", "room", "reason"),
        lambda o: {"plan_id": o["plan_id"], "lang": o["lang"]},
        finish=words.finish_assignments),
    "sessions": ExportKind(
        "flex/plan_fill",
        ("week", "slot", "session_id", "code", "kind", "subject_id", "topic", "capacity",
         "learners", "leader", "room"),
        lambda o: {"cycle_id": o["cycle_id"], "plan_id": o["plan_id"], "lang": o["lang"]},
        finish=words.finish_sessions),
    # The messages to learners and parents of a published plan (one row per learner and
    # audience); the page passes the plan's diff and its dates.
    "messages": ExportKind(
        "flex/plan_assignments",
        ("learner_id", "external_id", "last_name", "first_name", "class_code", "audience",
         "language", "changed", "subject", "body"),
        lambda o: {"plan_id": o["plan_id"], "lang": o.get("message_lang") or o["lang"]},
        finish=lists.finish_messages),
}


@dataclass(frozen=True)
class ExportFile:
    data: bytes
    file_name: str
    mime: str
    rows: int


def register(kind: str, export: ExportKind) -> None:
    """Later parts of Flexwijs add their exports (flex assignments, the year plan, ...)."""
    EXPORTS[kind] = export


def frame_for(db: Database, scope: Scope, kind: str, t: Translator, *, survey_id: int | None = None,
              pseudonymise: bool = False, today: dt.date | None = None, **extra) -> pd.DataFrame:
    if kind not in EXPORTS:
        raise UserError("export.error.unknown_kind", kind=kind, kinds=", ".join(sorted(EXPORTS)))
    spec = EXPORTS[kind]
    today = today or clock.today()
    options = {"school_year": school_calendar.school_year_of(today), "today": today,
               "lang": t.lang, "survey_id": survey_id, **extra}
    if kind == "survey" and survey_id is None:
        raise UserError("export.error.survey_needed")
    frame = db.read(spec.query, scope=scope, **spec.params(options))
    if spec.finish is not None:
        frame = spec.finish(frame, t, options)
    if pseudonymise and "learner_id" in frame:
        key = auth.secret_key(db)
        frame["external_id"] = [
            None if pd.isna(i) else "L-" + auth.keyed_hash(key, "export", str(int(i)))[:10]
            for i in frame["learner_id"]
        ]
        for column in PERSONAL_COLUMNS:
            if column in frame:
                frame[column] = None
    columns = [c for c in spec.columns if not (pseudonymise and c in PERSONAL_COLUMNS)]
    frame = frame[columns]
    for column in ("kind",):
        if column in frame:
            frame[column] = [t.kind(k) if isinstance(k, str) else k for k in frame[column]]
    if "source" in frame:
        frame["source"] = [t(f"need_source.{s}") if isinstance(s, str) else s
                           for s in frame["source"]]
    return frame.rename(columns={c: t(f"export.col.{c}") for c in frame.columns})


def file_stem(kind: str, t: Translator) -> str:
    """The name of a download in the reader's language (``flexwijs-indeling``), never the
    export's code: the same name on the button's file and in ``export``'s result."""
    return t(f"export.file.{kind}") if t.has(f"export.file.{kind}") else t("export.file.default")


def sheet_name(kind: str, t: Translator) -> str:
    """An XLSX sheet's name in the reader's language (Excel allows 31 characters)."""
    key = f"export.sheet.{kind}"
    return (t(key) if t.has(key) else t("export.sheet.default"))[:31]


# An export of a kind nobody registered needs what the learners' export needs (the most
# personal data there is), and only then hears that the kind is unknown.
def export_action(kind: str | None) -> str:
    """The permission an export needs: the kind is the permission ('export.needs'); the rows
    are the viewer's own scope. A kind that does not exist is said as such (it names no
    permission); a registered kind without its row in app/permissions.py is a bug
    (LookupError), never a kind anyone may export."""
    if kind not in EXPORTS:
        raise UserError("export.error.unknown_kind", kind=kind, kinds=", ".join(sorted(EXPORTS)))
    return f"export.{kind}"


def export(db: Database, viewer: Viewer, kind: str, fmt: str, t: Translator,
           **options) -> ExportFile:
    """A finished file of what the viewer may see, and an audit entry saying who exported
    what (never the content)."""
    permissions.require(db, viewer, export_action(kind))
    if fmt not in FORMATS:
        raise UserError("export.error.format", formats=", ".join(FORMATS))
    frame = frame_for(db, viewer.scope, kind, t, **options)
    name = f"{file_stem(kind, t)}-{clock.today().isoformat()}.{fmt}"
    data = to_csv(frame, t) if fmt == "csv" else to_xlsx(frame, sheet_name(kind, t))
    mime = "text/csv" if fmt == "csv" else (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    db.record(viewer.audit("export", kind,
                           detail=f"format={fmt} rows={len(frame)}"
                           f"{' pseudonymised' if options.get('pseudonymise') else ''}"))
    return ExportFile(data, name, mime, len(frame))


def _cell_text(value: object, t: Translator) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        return t("common.yes") if value else t("common.no")
    if isinstance(value, pd.Timestamp | dt.datetime):
        return t.datetime(value) if (value.hour or value.minute) else t.date(value)
    if isinstance(value, dt.date):
        return t.date(value)
    if isinstance(value, int | float):
        if float(value).is_integer():
            return str(int(value))
        # Up to two decimals with the local decimal mark: 12,5 in Dutch, 12.5 in English.
        return t.number(value, 2).rstrip("0")
    return defuse(str(value))


def to_csv(frame: pd.DataFrame, t: Translator) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([defuse(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False):
        writer.writerow([_cell_text(v, t) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(frame: pd.DataFrame, title: str) -> bytes:
    return xlsx_workbook([(title, frame)])


def _xlsx_cell(sheet, value: object):
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, bool | int | float):
        return value  # a number is written as it is: no cell object needed
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY HH:MM" if isinstance(value, dt.datetime) \
            else "DD/MM/YYYY"
        return cell
    # Text is text: assigned, then typed as a string, so openpyxl cannot make a formula of it;
    # and defused, for whoever copies it on.
    cell = WriteOnlyCell(sheet, value=defuse(str(value)))
    cell.data_type = "s"
    return cell


def xlsx_workbook(sheets: Sequence[tuple[str, pd.DataFrame]]) -> bytes:
    """An Excel file, a sheet per (title, frame): a bold header row that stays in view, numbers
    and dates as themselves, blanks as empty cells, text never a formula. Written row by row in
    openpyxl's write-only mode, so a large export costs its rows, not a model of every cell
    (python -m app bench: 'xlsx export')."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, frame in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.freeze_panes = "A2"
        header = []
        for name in frame.columns:
            cell = WriteOnlyCell(sheet, value=defuse(str(name)))
            cell.data_type, cell.font = "s", bold
            header.append(cell)
        sheet.append(header)
        for row in frame.itertuples(index=False):
            sheet.append([None if is_blank(v) else _xlsx_cell(sheet, v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
