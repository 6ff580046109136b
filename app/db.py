"""The one door to the DuckDB file.

Reads take a cursor per call, because a DuckDB connection is not thread-safe and Streamlit runs
every session in its own thread. Every write goes through one lock inside one transaction: all
rows or none. DuckDB errors become :class:`~app.errors.DatabaseError` here, once, so no page and
no command ever shows a DuckDB message or a traceback.

No Streamlit in this module: pages reach it through ``app.web``, the command line directly.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from app import sql
from app.audit import Audit
from app.config import QUERIES_DIR
from app.errors import DatabaseError, DatabaseLocked, DiskFull, UserError, WriteConflict
from app.scope import SCOPE_PARAMS, Scope, ScopeRequired

log = logging.getLogger(__name__)

MIGRATIONS_DIR = QUERIES_DIR / "schema"
_MIGRATION_FILE = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")
# Tables a caller may bulk-insert a frame into. Table names never come from user input (file
# headers, form fields); this list is the only place such a name is spliced into SQL.
_BULK_TABLES = frozenset(
    {
        "school_year", "period", "week", "class", "learner", "enrolment", "subject", "staff",
        "staff_role", "result", "need", "flex_slot", "flex_cycle", "flex_cycle_week",
        "flex_session", "flex_plan", "flex_assignment", "flex_choice", "flex_attendance",
        "feedback_note",
        "survey", "survey_question", "survey_respondent", "survey_answer", "setting",
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


# DuckDB loads extensions it knows of by itself, downloading them when missing: a SQLite file
# given as the database makes it fetch the sqlite scanner from the internet, before our own
# confinement (enable_external_access = false) is in place. Flexwijs needs none: off at connect.
CONNECT_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
_SQLITE_MAGIC = b"SQLite format 3\x00"
_DUCKDB_MAGIC = b"DUCK"          # at offset 8 of every DuckDB database file


def check_database_file(path: Path) -> None:
    """Refuse, before DuckDB opens it, a file that is not a DuckDB database: a SQLite file
    (another program's database), or anything else. A missing or empty file becomes a new
    database."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except FileNotFoundError:
        return
    except OSError as error:
        raise DatabaseError("db.error.io", detail=str(error)) from error
    if not head:
        return
    if head.startswith(_SQLITE_MAGIC):
        raise DatabaseError("db.error.sqlite_file", path=str(path))
    if head[8:12] != _DUCKDB_MAGIC:
        raise DatabaseError("db.error.not_duckdb", path=str(path))


# Files this process holds open through a Database. DuckDB locks its file with POSIX record
# locks (fcntl), which belong to the process: closing ANY descriptor of the file in the process
# drops them, even one that only read the header. A header check on a file we hold already
# would let a second program open it and write beside us; it was checked when first opened.
_HELD: dict[Path, int] = {}
_HELD_LOCK = threading.Lock()


def _hold(path: Path, delta: int) -> None:
    with _HELD_LOCK:
        count = _HELD.get(path, 0) + delta
        if count > 0:
            _HELD[path] = count
        else:
            _HELD.pop(path, None)


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to a DuckDB file that is checked first and never loads an extension."""
    path = Path(path).resolve()
    with _HELD_LOCK:
        held = path in _HELD
    if not held:
        check_database_file(path)
    return duckdb.connect(str(path), read_only=read_only, config=CONNECT_CONFIG)


def invalidated(error: BaseException | None) -> bool:
    """After a fatal error (a checkpoint that could not write, say on a full disk) DuckDB
    refuses every statement on that database until it is opened again ("database has been
    invalidated because of a previous fatal error"), on every connection and cursor."""
    if isinstance(error, duckdb.FatalException):
        return True
    text = str(error).lower()
    if isinstance(error, duckdb.ConnectionException) and "closed" in text:
        return True  # a reopen that failed halfway left the connection closed
    return isinstance(error, duckdb.Error) and "previous fatal error" in text


def translate(error: duckdb.Error) -> DatabaseError:
    """One DuckDB error into one message a person can act on."""
    text = str(error)
    first_line = text.splitlines()[0] if text else type(error).__name__
    if "no space left on device" in text.lower():
        # DuckDB rolls a transaction back when its log cannot be written. When the log was
        # written and only folding it into the file failed, Database.transaction finds the
        # commit stored and reports no error at all.
        return DiskFull("db.error.disk_full")
    if invalidated(error):
        return DatabaseError("db.error.invalidated")
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


def first_row(result: duckdb.DuckDBPyConnection) -> tuple | None:
    """The first row of a result, fetched to the end: DuckDB 2.0 streams results, and an
    unfinished one keeps its cursor busy for the rest of a transaction."""
    rows = result.fetchall()
    return rows[0] if rows else None


def _bind(query: sql.Query, scope: Scope | None, params: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters for a query; a scoped query gets the viewer's scope, or does not run."""
    if query.params & SCOPE_PARAMS:
        if scope is None:
            raise ScopeRequired(f"query {query.name!r} reads scoped data: pass scope=")
        params = {**params, **scope.params()}
    return query.bind(params)


@contextlib.contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except duckdb.Error as error:
        raise translate(error) from error


class _ReadGate:
    """Lets any number of reads through, except while the file is being swapped (compaction)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._closed = False
        self._mine = threading.local()

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            while self._closed:
                self._cond.wait()
            self._readers += 1
        self._mine.depth = getattr(self._mine, "depth", 0) + 1
        try:
            yield
        finally:
            self._mine.depth -= 1
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    def held_here(self) -> bool:
        """This thread is inside a read: it cannot wait for exclusive use itself."""
        return getattr(self._mine, "depth", 0) > 0

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        with self._cond:
            self._closed = True
            while self._readers:
                self._cond.wait()
        try:
            yield
        finally:
            with self._cond:
                self._closed = False
                self._cond.notify_all()


def _fsync(path: Path) -> None:
    """Make a new file (or a rename in a folder) durable before relying on it."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sql_text(path: Path) -> str:
    """A file path as a SQL string literal (ATTACH takes no parameters). Paths are ours."""
    return "'" + str(path).replace("'", "''") + "'"


class Transaction:
    """Statements inside one open write transaction (see :meth:`Database.transaction`).

    ``tx.audit`` is the entry that will be written with the transaction: add the ids of the
    records touched to ``tx.audit.record_ids``, counts to ``tx.audit.detail``.
    """

    def __init__(self, cursor: duckdb.DuckDBPyConnection, audit: Audit) -> None:
        self._cur = cursor
        self.audit = audit

    def execute(self, name: str, /, **params: Any) -> None:
        query = sql.query(name)
        self._cur.execute(query.text, query.bind(params))

    def count(self, name: str, /, **params: Any) -> int:
        """Run an insert, update or delete and return how many rows it touched."""
        query = sql.query(name)
        row = first_row(self._cur.execute(query.text, query.bind(params)))
        return int(row[0]) if row else 0

    def execute_many(self, name: str, rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        query = sql.query(name)
        self._cur.executemany(query.text, [query.bind(row) for row in rows])

    def read(self, name: str, /, scope: Scope | None = None, **params: Any) -> pd.DataFrame:
        query = sql.query(name)
        return self._cur.execute(query.text, _bind(query, scope, params)).df()

    def records(self, name: str, /, scope: Scope | None = None, **params: Any) -> list[dict]:
        query = sql.query(name)
        result = self._cur.execute(query.text, _bind(query, scope, params))
        columns = [d[0] for d in result.description]
        return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]

    def scalar(self, name: str, /, scope: Scope | None = None, **params: Any) -> Any:
        query = sql.query(name)
        row = first_row(self._cur.execute(query.text, _bind(query, scope, params)))
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


class Database:
    """Owns one DuckDB file: migrates it on open, reads by cursor, writes through one lock.

    File access from SQL is confined to the database's own folder (and any ``extra_dirs``):
    ``allowed_directories``, then ``enable_external_access = false``, then
    ``lock_configuration = true``, in that order, so no query can read or write elsewhere.
    """

    def __init__(self, path: str | Path, *, migrate: bool = True,
                 extra_dirs: Sequence[str | Path] = ()) -> None:
        self.path = Path(path).resolve()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.allowed_dirs = [self.path.parent, *(Path(d).resolve() for d in extra_dirs)]
        self._lock = threading.RLock()
        self._gate = _ReadGate()
        self._version = 0
        self._generation = 0          # goes up when the connection is replaced (a reopen)
        self._closed = False
        self.wal_set_aside: Path | None = None
        self._con = self._connect()
        _hold(self.path, +1)
        try:
            if migrate:
                self.migrate()
        except BaseException:
            self.close()
            raise
        if self.wal_set_aside is not None:
            self._record_recovery()

    def _open_file(self) -> duckdb.DuckDBPyConnection:
        """Open the file; a write-ahead log DuckDB cannot replay is moved aside, not retried.

        A truncated log replays up to its last whole commit by itself. A damaged one makes every
        open fail ("Failure while replaying WAL file"), so a server restarting on it would fail
        forever. The log goes to ``<file>.wal.damaged-<time>`` (kept for whoever wants to look),
        and the file opens at its last checkpoint: consistent, missing only what the log held.
        """
        try:
            return connect(self.path)
        except duckdb.Error as error:
            wal = Path(f"{self.path}.wal")
            if "WAL" not in str(error) or not wal.exists():
                raise
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            aside = wal.with_name(f"{wal.name}.damaged-{stamp}")
            wal.rename(aside)
            self.wal_set_aside = aside
            log.error("write-ahead log of %s could not be replayed (%s); set aside as %s",
                      self.path, error, aside)
            return connect(self.path)

    def _record_recovery(self) -> None:
        """Tell the administrator (Beheer › Databank, and the log book) what happened on start."""
        audit = Audit("recover", "database", scope="system",
                      detail=f"wal_set_aside={self.wal_set_aside.name}")
        with self.transaction(audit):
            pass

    def _connect(self) -> duckdb.DuckDBPyConnection:
        with _translated():
            con = self._open_file()
            # Connections to one file in one process share a DuckDB instance: the first opener
            # confines it, later ones find it confined and locked already.
            if not first_row(con.execute("select current_setting('lock_configuration')"))[0]:
                con.execute("set allowed_directories = $dirs",
                            {"dirs": [f"{d}{os.sep}" for d in self.allowed_dirs]})
                con.execute("set enable_external_access = false")
                con.execute("set lock_configuration = true")
            return con

    # -- reading -----------------------------------------------------------------------------

    def read(self, name: str, /, scope: Scope | None = None, **params: Any) -> pd.DataFrame:
        query = sql.query(name)
        return self._reading(lambda cur: cur.execute(query.text, _bind(query, scope, params)).df())

    def records(self, name: str, /, scope: Scope | None = None, **params: Any) -> list[dict]:
        query = sql.query(name)

        def fetch(cur: duckdb.DuckDBPyConnection) -> list[dict]:
            result = cur.execute(query.text, _bind(query, scope, params))
            columns = [d[0] for d in result.description]
            return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]

        return self._reading(fetch)

    def one(self, name: str, /, scope: Scope | None = None, **params: Any) -> dict | None:
        rows = self.records(name, scope=scope, **params)
        return rows[0] if rows else None

    def scalar(self, name: str, /, scope: Scope | None = None, **params: Any) -> Any:
        query = sql.query(name)

        def fetch(cur: duckdb.DuckDBPyConnection) -> Any:
            row = first_row(cur.execute(query.text, _bind(query, scope, params)))
            return None if row is None else row[0]

        return self._reading(fetch)

    def _reading(self, work: Callable[[duckdb.DuckDBPyConnection], Any]) -> Any:
        """A read on a cursor of its own. When DuckDB has invalidated the database (another
        session's write hit a full disk), the file is opened again and the read runs once
        more: one failed write never takes every page down until a restart."""
        generation = self._generation
        try:
            with self._gate.reading(), _translated(), self._con.cursor() as cur:
                return work(cur)
        except DatabaseError as error:
            if not invalidated(error.__cause__) or self._gate.held_here():
                raise
            self._reopen(generation)
        with self._gate.reading(), _translated(), self._con.cursor() as cur:
            return work(cur)

    def _reopen(self, generation: int) -> None:
        """Close the invalidated connection and open the file again, once for all sessions
        (whoever comes second finds the generation moved on), under the write lock and with
        the readers held off, as for compaction. What was committed is in the file or its log
        and replays; what was not is gone: DuckDB's own crash safety."""
        with self._lock, self._gate.exclusive():
            if generation != self._generation or self._closed:
                return
            log.error("DuckDB invalidated %s after a fatal error; opening it again", self.path)
            with contextlib.suppress(duckdb.Error):
                self._con.close()
            self._generation += 1
            self._version += 1
            self._con = self._connect()

    def _reopen_after(self, error: BaseException, generation: int) -> None:
        """After a failed write: reopen when DuckDB invalidated the database (by the outermost
        caller only; a thread inside a read cannot wait for the readers to leave)."""
        if (isinstance(error, DatabaseError) and invalidated(error.__cause__)
                and not self._gate.held_here()):
            self._reopen(generation)

    # -- writing -----------------------------------------------------------------------------

    @property
    def version(self) -> int:
        """Goes up with every committed write: part of cache keys, so caches never go stale."""
        return self._version

    @contextlib.contextmanager
    def transaction(self, audit: Audit) -> Iterator[Transaction]:
        """One write transaction behind the process-wide write lock: all of it, or none.

        The audit entry is written inside the same transaction when it commits; when it fails,
        the rollback is followed by an entry with outcome 'refused' (a user error) or 'error'.
        When the commit itself raises (a full disk), the audit entry tells whether it reached
        the file: DuckDB may write its log and then fail to fold it into the file; the write is
        then stored, and reported as done.
        """
        audit_id = None
        with self._lock:  # no other writer between a failed commit and the look at its entry
            try:
                with self._raw_transaction() as cur:
                    tx = Transaction(cur, audit)
                    yield tx
                    audit_id = first_row(cur.execute(sql.query("common/audit").text,
                                                     audit.params(audit.outcome)))[0]
            except BaseException as error:
                if audit_id is not None and self._stored(audit_id, error):
                    return
                outcome = "refused" if isinstance(error, UserError) else "error"
                if audit.detail is None:
                    audit.detail = type(error).__name__
                with contextlib.suppress(Exception), self._raw_transaction() as cur:
                    cur.execute(sql.query("common/audit").text, audit.params(outcome))
                raise

    def _stored(self, audit_id: int, error: BaseException) -> bool:
        """Did a commit that raised reach the file anyway? Its audit entry says."""
        if not isinstance(error, DatabaseError):
            return False
        try:
            stored = bool(self.scalar("common/audit_stored", audit_id=audit_id))
        except DatabaseError:
            log.exception("after a failed commit, could not tell whether it was stored")
            return False
        if stored:
            log.error("the commit raised %s but is stored (audit entry %s)", error.key, audit_id)
            self._version += 1
        return stored

    @contextlib.contextmanager
    def rehearsal(self) -> Iterator[Transaction]:
        """A transaction that is always rolled back: run a write to see what it would do (the
        preview of an import, ``--dry-run``). Nothing is written, not even to the audit log."""
        with self._raw_transaction(commit=False) as cur:
            yield Transaction(cur, Audit("rehearsal"))

    @contextlib.contextmanager
    def _raw_transaction(self, commit: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        generation = self._generation
        try:
            # Lock before gate, as compact() does: the two can never wait on each other.
            with self._lock, self._gate.reading(), _translated(), self._con.cursor() as cur:
                cur.execute("begin transaction")
                try:
                    yield cur
                except BaseException:
                    with contextlib.suppress(duckdb.Error):
                        cur.execute("rollback")
                    raise
                if not commit:
                    cur.execute("rollback")
                    return
                cur.execute("commit")
                self._version += 1
        except BaseException as error:
            self._reopen_after(error, generation)
            raise

    @contextlib.contextmanager
    def writes_held(self) -> Iterator[None]:
        """No write, and no backup, starts in this process meanwhile (reads go on)."""
        with self._lock:
            yield

    def record(self, audit: Audit) -> None:
        """An audit entry on its own: a sign-out, a page view, an export, a refusal."""
        with self.transaction(audit):
            pass

    def write(self, name: str, /, audit: Audit, **params: Any) -> None:
        with self.transaction(audit) as tx:
            tx.execute(name, **params)

    def write_many(self, name: str, rows: Sequence[Mapping[str, Any]], audit: Audit) -> None:
        with self.transaction(audit) as tx:
            tx.execute_many(name, rows)

    def checkpoint(self) -> bool:
        """Fold the write-ahead log into the file (after imports and migrations), when nobody
        is in the middle of a query. DuckDB refuses a checkpoint while other transactions run
        (readers on other pages); the data is committed already and DuckDB folds the log in
        itself later, so a refused checkpoint is skipped, never reported as a failed import.

        A checkpoint that cannot write (a full disk) invalidates the database in DuckDB: it is
        opened again (the log, with everything committed, replays) and :class:`DiskFull` with
        ``db.error.disk_full_kept`` says that the data is kept but the disk needs room."""
        generation = self._generation
        try:
            with self._lock, self._gate.reading(), _translated(), self._con.cursor() as cur:
                try:
                    cur.execute("checkpoint")
                except duckdb.TransactionException as error:
                    log.info("checkpoint skipped: %s", error)
                    return False
        except DatabaseError as error:
            self._reopen_after(error, generation)
            if isinstance(error, DiskFull):
                raise DiskFull("db.error.disk_full_kept") from error
            raise
        return True

    # -- copies ------------------------------------------------------------------------------

    def _copy_to(self, target: Path) -> None:
        """A consistent copy of the whole database into a new file (one snapshot). A copy that
        fails halfway (a full disk) is removed, so that it can neither pass for a backup nor
        block the next try."""
        try:
            with _translated(), self._con.cursor() as cur:
                catalog = first_row(cur.execute("select current_database()"))[0]
                cur.execute(f"attach {_sql_text(target)} as flexwijs_copy")
                try:
                    cur.execute(f'copy from database "{catalog}" to flexwijs_copy')
                finally:
                    # A copy whose checkpoint failed has been detached by DuckDB already.
                    with contextlib.suppress(duckdb.Error):
                        cur.execute("detach database if exists flexwijs_copy")
        except BaseException:
            for leftover in (target, Path(f"{target}.wal")):
                leftover.unlink(missing_ok=True)
            raise

    def backup(self, target: Path) -> Path:
        """Copy the database, while it stays in use, into a new file inside an allowed folder."""
        target = Path(target).resolve()
        if target.exists():
            raise DatabaseError("db.error.target_exists", path=str(target))
        target.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, self._gate.reading():
            try:
                self._copy_to(target)
            except DiskFull as error:
                raise DiskFull("db.error.disk_full_backup") from error
        return target

    def compact(self) -> tuple[int, int]:
        """Rewrite the file from scratch, so deleted values are gone from disk, not only unlinked.

        DELETE, CHECKPOINT and VACUUM leave the old bytes in the file; a fresh copy does not.
        The log is folded in first, so that no log of the old file can be left beside the new
        one; the swap is one rename, so a process killed at any moment leaves the old file or
        the new one (and perhaps a ``.compact`` leftover, which the next compaction removes).
        Returns the file size before and after.
        """
        fresh = self.path.with_name(self.path.name + ".compact")
        generation = self._generation
        try:
            with self._lock, self._gate.exclusive():
                before = self.path.stat().st_size
                for stale in (fresh, Path(f"{fresh}.wal")):
                    stale.unlink(missing_ok=True)
                with _translated(), self._con.cursor() as cur:
                    cur.execute("force checkpoint")
                self._copy_to(fresh)
                _fsync(fresh)
                self._con.close()
                try:
                    os.replace(fresh, self.path)
                    _fsync(self.path.parent)
                    Path(str(self.path) + ".wal").unlink(missing_ok=True)
                finally:
                    self._generation += 1
                    self._version += 1
                    self._con = self._connect()
                return before, self.path.stat().st_size
        except DatabaseError as error:
            self._reopen_after(error, generation)
            raise

    # -- schema ------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        with self._gate.reading(), _translated(), self._con.cursor() as cur:
            row = first_row(cur.execute("select coalesce(max(version), 0) from schema_version"))
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
            with self._raw_transaction() as cur:
                cur.execute(path.read_text(encoding="utf-8"))
                cur.execute(
                    "insert into schema_version (version, name) values ($v, $n)",
                    {"v": version, "n": name},
                )
                cur.execute(sql.query("common/audit").text,
                            Audit("migrate", "schema", detail=f"{version:03d}_{name}").params("ok"))
            done.append(version)
            log.info("applied migration %03d_%s", version, name)
        if done:
            self.checkpoint()
        return done

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock, contextlib.suppress(duckdb.Error):
            if not self._closed:
                _hold(self.path, -1)
            self._closed = True
            self._con.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
