"""The Streamlit edge: what every page shares (database, sign-in, language, errors, header).

Pages import from here; nothing below ``app/`` except this module and ``app/main.py`` imports
Streamlit. Caching lives here too, at the edge, never in the logic, and every cached read is
keyed by the viewer's scope and the database's write version.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import logging
import sys
from collections.abc import Iterator
from typing import Any, NamedTuple

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler
from streamlit.errors import StreamlitPageNotFoundError

from app import auth, charts, clock, config, display, look, navigation, sessions, settings
from app.admin import control
from app.auth import Viewer
from app.blank import is_blank
from app.db import Database
from app.errors import DiskFull, UserError
from app.i18n import Translator, plain
from app.scope import Scope

log = logging.getLogger(__name__)

LANG_KEY = "app.lang"
USER_KEY = "auth.user_id"
OIDC_REFUSED_KEY = "auth.oidc_refused"
VIEWS_LOGGED_KEY = "auth.views_logged"
# The browser session of a local sign-in (app/sessions.py): the keyed hash of its id, the
# one-time token the browser has yet to exchange for its cookie, that the cookie is to be
# cleared (after signing out), and a cookie this session found no good (not asked again).
SESSION_KEY = "auth.session"
HANDOFF_KEY = "auth.handoff"
CLEAR_COOKIE_KEY = "auth.clear_cookie"
COOKIE_REFUSED_KEY = "auth.cookie_refused"
# The page a signed-out visitor asked for (a deep link): opened once they have signed in.
ASKED_KEY = "auth.asked_page"


def _close(opened: tuple[Database, control.ControlServer | None]) -> None:
    db, server = opened
    if server is not None:
        server.close()
    db.close()


# One Database for every session. When DuckDB invalidates the file after a fatal error (a full
# disk), the Database opens it again itself (app.db.Database._reopen), so this cached object
# never holds a dead connection.
@st.cache_resource(show_spinner=False, on_release=_close)
def _open_database(path: str) -> tuple[Database, control.ControlServer | None]:
    db = Database(path)
    _finish_erasures(db)
    # While the app holds the file, `python -m app backup` asks the app through this channel.
    return db, control.serve(db)


def _finish_erasures(db: Database) -> None:
    """An erasure cut off by a crash is finished on start (its copies, the file's rewrite);
    what cannot be finished is shown on Beheer › Privacy, never a reason not to start."""
    from app.admin import privacy

    waiting, rewrite = privacy.pending(db)
    if not (waiting or rewrite):
        return
    try:
        # Whoever starts the app holds the database file: the command line's rights.
        done = privacy.finish(db, auth.COMMAND_LINE)
    except UserError:
        log.exception("an unfinished erasure could not be finished on start")
        return
    log.warning("finished an erasure on start: %s", " ".join(
        privacy.describe(done, Translator("en"))))


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
def _flex_checks(path: str, version: int, plan_id: int, lang: str, today) -> list:
    from app.flex import plans

    db = database()
    return plans.checks(db, plans.plan(db, plan_id), lang, today)


def flex_checks(plan_id: int, lang: str) -> list:
    """The checks before publishing a plan, computed once per plan and database version."""
    db = database()
    return _flex_checks(str(db.path), db.version, plan_id, lang, clock.today())


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


def client_address() -> str:
    """The address a sign-in comes from, for the throttle (see auth.client_address). Behind a
    reverse proxy every browser arrives from the proxy's address (or none, when the proxy runs
    on the same machine); the school names the header its proxy sets in secrets.toml:

        [proxy]
        client_header = "X-Forwarded-For"
        hops = 1          # proxies that append to it; the last one is the school's own

    Without that, the header is ignored: any browser could write one."""
    try:
        proxy = dict(st.secrets.get("proxy", {}))
    except Exception:  # no secrets file at all
        proxy = {}
    header = proxy.get("client_header")
    forwarded = ",".join(st.context.headers.get_all(header)) if header else None
    peer = st.context.ip_address
    # Anything but text is no address (Streamlit's AppTest hands out a stand-in object).
    return auth.client_address(peer if isinstance(peer, str) else None, forwarded,
                               int(proxy.get("hops", 1)))


def _identity_signed_in() -> bool:
    # st.user raises AttributeError instead of answering False when no identity is present.
    return bool(getattr(st.user, "is_logged_in", False))


def current_viewer() -> Viewer | None:
    """The signed-in viewer, read fresh from the users table on every run: from this tab's
    sign-in, else from the browser's session cookie (a refresh, a second tab), else from the
    school's identity provider."""
    db = database()
    user_id = st.session_state.get(USER_KEY)
    if user_id is not None:
        viewer = auth.load_viewer(db, int(user_id))
        session_hash = st.session_state.get(SESSION_KEY)
        if viewer is not None and session_hash is not None and \
                not sessions.check(db, session_hash, viewer):
            viewer = None  # signed out in another tab, roles changed, or the day is over
        if viewer is None:  # disabled or removed meanwhile: out at once
            for key in (USER_KEY, SESSION_KEY, HANDOFF_KEY, VIEWS_LOGGED_KEY):
                st.session_state.pop(key, None)
        return viewer
    if (resumed := _from_cookie(db)) is not None:
        return resumed
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


