"""A full disk, for real: the app runs on a small tmpfs mounted in a private mount namespace
(`unshare`), and imports a point book that does not fit, or whose log fits but not its fold
into the file (the case in which DuckDB invalidates the database and, before, every page of
every user failed until a restart). Then a backup on that full disk, and again after room was
made. Nothing is simulated: DuckDB meets ENOSPC from the kernel.

The app is the real one (AppTest sessions in one process, sharing its database as `streamlit
run` does); the backup is a real `python -m app backup`, which asks the running app.

When no small disk can be made here (no root, no user namespaces, no passwordless sudo), the
test fails and says so: it is never skipped silently."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from app import bench
from app.auth import COMMAND_LINE
from app.db import Database
from app.importing import pipeline
from tests.conftest import PROJECT_ROOT, TODAY

DRIVER = r"""
import json, os, shutil, subprocess, sys
from pathlib import Path

small, source, points_path, log_size = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
db_path = small / "school.duckdb"
shutil.copyfile(source, db_path)
os.environ["FLEXWIJS_DB"] = str(db_path)
points = Path(points_path).read_bytes()
filler = small / "filler"

from tests.conftest import app_test
from app.demo import DEMO_DOMAIN


def report(stage, **facts):
    print(json.dumps({"stage": stage, **facts}), flush=True)


def leave_free(room):
    filler.unlink(missing_ok=True)
    disk = os.statvfs(small)
    with filler.open("wb") as out:
        out.write(b"\0" * max(0, disk.f_bavail * disk.f_frsize - room))
        out.flush()
        os.fsync(out.fileno())


def seen(at):
    return {"errors": [e.value for e in at.error], "warnings": [w.value for w in at.warning],
            "successes": [s.value for s in at.success],
            "exceptions": [str(e.value)[:300] for e in at.exception]}


def counts():
    # Through the app's own open database (one DuckDB instance per file and process).
    from app import web
    from app.admin import stats
    try:
        found = stats.counts(web.database())
    except Exception as error:  # what a page would have met
        return {"error": str(error)[:300]}
    return {"results": found["results"], "imports": found["imports"]}


def import_points(room):
    at = app_test("pages/admin_import.py")
    at.selectbox(key="admin_import.kind@nl").set_value("results").run()
    at.file_uploader(key="admin_import.file.results").set_value(
        ("punten.csv", points, "text/csv")).run()
    leave_free(room)
    at.button(key="admin_import.confirm").click().run()
    return at


def backup_by_command():
    out = small / "elders" / "kopie.duckdb"
    done = subprocess.run([sys.executable, "-m", "app", "backup", "--out", str(out),
                           "--db", str(db_path)], capture_output=True, text=True, timeout=300)
    return {"code": done.returncode, "stderr": done.stderr[-600:], "out_exists": out.exists(),
            "backups": sorted(p.name for p in (small / "backups").glob("*"))
                       if (small / "backups").exists() else []}


def backup_on_page():
    at = app_test("pages/admin_privacy.py")
    at.button(key="admin_privacy.backup").click().run()
    return seen(at)


def still_held():
    # Another program must still be refused the file: the app holds it, also after a reopen.
    probe = subprocess.run([sys.executable, "-c",
                            "import sys, duckdb; duckdb.connect(sys.argv[1], read_only=True)",
                            str(db_path)], capture_output=True, text=True, timeout=120)
    return {"refused": probe.returncode != 0, "why": probe.stderr[-300:]}


def stage(name, work):
    # One stage; a stage that crashes is reported as what a person would have met.
    try:
        facts = work()
    except Exception as error:
        facts = {"crashed": f"{type(error).__name__}: {str(error)[:300]}"}
    report(name, **facts)


def sign_in():
    login = app_test(None, role=None)
    login.text_input(key="login.email").input(f"directie@{DEMO_DOMAIN}")
    login.text_input(key="login.password").input("demo")
    next(b for b in login.button if b.label == "Aanmelden").click().run()
    return {"signed_in": login.session_state["auth.user_id"]
            if "auth.user_id" in login.session_state else None, **seen(login)}


