"""Faults a school will meet: a process killed in the middle of an import, a damaged
write-ahead log, many readers during an import, two people saving the same row, and queries
that fail under a page. Real DuckDB files, real subprocesses and signals; nothing mocked.

The browser-side faults (a backup and a second process while the app runs, the app started on a
damaged log) are in tests/browser/test_fault_flows.py."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from app import bench
from app.auth import COMMAND_LINE
from app.db import Database
from app.importing import pipeline
from tests.conftest import (
    PROJECT_ROOT,
    TODAY,
    app_test,
    damage_write_ahead_log,
    first_role_for,
)

SAMPLES = PROJECT_ROOT / "data" / "samples"


def _fingerprint(path) -> tuple:
    """What an import could change, summed up: rows and a checksum of the results."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(
            "select (select count(*) from result), (select sum(hash(learner_id, subject_id,"
            " period_id, score)) from result), (select count(*) from import_log),"
            " (select count(*) from learner)").fetchone()
    finally:
        con.close()


def _points_file(db_path, folder):
    path, rows = bench._results_file(db_path, folder)
    assert rows > 1000
    return path


# A child that imports like `python -m app import`, and stops for good at a known point: before
# the import starts, with the results written inside the open transaction, as the import is
# recorded (everything written, nothing committed), or just after the commit. The parent kills
# it there: a kill at a known point, not after a guessed delay that a loaded machine may not
# have reached.
PAUSED_IMPORT = """
import sys, time
from app.auth import COMMAND_LINE
from app.db import Database, Transaction
from app.importing import kinds, pipeline

stop_at = sys.argv[3]

def pause(where):
    if where == stop_at:
        print(where, flush=True)
        time.sleep(600)

db = Database(sys.argv[1])
prepared = pipeline.prepare(db, COMMAND_LINE, "results", "punten.csv",
                            open(sys.argv[2], "rb").read())
execute, apply = Transaction.execute, kinds.apply

def execute_then_pause(self, name, **params):
    if name == "import/log_insert":
        pause("recording")
    return execute(self, name, **params)

def apply_then_pause(tx, import_id, table, *args, **kwargs):
    counts = apply(tx, import_id, table, *args, **kwargs)
    if table == "result":
        pause("rows written")
    return counts

Transaction.execute, kinds.apply = execute_then_pause, apply_then_pause
pause("before")
pipeline.commit(db, COMMAND_LINE, prepared)
pause("committed")
"""


@pytest.mark.parametrize(("stop_at", "stored"), [
    ("before", False), ("rows written", False), ("recording", False), ("committed", True)])