def _from_cookie(db: Database) -> Viewer | None:
    """A browser session from this browser's cookie, read once per cookie: st.context.cookies
    holds what the browser sent when this tab connected (Streamlit gives no later ones)."""
    cookie = st.context.cookies.get(sessions.COOKIE)
    if not isinstance(cookie, str) or not cookie:  # AppTest hands out a stand-in object
        return None
    seen = hashlib.sha256(cookie.encode()).hexdigest()
    if st.session_state.get(COOKIE_REFUSED_KEY) == seen:
        return None
    resumed = sessions.resume(db, cookie)
    if resumed is None:
        st.session_state[COOKIE_REFUSED_KEY] = seen
        return None
    session, viewer = resumed
    st.session_state[USER_KEY] = viewer.user_id
    st.session_state[SESSION_KEY] = session.session_hash
    st.session_state[COOKIE_REFUSED_KEY] = seen  # this cookie is in use: never read it again
    return viewer


def start_session(viewer: Viewer) -> None:
    """After a sign-in with a local account: a browser session, whose cookie the browser
    collects on the next run (see browser_scripts)."""
    try:
        started = sessions.start(database(), viewer)
    except DiskFull:
        # A full disk must not lock people out: signed in for this tab, without a lasting
        # session (a refresh asks again) until there is room.
        st.session_state[USER_KEY] = viewer.user_id
        st.session_state.pop(VIEWS_LOGGED_KEY, None)
        return
    st.session_state[USER_KEY] = viewer.user_id
    st.session_state[SESSION_KEY] = started.session.session_hash
    st.session_state[HANDOFF_KEY] = sessions.hand_off(started)
    st.session_state.pop(VIEWS_LOGGED_KEY, None)
    st.session_state.pop(CLEAR_COOKIE_KEY, None)


def after_sign_in() -> None:
    """Open the page the visitor asked for (a deep link), else the start page. Every page's
    address leads to the sign-in page while nobody is signed in (app/main.py), so the address
    in the browser is still the one asked for; the sign-in page's own address is not a page of
    a signed-in user."""
    if st.session_state.pop(ASKED_KEY, None):
        st.rerun()
    # The root: the sign-in page while signed out, the start page from the next run on. (Not
    # the start page's own address: that would cost a second redirect, and a click made during
    # it is lost.)
    st.switch_page(config.PROJECT_ROOT / navigation.LOGIN.path)


def sign_out(viewer: Viewer) -> None:
    """Out of this tab and of every other tab of this browser session at once: the session's
    row goes (the other tabs find it gone on their next run), and the cookie is cleared."""
    sessions.end(database(), viewer, st.session_state.get(SESSION_KEY))
    for key in (USER_KEY, SESSION_KEY, HANDOFF_KEY, VIEWS_LOGGED_KEY, OIDC_REFUSED_KEY):
        st.session_state.pop(key, None)
    st.session_state[CLEAR_COOKIE_KEY] = True
    if oidc_configured() and _identity_signed_in():
        st.logout()


