"""Streamlit entry: ``streamlit run app/main.py``. Builds the navigation and runs one page."""

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

from app import web  # noqa: E402
from app.navigation import PAGES, SECTIONS  # noqa: E402

st.set_page_config(page_title="Flexwijs", page_icon=":material/diversity_3:", layout="wide")
t = web.translator()
sections = {
    (t(f"nav.section.{section}") if section else ""): [
        st.Page(
            _ROOT / spec.path,
            title=t(f"page.{spec.key}.title"),
            icon=spec.icon,
            url_path=spec.url_path,
            default=spec.default,
        )
        for spec in PAGES
        if spec.section == section
    ]
    for section in SECTIONS
}
current = st.navigation({name: pages for name, pages in sections.items() if pages})
web.language_switch(t)
with web.friendly_errors(t):
    current.run()
