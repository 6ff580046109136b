"""Sign-ins that survive a refresh and a second tab, for a working day.

Streamlit keeps who is signed in only as long as one browser tab keeps its connection: a refresh
(F5) or a second tab starts a new, empty session. So a sign-in with a local account also starts
a *browser session*:

- a random id of 32 bytes, which the browser keeps in a cookie, ``HttpOnly`` (no script reads
  it), ``SameSite=Lax``, ``Secure`` over https, for ``session.hours`` (10: a working day);
- the cookie holds the id with an HMAC-SHA256 signature under the school's own key
  (``auth.secret_key``), so a cookie that was altered is refused before the database is asked;
- the database keeps only a keyed hash of the id (``web_session``, migration 012), with the user,
  when it started and ends, and a keyed hash of the roles, classes and staff link at sign-in.
  Nothing in the cookie names the user or can be guessed, and a copy of the database file signs
  nobody in.

Every page run checks the row again: signing out deletes it, and disabling the account or
changing its roles, classes or password deletes every row of that user in the same transaction
(``auth.update_user``, ``auth.set_password``), so every tab of that user is out on its next run.
A role change made any other way ends the session too: the roles no longer match ``roles_key``.

Streamlit cannot set a cookie from a script run, so the page hands the browser a one-time token
(kept in this process's memory for a minute) which the browser takes to our route
``/_flexwijs/session`` (``app/server.py``); that route answers with the cookie. A sign-in from the
cookie is written to the audit log once an hour per session, not on every run.

No Streamlit here: ``app/web.py`` reads the cookie and keeps the session's hash in the Streamlit
session, ``app/server.py`` sets and clears the cookie.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets as token_source
import threading
import time
from dataclasses import dataclass

from app import auth, clock, settings
from app.auth import Viewer
from app.db import Database

COOKIE = "flexwijs_session"
ROUTE = "/_flexwijs/session"          # POST: set the cookie from a hand-off token
END_ROUTE = "/_flexwijs/session/end"  # POST: clear the cookie (the row is gone already)
# Our routes answer only requests that carry this header: a page of another site cannot send
# it without the browser asking this server first (CORS), which it refuses.
REQUEST_HEADER = "X-Flexwijs"
HANDOFF_SECONDS = 60
RESUME_AUDIT_EVERY = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Session:
    """A browser session as the database has it (never the id itself)."""

    session_hash: str
    user_id: int
    expires_at: dt.datetime


@dataclass(frozen=True)
class Started:
    session: Session
    cookie: str          # what the browser keeps: the id and its signature
    max_age: int         # seconds


def roles_key(key: bytes, viewer: Viewer) -> str:
    """What the session was granted for: roles, classes and staff link, as a keyed hash."""
    granted = (f"{','.join(sorted(viewer.roles))}|{','.join(map(str, sorted(viewer.class_ids)))}"
               f"|{viewer.staff_id}")
    return auth.keyed_hash(key, "session-roles", granted)


def _signature(key: bytes, session_id: str) -> str:
    return hmac.new(key, f"session-cookie:{session_id}".encode(), hashlib.sha256).hexdigest()


def _session_hash(key: bytes, session_id: str) -> str:
    return auth.keyed_hash(key, "session", session_id)


def _verified_id(key: bytes, cookie: str | None) -> str | None:
    """The session id of a cookie whose signature holds, else None."""
    if not cookie or cookie.count(".") != 1 or len(cookie) > 200:
        return None
    session_id, signature = cookie.split(".")
    if not session_id or not hmac.compare_digest(signature, _signature(key, session_id)):
        return None
    return session_id


def start(db: Database, viewer: Viewer, now: dt.datetime | None = None) -> Started:
    """A new browser session for someone who just signed in."""
    key = auth.secret_key(db)
    now = now or clock.now()
    hours = int(settings.get(db, "session.hours"))
    session_id = token_source.token_urlsafe(32)
    session = Session(_session_hash(key, session_id), int(viewer.user_id),
                      now + dt.timedelta(hours=hours))
    audit = viewer.audit("session", "user", [viewer.user_id], detail=f"start hours={hours}")
    with db.transaction(audit) as tx:
        tx.execute("session/delete_expired", now=now)
        tx.execute("session/insert", session_hash=session.session_hash, user_id=session.user_id,
                   roles_key=roles_key(key, viewer), created_at=now,
                   expires_at=session.expires_at)
    return Started(session, f"{session_id}.{_signature(key, session_id)}", hours * 3600)


def check(db: Database, session_hash: str, viewer: Viewer,
          now: dt.datetime | None = None) -> bool:
    """Is this browser session still good for this viewer: not signed out, not expired, not
    ended by a change of the account, and granted for the roles the viewer has now?"""
    row = db.one("session/by_hash", session_hash=session_hash, now=now or clock.now())
    return (row is not None and int(row["user_id"]) == viewer.user_id
            and hmac.compare_digest(row["roles_key"], roles_key(auth.secret_key(db), viewer)))


def resume(db: Database, cookie: str | None, now: dt.datetime | None = None
           ) -> tuple[Session, Viewer] | None:
    """The session and viewer a cookie signs in (a refresh, a second tab), or None: a cookie
    altered, unknown, expired, signed out, or of an account that changed or is disabled."""
    key = auth.secret_key(db)
    session_id = _verified_id(key, cookie)
    if session_id is None:
        return None
    now = now or clock.now()
    row = db.one("session/by_hash", session_hash=_session_hash(key, session_id), now=now)
    if row is None:
        return None
    viewer = auth.load_viewer(db, int(row["user_id"]))
    if viewer is None or not hmac.compare_digest(row["roles_key"], roles_key(key, viewer)):
        return None
    session = Session(row["session_hash"], viewer.user_id, row["expires_at"])
    if row["resumed_at"] is None or now - row["resumed_at"] >= RESUME_AUDIT_EVERY:
        with db.transaction(viewer.audit("login", "user", [viewer.user_id],
                                         detail="cookie")) as tx:
            tx.execute("session/mark_resumed", session_hash=session.session_hash, now=now)
    return session, viewer


def end(db: Database, viewer: Viewer, session_hash: str | None) -> None:
    """Signing out: the audit entry, and the browser session gone, in one transaction."""
    with db.transaction(viewer.audit("logout", "user", [viewer.user_id])) as tx:
        if session_hash:
            tx.execute("session/delete", session_hash=session_hash)


def open_sessions(db: Database, user_id: int, now: dt.datetime | None = None) -> int:
    return int(db.scalar("session/count_user", user_id=user_id, now=now or clock.now()) or 0)


# -- the hand-off: from a script run to the route that sets the cookie ---------------------------

@dataclass
class _Handoff:
    cookie: str
    max_age: int
    deadline: float
    collected: bool = False


_handoffs: dict[str, _Handoff] = {}
_handoffs_lock = threading.Lock()


def hand_off(started: Started) -> str:
    """A one-time token the browser exchanges for the cookie within a minute."""
    token = token_source.token_urlsafe(32)
    with _handoffs_lock:
        _forget_old()
        _handoffs[token] = _Handoff(started.cookie, started.max_age,
                                    time.monotonic() + HANDOFF_SECONDS)
    return token


def collect(token: str) -> tuple[str, int] | None:
    """The cookie and its lifetime for a token, once; None for a token unknown, used or old."""
    with _handoffs_lock:
        _forget_old()
        handoff = _handoffs.get(token)
        if handoff is None or handoff.collected:
            return None
        handoff.collected = True
        return handoff.cookie, handoff.max_age


def waiting(token: str) -> bool:
    """Has the browser not yet collected this token (and may it still)?"""
    with _handoffs_lock:
        handoff = _handoffs.get(token)
        return handoff is not None and not handoff.collected and \
            handoff.deadline > time.monotonic()


def _forget_old() -> None:
    now = time.monotonic()
    for token in [t for t, h in _handoffs.items() if h.deadline <= now]:
        del _handoffs[token]
