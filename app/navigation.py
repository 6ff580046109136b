"""Which pages exist, where they sit in the navigation, and what their URL is.

Pure data: ``app/main.py`` turns it into ``st.navigation``; tests walk it to render every page.
Titles come from the catalogues (``page.<key>.title``), so a page's URL and key never change
with the language.
"""

from __future__ import annotations

from dataclasses import dataclass

# Sections in the order of the navigation; "" is the top, without a header.
SECTIONS = ("", "flex", "council", "prof", "surveys", "admin")


@dataclass(frozen=True)
class PageSpec:
    key: str          # language-independent name: catalogue texts, widget keys, tests
    path: str         # view file, relative to the project root
    section: str
    url_path: str
    icon: str
    default: bool = False


PAGES: tuple[PageSpec, ...] = (
    PageSpec("home", "pages/home.py", "", "start", ":material/home:", default=True),
    PageSpec("flex_board", "pages/flex_board.py", "flex", "weekbord", ":material/view_week:"),
    PageSpec("council_class", "pages/council_class.py", "council", "klasoverzicht",
             ":material/groups:"),
    PageSpec("prof_overview", "pages/prof_overview.py", "prof", "professionalisering",
             ":material/school:"),
    PageSpec("surveys", "pages/surveys.py", "surveys", "enquetes", ":material/bar_chart:"),
    PageSpec("admin_database", "pages/admin_database.py", "admin", "databank",
             ":material/database:"),
)


def page(key: str) -> PageSpec:
    for spec in PAGES:
        if spec.key == key:
            return spec
    raise KeyError(key)
