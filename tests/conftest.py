"""Shared fixtures: real DuckDB files in tmp_path, a demo school, AppTest for pages.

The developer's own database and language never leak in: FLEXWIJS_DB points into tmp_path for
every test, the date is pinned, and Streamlit's caches are cleared between tests (they leak
across AppTest runs otherwise, streamlit/streamlit#9139).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from app.db import Database
from app.demo import build_demo
from app.i18n import STRICT_ENV

TODAY = dt.date(2026, 11, 23)
PROJECT_ROOT = Path(__file__).resolve().parent.parent
MAIN_SCRIPT = str(PROJECT_ROOT / "app" / "main.py")
DEMO_LEARNERS = 200
SAMPLES = PROJECT_ROOT / "data" / "samples"
# Every export in data/samples, by the import kind it is for; the first of a kind is the one a
# test uploads when any export of that kind will do.
SAMPLES_BY_KIND = {
    "learners": ("leerlingen_smartschool.csv", "leerlingen_informat.xlsx"),
    "staff": ("personeel.csv",),
    "results": ("punten_trimester1.csv",),
    "needs": ("noden_klassenraad.csv",),
    "flex-sessions": ("flexaanbod.csv",),
    "flex-choices": ("flexkeuzes_google_forms.csv",),
    "survey": ("welbevinden_google_forms.csv", "zelfreflectie_microsoft_forms.xlsx",
               "professionaliseringsnoden_limesurvey.csv", "team_tijdsregistratie.csv"),
    "initiatives": ("prof_initiatieven.csv",),
    "budget": ("prof_budget.csv",),
    "competences": ("prof_competentieniveaus.csv",),
}
SAMPLE_OF = {kind: names[0] for kind, names in SAMPLES_BY_KIND.items()}
# What a whole passing run may leave in its temporary folder: the session-wide schools and a
# few module copies. A run that keeps every test's demo copy passes this after a few dozen tests.
LEFTOVER_LIMIT = 1 << 30
_BASETEMP = pytest.StashKey[Path]()


@pytest.fixture(scope="session", autouse=True)
def _remember_basetemp(request, tmp_path_factory):
    request.config.stash[_BASETEMP] = tmp_path_factory.getbasetemp()


def _folder_bytes(folder: Path) -> int:
    return sum(entry.stat().st_size for entry in folder.rglob("*") if entry.is_file())


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session, exitstatus):
    """Fail a passing run that leaves more on disk than LEFTOVER_LIMIT: CI's disk is shared and
    sometimes small, and a full disk turns every later test into an error."""
    basetemp = session.config.stash.get(_BASETEMP, None)
    if exitstatus != 0 or basetemp is None or not basetemp.exists():
        return
    leftover = _folder_bytes(basetemp)
    if leftover > LEFTOVER_LIMIT:
        largest = sorted(basetemp.iterdir(), key=_folder_bytes, reverse=True)[:5]
        writer = session.config.get_terminal_writer()
        writer.line()
        writer.line(
            f"The tests left {leftover / 2**20:.0f} MiB in {basetemp} (limit "
            f"{LEFTOVER_LIMIT / 2**20:.0f} MiB); largest: "
            + ", ".join(f"{folder.name} {_folder_bytes(folder) / 2**20:.0f} MiB"
                        for folder in largest), red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def _pinned_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("FLEXWIJS_TODAY", TODAY.isoformat())
    monkeypatch.setenv("FLEXWIJS_DB", str(tmp_path / "unset.duckdb"))
    monkeypatch.delenv("FLEXWIJS_LANG", raising=False)
    # A text missing from the catalogues fails the test instead of showing its key.
    monkeypatch.setenv(STRICT_ENV, "1")


@pytest.fixture(autouse=True)
def _clear_streamlit_caches():
    yield
    import logging

    import streamlit as st

    # Outside a running app Streamlit warns that it falls back to memory caches: expected here.
    logging.getLogger("streamlit.runtime.caching.cache_data_api").setLevel(logging.ERROR)
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def db(tmp_path) -> Database:
    database = Database(tmp_path / "school.duckdb")
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> Path:
    """A small demo school, built once per test session; tests get copies."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with Database(path) as database:
        build_demo(database, learners=DEMO_LEARNERS, seed=7, today=TODAY)
    return path


