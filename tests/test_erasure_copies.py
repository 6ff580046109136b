"""Erasure reaches every copy Flexwijs made, and survives being cut off.

A learner with a name found nowhere else is imported, then copied the ways a school copies:
a backup in backups/, a restore (which keeps the replaced file as *.before-restore-*), a backup
made elsewhere with `backup --out`, and a write-ahead log set aside as damaged. The erasure runs
in a real `python -m app erase` process that is killed (SIGKILL) at a known point inside the
work: the process stops itself there and says so, the test kills it. Then the erasure is run
again, or the app starts, and the bytes of the name are looked for in every file."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.db import Database
from tests.conftest import PROJECT_ROOT, TODAY, app_test

NUMBER = "99887766"
NAME = b"Zwartkoppeling"
FIRST = b"Quirinella"

# `python -m app erase`, stopping for good at one point: right before the database file is
# swapped for its rewrite ("live"), or inside the rewrite of a copy, after the erasure in it
# was committed and its log folded in ("copy").
STOPPING_ERASE = """
import os, sys, time
import app.db
from app.cli import main

where, live = sys.argv[1], os.path.realpath(sys.argv[2])

if where == "live":
    replace = os.replace

    def stop_before_swap(source, target):
        if os.path.realpath(target) == live:
            print("stopped", flush=True)
            time.sleep(600)
        return replace(source, target)

    app.db.os.replace = stop_before_swap
else:
    copy_to = app.db.Database._copy_to

    def stop_in_rewrite(self, target):  # the copy's log is folded into it by now
        if str(self.path) != live:
            print("stopped", flush=True)
            time.sleep(600)
        return copy_to(self, target)

    app.db.Database._copy_to = stop_in_rewrite
sys.exit(main(["erase", "--learner", sys.argv[3], "--db", sys.argv[2]]))
"""


def command(*args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "app", *args], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "FLEXWIJS_TODAY": TODAY.isoformat()})
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def holds_the_name(path: Path) -> bool:
    """The bytes of the learner's name in a file or in the write-ahead log beside it."""
    files = [path, Path(f"{path}.wal")]
    return any(NAME in f.read_bytes() or FIRST in f.read_bytes() for f in files if f.exists())


@pytest.fixture
def school(demo_file, tmp_path, monkeypatch):
    """A school with one learner copied everywhere Flexwijs copies: the database, a backup, the
    file a restore kept, a backup elsewhere, a damaged log."""
    folder = tmp_path / "school"
    folder.mkdir()
    db_path = folder / "school.duckdb"
    shutil.copyfile(demo_file, db_path)
    monkeypatch.setenv("FLEXWIJS_DB", str(db_path))
    learners = tmp_path / "lijst.csv"
    learners.write_text(f"Stamboeknummer;Naam;Voornaam;Klas\r\n{NUMBER};Zwartkoppeling;"
                        "Quirinella;1A\r\n", encoding="utf-8")
    command("import", "learners", str(learners), "--db", str(db_path))
    backup = folder / "backups" / "school-20261120-120000.duckdb"
    command("backup", "--out", str(backup), "--db", str(db_path))
    command("restore", "--from", str(backup), "--db", str(db_path))
    [kept] = folder.glob("school.duckdb.before-restore-*")
    elsewhere = tmp_path / "elders" / "kopie.duckdb"
    command("backup", "--out", str(elsewhere), "--db", str(db_path))
    damaged = folder / "school.duckdb.wal.damaged-20261122-080000"
    damaged.write_bytes(b"\x00garbled\xff" + NAME + b"\x13" * 64)
    copies = {"backup": backup, "before_restore": kept, "elsewhere": elsewhere}
    for kind, path in {"database": db_path, **copies}.items():
        assert holds_the_name(path), kind          # the test can see the name at all
    return db_path, copies, damaged


def erase_until_stopped(where: str, db_path: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", STOPPING_ERASE, where, str(db_path), NUMBER],
                             cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "FLEXWIJS_TODAY": TODAY.isoformat()})
    said = []
    try:
        for line in child.stdout:  # the plan first, then the stop (or the end: a failure)
            said.append(line.strip())
            if said[-1] == "stopped":
                break
        assert said[-1:] == ["stopped"], said
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL


def pending(db_path: Path) -> tuple[int, bool]:
    from app.admin import privacy

    with Database(db_path, migrate=False) as db:
        return privacy.pending(db)


