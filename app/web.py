"""The Streamlit edge: what every page shares (database, sign-in, language, errors, header).

Pages import from here; nothing below ``app/`` except this module and ``app/main.py`` imports
Streamlit. Caching lives here too, at the edge, never in the logic, and every cached read is
keyed by the viewer's scope and the database's write version.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from typing import Any

import pandas as pd
import streamlit as st

from app import auth, charts, config, control, navigation, settings
from app.auth import Viewer
from app.db import Database
from app.errors import UserError
from app.i18n import Translator
from app.scope import Scope

log = logging.getLogger(__name__)

LANG_KEY = "app.lang"
USER_KEY = "auth.user_id"
OIDC_REFUSED_KEY = "auth.oidc_refused"
VIEWS_LOGGED_KEY = "auth.views_logged"


def _close(opened: tuple[Database, control.ControlServer | None]) -> None:
    db, server = opened
    if server is not None:
        server.close()
    db.close()


@st.cache_resource(show_spinner=False, on_release=_close)
def _open_database(path: str) -> tuple[Database, control.ControlServer | None]:
    db = Database(path)
    # While the app holds the file, `python -m app backup` asks the app through this channel.
    return db, control.serve(db)


def database() -> Database:
    """The process-wide database, shared by all sessions (reads by cursor, writes by lock)."""
    db, _ = _open_database(str(config.resolve_db_path(config.db_path_from_argv(sys.argv))))
    return db


@st.cache_data(show_spinner=False, ttl=600, max_entries=1000)
def _cached_read(path: str, version: int, name: str, scope: Scope,
                 params: tuple[tuple[str, Any], ...]) -> pd.DataFrame:
    # The scope is an argument, so one viewer's rows are never served to another; the version
    # changes with every write, so nobody sees data from before their own last save.
    return database().read(name, scope=scope, **dict(params))


def cached_read(name: str, scope: Scope | None, **params: Any) -> pd.DataFrame:
    db = database()
    return _cached_read(str(db.path), db.version, name, scope, tuple(sorted(params.items())))


class CachedReader:
    """Reads like a Database (``read``), answered from the cache: for pages that run heavy
    queries on every rerun (a widget click) while the data stays as it was."""

    def read(self, name: str, /, scope: Scope | None = None, **params: Any) -> pd.DataFrame:
        return cached_read(name, scope, **params)


@st.cache_data(show_spinner=False, ttl=600, max_entries=100)
def _flex_checks(path: str, version: int, plan_id: int, lang: str) -> list:
    from app.flex import plans

    db = database()
    return plans.checks(db, plans.plan(db, plan_id), lang)


def flex_checks(plan_id: int, lang: str) -> list:
    """The checks before publishing a plan, computed once per plan and database version."""
    db = database()
    return _flex_checks(str(db.path), db.version, plan_id, lang)


@st.cache_data(show_spinner=False, ttl=600, max_entries=100)
def _flex_diff(path: str, version: int, scope: Scope, plan_id: int, lang: str) -> tuple:
    from app.flex import plans

    db = database()
    changes, base = plans.diff(db, scope, plans.plan(db, plan_id), lang)
    return changes, base


def flex_diff(scope: Scope, plan_id: int, lang: str) -> tuple:
    """Who switches, joins or leaves against the plan before, per viewer's scope."""
    db = database()
    return _flex_diff(str(db.path), db.version, scope, plan_id, lang)


# -- language ---------------------------------------------------------------------------------

def language() -> str:
    lang = st.session_state.get(LANG_KEY)
    return lang if lang in config.LANGUAGES else config.default_language()


def translator() -> Translator:
    return Translator(language())


def language_switch(t: Translator) -> None:
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = language()
    st.sidebar.segmented_control(
        t("app.language"),
        options=list(config.LANGUAGES),
        format_func=lambda code: t(f"language.{code}"),
        key=LANG_KEY,
        required=True,
    )


