"""The Streamlit edge: what every page shares (database, language, errors, header).

Pages import from here; nothing below ``app/`` except this module and ``app/main.py`` imports
Streamlit. Caching lives here too, at the edge, never in the logic.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator

import streamlit as st

from app import charts, config, settings
from app.db import Database
from app.errors import UserError
from app.i18n import Translator

log = logging.getLogger(__name__)

LANG_KEY = "app.lang"


def _close(db: Database) -> None:
    db.close()


@st.cache_resource(show_spinner=False, on_release=_close)
def _open_database(path: str) -> Database:
    return Database(path)


def database() -> Database:
    """The process-wide database, shared by all sessions (reads by cursor, writes by lock)."""
    return _open_database(str(config.resolve_db_path(config.db_path_from_argv(sys.argv))))


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


def school_settings() -> dict:
    return settings.load(database())


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