SIGN_IN_NOTICE_KEY = "login.notice"


def notice_on_sign_in(message: str) -> None:
    """A message for the sign-in page that follows (an action that signed its user out)."""
    st.session_state[SIGN_IN_NOTICE_KEY] = message


def pending_sign_in_notice() -> str | None:
    return st.session_state.pop(SIGN_IN_NOTICE_KEY, None)


_COOKIE_SCRIPT = """<script>
fetch({path}, {{method: "POST", credentials: "same-origin", cache: "no-store",
  headers: {{"{header}": "1", "Content-Type": "application/json"}}, body: {body}}});
</script>"""


# On a narrow screen the sidebar lies over the page. Streamlit 1.67 closes it after a page is
# chosen only when the browser's user agent says "mobile" (streamlit/streamlit#4841, index.js
# `deviceType === "mobile"`), so a small window, a tablet asking for the desktop site or a
# phone browser in desktop mode keeps it open over the page it just opened
# (streamlit/streamlit#7509). Below Streamlit's own breakpoint for that overlay (768 px), a
# click on a page of the navigation presses the sidebar's own close button.
_CLOSE_SIDEBAR_SCRIPT = """<script>
if (!window.flexwijsClosesSidebar) {
  window.flexwijsClosesSidebar = true;
  document.addEventListener("click", (event) => {
    if (!(event.target instanceof Element)
        || !event.target.closest('[data-testid="stSidebarNav"] a')
        || window.innerWidth >= 768) { return; }
    setTimeout(() => {
      const close = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (close && close.getAttribute("aria-expanded") === "true") { close.click(); }
    }, 50);
  }, true);
}
</script>"""


def browser_scripts() -> None:
    """What the browser does that a run cannot: speak the reader's language where Streamlit
    draws its own English (app/look.py), close the sidebar on a narrow screen after a
    page is chosen, and collect the session cookie after a sign-in (or clear it after signing
    out) from our routes (app/server.py), since Streamlit offers no way to set a cookie from a
    run. Drawn in a container that takes no room (app/look.py)."""
    token = st.session_state.get(HANDOFF_KEY)
    clear = st.session_state.pop(CLEAR_COOKIE_KEY, False)
    if token is not None and not sessions.waiting(token):
        st.session_state.pop(HANDOFF_KEY, None)
        token = None
    with st.container(key="flexwijs-browser"):
        st.html(_CLOSE_SIDEBAR_SCRIPT, unsafe_allow_javascript=True)
        st.html(look.interface_script(translator()), unsafe_allow_javascript=True)
        if token is None and not clear:
            return
        path, body = ((sessions.ROUTE, {"token": token}) if token is not None
                      else (sessions.END_ROUTE, {}))
        st.html(_COOKIE_SCRIPT.format(path=json.dumps(path), header=sessions.REQUEST_HEADER,
                                      body=json.dumps(json.dumps(body))),
                unsafe_allow_javascript=True)


def user_box(viewer: Viewer, t: Translator) -> None:
    with st.sidebar:
        st.caption(t.md("auth.signed_in_as", name=viewer.name))
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


class OpenPage(NamedTuple):
    viewer: Viewer
    t: Translator
    db: Database | CachedReader


def open_page(page_key: str, *, cached: bool = False) -> OpenPage:
    """The first line of every page: who is looking (or a refusal and nothing else), the words
    in their language, the database, and the page's title and introduction drawn. `cached`
    reads through CachedReader, for pages whose sums run over a whole year."""
    viewer = page_access(page_key)
    t = translator()
    db = CachedReader() if cached else database()
    header(t, page_key)
    return OpenPage(viewer, t, db)


def database_audit_refusal(viewer: Viewer, page_key: str) -> None:
    audit = viewer.audit("view", "page", detail=page_key)
    audit.outcome = "refused"
    database().record(audit)


def _log_view_once(viewer: Viewer, page_key: str) -> None:
    """Opening a page with personal data is logged once per sign-in, not on every rerun."""
    seen = st.session_state.setdefault(VIEWS_LOGGED_KEY, set())
    if page_key in seen:
        return
    try:
        database().record(viewer.audit("view", "page", detail=page_key))
    except DiskFull:
        # The administrator needs this page (a backup, an erasure) most when the disk is full.
        # The visit stays unlogged in this session, so the next run writes it: nothing is lost.
        st.warning(translator()("access.view_not_logged"), icon=":material/hard_drive:")
        return
    seen.add(page_key)