def lang_key(base: str) -> str:
    """The key of a widget whose option labels are in the interface language.

    A keyed selectbox keeps showing its labels in the old language after a switch
    (streamlit/streamlit#13788), so the key carries the language; the chosen value moves
    over to the new key, and Streamlit drops the old one when it is no longer drawn."""
    key = f"{base}@{language()}"
    if key not in st.session_state:
        for other in config.LANGUAGES:
            if f"{base}@{other}" in st.session_state:
                st.session_state[key] = st.session_state[f"{base}@{other}"]
                break
    return key


def school_settings() -> dict:
    return settings.load(database())


# -- signing in -------------------------------------------------------------------------------

def oidc_configured() -> bool:
    """True when the school set up OpenID Connect in .streamlit/secrets.toml ([auth])."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def _identity_signed_in() -> bool:
    # st.user raises AttributeError instead of answering False when no identity is present.
    return bool(getattr(st.user, "is_logged_in", False))


def current_viewer() -> Viewer | None:
    """The signed-in viewer, read fresh from the users table on every run."""
    db = database()
    user_id = st.session_state.get(USER_KEY)
    if user_id is not None:
        viewer = auth.load_viewer(db, int(user_id))
        if viewer is None:  # disabled or removed meanwhile: out at once
            del st.session_state[USER_KEY]
        return viewer
    if oidc_configured() and _identity_signed_in():
        email = str(getattr(st.user, "email", "") or "")
        if st.session_state.get(OIDC_REFUSED_KEY) == email:
            return None
        try:
            viewer = auth.sign_in_by_identity(db, email)
        except UserError:
            st.session_state[OIDC_REFUSED_KEY] = email
            return None
        st.session_state[USER_KEY] = viewer.user_id
        return viewer
    return None


def start_session(viewer: Viewer) -> None:
    st.session_state[USER_KEY] = viewer.user_id
    st.session_state.pop(VIEWS_LOGGED_KEY, None)


def sign_out(viewer: Viewer) -> None:
    auth.record_sign_out(database(), viewer)
    for key in (USER_KEY, VIEWS_LOGGED_KEY, OIDC_REFUSED_KEY):
        st.session_state.pop(key, None)
    if oidc_configured() and _identity_signed_in():
        st.logout()


def user_box(viewer: Viewer, t: Translator) -> None:
    with st.sidebar:
        st.caption(t("auth.signed_in_as", name=viewer.name))
        st.caption(", ".join(t(f"role.{r}") for r in sorted(viewer.roles)))
        if st.button(t("auth.sign_out"), key="auth.sign_out", icon=":material/logout:"):
            sign_out(viewer)
            st.rerun()


def page_access(page_key: str) -> Viewer:
    """The first line of every page: the viewer, or a clear refusal and nothing else."""
    viewer = current_viewer()
    spec = navigation.page(page_key)
    if viewer is None or not navigation.allowed(spec, viewer.roles):
        t = translator()
        st.error(t("access.refused"), icon=":material/block:")
        if viewer is not None:
            database_audit_refusal(viewer, spec.key)
        st.stop()
    if spec.personal:
        _log_view_once(viewer, spec.key)
    return viewer


def database_audit_refusal(viewer: Viewer, page_key: str) -> None:
    audit = viewer.audit("view", "page", detail=page_key)
    audit.outcome = "refused"
    database().record(audit)


def _log_view_once(viewer: Viewer, page_key: str) -> None:
    """Opening a page with personal data is logged once per sign-in, not on every rerun."""
    seen = st.session_state.setdefault(VIEWS_LOGGED_KEY, set())
    if page_key in seen:
        return
    database().record(viewer.audit("view", "page", detail=page_key))
    seen.add(page_key)


# -- exports ------------------------------------------------------------------------------------

def export_buttons(viewer: Viewer, t: Translator, kind: str, key: str, **options) -> None:
    """CSV and XLSX downloads of an export; the file is made (and logged) only when clicked."""
    from app import export

    def make(fmt: str):
        def build() -> bytes:
            return export.export(database(), viewer.scope, viewer.audit("export"), kind, fmt,
                                 t, **options).data
        return build

    stamp = f"flexwijs-{kind}"
    row = st.container(horizontal=True)
    row.download_button(t("export.csv"), data=make("csv"), file_name=f"{stamp}.csv",
                         mime="text/csv", key=f"{key}.csv", icon=":material/download:")
    row.download_button(
        t("export.xlsx"), data=make("xlsx"), file_name=f"{stamp}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}.xlsx", icon=":material/download:")


# -- flex weeks -----------------------------------------------------------------------------------

def week_picker(t: Translator, key: str) -> tuple[str, int, pd.DataFrame] | None:
    """The flex week a page is about (default: this week, else the next flex week), its cycle,
    and all flex weeks of the school year; None, with a message, when none are planned."""
    from app import clock, school_calendar
    from app.flex import board

    today = clock.today()
    weeks = board.weeks(database(), school_calendar.school_year_of(today))
    if weeks.empty:
        st.info(t("flex_board.no_weeks"))
        return None
    week_ids = list(weeks["week_id"])
    key = lang_key(key)
    if st.session_state.get(key) not in week_ids:
        st.session_state[key] = week_ids[board.default_week(weeks, today)]
    week_id = st.selectbox(t("flex_board.week"), week_ids, key=key,
                           format_func=lambda w: board.week_label(weeks, w, t))
    return week_id, int(weeks.loc[weeks["week_id"] == week_id, "cycle_id"].iloc[0]), weeks


# -- saving ---------------------------------------------------------------------------------------

class Saves:
    """A page's save cycle. `version` goes up with every save and is part of its editors' and
    forms' keys, so after a save they start from what is stored; the message of a save is shown
    on the run that follows it (a toast shown just before st.rerun() would be lost)."""

    def __init__(self, page_key: str, counter: str = "") -> None:
        self._counter = f"{page_key}.version{counter}"
        self._message = f"{page_key}.toast"
        self.version: int = st.session_state.setdefault(self._counter, 0)
        if message := st.session_state.pop(self._message, None):
            st.toast(message, icon=":material/task_alt:")

    def saved(self, message: str, *, forget: tuple[str, ...] = ()) -> None:
        """Count the save, keep its message for the next run, drop `forget` keys, rerun."""
        st.session_state[self._counter] = self.version + 1
        st.session_state[self._message] = message
        for key in forget:
            st.session_state.pop(key, None)
        st.rerun()


def edited_frame(original: pd.DataFrame, key: str) -> tuple[pd.DataFrame, list[int]]:
    """What st.data_editor `key` made of `original` (rows by position): the edited rows with the
    added ones after them, and the positions of the rows deleted."""
    state = st.session_state.get(key) or {}
    frame = original.copy()
    for position, change in (state.get("edited_rows") or {}).items():
        for column, value in change.items():
            frame.loc[frame.index[int(position)], column] = value
    removed = [int(p) for p in state.get("deleted_rows") or []]
    kept = frame.drop(index=[frame.index[p] for p in removed])
    added = pd.DataFrame(state.get("added_rows") or [], columns=original.columns)
    return pd.concat([kept, added], ignore_index=True), removed


# -- drawing ------------------------------------------------------------------------------------

def page_link(page_key: str, label: str, icon: str | None = None, **kwargs) -> None:
    """A link to another page of ours. st.Page got an absolute path (app/main.py), and a
    relative one would be resolved against app/, where no pages live."""
    st.page_link(str(config.PROJECT_ROOT / navigation.page(page_key).path), label=label,
                 icon=icon, **kwargs)


def chart(figure, t: Translator, **kwargs):
    """Draw an Altair chart with numbers written the local way (72,5 in Dutch)."""
    return st.altair_chart(charts.localized(figure, t), width="stretch", **kwargs)


def header(t: Translator, page_key: str) -> None:
    st.title(t(f"page.{page_key}.title"))
    if t.has(f"page.{page_key}.intro"):
        st.caption(t(f"page.{page_key}.intro"))


@contextlib.contextmanager
def friendly_errors(t: Translator) -> Iterator[None]:
    """Show a message in the reader's language instead of a traceback.

    Streamlit's own control flow (st.rerun, st.stop, st.switch_page) raises BaseException
    subclasses, which pass through untouched.
    """
    try:
        yield
    except UserError as error:
        st.error(error.render(t), icon=":material/error:")
    except Exception:
        log.exception("page failed")
        st.error(t("error.unexpected"), icon=":material/error:")
