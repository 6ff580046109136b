"""Streamlit entry: ``streamlit run app/main.py``. Signs the user in, builds the navigation of
the pages their roles allow, and runs one page."""

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

from app import navigation, web  # noqa: E402

st.set_page_config(page_title="Flexwijs", page_icon=":material/diversity_3:", layout="wide")
t = web.translator()


def _page(spec: navigation.PageSpec) -> st.Page:
    return st.Page(_ROOT / spec.path, title=t(f"page.{spec.key}.title"), icon=spec.icon,
                   url_path=spec.url_path, default=spec.default)


with web.friendly_errors(t):
    viewer = web.current_viewer()
    if viewer is None:
        # Not signed in: the sign-in page is the only page there is, whatever the URL says.
        current = st.navigation([_page(navigation.LOGIN)], position="hidden")
    else:
        allowed = navigation.pages_for(viewer.roles)
        sections = {
            (t(f"nav.section.{section}") if section else ""): [
                _page(spec) for spec in allowed if spec.section == section
            ]
            for section in navigation.SECTIONS
        }
        # Always fully expanded: the sections already group the pages, and a "View more"
        # button would hide half of an administrator's or director's work.
        current = st.navigation({name: pages for name, pages in sections.items() if pages},
                                expanded=True)
        web.user_box(viewer, t)
    web.language_switch(t)
    current.run()
