"""The command line, as an administrator's script calls it: a subprocess, exit codes, output."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import PROJECT_ROOT

STATS_KEYS = {"learners", "staff", "classes", "results", "needs", "flex_sessions",
              "flex_assignments", "survey_responses", "survey_answers"}


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=300,
        cwd=PROJECT_ROOT, env={**os.environ, **(env or {})},
    )


def test_help_speaks_plain_words():
    done = run("--help")
    assert done.returncode == 0
    for command in ("demo", "stats"):
        assert command in done.stdout
    assert "database" in done.stdout


def test_stats_creates_and_migrates_a_new_database(tmp_path):
    path = tmp_path / "new.duckdb"
    done = run("stats", "--db", str(path), "--json")
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout)
    assert counts.keys() >= STATS_KEYS
    assert counts["learners"] == 0 and counts["schema_version"] >= 1
    assert path.exists()


def test_demo_then_stats_report_the_counts(tmp_path):
    path = tmp_path / "demo.duckdb"
    built = run("demo", "--db", str(path), "--learners", "60", "--today", "2026-11-23")
    assert built.returncode == 0, built.stderr
    assert "60 leerlingen" in built.stdout
    counts = json.loads(run("stats", "--db", str(path), "--json").stdout)
    assert counts["learners_current"] == 60
    assert counts["survey_responses"] > 0 and counts["survey_answers"] > counts["survey_responses"]


def test_demo_if_empty_leaves_a_filled_database_alone(demo_path):
    done = run("demo", "--db", str(demo_path), "--if-empty")
    assert done.returncode == 0
    assert "bevat al leerlingen" in done.stdout


def test_refusal_exits_non_zero_without_a_traceback(demo_path):
    done = run("demo", "--db", str(demo_path), "--lang", "en")
    assert done.returncode == 2
    assert "already holds learners" in done.stderr
    assert "Traceback" not in done.stderr


def test_database_path_comes_from_the_environment(tmp_path):
    path = tmp_path / "env.duckdb"
    done = run("stats", "--json", env={"FLEXWIJS_DB": str(path)})
    assert done.returncode == 0 and path.exists()


def test_unexpected_error_is_one_line_not_a_traceback(tmp_path):
    not_a_database = tmp_path / "x.duckdb"
    not_a_database.write_bytes(b"this is not a database file" * 100)
    done = run("stats", "--db", str(not_a_database))
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert done.stderr.strip()


def test_a_sqlite_file_as_db_is_refused_without_reaching_the_internet(tmp_path):
    """DuckDB used to try downloading its sqlite extension for such a file (into
    ~/.duckdb/extensions) before external access was switched off."""
    import sqlite3

    path = tmp_path / "andere-toepassing.db"
    con = sqlite3.connect(path)
    con.execute("create table t (a)")
    con.commit()
    con.close()
    home = tmp_path / "home"
    home.mkdir()
    for command in (["stats"], ["restore", "--from", str(path)]):
        args = [*command, "--db", str(path if command == ["stats"] else tmp_path / "n.duckdb")]
        done = run(*args, env={"HOME": str(home)})
        assert done.returncode == 2, done.stderr
        assert done.stderr.strip() == (
            f"{path} is een SQLite-databank van een ander programma, geen Flexwijs-databank. "
            "Flexwijs opent het niet. Geef met --db het .duckdb-bestand van Flexwijs op, of een "
            "nieuwe bestandsnaam voor een nieuwe databank.")
    assert list(home.iterdir()) == []  # no extension directory, nothing downloaded


def test_demo_leave_switches_demo_mode_and_every_demo_account_off(demo_path):
    from app import auth, settings
    from app.db import Database
    from app.errors import UserError

    done = run("demo", "--leave", "--db", str(demo_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"{demo_path} is geen demoschool meer: 7 demo-accounts zijn voorgoed uitgeschakeld en "
        "hun wachtwoord is gewist. De gegevens blijven zoals ze zijn.",
        "Er is nog geen eigen beheerder. Maak er een: python -m app users add jij@school.be "
        f"--role admin --db {demo_path}"]
    with Database(demo_path) as db:
        assert settings.get(db, "school.demo") is False
        with db._con.cursor() as cur:
            assert cur.execute("select count(*) from app_user where is_demo and"
                               " (is_active or password_hash is not null)").fetchall() == [(0,)]
            audit = cur.execute("select outcome, detail, len(record_ids) from audit_log"
                                " where action = 'demo_leave'").fetchall()
        assert audit == [("ok", "was_demo=True accounts=7", 7)]
        # Every account the demo made is off, the coached teacher without a password too.
        with db._con.cursor() as cur:
            assert cur.execute("select email from app_user where is_active").fetchall() == []
        try:
            auth.sign_in(db, "beheerder@demo.dehorizon.example", auth.DEMO_PASSWORD)
        except UserError as error:
            assert error.key == "auth.error.invalid"
        else:
            raise AssertionError("a demo account still signs in")
    again = run("demo", "--leave", "--db", str(demo_path))
    assert again.returncode == 0
    assert again.stdout.strip() == (f"{demo_path} is geen demoschool en heeft geen werkende "
                                    "demo-accounts: er is niets gewijzigd.")
