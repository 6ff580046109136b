"""Faults around the running app, as the administrator meets them: a backup and a second
program while the app holds the database, a restore, and the app started on a damaged
write-ahead log. The app is a real `streamlit run`; the administrator's commands are real
`python -m app` processes."""

from __future__ import annotations

import shutil
import subprocess
import sys

import duckdb
import pytest

from tests.browser.conftest import Server, navigate, see, settle, sign_in_as
from tests.conftest import PROJECT_ROOT, TODAY, damage_write_ahead_log

pytestmark = pytest.mark.browser


def command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=300,
                          env={"FLEXWIJS_TODAY": TODAY.isoformat(), "PATH": "/usr/bin:/bin"})


def counts(path) -> tuple[int, int, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select (select count(*) from learner), (select count(*) from"
                           " result), (select count(*) from need)").fetchone()
    finally:
        con.close()


def test_backup_and_a_second_program_while_the_app_runs_then_restore(page, server, tmp_path):
    sign_in_as(page, server, "beheerder")      # the app now holds the database
    navigate(page, "Klasoverzicht")

    # A second program gets a plain message, and the app is not disturbed by it.
    other = command("import", "learners",
                    str(PROJECT_ROOT / "data" / "samples" / "leerlingen_smartschool.csv"),
                    "--db", str(server.db_path))
    assert other.returncode != 0
    assert "in gebruik door een ander programma" in other.stderr
    assert "Traceback" not in other.stderr

    copy = tmp_path / "kopie.duckdb"
    made = command("backup", "--out", str(copy), "--db", str(server.db_path))
    assert made.returncode == 0, made.stderr
    # The app holds the file, so the app made the copy, and the command line says so.
    assert "De draaiende app maakte de kopie." in made.stdout, made.stdout

    navigate(page, "Databank")                 # the app keeps working
    see(page.get_by_text("Alle verwijzingen tussen de gegevens kloppen."))
    live = command("stats", "--db", str(server.db_path))
    assert live.returncode == 0, live.stderr
    backed_up = counts(copy)
    assert backed_up[0] > 0 and backed_up[1] > 0
    for number in backed_up:
        assert f"{number}" in live.stdout.replace(".", "")

    # Restore: refused while the app holds the file, done once it has stopped.
    refused = command("restore", "--from", str(copy), "--db", str(server.db_path))
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    server.stop()
    restored = command("restore", "--from", str(copy), "--db", str(server.db_path))
    assert restored.returncode == 0, restored.stderr
    assert counts(server.db_path) == backed_up
    assert list(server.db_path.parent.glob("*.before-restore-*"))


def test_the_app_starts_on_a_damaged_log_and_tells_the_administrator(page, demo_file, tmp_path):
    db_path = tmp_path / "school.duckdb"
    shutil.copyfile(demo_file, db_path)
    # A write only the write-ahead log holds, then damage in that log (a disk that failed).
    subprocess.run([sys.executable, "-c",
                    "import duckdb, sys\ncon = duckdb.connect(sys.argv[1])\n"
                    "con.execute('pragma disable_checkpoint_on_shutdown')\n"
                    "con.execute(\"insert into setting select 'test.' || i, '1'"
                    " from range(3000) t(i)\")\ncon.close()\n", str(db_path)], check=True)
    damage_write_ahead_log(db_path)

    app = Server(db_path, tmp_path / "streamlit.log")
    try:
        sign_in_as(page, app, "beheerder")
        see(page.get_by_role("heading", name="Start"))
        navigate(page, "Databank")
        see(page.get_by_text("niet ingelezen worden: het is opzijgezet", exact=False))
        page.screenshot(path=str(tmp_path / "damaged_log.png"), full_page=True)
        settle(page)
    finally:
        app.stop()
    assert list(tmp_path.glob("school.duckdb.wal.damaged-*"))
