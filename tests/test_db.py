"""The database layer: migrations, one transaction per write, the write lock, readable errors."""

from __future__ import annotations

import re
import subprocess
import sys
import threading

import duckdb
import pytest

from app import db as db_module
from app import sql
from app.audit import Audit
from app.db import Database, migrations
from app.errors import DatabaseError, DatabaseLocked


def _apply_up_to(path, last_version: int) -> None:
    """A database as an older Flexwijs left it: migrations up to `last_version` only."""
    con = duckdb.connect(str(path))
    con.execute(
        "create table schema_version (version integer primary key, name varchar not null,"
        " applied_at timestamp not null default current_timestamp)"
    )
    for version, name, file in migrations():
        if version > last_version:
            break
        con.execute(file.read_text(encoding="utf-8"))
        con.execute("insert into schema_version (version, name) values (?, ?)", [version, name])
    con.close()


def test_fresh_database_gets_every_migration(db):
    assert db.schema_version == max(v for v, _, _ in migrations())


@pytest.mark.parametrize("old_version", [v for v, _, _ in migrations()])
def test_older_database_is_migrated_not_rebuilt(tmp_path, old_version):
    path = tmp_path / "old.duckdb"
    _apply_up_to(path, old_version)
    con = duckdb.connect(str(path))
    con.execute("insert into subject values ('WIS', 'Wiskunde', 'Mathematics')")
    con.execute("insert into setting values ('school.name', '\"Oude school\"')")
    con.close()

    with Database(path) as database:
        assert database.schema_version == max(v for v, _, _ in migrations())
        names = database.read("common/settings")
        assert names.loc[names["key"] == "school.name", "value"].item() == '"Oude school"'
    # The rows written by the old version survive the migration.
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("select name_nl from subject").fetchall() == [("Wiskunde",)]
    con.close()


def test_reopening_applies_nothing_twice(tmp_path):
    path = tmp_path / "school.duckdb"
    Database(path).close()
    with Database(path) as again:
        assert again.migrate() == []


def test_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "new.duckdb"
    Database(path).close()
    con = duckdb.connect(str(path))
    con.execute("insert into schema_version (version, name) values (999, 'future')")
    con.close()
    with pytest.raises(DatabaseError) as refused:
        Database(path)
    assert refused.value.key == "db.error.too_new"
    assert refused.value.params["found"] == 999


def test_migration_files_are_numbered_without_gaps():
    versions = [v for v, _, _ in migrations()]
    assert versions == list(range(1, len(versions) + 1))


def test_a_failing_transaction_changes_nothing(db):
    with pytest.raises(DatabaseError), db.transaction(Audit("edit", "setting")) as tx:
        tx.execute("common/upsert_setting", key="a", value='"1"')
        tx.execute("common/upsert_setting", key="b", value='"2"')
        tx.execute("common/upsert_setting", key=None, value='"3"')  # not null: refused
    assert db.read("common/settings").empty


def test_two_threads_writing_at_once_lose_no_rows(db):
    errors: list[BaseException] = []

    def writer(prefix: str) -> None:
        try:
            for i in range(150):
                with db.transaction(Audit("edit", "setting")) as tx:
                    tx.execute("common/upsert_setting", key=f"{prefix}{i}", value=str(i))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(p,)) for p in ("a", "b", "c")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(db.read("common/settings")) == 450


def test_reads_run_while_another_thread_writes(db):
    stop = threading.Event()
    seen: list[int] = []

    def reader() -> None:
        while not stop.is_set():
            seen.append(len(db.read("common/settings")))

    thread = threading.Thread(target=reader)
    thread.start()
    for i in range(100):
        db.write("common/upsert_setting", Audit("edit", "setting"), key=f"k{i}", value=str(i))
    stop.set()
    thread.join()
    assert seen and seen == sorted(seen)  # each read sees a consistent, growing state


def test_duplicate_key_becomes_a_readable_error(db):
    import pandas as pd

    with pytest.raises(DatabaseError) as error, db.transaction(Audit("import", "subject")) as tx:
        tx.insert_frame("subject", pd.DataFrame(
            {"subject_id": ["WIS", "WIS"], "name_nl": ["a", "b"], "name_en": ["a", "b"]}
        ))
    assert error.value.key == "db.error.duplicate"


def test_bulk_insert_refuses_unknown_tables(db):
    import pandas as pd

    with pytest.raises(ValueError), db.transaction(Audit("import", "learner")) as tx:
        tx.insert_frame("learner; drop table learner", pd.DataFrame({"a": [1]}))


def test_second_process_gets_a_clear_message(db):
    script = (
        "import sys; from app.db import Database; from app.errors import DatabaseLocked\n"
        "try:\n    Database(sys.argv[1])\nexcept DatabaseLocked as e:\n"
        "    print(e.key, e.params['pid'])\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(db.path)], capture_output=True,
                          text=True, timeout=60, cwd=db_module.QUERIES_DIR.parent)
    key, pid = done.stdout.split()
    assert key == "db.error.locked"
    assert pid.isdigit()
    assert db.read("common/settings").empty  # and this process keeps working


