"""The browser session behind a sign-in that survives a refresh (app/sessions.py), on a real
database: what the cookie holds, expiry, a tampered cookie, signing out, an account disabled or
given other roles, the audit kept sparse, and the one-time hand-off of the cookie."""

from __future__ import annotations

import datetime as dt

import pytest

from app import auth, sessions
from app.admin import users
from app.audit import Audit
from app.auth import COMMAND_LINE
from app.db import Database

NOW = dt.datetime(2026, 11, 23, 8, 0)


@pytest.fixture
def teacher(db: Database) -> auth.Viewer:
    user_id = users.add_user(db, COMMAND_LINE, email="leraar@school.be",
                            name="Leraar", roles=["teacher"], password="a long password")
    return auth.load_viewer(db, user_id)


def _resume(db, cookie, at=NOW):
    return sessions.resume(db, cookie, now=at)


def test_the_cookie_holds_a_random_signed_id_and_the_database_only_its_keyed_hash(db, teacher):
    started = sessions.start(db, teacher, now=NOW)
    session_id, signature = started.cookie.split(".")
    assert len(session_id) >= 40 and len(signature) == 64
    # Nothing but the random id and its signature: no user, no e-mail, no time.
    assert "leraar" not in started.cookie and f"user={teacher.user_id}" not in started.cookie
    with db._con.cursor() as cur:
        stored = cur.execute("select * from web_session").fetchall()
    assert len(stored) == 1 and session_id not in repr(stored)
    assert started.max_age == 10 * 3600
    assert started.session.expires_at == NOW + dt.timedelta(hours=10)
    session, viewer = _resume(db, started.cookie)
    assert viewer.user_id == teacher.user_id and session == started.session
    # A second sign-in (another browser) is a session of its own.
    assert sessions.start(db, teacher, now=NOW).cookie != started.cookie
    assert sessions.open_sessions(db, teacher.user_id, now=NOW) == 2


def test_a_session_ends_after_a_working_day_and_the_setting_says_how_long(db, teacher):
    from app import settings

    started = sessions.start(db, teacher, now=NOW)
    assert _resume(db, started.cookie, NOW + dt.timedelta(hours=9, minutes=59))
    assert _resume(db, started.cookie, NOW + dt.timedelta(hours=10)) is None
    with db.transaction(Audit("edit", "setting", scope="cli")) as tx:
        settings.put(tx, "session.hours", 2)
    short = sessions.start(db, teacher, now=NOW)
    assert short.max_age == 7200
    assert _resume(db, short.cookie, NOW + dt.timedelta(hours=2)) is None


@pytest.mark.parametrize("tamper", [
    lambda c: c[:-1] + ("0" if c[-1] != "0" else "1"),   # the signature altered
    lambda c: "x" + c,                                    # the id altered
    lambda c: c.split(".")[0],                            # no signature
    lambda c: c + ".extra",
    lambda c: "",
    lambda c: "." * 500,
])
def test_a_tampered_cookie_signs_nobody_in(db, teacher, tamper):
    started = sessions.start(db, teacher, now=NOW)
    assert _resume(db, tamper(started.cookie)) is None


def test_a_cookie_signed_with_another_schools_key_signs_nobody_in(db, teacher, tmp_path):
    started = sessions.start(db, teacher, now=NOW)
    with Database(tmp_path / "other.duckdb") as other:
        user_id = users.add_user(other, COMMAND_LINE, email="leraar@school.be",
                                name="Leraar", roles=["teacher"], password="a long password")
        sessions.start(other, auth.load_viewer(other, user_id), now=NOW)
        assert _resume(other, started.cookie) is None


def test_signing_out_ends_the_session_in_every_tab(db, teacher):
    started = sessions.start(db, teacher, now=NOW)
    sessions.end(db, teacher, started.session.session_hash)
    assert _resume(db, started.cookie) is None
    assert not sessions.check(db, started.session.session_hash, teacher, now=NOW)


