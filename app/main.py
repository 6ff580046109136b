"""The app's script: signs the user in, builds the navigation of the pages their roles allow,
and runs one page. Served by ``streamlit run app/server.py`` (which adds the routes a sign-in
needs to survive a refresh); AppTest runs this file directly."""

import sys
from pathlib import Path

# Streamlit puts this file's folder (app/) first on sys.path; our modules must be imported as
# the `app` package from the project root instead, or app/ modules could shadow others.
_ROOT = Path(__file__).resolve().parent.parent
_HERE = str(Path(__file__).resolve().parent)
sys.path[:] = [p for p in sys.path if p != _HERE]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

import streamlit as st  # noqa: E402

from app import look, navigation, web  # noqa: E402

# Our own icon, a file: a `:material/...:` page icon makes Streamlit 1.67's frontend load the
# favicon from fonts.gstatic.com (index.js, the favicon of a material icon), so every page
# would call out to the internet and show no icon offline.
st.set_page_config(page_title="Flexwijs", page_icon=_ROOT / "app" / "icon.svg", layout="wide")
t = web.translator()
# Once per run, the style Streamlit has no parameter for (app/look.py): takes no room.
st.html(look.css(t))


def _page(spec: navigation.PageSpec, **kwargs) -> st.Page:
    return st.Page(kwargs.pop("page", _ROOT / spec.path), title=t(f"page.{spec.key}.title"),
                   icon=spec.icon, url_path=kwargs.pop("url_path", spec.url_path),
                   default=kwargs.pop("default", spec.default), **kwargs)


def _refused(spec: navigation.PageSpec):
    """A page this viewer may not open, reached by its address: the refusal, in words."""
    def refuse() -> None:
        web.page_access(spec.key)
    refuse.__name__ = f"refused_{spec.key}"
    return refuse


with web.friendly_errors(t):
    viewer = web.current_viewer()
    if viewer is None:
        # Not signed in: every page's address opens the sign-in page (hidden stand-ins with the
        # page's own address), so a deep link or a refresh never meets Streamlit's English
        # "Page not found"; after signing in, the same address opens the page itself.
        login = _page(navigation.LOGIN)
        asked = {spec.key: _page(spec, page=_ROOT / navigation.LOGIN.path, default=False,
                                 visibility="hidden") for spec in navigation.PAGES}
        current = st.navigation([login, *asked.values()], position="hidden")
        st.session_state[web.ASKED_KEY] = next(
            (key for key, page in asked.items() if page is current), None)
    else:
        allowed = navigation.pages_for(viewer.roles)
        sections = {
            (t(f"nav.section.{section}") if section else ""): [
                # The default page is served at the root, yet Streamlit reserves its own
                # pathname without serving it ("Page not found"): it gets one nobody types, and
                # its address leads to it through the stand-in below.
                _page(spec, url_path=f"{spec.url_path}-root" if spec.default else spec.url_path)
                for spec in allowed if spec.section == section
            ]
            for section in navigation.SECTIONS
        }
        # Pages the roles do not hold stay reachable by address, hidden, and answer with the
        # refusal (logged) instead of Streamlit's "Page not found"; the sign-in page's address
        # leads to the start page.
        hidden = [_page(spec, page=_refused(spec), visibility="hidden")
                  for spec in navigation.PAGES if spec not in allowed]
        # The start page's address (where signing in lands, a bookmark), like the sign-in
        # page's, leads to the start page.
        home = navigation.page("home")
        hidden += [st.Page(lambda: st.switch_page(_ROOT / home.path), title=t("page.home.title"),
                           url_path=url_path, visibility="hidden")
                   for url_path in (navigation.LOGIN.url_path, home.url_path)]
        sections[""] = [*sections[""], *hidden]
        # Always fully expanded: the sections already group the pages, and a "View more"
        # button would hide half of an administrator's or director's work.
        current = st.navigation({name: pages for name, pages in sections.items() if pages},
                                expanded=True)
        web.user_box(viewer, t)
    web.language_switch(t)
    web.browser_scripts()
    current.run()
