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
