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


@pytest.fixture
def demo_path(demo_file, tmp_path, monkeypatch) -> Path:
    """A private copy of the demo school, and FLEXWIJS_DB pointing at it."""
    path = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_file, path)
    monkeypatch.setenv("FLEXWIJS_DB", str(path))
    return path


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
    path = tmp_path / "hostile.duckdb"
    shutil.copyfile(hostile_file, path)
    monkeypatch.setenv("FLEXWIJS_DB", str(path))
    return path


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


def shown(markdown: str) -> str:
    """What a reader sees of a Markdown text that holds values made plain (app.i18n.plain):
    without the backslashes before punctuation and the invisible word joiners."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")


def first_role_for(spec) -> str:
    return next(role for role in ROLE_ORDER if role in spec.roles)


def app_test(page_path: str | None = None, lang: str = "nl", role: str | None = "admin",
             timeout: float = 30):
    """An AppTest of the whole app (navigation included), signed in as the demo account of a
    role (or not at all with role=None), switched to one page and run."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(MAIN_SCRIPT, default_timeout=timeout)
    at.session_state["app.lang"] = lang
    if role is not None:
        at.session_state["auth.user_id"] = demo_user_id(role)
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
