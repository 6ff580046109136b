"""Which pages exist, who may open them, where they sit in the navigation, and their URL.

Which roles may open a page is the permission table's (``page.<key>`` in app/permissions.py).
``app/main.py`` turns it into ``st.navigation`` with only the pages the signed-in
user may open, and every page checks again at its top (``web.page_access``). Titles come from
the catalogues (``page.<key>.title``), so a page's URL and key never change with the language.
"""

from __future__ import annotations

from dataclasses import dataclass

from app import permissions

# Sections in the order of the navigation; "" is the top, without a header.
SECTIONS = ("", "flex", "council", "prof", "surveys", "admin")


@dataclass(frozen=True)
class PageSpec:
    key: str                 # language-independent name: catalogue texts, widget keys, tests
    path: str                # view file, relative to the project root
    section: str
    url_path: str
    icon: str
    personal: bool = False   # shows personal data of learners or staff: opening it is logged
    default: bool = False

    @property
    def action(self) -> str:
        return f"page.{self.key}"

    @property
    def roles(self) -> frozenset[str]:
        """Who may open it: the permission table says (app/permissions.py)."""
        return permissions.roles_holding(self.action) if self.key != "login" else frozenset()


PAGES: tuple[PageSpec, ...] = (
    PageSpec("home", "pages/home.py", "", "start", ":material/home:", default=True),
    PageSpec("flex_board", "pages/flex_board.py", "flex", "weekbord", ":material/view_week:",
             personal=True),
    PageSpec("flex_offer", "pages/flex_offer.py", "flex", "aanbod", ":material/event_note:"),
    PageSpec("flex_lists", "pages/flex_lists.py", "flex", "lijsten", ":material/list_alt:",
             personal=True),
    PageSpec("flex_attendance", "pages/flex_attendance.py", "flex", "aanwezigheid",
             ":material/how_to_reg:", personal=True),
    PageSpec("flex_progress", "pages/flex_progress.py", "flex", "opvolging",
             ":material/trending_up:", personal=True),
    PageSpec("team_selfcheck", "pages/team_selfcheck.py", "flex", "kijkwijzer",
             ":material/checklist:"),
    PageSpec("council_class", "pages/council_class.py", "council", "klasoverzicht",
             ":material/groups:", personal=True),
    PageSpec("council_learner", "pages/council_learner.py", "council", "leerling",
             ":material/timeline:", personal=True),
    PageSpec("prof_overview", "pages/prof_overview.py", "prof", "professionalisering",
             ":material/school:"),
    PageSpec("prof_requests", "pages/prof_requests.py", "prof", "aanvragen",
             ":material/assignment:", personal=True),
    PageSpec("prof_budget", "pages/prof_budget.py", "prof", "budget", ":material/savings:",
             personal=True),
    PageSpec("prof_competences", "pages/prof_competences.py", "prof", "competenties",
             ":material/psychology:", personal=True),
    PageSpec("prof_plan", "pages/prof_plan.py", "prof", "plan", ":material/flag:", personal=True),
    PageSpec("team_leaders", "pages/team_leaders.py", "prof", "taakdragers", ":material/badge:",
             personal=True),
    PageSpec("team_roles", "pages/team_roles.py", "prof", "wie-doet-wat", ":material/diversity_2:",
             personal=True),
    # Confidential: the page opens for these roles, each trajectory only for its three parties.
    PageSpec("team_coaching", "pages/team_coaching.py", "prof", "werkbegeleiding",
             ":material/support_agent:", personal=True),
    PageSpec("surveys", "pages/surveys.py", "surveys", "enquetes", ":material/bar_chart:"),
    PageSpec("admin_import", "pages/admin_import.py", "admin", "importeren",
             ":material/upload_file:", personal=True),
    PageSpec("admin_users", "pages/admin_users.py", "admin", "gebruikers",
             ":material/manage_accounts:", personal=True),
    PageSpec("admin_log", "pages/admin_log.py", "admin", "logboek", ":material/history:"),
    PageSpec("admin_privacy", "pages/admin_privacy.py", "admin", "privacy",
             ":material/shield_person:", personal=True),
    PageSpec("admin_database", "pages/admin_database.py", "admin", "databank",
             ":material/database:"),
)

LOGIN = PageSpec("login", "pages/login.py", "", "aanmelden", ":material/login:", frozenset(),
                 default=True)


def page(key: str) -> PageSpec:
    for spec in (*PAGES, LOGIN):
        if spec.key == key:
            return spec
    raise KeyError(key)


def allowed(spec: PageSpec, roles: frozenset[str]) -> bool:
    return bool(spec.roles & roles)


def pages_for(roles: frozenset[str]) -> list[PageSpec]:
    return [spec for spec in PAGES if allowed(spec, roles)]
