"""Writing imported rows by their key, with an undo journal, and undoing the last import.

``apply`` upserts a frame into one table by that table's key, writes only rows that are new or
changed (so importing the same file again writes nothing), and first copies every row it will
change into ``undo_<table>`` ('update') and every key it adds ('insert'). ``undo`` reverses an
import from those copies, and refuses when that would leave other data pointing at nothing.

The SQL here is assembled from the table and column names in ``TABLES`` below and the schema's
own column list: never from anything in an uploaded file.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import duckdb
import pandas as pd

from app.db import Transaction, first_row
from app.errors import UserError

# Tables an import may change, with their key, in the order imports write them (undo reverses).
TABLES: dict[str, tuple[str, ...]] = {
    "subject": ("subject_id",),
    "class": ("class_id",),
    "learner": ("learner_id",),
    "enrolment": ("learner_id", "school_year_id"),
    "staff": ("staff_id",),
    "staff_role": ("staff_id", "role"),
    "result": ("learner_id", "subject_id", "period_id"),
    "need": ("need_id",),
    "flex_slot": ("slot_id",),
    "flex_session": ("session_id",),
    "flex_choice": ("cycle_id", "learner_id", "rank"),
    "survey": ("survey_id",),
    "survey_question": ("survey_id", "question_no"),
    "survey_respondent": ("survey_id", "respondent_id"),
    "prof_initiative": ("initiative_id",),
    "prof_budget_source": ("source_id",),
    "prof_staff_level": ("staff_id", "competence_id", "source"),
}


@dataclass
class Counts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        return self


def _columns(tx: Transaction, table: str) -> list[str]:
    frame = tx.read("common/table_columns", table_name=table)
    return list(frame["column_name"])


def apply(tx: Transaction, import_id: int, table: str, frame: pd.DataFrame,
          update_columns: list[str], dry_run: bool = False) -> Counts:
    """Upsert `frame` into `table` by its key; only columns in `update_columns` change on rows
    that exist. Returns how many rows were new, changed and unchanged."""
    key = TABLES[table]
    if frame.empty:
        return Counts()
    known = set(_columns(tx, table))
    columns = [c for c in frame.columns if c in known]
    missing = [k for k in key if k not in columns]
    if missing or not set(update_columns) <= set(columns):
        raise ValueError(f"{table}: frame lacks {missing or set(update_columns) - set(columns)}")
    cur = tx._cur
    staging = f"staging_{table}"
    cur.register(staging, frame[columns])
    try:
        on_key = " and ".join(f't."{k}" = s."{k}"' for k in key)
        changed = " or ".join(f't."{c}" is distinct from s."{c}"'
                              for c in update_columns) or "false"
        counts = first_row(cur.execute(
            f"select count(*) filter (where t.{key[0]} is null),"  # noqa: S608
            f" count(*) filter (where t.{key[0]} is not null and ({changed})),"
            f" count(*) filter (where t.{key[0]} is not null and not ({changed}))"
            f" from {staging} as s left join {table} as t on {on_key}"
        ))
        result = Counts(*(int(c) for c in counts))
        if dry_run or (result.new == 0 and result.updated == 0):
            return result
        key_list = ", ".join(f'"{k}"' for k in key)
        # Before-images of rows that will change, and the keys of rows that will be added.
        cur.execute(
            f"insert into undo_{table} select $import_id, 'update', t.* from {table} as t"  # noqa: S608
            f" join {staging} as s on {on_key} where {changed}", {"import_id": import_id},
        )
        cur.execute(
            f"insert into undo_{table} (import_id, op, {key_list})"  # noqa: S608
            f" select $import_id, 'insert', {', '.join(f's.{k}' for k in key)}"
            f" from {staging} as s where not exists (select 1 from {table} as t where {on_key})",
            {"import_id": import_id},
        )
        column_list = ", ".join(f'"{c}"' for c in columns)
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in update_columns)
        conflict = f"do update set {updates}" if updates else "do nothing"
        cur.execute(
            f"insert into {table} ({column_list})"  # noqa: S608
            f" select {column_list} from {staging} as s"
            f" where not exists (select 1 from {table} as t where {on_key})"
            f" or exists (select 1 from {table} as t where {on_key} and ({changed}))"
            f" on conflict ({key_list}) {conflict}"
        )
        return result
    finally:
        # After a failed statement DuckDB refuses everything but ROLLBACK, unregistering too:
        # that refusal ("transaction is aborted") must not hide the statement's own error.
        with contextlib.suppress(duckdb.Error):
            cur.unregister(staging)


def append_answers(tx: Transaction, frame: pd.DataFrame) -> int:
    """Survey answers of respondents this import adds (journaled through their respondent)."""
    if frame.empty:
        return 0
    return tx.insert_frame("survey_answer", frame)


def undo(tx: Transaction, import_id: int) -> dict[str, int]:
    """Reverse one import: added rows go, changed rows get their old values back."""
    cur = tx._cur
    touched: dict[str, int] = {}
    for table in reversed(list(TABLES)):
        key = TABLES[table]
        on_key = " and ".join(f't."{k}" = u."{k}"' for k in key)
        if table == "survey_respondent":
            cur.execute(
                "delete from survey_answer as a using undo_survey_respondent as u"
                " where u.import_id = $import_id and u.op = 'insert'"
                " and a.survey_id = u.survey_id and a.respondent_id = u.respondent_id",
                {"import_id": import_id},
            )
        deleted = first_row(cur.execute(
            f"delete from {table} as t using undo_{table} as u"  # noqa: S608
            f" where u.import_id = $import_id and u.op = 'insert' and {on_key}",
            {"import_id": import_id},
        ))[0]
        all_columns = _columns(tx, table)
        columns = ", ".join(f'"{c}"' for c in all_columns)
        restore = ", ".join(f'"{c}" = excluded."{c}"' for c in all_columns if c not in key)
        restored = first_row(cur.execute(
            f"insert into {table} ({columns})"  # noqa: S608
            f" select {columns} from undo_{table} where import_id = $import_id and op = 'update'"
            f" on conflict ({', '.join(key)}) "
            + (f"do update set {restore}" if restore else "do nothing"),
            {"import_id": import_id},
        ))[0]
        if deleted or restored:
            touched[table] = int(deleted) + int(restored)
    broken = tx.read("admin/orphans")
    if not broken.empty:
        raise UserError("import.error.undo_would_orphan", references=", ".join(
            f"{r.reference} ({r.rows})" for r in broken.itertuples()))
    return touched