def test_locked_error_is_translated_once():
    error = duckdb.IOException(
        'IO Error: Could not set lock on file "x.duckdb": Conflicting lock is held in '
        "/usr/bin/python3 (PID 4242). See also https://duckdb.org/docs/concurrency"
    )
    translated = db_module.translate(error)
    assert isinstance(translated, DatabaseLocked)
    assert translated.params == {"pid": "4242"}


def test_the_demo_school_has_no_broken_references(demo_db):
    assert demo_db.read("admin/orphans").empty


def test_every_declared_reference_is_checked_for_orphans():
    """A column marked '-- -> table' in a migration is a reference without a foreign key:
    admin/orphans must look at it, or a broken one would go unnoticed."""
    declared = set()
    for path in sorted(db_module.MIGRATIONS_DIR.glob("*.sql")):
        table = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := re.match(r"\s*create table (\w+) \(", line):
                table = match.group(1)
            elif line.startswith(");"):
                table = None
            elif table and (match := re.match(r"\s+(\w+)\s+[a-z]\w*(\(.*?\))?\s.*--\s*->\s*\w+",
                                                line)):
                declared.add(f"{table}.{match.group(1)}")
    checked = set(re.findall(r"'(\w+\.\w+)' as reference", sql.query("admin/orphans").text))
    assert declared and not declared - checked


def test_orphans_are_found(db):
    from app.audit import Audit

    with db.transaction(Audit("test", scope="cli")) as tx:
        tx._cur.execute("insert into app_user (email, display_name, staff_id)"
                        " values ('x@y.be', 'X', 999)")
    assert list(db.read("admin/orphans")["reference"]) == ["app_user.staff_id"]


def test_deleting_rows_that_refer_to_each_other_works_in_one_transaction(demo_db):
    """Why there are no foreign keys: DuckDB would refuse this (duckdb/duckdb#13819)."""
    from app.admin import privacy
    from app.auth import COMMAND_LINE

    with demo_db._con.cursor() as cur:
        learner = cur.execute("select min(learner_id) from learner").fetchone()[0]
    privacy.erase(demo_db, COMMAND_LINE, [learner])
    assert demo_db.read("admin/orphans").empty


# -- files that are not a DuckDB database -------------------------------------------------------

def _sqlite_file(path):
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("create table leerling (naam text)")
    con.execute("insert into leerling values ('Jan')")
    con.commit()
    con.close()
    return path


def test_a_sqlite_file_is_refused_before_duckdb_opens_it(tmp_path, monkeypatch):
    """DuckDB would load its sqlite extension for it, downloading it from the internet before
    external access is switched off. Refused from its first bytes instead, and the file is left
    alone."""
    path = _sqlite_file(tmp_path / "school.db")
    original = path.read_bytes()
    opened = []
    monkeypatch.setattr(db_module.duckdb, "connect",
                        lambda *a, **k: opened.append(a) or pytest.fail("DuckDB opened it"))
    with pytest.raises(DatabaseError) as refused:
        Database(path)
    assert refused.value.key == "db.error.sqlite_file"
    assert opened == [] and path.read_bytes() == original


@pytest.mark.parametrize("content", [b"this is not a database file" * 100,
                                     b"PK\x03\x04" + b"\x00" * 200])
def test_any_other_file_that_is_not_duckdb_is_refused_plainly(tmp_path, content):
    path = tmp_path / "x.duckdb"
    path.write_bytes(content)
    with pytest.raises(DatabaseError) as refused:
        Database(path)
    assert refused.value.key == "db.error.not_duckdb"
    assert path.read_bytes() == content


def test_duckdb_never_installs_or_loads_an_extension_by_itself(db):
    with db._con.cursor() as cur:
        settings = cur.execute("select current_setting('autoinstall_known_extensions'),"
                               " current_setting('autoload_known_extensions')").fetchall()
    assert settings == [(False, False)]
    with pytest.raises(duckdb.Error), db._con.cursor() as cur:  # would autoload 'sqlite'
        cur.execute("select * from sqlite_scan('x.db', 'leerling')")


def test_opening_the_file_again_in_the_same_process_keeps_it_locked(db):
    # DuckDB's lock is a POSIX record lock: it belongs to the process, and closing any
    # descriptor of the file drops it. Checking the header of a file we hold already (a second
    # Database on it, as the sign-in or a page does) once let another program open it beside us.
    Database(db.path).close()
    probe = subprocess.run(
        [sys.executable, "-c", "import sys, duckdb; duckdb.connect(sys.argv[1], read_only=True)",
         str(db.path)], capture_output=True, text=True, timeout=120)
    assert probe.returncode != 0 and "lock" in probe.stderr.lower(), probe.stderr
