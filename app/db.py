"""The one door to the DuckDB file.

Reads take a cursor per call, because a DuckDB connection is not thread-safe and Streamlit runs
every session in its own thread. Every write goes through one lock inside one transaction: all
rows or none. DuckDB errors become :class:`~app.errors.DatabaseError` here, once, so no page and
no command ever shows a DuckDB message or a traceback.

No Streamlit in this module: pages reach it through ``app.web``, the command line directly.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from app import sql
from app.config import QUERIES_DIR
from app.errors import DatabaseError, DatabaseLocked, WriteConflict

log = logging.getLogger(__name__)

MIGRATIONS_DIR = QUERIES_DIR / "schema"
_MIGRATION_FILE = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")
# Tables a caller may bulk-insert a frame into. Table names never come from user input (file
# headers, form fields); this list is the only place such a name is spliced into SQL.
_BULK_TABLES = frozenset(
    {
        "school_year", "period", "week", "class", "learner", "enrolment", "subject", "staff",
        "staff_role", "result", "need", "flex_slot", "flex_cycle", "flex_cycle_week",
        "flex_session", "flex_plan", "flex_assignment", "flex_attendance", "feedback_note",
        "survey", "survey_respondent", "survey_answer", "setting",
    }
)


def migrations() -> list[tuple[int, str, Path]]:
    """Numbered schema migrations in order: (version, name, path)."""
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = _MIGRATION_FILE.match(path.name)
        if not match:
            raise RuntimeError(f"migration file not named NNN_name.sql: {path.name}")
        found.append((int(match.group(1)), match.group(2), path))
    versions = [v for v, _, _ in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError("two migration files share a number")
    return found


def translate(error: duckdb.Error) -> DatabaseError:
    """One DuckDB error into one message a person can act on."""
    text = str(error)
    first_line = text.splitlines()[0] if text else type(error).__name__
    if isinstance(error, duckdb.IOException) and "lock" in text.lower():
        pid = re.search(r"PID (\d+)", text)
        return DatabaseLocked("db.error.locked", pid=pid.group(1) if pid else "?")
    if isinstance(error, duckdb.TransactionException) and "conflict" in text.lower():
        return WriteConflict("db.error.conflict")
    if isinstance(error, duckdb.ConstraintException):
        lowered = text.lower()
        if "foreign key" in lowered and "still referenced" in lowered:
            return DatabaseError("db.error.still_referenced")
        if "foreign key" in lowered:
            return DatabaseError("db.error.missing_reference")
        if "duplicate key" in lowered:
            return DatabaseError("db.error.duplicate")
        if "not null" in lowered:
            return DatabaseError("db.error.missing_value")
        return DatabaseError("db.error.check_failed", detail=first_line)
    if isinstance(error, duckdb.ConversionException):
        return DatabaseError("db.error.conversion", detail=first_line)
    if isinstance(error, duckdb.OutOfMemoryException):
        return DatabaseError("db.error.out_of_memory")
    if isinstance(error, duckdb.IOException):
        return DatabaseError("db.error.io", detail=first_line)
    log.error("unexpected database error: %s", text)
    return DatabaseError("db.error.unexpected", kind=type(error).__name__)


@contextlib.contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except duckdb.Error as error:
        raise translate(error) from error


class Transaction:
    """Statements inside one open write transaction (see :meth:`Database.transaction`)."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection) -> None:
        self._cur = cursor

    def execute(self, name: str, /, **params: Any) -> None:
        query = sql.query(name)
        self._cur.execute(query.text, query.bind(params))

    def execute_many(self, name: str, rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        query = sql.query(name)
        self._cur.executemany(query.text, [query.bind(row) for row in rows])

    def read(self, name: str, /, **params: Any) -> pd.DataFrame:
        query = sql.query(name)
        return self._cur.execute(query.text, query.bind(params)).df()

    def scalar(self, name: str, /, **params: Any) -> Any:
        query = sql.query(name)
        row = self._cur.execute(query.text, query.bind(params)).fetchone()
        return None if row is None else row[0]

    def next_ids(self, sequence: str, n: int) -> list[int]:
        """Reserve ``n`` ids from a sequence, to link rows before they are inserted."""
        if not re.fullmatch(r"[a-z_]+_seq", sequence):
            raise ValueError(f"not a sequence name: {sequence!r}")
        frame = self.read("common/next_ids", sequence=sequence, n=n)
        return [int(i) for i in frame["id"]]

    def insert_frame(self, table: str, frame: pd.DataFrame) -> int:
        """Insert a frame's columns by name into a known table; returns the rows inserted."""
        if table not in _BULK_TABLES:
            raise ValueError(f"not a table for bulk insert: {table!r}")
        if frame.empty:
            return 0
        view = f"_frame_{threading.get_ident()}"
        self._cur.register(view, frame)
        try:
            self._cur.execute(f"insert into {table} by name select * from {view}")  # noqa: S608
        finally:
            # After a failed statement DuckDB refuses everything but ROLLBACK; the insert's own
            # error is the one to report, and the cursor dies with the transaction anyway.
            with contextlib.suppress(duckdb.Error):
                self._cur.unregister(view)
        return len(frame)

    def run_script(self, script: str) -> None:
        """Run trusted SQL text shipped with the application (migrations, never user input)."""
        self._cur.execute(script)


class Database:
    """Owns one DuckDB file: migrates it on open, reads by cursor, writes through one lock."""

    def __init__(self, path: str | Path, *, migrate: bool = True) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        with _translated():
            self._con = duckdb.connect(str(self.path))
        if migrate:
            self.migrate()

    # -- reading -----------------------------------------------------------------------------

    def read(self, name: str, /, **params: Any) -> pd.DataFrame:
        query = sql.query(name)
        with _translated(), self._con.cursor() as cur:
            return cur.execute(query.text, query.bind(params)).df()

    def records(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        query = sql.query(name)
        with _translated(), self._con.cursor() as cur:
            result = cur.execute(query.text, query.bind(params))
            columns = [d[0] for d in result.description]
            return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]

    def one(self, name: str, /, **params: Any) -> dict[str, Any] | None:
        rows = self.records(name, **params)
        return rows[0] if rows else None

    def scalar(self, name: str, /, **params: Any) -> Any:
        query = sql.query(name)
        with _translated(), self._con.cursor() as cur:
            row = cur.execute(query.text, query.bind(params)).fetchone()
            return None if row is None else row[0]

    # -- writing -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One write transaction behind the process-wide write lock: all of it, or none."""
        with self._lock, _translated(), self._con.cursor() as cur:
            cur.execute("begin transaction")
            try:
                yield Transaction(cur)
            except BaseException:
                with contextlib.suppress(duckdb.Error):
                    cur.execute("rollback")
                raise
            cur.execute("commit")

    def write(self, name: str, /, **params: Any) -> None:
        with self.transaction() as tx:
            tx.execute(name, **params)

    def write_many(self, name: str, rows: Sequence[Mapping[str, Any]]) -> None:
        with self.transaction() as tx:
            tx.execute_many(name, rows)

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the file (after imports and migrations)."""
        with self._lock, _translated(), self._con.cursor() as cur:
            cur.execute("checkpoint")

    # -- schema ------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        with _translated(), self._con.cursor() as cur:
            row = cur.execute("select coalesce(max(version), 0) from schema_version").fetchone()
            return int(row[0])

    def migrate(self) -> list[int]:
        """Apply every migration not yet recorded; each in its own transaction. Never rebuilds."""
        known = migrations()
        with self._lock, _translated(), self._con.cursor() as cur:
            cur.execute(
                "create table if not exists schema_version ("
                " version integer primary key, name varchar not null,"
                " applied_at timestamp not null default current_timestamp)"
            )
            versions = cur.execute("select version from schema_version").fetchall()
            applied = {row[0] for row in versions}
        newest_known = max((v for v, _, _ in known), default=0)
        if applied and max(applied) > newest_known:
            raise DatabaseError("db.error.too_new", found=max(applied), known=newest_known)
        done = []
        for version, name, path in known:
            if version in applied:
                continue
            with self.transaction() as tx:
                tx.run_script(path.read_text(encoding="utf-8"))
                tx._cur.execute(
                    "insert into schema_version (version, name) values ($v, $n)",
                    {"v": version, "n": name},
                )
            done.append(version)
            log.info("applied migration %03d_%s", version, name)
        if done:
            self.checkpoint()
        return done

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock, contextlib.suppress(duckdb.Error):
            self._con.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