# -- exports ------------------------------------------------------------------------------------

def export_buttons(viewer: Viewer, t: Translator, kind: str, key: str, **options) -> None:
    """CSV and XLSX downloads of an export; the file is made (and logged) only when clicked.
    Its name is the one ``export.export`` gives it, in the reader's language."""
    from app import clock, export

    def make(fmt: str):
        def build() -> bytes:
            return export.export(database(), viewer, kind, fmt, t, **options).data
        return build

    stamp = f"{export.file_stem(kind, t)}-{clock.today().isoformat()}"
    row = st.container(horizontal=True)
    row.download_button(t("export.csv"), data=make("csv"), file_name=f"{stamp}.csv",
                         mime="text/csv", key=f"{key}.csv", icon=":material/download:")
    row.download_button(
        t("export.xlsx"), data=make("xlsx"), file_name=f"{stamp}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}.xlsx", icon=":material/download:")


# -- widgets with Streamlit's own English ---------------------------------------------------------
# Every page draws these through here, so none can forget our words (a test refuses st.selectbox,
# st.multiselect and st.file_uploader anywhere else).

def selectbox(label: str, options, *, key: str, where=None, **kwargs):
    """st.selectbox with our placeholder ("Kies ...", or "Niets om te kiezen" when there are
    no options) instead of Streamlit's "Choose an option" / "No options to select"."""
    t = translator()
    options = list(options)
    kwargs.setdefault("placeholder", t("widget.choose" if options else "widget.no_options"))
    if not options:
        kwargs["disabled"] = True
    return (where or st).selectbox(label, options, key=key, **kwargs)


def multiselect(label: str, options, *, key: str, where=None, **kwargs):
    """st.multiselect with our placeholder instead of "Choose options", and without its
    "Select all" entry, whose English label has no parameter (select_all=False)."""
    t = translator()
    options = list(options)
    kwargs.setdefault("placeholder", t("widget.choose_many" if options else "widget.no_options"))
    kwargs.setdefault("select_all", False)
    if not options:
        kwargs["disabled"] = True
    return (where or st).multiselect(label, options, key=key, **kwargs)


def dataframe(data, **kwargs):
    """st.dataframe, with two things Streamlit 1.67 cannot do itself:

    - an empty table says so in words ("Niets om te tonen.") instead of the grid's own
      English "empty" (drawn on its canvas, no parameter); returns None then, as a table
      nobody can select in;
    - it prints whole: the grid is a canvas drawn at the screen's width and scrolls inside
      itself, so on paper it is cut at the right and after its first rows. A static copy
      (st.table, the same values and formats) stands beside it, shown only in print, and
      the grid only on screen (app/look.py)."""
    frame = data.data if isinstance(data, Styler) else data
    if frame is None or len(frame) == 0:
        st.caption(translator()("widget.table.empty"))
        return None
    shown = st.dataframe(data, **kwargs)
    st.table(_printable(data, frame, kwargs))
    return shown


# A print copy longer than this is cut, and its last row says how many rows the export holds
# more: every cell of it is drawn on every run, and 4,000 rows of the board's comparison cost
# the flex team 0.4 s a click (measured at 2,000 learners) for 80 pages nobody prints.
PRINT_ROWS = 300


