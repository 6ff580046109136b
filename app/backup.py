"""Backups that can be taken while the app runs, and a restore that keeps what it replaces.

A backup is a fresh DuckDB file with one consistent snapshot of everything (``COPY FROM
DATABASE``), written into ``backups/`` beside the database. A restore refuses while the app
holds the database, checks that the backup opens and is not from a newer version, moves the
current file aside (``*.before-restore-<time>``) and puts the backup in its place.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from app import clock
from app.audit import Audit
from app.db import Database, migrations
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
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    return backup_dir(db) / f"{db.path.stem}-{stamp}.duckdb"


def make_backup(db: Database, audit: Audit) -> Path:
    target = db.backup(new_backup_path(db))
    audit.detail = f"{target.name} {target.stat().st_size} bytes"
    db.record(audit)
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
        con = duckdb.connect(str(path), read_only=True)
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
