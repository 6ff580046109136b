"""Who is signed in, what they may do, and how they got in.

Roles come from our own users table, looked up by e-mail: never from anything the user sends.
Schools with Microsoft 365 or Google Workspace sign in through OpenID Connect (``st.login``);
otherwise local accounts hold an argon2id hash (argon2-cffi), never a password. Failed sign-ins
are throttled per e-mail address and per network address, both kept only as keyed hashes.
Every failure in the window counts, also when a success came in between; an address nobody can
know (a browser on the server itself, where Streamlit gives no address) shares one bucket.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets as token_source
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app import clock, settings
from app.audit import Audit
from app.db import Database
from app.errors import UserError
from app.school import school_calendar
from app.scope import EVERYTHING, Scope

ROLES = ("admin", "director", "flex_team", "class_council", "teacher", "adviser")
# Roles that see every learner: they compose groups, run the school, or manage its data.
ALL_LEARNER_ROLES = frozenset({"admin", "director", "flex_team"})
# Other staff members' professional-development requests and appraisal data: the director only.
STAFF_DATA_ROLES = frozenset({"director"})

MIN_PASSWORD_LENGTH = 10
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20
THROTTLE_WINDOW = dt.timedelta(minutes=15)
# Where no address is known, every such sign-in shares this one bucket: throttled together
# rather than not at all.
UNKNOWN_ADDRESS = "unknown"
DEMO_PASSWORD = "demo"

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_hasher = PasswordHasher()  # argon2id with the library's RFC 9106 defaults
# Verifying against this when the e-mail is unknown keeps the timing the same either way.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


@dataclass(frozen=True)
class Viewer:
    """The signed-in person: roles, and the scope their queries run with."""

    user_id: int | None
    email: str
    name: str
    roles: frozenset[str]
    staff_id: int | None = None
    class_ids: tuple[int, ...] = ()
    is_demo: bool = False
    command_line: bool = False   # python -m app: whoever holds the database file

    @property
    def scope(self) -> Scope:
        if self.command_line:
            return EVERYTHING
        leader = self.staff_id if self.roles & {"teacher", "flex_team"} else None
        return Scope(
            all_learners=bool(self.roles & ALL_LEARNER_ROLES),
            class_ids=self.class_ids if "class_council" in self.roles else (),
            leader_staff_id=leader,
            # A flex leader sees the learners of this school year's published plans: the year of
            # the app's today (pinned in tests and demos), read on every page run.
            school_year=school_calendar.school_year_of(clock.today()) if leader else None,
            user_id=self.user_id,
            staff_data=bool(self.roles & STAFF_DATA_ROLES),
        )

    def has(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))

    def audit(self, action: str, entity: str | None = None, record_ids=(), detail=None) -> Audit:
        return Audit(action=action, entity=entity, user_id=self.user_id,
                     scope="cli" if self.command_line else self.scope.key,
                     record_ids=[str(r) for r in record_ids], detail=detail)


# The command line acts as the administrator: whoever can run it holds the database file.
COMMAND_LINE = Viewer(user_id=None, email="", name="", roles=frozenset({"admin"}),
                      command_line=True)


# -- passwords --------------------------------------------------------------------------------

def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError("auth.error.password_short", minimum=MIN_PASSWORD_LENGTH)


def generate_password() -> str:
    """Sixteen random characters, shown once to the administrator who asked for it."""
    return token_source.token_urlsafe(12)


def _verify(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    if not _EMAIL.match(email):
        raise UserError("auth.error.email_invalid")
    return email


# -- keyed hashes -------------------------------------------------------------------------------

def secret_key(db: Database) -> bytes:
    """The school's own key for keyed hashes, made on first use and kept in the database."""
    stored = db.scalar("common/secret")
    if stored is None:
        with db.transaction(Audit("setup", "secret", scope="system")) as tx:
            stored = tx.scalar("common/secret")
            if stored is None:
                stored = f'"{token_source.token_hex(32)}"'
                tx.execute("common/upsert_setting", key="secret.hmac_key", value=stored)
    return stored.strip('"').encode()


def keyed_hash(key: bytes, kind: str, value: str) -> str:
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


# -- signing in ---------------------------------------------------------------------------------

def load_viewer(db: Database, user_id: int) -> Viewer | None:
    """The viewer for a user id, or None when the account is gone, disabled, or a demo account
    outside demo mode. Read on every page run, so a change of roles takes effect at once."""
    row = db.one("auth/user", user_id=user_id)
    if row is None or not row["is_active"]:
        return None
    if row["is_demo"] and not settings.get(db, "school.demo"):
        return None
    return Viewer(
        user_id=int(row["user_id"]),
        email=row["email"],
        name=row["display_name"],
        roles=frozenset(row["roles"]),
        staff_id=row["staff_id"],
        class_ids=tuple(int(c) for c in row["class_ids"]),
        is_demo=bool(row["is_demo"]),
    )