def _printable(data, frame: pd.DataFrame, kwargs: dict) -> Styler:
    """The print copy of a table: the columns the grid shows, under the grid's labels, with
    the grid's Styler formats, else each value written the reader's way (72,5; 14/10/2026);
    at most PRINT_ROWS rows, the rest counted in a last row."""
    t = translator()
    more = max(0, len(frame) - PRINT_ROWS)
    frame = frame.iloc[:PRINT_ROWS]
    config = kwargs.get("column_config") or {}
    order = kwargs.get("column_order") or list(frame.columns)
    columns = [c for c in order if c in frame.columns and
               not (c in config and config[c] is None)]
    labels = {c: (config[c].get("label") if isinstance(config.get(c), dict) else
                  config[c] if isinstance(config.get(c), str) else None) or str(c)
              for c in columns}
    # st.table draws every cell and header as Markdown (unlike the grid): the copy holds the
    # texts the grid shows, each made plain, so a name like ![x](http://...) stays text there.
    if isinstance(data, Styler):
        formats = data._display_funcs  # pandas keeps no public accessor for a cell's format
        at = {c: frame.columns.get_loc(c) for c in columns}
        texts = {c: [formats[(row, at[c])](frame.iat[row, at[c]]) for row in range(len(frame))]
                 for c in columns}
    else:
        texts = {c: [_cell(v, t) for v in frame[c]] for c in columns}
    copy = pd.DataFrame({plain(labels[c]): [plain("–" if text is None else text)
                                            for text in texts[c]] for c in columns},
                        index=frame.index)
    if more and columns:
        note = {name: "" for name in copy.columns}
        note[copy.columns[0]] = t.plural("widget.table.print_more", more)
        copy = pd.concat([copy, pd.DataFrame([note])], ignore_index=True)
    styled = copy.style
    return styled.hide(axis="index") if kwargs.get("hide_index") else styled


