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
    section: str
    url_path: str
    icon: str
    # Shows personal data of learners or staff: opening it is logged. No default: every
    # page says, so a new one cannot slip out of the log by omission.
    personal: bool
    default: bool = False

    @property
    def path(self) -> str:
        """The view file, relative to the project root: a page's file is named by its key."""
        return f"pages/{self.key}.py"

    @property
    def action(self) -> str:
        return f"page.{self.key}"

    @property
    def roles(self) -> frozenset[str]:
        """Who may open it: the permission table says (app/permissions.py)."""
        return permissions.roles_holding(self.action) if self.key != "login" else frozenset()


PAGES: tuple[PageSpec, ...] = (
    PageSpec("home", "", "start", ":material/home:", personal=False, default=True),
    PageSpec("flex_board", "flex", "weekbord", ":material/view_week:", personal=True),
    PageSpec("flex_offer", "flex", "aanbod", ":material/event_note:", personal=False),
    PageSpec("flex_lists", "flex", "lijsten", ":material/list_alt:", personal=True),
    PageSpec("flex_attendance", "flex", "aanwezigheid", ":material/how_to_reg:", personal=True),
    PageSpec("flex_progress", "flex", "opvolging", ":material/trending_up:", personal=True),
    PageSpec("team_selfcheck", "flex", "kijkwijzer", ":material/checklist:", personal=False),
    PageSpec("council_class", "council", "klasoverzicht", ":material/groups:", personal=True),
    PageSpec("council_learner", "council", "leerling", ":material/timeline:", personal=True),
    PageSpec("prof_overview", "prof", "professionalisering", ":material/school:", personal=False),
    PageSpec("prof_requests", "prof", "aanvragen", ":material/assignment:", personal=True),
    PageSpec("prof_budget", "prof", "budget", ":material/savings:", personal=True),
    PageSpec("prof_competences", "prof", "competenties", ":material/psychology:", personal=True),
    PageSpec("prof_plan", "prof", "plan", ":material/flag:", personal=True),
    PageSpec("team_leaders", "prof", "taakdragers", ":material/badge:", personal=True),
    PageSpec("team_roles", "prof", "wie-doet-wat", ":material/diversity_2:", personal=True),
    # Confidential: the page opens for these roles, each trajectory only for its three parties.
    PageSpec("team_coaching", "prof", "werkbegeleiding", ":material/support_agent:",
             personal=True),
    PageSpec("surveys", "surveys", "enquetes", ":material/bar_chart:", personal=False),
    PageSpec("admin_import", "admin", "importeren", ":material/upload_file:", personal=True),
    PageSpec("admin_users", "admin", "gebruikers", ":material/manage_accounts:", personal=True),
    PageSpec("admin_log", "admin", "logboek", ":material/history:", personal=False),
    PageSpec("admin_privacy", "admin", "privacy", ":material/shield_person:", personal=True),
    PageSpec("admin_database", "admin", "databank", ":material/database:", personal=False),
)

LOGIN = PageSpec("login", "", "aanmelden", ":material/login:", personal=False,
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