def client_address(peer: str | None, forwarded: str | None = None, hops: int = 1) -> str:
    """The address a sign-in comes from, for the throttle.

    `peer` is the connection's own address (None for a browser on the server itself, and for
    a reverse proxy on the same machine). `forwarded` is the proxy's header (X-Forwarded-For),
    passed only when the school said its proxy sets it: a browser can write anything at the
    left of that header, but not the entries the proxies append, so the entry `hops` from the
    right is the one the school's own proxy saw."""
    if forwarded:
        entries = [e.strip() for e in forwarded.split(",") if e.strip()]
        if entries:
            return entries[-hops] if len(entries) >= hops else entries[0]
    return peer or UNKNOWN_ADDRESS


def _wait_minutes(db: Database, subject: str, limit: int, now: dt.datetime) -> int | None:
    row = db.one("auth/recent_failures", subject_hash=subject, since=now - THROTTLE_WINDOW)
    if row and row["failures"] >= limit:
        free_at = row["latest"] + THROTTLE_WINDOW
        return max(1, int((free_at - now).total_seconds() // 60) + 1)
    return None


def _record_failure(db: Database, subjects: list[str], now: dt.datetime, detail: str) -> None:
    with db.transaction(Audit("login", "user", outcome="refused", detail=detail)) as tx:
        for subject in subjects:
            tx.execute("auth/record_attempt", subject_hash=subject, succeeded=False,
                       attempted_at=now)


def sign_in(db: Database, email: str, password: str, address: str | None = None) -> Viewer:
    """Check a local account's password. Throttled per account and per address (see
    `client_address`; None is the shared unknown bucket); every attempt is logged without the
    e-mail. The address limit holds whatever e-mail addresses are tried from it."""
    key = secret_key(db)
    now = clock.now()
    by_address = keyed_hash(key, "address", address or UNKNOWN_ADDRESS)
    try:
        email = normalise_email(email)
    except UserError:
        _record_failure(db, [by_address], now, "invalid")
        raise UserError("auth.error.invalid") from None
    subjects = [keyed_hash(key, "email", email), by_address]
    wait = _wait_minutes(db, subjects[0], MAX_FAILURES_PER_ACCOUNT, now)
    if wait is None:
        wait = _wait_minutes(db, by_address, MAX_FAILURES_PER_ADDRESS, now)
    if wait is not None:
        _record_failure(db, subjects, now, "throttled")
        raise UserError("auth.error.throttled", minutes=wait)

    user = db.one("auth/user_by_email", email=email)
    ok = _verify(user["password_hash"] if user else None, password)
    viewer = load_viewer(db, int(user["user_id"])) if ok and user else None
    audit = Audit("login", "user", user_id=user["user_id"] if viewer else None,
                  outcome="ok" if viewer else "refused",
                  detail="password" if viewer else "invalid")
    with db.transaction(audit) as tx:
        for subject in subjects:
            tx.execute("auth/record_attempt", subject_hash=subject, succeeded=viewer is not None,
                       attempted_at=now)
        if viewer:
            tx.execute("auth/touch_login", user_id=viewer.user_id)
            if _hasher.check_needs_rehash(user["password_hash"]):
                tx.execute("auth/set_password", user_id=viewer.user_id,
                           password_hash=hash_password(password))
    if viewer is None:
        raise UserError("auth.error.invalid")
    return viewer


def sign_in_by_identity(db: Database, email: str) -> Viewer:
    """After OpenID Connect: the identity provider vouches for the e-mail; our table says who."""
    email = normalise_email(email)
    user = db.one("auth/user_by_email", email=email)
    viewer = load_viewer(db, int(user["user_id"])) if user else None
    audit = Audit("login", "user", user_id=viewer.user_id if viewer else None,
                  outcome="ok" if viewer else "refused", detail="oidc")
    with db.transaction(audit) as tx:
        if viewer:
            tx.execute("auth/touch_login", user_id=viewer.user_id)
    if viewer is None:
        raise UserError("auth.error.no_account")
    return viewer


# -- managing accounts --------------------------------------------------------------------------

def users(db: Database):
    return db.read("auth/users")


def has_users(db: Database) -> bool:
    return bool(db.scalar("auth/count_users"))