def _private_copy(source: Path, tmp_path: Path, monkeypatch) -> Path:
    """A copy of a session-wide database that one test may change, and FLEXWIJS_DB pointing
    at it: the session file stays as built for the next test."""
    path = tmp_path / source.name
    shutil.copyfile(source, path)
    monkeypatch.setenv("FLEXWIJS_DB", str(path))
    return path


@pytest.fixture
def demo_path(demo_file, tmp_path, monkeypatch) -> Path:
    """A private copy of the demo school, and FLEXWIJS_DB pointing at it."""
    return _private_copy(demo_file, tmp_path, monkeypatch)


@pytest.fixture(scope="session")
def hostile_file(demo_file, tmp_path_factory) -> Path:
    """The demo school with Markdown in every text a person types or imports
    (tests/hostile.py), built once per test session; tests get copies."""
    from tests.hostile import make_hostile

    path = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    shutil.copyfile(demo_file, path)
    make_hostile(path)
    return path


@pytest.fixture
def hostile_path(hostile_file, tmp_path, monkeypatch) -> Path:
    """A private copy of the hostile demo school, and FLEXWIJS_DB pointing at it."""
    return _private_copy(hostile_file, tmp_path, monkeypatch)


@pytest.fixture
def empty_school_user(tmp_path, monkeypatch) -> int:
    """An empty school (nothing imported yet) whose one account is admin and director, and
    FLEXWIJS_DB pointing at it; the account's id."""
    from app.admin import users
    from app.auth import COMMAND_LINE

    path = tmp_path / "empty.duckdb"
    monkeypatch.setenv("FLEXWIJS_DB", str(path))
    with Database(path) as database:
        return users.add_user(database, COMMAND_LINE, email="a@school.be", name="A",
                              roles=["admin", "director"], password="long enough!")


@pytest.fixture
def demo_db(demo_path) -> Database:
    database = Database(demo_path)
    yield database
    database.close()


DEMO_EMAIL = {
    "admin": "beheerder", "director": "directie", "flex_team": "flexteam",
    "class_council": "klassenraad", "teacher": "leerkracht", "adviser": "begeleider",
}
ROLE_ORDER = ("admin", "director", "flex_team", "class_council", "teacher", "adviser")


def demo_user_id(role: str, path: str | None = None) -> int:
    """The id of the demo school's account for a role."""
    import os

    from app.demo import DEMO_DOMAIN

    with Database(path or os.environ["FLEXWIJS_DB"]) as database:
        row = database.one("auth/user_by_email", email=f"{DEMO_EMAIL[role]}@{DEMO_DOMAIN}")
    return int(row["user_id"])


def table_counts(db: Database) -> dict[str, int]:
    """Rows per table, the audit log aside: what a refused write must leave as it was. A census
    of every table, outside the named queries on purpose: a write to a table no query reads
    shows too."""
    with db._con.cursor() as cur:
        tables = [r[0] for r in cur.execute(
            "select table_name from information_schema.tables"
            " where table_type = 'BASE TABLE' and table_name <> 'audit_log'").fetchall()]
        return {t: cur.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}


def shown(markdown: str) -> str:
    """What a reader sees of a Markdown text that holds values made plain (app.i18n.plain):
    without the backslashes before punctuation and the invisible word joiners."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")


def first_role_for(spec) -> str:
    return next(role for role in ROLE_ORDER if role in spec.roles)


def app_test(page_path: str | None = None, lang: str = "nl", role: str | None = "admin",
             timeout: float = 30, user_id: int | None = None):
    """An AppTest of the whole app (navigation included), signed in as the demo account of a
    role (or not at all with role=None), or as the account user_id when given, switched to one
    page and run."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(MAIN_SCRIPT, default_timeout=timeout)
    at.session_state["app.lang"] = lang
    if user_id is None and role is not None:
        user_id = demo_user_id(role)
    if user_id is not None:
        at.session_state["auth.user_id"] = user_id
    at.run()
    if page_path is not None and page_path != "pages/home.py":
        at.switch_page(f"../{page_path}")
        at.run()
    return at


def damage_write_ahead_log(db_path) -> None:
    """Flip bytes in a database's write-ahead log, as a failing disk would, past its header: a
    damaged header can make DuckDB skip the log silently (nothing any start-up could notice),
    damaged entries fail their checksums on replay."""
    wal = Path(f"{db_path}.wal")
    data = bytearray(wal.read_bytes())
    for at in range(len(data) // 3, len(data), 97):
        data[at] ^= 0xFF
    wal.write_bytes(bytes(data))