def test_an_import_killed_at_each_point_is_all_or_nothing(demo_path, tmp_path, stop_at, stored):
    # An import committed before the crash must survive it.
    done = subprocess.run(
        [sys.executable, "-m", "app", "import", "learners",
         str(SAMPLES / "leerlingen_smartschool.csv"), "--db", str(demo_path)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    before = _fingerprint(demo_path)
    points = _points_file(demo_path, tmp_path)

    child = subprocess.Popen([sys.executable, "-c", PAUSED_IMPORT, str(demo_path), str(points),
                              stop_at], cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True)
    try:
        # The child says where it stopped: the kill lands there, however slow the machine.
        assert child.stdout.readline().strip() == stop_at
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    after = _fingerprint(demo_path)
    if not stored:
        assert after == before
    else:
        assert after[2] == before[2] + 1 and after[0] > before[0]
        with Database(demo_path) as db:
            [logged] = db.read("import/log", limit=1).to_dict("records")[:1]
            assert logged["n_new"] == after[0] - before[0]
    with Database(demo_path) as db:  # and the file opens for the app as before
        assert db.scalar("common/count_learners") == before[3]


# -- a damaged write-ahead log ---------------------------------------------------------------------

def _leave_a_log(path) -> None:
    """A write that only the write-ahead log holds: the process ends before any checkpoint."""
    script = ("import duckdb, sys\ncon = duckdb.connect(sys.argv[1])\n"
              "con.execute('pragma disable_checkpoint_on_shutdown')\n"
              "con.execute(\"insert into setting values ('test.after_checkpoint', '1')\")\n"
              "con.execute(\"insert into setting select 'test.' || i, '2' from range(2000) t(i)\")"
              "\ncon.close()\n")
    subprocess.run([sys.executable, "-c", script, str(path)], check=True, timeout=60)
    assert os.path.getsize(f"{path}.wal") > 1000


# An app start is a new process (in this one DuckDB may still cache the file's instance).
START = """
import json, sys
from app.db import Database
with Database(sys.argv[1]) as db, db._con.cursor() as cur:
    kept = cur.execute("select count(*) from setting where key like 'test.%'").fetchone()[0]
    print(json.dumps({"set_aside": str(db.wal_set_aside) if db.wal_set_aside else None,
                      "kept": kept, "recoveries": list(db.read("admin/recoveries")["detail"])}))
"""


def _start(path) -> dict:
    import json

    done = subprocess.run([sys.executable, "-c", START, str(path)], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_damaged_log_is_set_aside_and_the_last_consistent_state_opens(db):
    path = db.path
    db.checkpoint()
    db.close()
    _leave_a_log(path)
    damage_write_ahead_log(path)

    first = _start(path)
    assert first["set_aside"] and os.path.exists(first["set_aside"])
    assert first["kept"] == 0               # the state of the last checkpoint
    assert len(first["recoveries"]) == 1 and ".wal.damaged-" in first["recoveries"][0]
    again = _start(path)                    # the next start is an ordinary one
    assert again["set_aside"] is None and len(again["recoveries"]) == 1


def test_a_truncated_log_replays_its_whole_commits(db):
    path = db.path
    db.checkpoint()
    db.close()
    _leave_a_log(path)
    wal = Path(f"{path}.wal")
    data = wal.read_bytes()
    wal.write_bytes(data[: len(data) * 2 // 3])
    started = _start(path)
    assert started["set_aside"] is None
    assert started["kept"] in (0, 1)        # whole transactions only, never part of one


def test_the_administrator_is_told_on_the_database_page(demo_path):
    with Database(demo_path) as db:
        db.checkpoint()
    _leave_a_log(demo_path)
    damage_write_ahead_log(demo_path)
    at = app_test("pages/admin_database.py", role="admin")
    assert not at.exception
    assert any("opzijgezet" in w.value for w in at.warning)


# -- many at once ----------------------------------------------------------------------------------

READS = [("home/open_needs", {"school_year": "2026-2027", "today": TODAY}),
         ("admin/stats", {"school_year": "2026-2027"}), ("import/log", {"limit": 50}),
         ("council/class_learners", {"class_id": 1, "today": TODAY}),
         ("common/count_learners", {})]


def test_eight_readers_while_one_imports_see_no_errors(demo_db, tmp_path):
    points = _points_file(demo_db.path, tmp_path)
    prepared = pipeline.prepare(demo_db, COMMAND_LINE, "results", "punten.csv", points.read_bytes())
    errors: list[BaseException] = []
    stop = threading.Event()
    reads = [0] * 8

    def reader(number: int) -> None:
        from app.scope import EVERYTHING

        while not stop.is_set():
            for name, params in READS:
                try:
                    demo_db.read(name, scope=EVERYTHING, **params)
                    reads[number] += 1
                except BaseException as error:  # every error is a failure here
                    errors.append(error)

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    try:
        result = pipeline.commit(demo_db, COMMAND_LINE, prepared)
    finally:
        time.sleep(0.2)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    assert not errors, errors[:3]
    assert all(count > 0 for count in reads)
    assert result.counts.new + result.counts.updated > 1000


def test_two_people_saving_the_same_row_one_wins_the_other_keeps_their_input(demo_path):
    first = app_test("pages/flex_offer.py", role="flex_team")
    second = app_test("pages/flex_offer.py", role="flex_team")
    with Database(demo_path) as db:
        cycle_id = db.scalar("flex/cycle_of_week", week_id="2026-W48")
    editor = f"flex_offer.editor.{cycle_id}.0@nl"
    for person, room in ((first, "Aula"), (second, "Turnzaal")):
        person.session_state[editor] = {"edited_rows": {0: {"room": room}}, "added_rows": [],
                                        "deleted_rows": []}
        person.run()
    first.button(key="flex_offer.save").click().run()
    assert not first.exception and not first.error
    second.button(key="flex_offer.save").click().run()
    assert not second.exception
    assert any("intussen" in e.value for e in second.error)
    assert second.session_state[editor]["edited_rows"] == {0: {"room": "Turnzaal"}}
    with Database(demo_path) as db:
        rooms = db.read("flex/cycle_sessions", cycle_id=cycle_id, lang="nl")["room"]
    assert "Aula" in set(rooms) and "Turnzaal" not in set(rooms)


# -- queries that fail under a page ---------------------------------------------------------

BROKEN = ("learner", "result", "need", "flex_session", "survey", "staff", "import_log",
          "audit_log")


def test_every_page_shows_a_friendly_message_when_its_queries_fail(demo_path):
    """Tables a page reads are gone (a damaged or foreign file): a message, never a traceback."""
    con = duckdb.connect(str(demo_path))
    for table in BROKEN:
        con.execute(f"alter table {table} rename to {table}_gone")
    con.close()
    from app.navigation import PAGES

    told = 0
    for spec in PAGES:
        at = app_test(spec.path, role=first_role_for(spec))
        assert not at.exception, f"{spec.key}: {at.exception[0].value}"
        messages = [e.value for e in at.error]
        assert all("Traceback" not in m and "Error:" not in m for m in messages), spec.key
        told += any("Er liep iets mis" in m or "onverwachte fout" in m for m in messages)
    assert told >= len(PAGES) // 2