def _cell(value: Any, t: Translator) -> str:
    if is_blank(value):
        return "–"
    if isinstance(value, bool):
        return t("common.yes") if value else t("common.no")
    if isinstance(value, pd.Timestamp):
        return t.datetime(value) if (value.hour or value.minute) else t.date(value.date())
    if isinstance(value, dt.date):
        return t.date(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return t.count(int(value)) if float(value).is_integer() else t.number(value, 2)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


UPLOAD_TYPES = ("csv", "txt", "tsv", "xlsx", "xls")


def file_uploader(label: str, *, key: str, types=UPLOAD_TYPES, where=None, **kwargs):
    """st.file_uploader with our words in the drop zone: its own texts are English and fixed
    (streamlit/streamlit#13500), so the style of app/look.py hides them and shows the
    catalogue's, with this uploader's own limit and file kinds."""
    t = translator()
    megabytes = int(school_settings()["import.max_megabytes"])
    st.html(look.uploader_limit(key, t("widget.upload.limit", megabytes=t.count(megabytes),
                                       kinds=t.join([k.upper() for k in types]))))
    return (where or st).file_uploader(label, type=list(types), key=key, **kwargs)


# -- flex weeks -----------------------------------------------------------------------------------

def week_picker(t: Translator, key: str) -> tuple[str, int, pd.DataFrame] | None:
    """The flex week a page is about (default: this week, else the next flex week), its cycle,
    and all flex weeks of the school year; None, with a message, when none are planned."""
    from app import clock
    from app.flex import board
    from app.school import school_calendar

    today = clock.today()
    weeks = board.weeks(database(), school_calendar.school_year_of(today))
    if weeks.empty:
        st.info(t("flex_board.no_weeks"))
        return None
    week_ids = list(weeks["week_id"])
    key = lang_key(key)
    if st.session_state.get(key) not in week_ids:
        st.session_state[key] = week_ids[board.default_week(weeks, today)]
    week_id = selectbox(t("flex_board.week"), week_ids, key=key,
                        format_func=lambda w: board.week_label(weeks, w, t))
    return week_id, int(weeks.loc[weeks["week_id"] == week_id, "cycle_id"].iloc[0]), weeks


def published_week(t: Translator, key: str, *, board_link: bool = False) -> tuple:
    """For the pages after publishing (the lists, the register): the flex week, its cycle and
    the version of that cycle that counts. Stops the page with a message when no flex week is
    planned or nothing is published yet (`board_link`: with the way to the board)."""
    from app.flex import plans

    picked = week_picker(t, key)
    if picked is None:
        st.stop()
    week_id, cycle_id, _ = picked
    plan = plans.latest_published(database(), cycle_id)
    if plan is None:
        st.info(t("flex_lists.not_published"), icon=":material/edit_calendar:")
        if board_link:
            page_link("flex_board", label=t("flex_lists.to_board"), icon=":material/view_week:")
        st.stop()
    return week_id, cycle_id, plan


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
            st.toast(plain(message), icon=":material/task_alt:")

    def saved(self, message: str, *, forget: tuple[str, ...] = (),
              show: tuple[str, Any] | None = None) -> None:
        """Count the save, keep its message for the next run, drop `forget` keys, rerun. A
        message with names in it comes from ``t.md``; any other text is shown as plain text.
        `show` is (a record_picker's key, a record): the picker opens on it next run (the
        round or trajectory just made)."""
        st.session_state[self._counter] = self.version + 1
        st.session_state[self._message] = message
        for key in forget:
            st.session_state.pop(key, None)
        if show is not None:
            st.session_state[_shown_key(show[0])] = show[1]
        st.rerun()


def _shown_key(picker_key: str) -> str:
    return f"{picker_key}.show"


def record_picker(label: str, ids: list, *, key: str, labels: dict, where=None):
    """A select box over records (their ids, drawn by `labels`): it opens on the record a save
    asked for (``Saves.saved(..., show=(key, id))``), else keeps its choice while that record
    is still there, else the first. The wish waits under its own key: a widget's own value
    cannot change once it is drawn, and a save comes after its picker."""
    wanted = st.session_state.pop(_shown_key(key), None)
    if wanted in ids:
        st.session_state[key] = wanted
    elif ids and st.session_state.get(key) not in ids:
        st.session_state[key] = ids[0]
    return selectbox(label, ids, key=key, format_func=labels.get, where=where)


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
    relative one would be resolved against app/, where no pages live. A page that is not in
    this run's navigation (a page opened on its own, as the access tests do) gets no link
    rather than an error: there is nowhere to go."""
    try:
        st.page_link(str(config.PROJECT_ROOT / navigation.page(page_key).path), label=label,
                     icon=icon, **kwargs)
    except StreamlitPageNotFoundError:
        return


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
    except display.FieldRefused:
        pass  # the field says why under itself; nothing was saved
    except UserError as error:
        st.error(error.render(t.md), icon=":material/error:")
    except Exception:
        log.exception("page failed")
        st.error(t("error.unexpected"), icon=":material/error:")


# == Values shown one way (app/display.py): tables, editors, number fields ====================
# (one block, kept together so that it merges apart from the widget helpers above)

def table(shown: display.Table, *, empty: str | None = None, **kwargs):
    """``st.dataframe`` of a ``display.table``: values written the local way by its Styler,
    dates as date cells, missing values empty (Streamlit draws "None" unless told otherwise).
    A table without rows is a caption instead: `empty`, else the general "no rows"."""
    config = {title: _column_config(column, shown.lang, editing=False)
              for title, column in shown.columns.items()}
    config.update(kwargs.pop("column_config", {}))
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("width", "stretch")
    if len(shown.styler.data) == 0:
        st.caption(empty or translator()("widget.table.empty"))
        return None
    drawn = st.dataframe(shown.styler, column_config=config, placeholder="", **kwargs)
    st.table(_printable(shown.styler, shown.styler.data, {**kwargs, "column_config": config}))
    return drawn


def editor(form: display.Form, key: str, **kwargs) -> pd.DataFrame:
    """``st.data_editor`` of a ``display.editor``: code columns as drop-downs of labels (the
    values stay codes), decimals as text written the local way, dates as date cells; the
    columns the form keeps but does not name are hidden."""
    config: dict[str, Any] = {name: None for name in form.frame.columns
                              if name not in form.columns}
    for name, column in form.columns.items():
        config[name] = _column_config(column, form.t.lang, editing=True, t=form.t)
    config.update(kwargs.pop("column_config", {}))
    disabled = [name for name, column in form.columns.items() if not column.editable]
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("width", "stretch")
    edited = st.data_editor(form.frame, key=key, column_config=config,
                            column_order=form.order,
                            disabled=disabled or kwargs.pop("disabled", False),
                            placeholder="", **kwargs)
    _print_copy_of_editor(form, edited, config)
    return edited


def _print_copy_of_editor(form: display.Form, edited: pd.DataFrame, config: dict) -> None:
    """An editor prints as its table does (see `dataframe`): a static copy of what it holds now,
    codes as their words (a page's own drop-down labels included). Decimal cells are text in an
    editor, written the local way already."""
    names = [n for n in (form.order or list(form.columns)) if n in form.columns]
    if edited is None or len(edited) == 0 or not names:
        return
    frame = edited.reset_index(drop=True).copy()
    columns = []
    for name in names:
        column = form.columns[name]
        options = ((config.get(name) or {}).get("type_config") or {}).get("options") \
            if isinstance(config.get(name), dict) else None
        if options and all(isinstance(o, dict) for o in options):
            labels = {o.get("value"): o.get("label") for o in options}
            frame[name] = [labels.get(v, v) for v in frame[name]]
            column = dataclasses.replace(column, kind="text")
        elif column.kind in ("number", "money", "percent"):
            column = dataclasses.replace(column, kind="text")
        columns.append(column)
    shown = display.table(frame, form.t, columns)
    st.table(_printable(shown.styler, shown.styler.data, {"hide_index": True}))


def _column_config(column: display.Column, lang: str, *, editing: bool,
                   t: Translator | None = None):
    t = t or Translator(lang)
    common = {"label": column.title(t), "help": t(column.help) if column.help else None,
              "width": column.width, "pinned": column.pinned or None}
    if editing:
        common["required"] = column.required or None
    common = {k: v for k, v in common.items() if v is not None}
    kind = column.kind
    if kind == "date":
        # dd/mm/yyyy in both languages (app.i18n.DATE_PATTERN), as the date pickers.
        return st.column_config.DateColumn(format="DD/MM/YYYY", **common) if editing \
            else st.column_config.DateColumn(**common)
    if kind == "datetime":
        return st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm", **common) \
            if editing else st.column_config.DatetimeColumn(**common)
    if kind == "flag":
        return st.column_config.CheckboxColumn(**common)
    if kind == "progress":
        return st.column_config.ProgressColumn(
            min_value=0, max_value=100, format="%d %%" if lang == "nl" else "%d%%", **common)
    if kind == "count":
        if not editing:
            return st.column_config.NumberColumn(**common)
        return st.column_config.NumberColumn(format="%d", step=1, min_value=column.minimum,
                                             max_value=column.maximum, **common)
    if kind in ("number", "money", "percent"):
        # Written the local way as text when edited: a number cell writes and reads decimals
        # the browser's way, whatever language the app speaks.
        return st.column_config.TextColumn(alignment="right", **common) if editing \
            else st.column_config.NumberColumn(**common)
    if kind == "code" and editing:
        if column.codes is None:  # the options are words already
            return st.column_config.SelectboxColumn(options=list(column.options), **common)
        return st.column_config.SelectboxColumn(
            options=list(column.options),
            format_func=lambda code, c=column.codes: display.label(t, c, code) or "", **common)
    if editing and column.max_chars:
        return st.column_config.TextColumn(max_chars=column.max_chars, **common)
    return st.column_config.TextColumn(**common)


def number_field(t: Translator, label_key: str, key: str, value: float | None = None, *,
                 decimals: int = 1, minimum: float | None = None, maximum: float | None = None,
                 required: bool = False, help: str | None = None,
                 container=None) -> display.Entered:
    """A field for a decimal number that reads the local way: ``3,5`` is 3.5 (st.number_input
    drops the comma in the browser and makes it 35), ``1.250,50`` is 1250.5; it shows its value
    the local way and says under itself when the text is no number or out of bounds. Use
    ``.value`` on save: it raises ``display.FieldRefused`` (shown by ``friendly_errors`` as
    nothing saved) when the text was refused."""
    place = container if container is not None else st
    label = t(label_key)
    if key not in st.session_state:
        st.session_state[key] = display.number_text(value, t, decimals)
    typed = place.text_input(label, key=key, help=help)
    entered = display.read_field(typed, t, label, decimals=decimals, minimum=minimum,
                                 maximum=maximum, required=required)
    if entered.refused:
        place.caption(":red[:material/error:] " + t.md(entered.refused, field=label,
                                                       value=typed, **entered.params))
    return entered
