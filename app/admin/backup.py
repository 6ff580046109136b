"""Backups that can be taken while the app runs, and a restore that keeps what it replaces.

A backup is a fresh DuckDB file with one consistent snapshot of everything (``COPY FROM
DATABASE``), written into ``backups/`` beside the database. A restore refuses while the app
holds the database, checks that the backup opens and is not from a newer version, moves the
current file aside (``*.before-restore-<time>``) and puts the backup in its place.

Every copy made here is one an erasure must reach (:mod:`app.admin.privacy`): :func:`copies` lists
them, :func:`holds` looks into one without changing it.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from app import clock, permissions, sql
from app.audit import Audit
from app.auth import Viewer
from app.db import Database, connect, migrations
from app.errors import DatabaseError, UserError

BACKUP_DIR = "backups"


@dataclass(frozen=True)
class BackupFile:
    path: Path
    size: int
    made_at: dt.datetime


def backup_dir(db: Database) -> Path:
    return db.path.parent / BACKUP_DIR


def new_backup_path(db: Database) -> Path:
    """A name no backup has yet: two backups in one second (the command line, then the page)
    get `-2`, `-3`, ... rather than a refusal, since an existing copy is never overwritten."""
    stem = f"{db.path.stem}-{clock.now().strftime('%Y%m%d-%H%M%S')}"
    target, number = backup_dir(db) / f"{stem}.duckdb", 1
    while target.exists():
        number += 1
        target = backup_dir(db) / f"{stem}-{number}.duckdb"
    return target


def make_backup(db: Database, viewer: Viewer, copied_to: Path | None = None) -> Path:
    """A backup in ``backups/``; `copied_to` is where the command line copies it next (the
    log book keeps that path, so that an erasure can reach the copy there too)."""
    permissions.require(db, viewer, "admin.backup")
    target = db.backup(new_backup_path(db))
    db.record(viewer.audit("backup", "database",
                           detail=f"out={copied_to}" if copied_to
                           else f"{target.name} {target.stat().st_size} bytes"))
    return target


def backup_to(db: Database, viewer: Viewer, out: Path) -> Path:
    """A backup straight into `out` (``backup --out`` when no app holds the database). The log
    book keeps the full path, so that an erasure reaches this copy too."""
    permissions.require(db, viewer, "admin.backup")
    target = db.backup(out)
    db.record(viewer.audit("backup", "database", detail=f"out={target}"))
    return target


def backups(db: Database) -> list[BackupFile]:
    found = []
    for path in sorted(backup_dir(db).glob("*.duckdb"), reverse=True):
        stat = path.stat()
        found.append(BackupFile(path, stat.st_size, dt.datetime.fromtimestamp(stat.st_mtime)))
    return found


def inspect(path: Path) -> dict[str, int]:
    """Open a backup read-only: its schema version and how many learners and results it holds."""
    try:
        con = connect(Path(path), read_only=True)
    except duckdb.Error as error:
        raise UserError("backup.error.unreadable", path=str(path)) from error
    try:
        version = con.execute("select max(version) from schema_version").fetchall()[0][0]
        learners = con.execute("select count(*) from learner").fetchall()[0][0]
        results = con.execute("select count(*) from result").fetchall()[0][0]
    except duckdb.Error as error:
        raise UserError("backup.error.not_flexwijs", path=str(path)) from error
    finally:
        con.close()
    return {"schema_version": int(version), "learners": int(learners), "results": int(results)}


def restore(source: Path, db_path: Path) -> Path | None:
    """Put a backup in place of the database; returns where the replaced file was moved."""
    source, db_path = Path(source).resolve(), Path(db_path).resolve()
    if not source.is_file():
        raise UserError("backup.error.missing", path=str(source))
    facts = inspect(source)
    newest = max(v for v, _, _ in migrations())
    if facts["schema_version"] > newest:
        raise DatabaseError("db.error.too_new", found=facts["schema_version"], known=newest)
    moved = None
    if db_path.exists():
        # Opening it proves nobody (the app) holds it; DatabaseLocked otherwise.
        Database(db_path, migrate=False).close()
        moved = db_path.with_name(f"{db_path.name}.before-restore-"
                                  f"{clock.now().strftime('%Y%m%d-%H%M%S')}")
        db_path.rename(moved)
        wal = Path(str(db_path) + ".wal")
        if wal.exists():
            wal.rename(Path(str(moved) + ".wal"))
    shutil.copyfile(source, db_path)
    with Database(db_path) as restored:  # migrates a backup from an older version
        restored.record(Audit("restore", "database", scope="cli", detail=source.name))
    return moved


# -- the copies an erasure must reach ------------------------------------------------------------

@dataclass(frozen=True)
class Place:
    path: Path
    kind: str   # 'backup', 'before_restore', 'outside' (backup --out), 'damaged_log', 'leftover'


def copies(db: Database) -> list[Place]:
    """Every copy of the database Flexwijs made and may still find: backups, files a restore
    kept, backups made elsewhere with ``backup --out`` (from the log book), write-ahead logs set
    aside as damaged, and leftovers of a compaction that was cut off."""
    here, kept = db.path.parent, backup_dir(db)
    found: dict[Path, str] = {}
    for folder in (here, kept):
        for pattern, kind in (("*.wal.damaged-*", "damaged_log"), ("*.compact", "leftover"),
                              ("*.compact.wal", "leftover")):
            for path in folder.glob(pattern):
                found.setdefault(path.resolve(), kind)
    for path in kept.glob("*.duckdb"):
        found.setdefault(path.resolve(), "backup")
    for path in here.glob(f"{db.path.name}.before-restore-*"):
        if not path.name.endswith((".wal", ".compact")) and ".wal." not in path.name:
            found.setdefault(path.resolve(), "before_restore")
    for row in db.records("privacy/outside_backups"):
        found.setdefault(Path(row["path"]).resolve(), "outside")
    found.pop(db.path, None)
    return [Place(path, kind) for path, kind in sorted(found.items())]


@dataclass(frozen=True)
class Holding:
    """What one copy holds of some learners, seen without changing it."""

    learners: int                 # rows found by stamboeknummer (learners, journal copies)
    pending: tuple[str, ...]      # learners its own list of unfinished erasures names
    rewrite_pending: bool         # an erasure in it was not followed by its rewrite
    has_log: bool                 # a write-ahead log beside it (may hold anything)
    older: bool = False           # from a schema too old to look into without migrating

    @property
    def needs_rewrite(self) -> bool:
        return bool(self.learners or self.pending or self.rewrite_pending or self.has_log
                    or self.older)


def holds(path: Path, external_ids: Sequence[str]) -> Holding:
    """Open a copy read-only and look for learners by stamboeknummer."""
    log_file = Path(f"{path}.wal")
    has_log = log_file.exists() and log_file.stat().st_size > 0
    try:
        con = connect(path, read_only=True)
    except (duckdb.Error, DatabaseError) as error:
        raise UserError("backup.error.unreadable", path=str(path)) from error

    def run(name: str, **params) -> list[tuple]:
        query = sql.query(name)
        return con.execute(query.text, query.bind(params)).fetchall()

    try:
        learners = len(run("privacy/learners_by_external_ids", external_ids=list(external_ids)))
        settings = {key: json.loads(value) for key, value in run("common/settings")}
        try:
            pending = tuple(row[1] for row in run("privacy/pending"))
        except duckdb.CatalogException:  # made before migration 010: nothing pending in it
            pending = ()
    except duckdb.CatalogException:
        return Holding(0, (), False, has_log, older=True)
    except duckdb.Error as error:
        raise UserError("backup.error.not_flexwijs", path=str(path)) from error
    finally:
        con.close()
    return Holding(learners, pending, bool(settings.get("privacy.compact_pending")), has_log)