def test_an_erasure_reaches_every_copy_and_is_finished_after_a_kill(school):
    db_path, copies, damaged = school
    erase_until_stopped("live", db_path)

    # Killed after the copies, before the database file was swapped for its rewrite.
    assert holds_the_name(db_path)
    assert list(db_path.parent.glob("*.compact"))
    for kind, path in copies.items():
        assert not holds_the_name(path), kind
    assert not damaged.exists()

    again = command("erase", "--learner", NUMBER, "--db", str(db_path))
    assert "herschreven" in again.stdout, again.stdout
    assert not holds_the_name(db_path)
    assert not list(db_path.parent.glob("*.compact"))
    assert pending(db_path) == (0, False)
    for kind, path in copies.items():
        assert not holds_the_name(path), kind
    # Every copy is still a usable database, without the learner, with the others.
    for path in copies.values():
        with Database(path, migrate=False) as copy:
            assert copy.scalar("privacy/learner_by_external_id", external_id=NUMBER) is None
            assert copy.scalar("common/count_learners") > 100


def test_a_copy_cut_off_in_its_rewrite_is_finished_when_the_app_starts(school):
    db_path, copies, _ = school
    erase_until_stopped("copy", db_path)
    assert pending(db_path)[0] == 1                # the live erasure committed and listed it
    assert not holds_the_name(db_path) or pending(db_path)[1]
    assert sum(holds_the_name(path) for path in copies.values()) >= 1

    at = app_test("pages/admin_privacy.py")        # the app starts: the erasure is finished
    assert not at.exception and not at.warning, [w.value for w in at.warning]
    assert pending(db_path) == (0, False)
    assert not holds_the_name(db_path)
    for kind, path in copies.items():
        assert not holds_the_name(path), kind


def test_the_result_says_what_remains_where(school):
    from app.admin import privacy
    from app.auth import COMMAND_LINE
    from app.i18n import Translator

    db_path, copies, damaged = school
    copies["elsewhere"].unlink()                   # moved off to a stick, say
    with Database(db_path) as db:
        learner = int(db.scalar("privacy/learner_by_external_id", external_id=NUMBER))
        done = privacy.erase(db, COMMAND_LINE, [learner])
    text = "\n".join(privacy.describe(done, Translator("nl")))
    assert "Gewiste leerlingen: 1" in text
    assert "Het databankbestand school.duckdb is herschreven" in text
    assert copies["backup"].name in text and copies["before_restore"].name in text
    assert f"Verwijderd, omdat ze niet te herschrijven zijn en de gewiste leerlingen konden " \
           f"bevatten: {damaged.name}" in text
    assert f"Niet gevonden: {copies['elsewhere']}" in text
    assert "Wat blijft: het logboek" in text and "enquêteantwoorden" in text
    assert "staan niet meer op de schijf" not in text


def test_a_copy_that_cannot_be_reached_is_named_and_finished_later_on_the_page(school):
    db_path, copies, _ = school
    broken = db_path.parent / "backups" / "school-20261121-090000.duckdb"
    broken.write_bytes(b"not a database, but Flexwijs cannot know what it held")
    at = app_test("pages/admin_privacy.py")
    at.text_input(key="admin_privacy.search").input(NUMBER).run()
    at.text_input(key=f"admin_privacy.confirm.{at.selectbox(key='admin_privacy.pick').value}"
                  ).input(NUMBER).run()
    at.button(key="admin_privacy.erase_one").click().run()
    assert not at.exception
    told = "\n".join(w.value for w in at.warning)
    assert f"Niet bereikt: {broken}" in told, told
    assert "Nog niet overal gewist: leerlingen 1" in told
    for kind, path in copies.items():           # everything else was reached
        assert not holds_the_name(path), kind
    assert not holds_the_name(db_path)
    assert pending(db_path) == (1, False)       # the number stays until every copy is done
    assert any(NUMBER.encode() in f.read_bytes() for f in (db_path, Path(f"{db_path}.wal"))
               if f.exists())

    broken.unlink()                             # the administrator deleted it
    at.button(key="admin_privacy.finish").click().run()
    assert not at.exception
    assert pending(db_path) == (0, False)
    assert any("Wat blijft" in s.value for s in at.success)
    assert not any("nog niet overal" in w.value.lower() for w in at.warning)
    assert NUMBER.encode() not in db_path.read_bytes()     # the number left the disk too