@pytest.mark.parametrize("change", ["disable", "roles", "classes", "password"])
def test_a_changed_account_ends_every_session_of_the_user_at_once(db, teacher, change):
    keep_name_only = sessions.start(db, teacher, now=NOW)
    users.update_user(db, COMMAND_LINE, teacher.user_id, name="Nieuwe naam",
                     roles=["teacher"], class_ids=[], staff_id=None, is_active=True)
    assert _resume(db, keep_name_only.cookie), "a new name alone ends nothing"
    started = [sessions.start(db, teacher, now=NOW) for _ in range(2)]
    if change == "password":
        users.set_password(db, COMMAND_LINE, teacher.user_id, "another long password")
    else:
        users.update_user(
            db, COMMAND_LINE, teacher.user_id, name="Leraar",
            roles=["teacher", "class_council"] if change in ("roles", "classes") else ["teacher"],
            class_ids=[1] if change == "classes" else ([1] if change == "roles" else []),
            staff_id=None, is_active=change != "disable")
    for one in (keep_name_only, *started):
        assert _resume(db, one.cookie) is None
    assert sessions.open_sessions(db, teacher.user_id, now=NOW) == 0


def test_roles_changed_behind_the_apps_back_end_the_session_too(db, teacher):
    """Not through auth.update_user (a script, a restore): the session was granted for other
    roles than the account has now, so it ends."""
    started = sessions.start(db, teacher, now=NOW)
    with db._con.cursor() as cur:
        cur.execute("insert into user_role (user_id, role) values (?, 'admin')",
                    [teacher.user_id])
    assert _resume(db, started.cookie) is None
    now_admin = auth.load_viewer(db, teacher.user_id)
    assert not sessions.check(db, started.session.session_hash, now_admin, now=NOW)


def test_signing_in_from_the_cookie_is_audited_at_most_once_an_hour(db, teacher):
    started = sessions.start(db, teacher, now=NOW)

    def cookie_sign_ins() -> int:
        with db._con.cursor() as cur:
            return cur.execute("select count(*) from audit_log where action = 'login'"
                               " and detail = 'cookie'").fetchone()[0]

    for minutes in (1, 2, 30, 59):
        _resume(db, started.cookie, NOW + dt.timedelta(minutes=minutes))
    assert cookie_sign_ins() == 1
    _resume(db, started.cookie, NOW + dt.timedelta(minutes=62))
    assert cookie_sign_ins() == 2


def test_the_hand_off_token_gives_the_cookie_once(db, teacher):
    started = sessions.start(db, teacher, now=NOW)
    token = sessions.hand_off(started)
    assert sessions.waiting(token)
    assert sessions.collect(token) == (started.cookie, started.max_age)
    assert sessions.collect(token) is None and not sessions.waiting(token)
    assert sessions.collect("a guessed token") is None


def test_a_hand_off_not_collected_in_time_is_gone(db, teacher, monkeypatch):
    import time

    started = sessions.start(db, teacher, now=NOW)
    token = sessions.hand_off(started)
    later = time.monotonic() + sessions.HANDOFF_SECONDS + 1
    monkeypatch.setattr(sessions.time, "monotonic", lambda: later)
    assert not sessions.waiting(token) and sessions.collect(token) is None


def test_leaving_demo_mode_ends_the_demo_accounts_sessions_at_once(demo_db):
    """The demo accounts' passwords are published ("demo"): a browser signed in with one is out
    the moment the school stops being a demo."""
    from app.demo import DEMO_DOMAIN, leave_demo

    user_id = int(demo_db.one("auth/user_by_email", email=f"leerkracht@{DEMO_DOMAIN}")["user_id"])
    started = sessions.start(demo_db, auth.load_viewer(demo_db, user_id), now=NOW)
    assert _resume(demo_db, started.cookie)
    leave_demo(demo_db, COMMAND_LINE)
    assert _resume(demo_db, started.cookie) is None
    assert sessions.open_sessions(demo_db, user_id, now=NOW) == 0