before = counts()
# A: the log itself does not fit: DuckDB rolls back.
stage("A", lambda: {"before": before, **seen(import_points(log_size // 2)), "after": counts()})
# B: the log fits, folding it into the file does not: DuckDB invalidates the database.
stage("B", lambda: {**seen(import_points(log_size + 512 * 1024)), "after": counts()})
stage("held_after_B", still_held)
# Everyone else, right after.
for role, page in (("director", "pages/home.py"), ("class_council", "pages/council_class.py"),
                   ("admin", "pages/admin_database.py")):
    stage("others", lambda: {"role": role, "page": page, **seen(app_test(page, role=role))})
stage("sign_in", sign_in)
stage("held_after_others", still_held)
# C: a backup on the full disk, by command (through the running app) and on the page.
stage("C", lambda: {"command": backup_by_command(), "page": backup_on_page()})
# D: room made, the same again.
filler.unlink()
stage("D", lambda: {"command": backup_by_command(), "page": backup_on_page()})
"""


def _can(command: list[str]) -> bool:
    try:
        return subprocess.run(command, capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def on_a_small_disk(size: int, folder, command: list[str]) -> list[str]:
    """`command`, run in a private mount namespace with a tmpfs of `size` bytes on `folder`.
    As root: `unshare --mount`; otherwise in a user namespace, or through passwordless sudo
    (then dropping back to this user inside)."""
    mount = (f'mount -t tmpfs -o size={size},mode=0777 flexwijs-small-disk "$0" && '
             'exec "$@"')
    private = ["unshare", "--mount", "--propagation", "private"]
    if shutil.which("unshare") is None:
        pytest.fail("no small disk for the test: `unshare` (util-linux) is not installed")
    if os.geteuid() == 0:
        return [*private, "sh", "-c", mount, str(folder), *command]
    user = ["unshare", "--user", "--map-root-user", "--mount"]
    if _can([*user, "sh", "-c", "mount -t tmpfs none /mnt"]):
        return [*user, "sh", "-c", mount, str(folder), *command]
    if _can(["sudo", "-n", "true"]) and shutil.which("setpriv"):
        back = ["setpriv", f"--reuid={os.getuid()}", f"--regid={os.getgid()}",
                "--clear-groups", "env", f"PATH={os.environ.get('PATH', '/usr/bin:/bin')}",
                f"HOME={os.environ.get('HOME', '/tmp')}"]
        return ["sudo", "-n", *private, "sh", "-c", mount, str(folder), *back, *command]
    pytest.fail("no small disk for the test: not root, user namespaces are not allowed "
                "(sysctl kernel.unprivileged_userns_clone / AppArmor), and no passwordless sudo")


def _log_size_of_import(demo_file, points, folder) -> int:
    """How large the write-ahead log of this import grows, measured on an ample disk."""
    path = folder / "measure.duckdb"
    shutil.copyfile(demo_file, path)
    db = Database(path)
    try:
        prepared = pipeline.prepare(db, COMMAND_LINE, "results", "punten.csv",
                                    points.read_bytes())
        db.checkpoint = lambda: True  # keep the log as the commit left it
        pipeline.commit(db, COMMAND_LINE, prepared)
        return os.path.getsize(f"{path}.wal")
    finally:
        db.close()


def test_a_full_disk_during_an_import_is_told_and_takes_nobody_else_down(demo_file, tmp_path):
    points, _ = bench._results_file(demo_file, tmp_path)
    log_size = _log_size_of_import(demo_file, points, tmp_path)
    small = tmp_path / "small"
    small.mkdir()
    # The school, room for the import, and for three copies once the filler is gone.
    size = 4 * os.path.getsize(demo_file) + 8 * log_size + 4_000_000
    command = on_a_small_disk(size, small, [
        "env", f"FLEXWIJS_TODAY={TODAY.isoformat()}", sys.executable, "-c", DRIVER,
        str(small), str(demo_file), str(points), str(log_size)])
    done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    stages = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    by_stage = {}
    for stage in stages:
        by_stage.setdefault(stage["stage"], []).append(stage)

    [rolled_back] = by_stage["A"]
    assert "crashed" not in rolled_back and not rolled_back["exceptions"], rolled_back
    assert rolled_back["errors"] == [
        "De schijf is vol: er is niets veranderd. Maak ruimte vrij en probeer opnieuw."]
    assert not rolled_back["successes"] and rolled_back["after"] == rolled_back["before"]

    [kept] = by_stage["B"]
    assert "crashed" not in kept and not kept["exceptions"] and not kept["errors"], kept
    assert any("geïmporteerd" in s or "Geïmporteerd" in s for s in kept["successes"]), kept
    assert any("De schijf is vol. Wat je net bewaarde, is wel opgeslagen" in w
               for w in kept["warnings"]), kept
    assert kept["after"]["results"] > rolled_back["before"]["results"]

    for other in by_stage["others"]:
        assert "crashed" not in other, other
        assert not other["exceptions"] and not other["errors"], other
    [signed_in] = by_stage["sign_in"]
    assert "crashed" not in signed_in and not signed_in["exceptions"], signed_in
    assert signed_in["signed_in"] is not None, signed_in

    for held in (*by_stage["held_after_B"], *by_stage["held_after_others"]):
        assert held["refused"], held   # never two programs writing one file

    [full] = by_stage["C"]
    assert "crashed" not in full, full
    assert full["command"]["code"] == 2, full
    assert "De schijf is vol: de back-up is niet gemaakt" in full["command"]["stderr"], full
    assert not full["command"]["out_exists"] and full["command"]["backups"] == [], full
    assert any("De schijf is vol: de back-up is niet gemaakt" in e
               for e in full["page"]["errors"]), full
    assert not full["page"]["exceptions"], full
    # The privacy page opens all the same, and says that this visit is not in the log yet.
    assert any("dit bezoek staat nog niet in het logboek" in w
               for w in full["page"]["warnings"]), full

    [room] = by_stage["D"]
    assert "crashed" not in room, room
    assert room["command"]["code"] == 0 and room["command"]["out_exists"], room
    assert len(room["command"]["backups"]) == 1, room   # the running app made it
    assert room["page"]["successes"] and not room["page"]["errors"], room
