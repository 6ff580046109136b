"""Which pages exist, who may open them, where they sit in the navigation, and their URL.

Pure data: ``app/main.py`` turns it into ``st.navigation`` with only the pages the signed-in
user may open, and every page checks again at its top (``web.page_access``). Titles come from
the catalogues (``page.<key>.title``), so a page's URL and key never change with the language.
"""

from __future__ import annotations

from dataclasses import dataclass

# Sections in the order of the navigation; "" is the top, without a header.
SECTIONS = ("", "flex", "council", "prof", "surveys", "admin")

EVERYONE = frozenset({"admin", "director", "flex_team", "class_council", "teacher", "adviser"})
LEARNER_DATA = frozenset({"admin", "director", "flex_team", "class_council"})


@dataclass(frozen=True)
class PageSpec:
    key: str                 # language-independent name: catalogue texts, widget keys, tests
    path: str                # view file, relative to the project root
    section: str
    url_path: str
    icon: str
    roles: frozenset[str]    # who may open it
    personal: bool = False   # shows personal data of learners or staff: opening it is logged
    default: bool = False


PAGES: tuple[PageSpec, ...] = (
    PageSpec("home", "pages/home.py", "", "start", ":material/home:", EVERYONE, default=True),
    PageSpec("flex_board", "pages/flex_board.py", "flex", "weekbord", ":material/view_week:",
             frozenset({"admin", "director", "flex_team", "teacher"}), personal=True),
    PageSpec("flex_offer", "pages/flex_offer.py", "flex", "aanbod", ":material/event_note:",
             frozenset({"admin", "flex_team"})),
    PageSpec("flex_lists", "pages/flex_lists.py", "flex", "lijsten", ":material/list_alt:",
             frozenset({"admin", "director", "flex_team", "teacher"}), personal=True),
    PageSpec("flex_attendance", "pages/flex_attendance.py", "flex", "aanwezigheid",
             ":material/how_to_reg:", frozenset({"admin", "flex_team", "teacher"}),
             personal=True),
    PageSpec("flex_progress", "pages/flex_progress.py", "flex", "opvolging",
             ":material/trending_up:", frozenset({"admin", "director", "flex_team"}),
             personal=True),
    PageSpec("team_selfcheck", "pages/team_selfcheck.py", "flex", "kijkwijzer",
             ":material/checklist:", frozenset({"admin", "director", "flex_team"})),
    PageSpec("council_class", "pages/council_class.py", "council", "klasoverzicht",
             ":material/groups:", LEARNER_DATA, personal=True),
    PageSpec("council_learner", "pages/council_learner.py", "council", "leerling",
             ":material/timeline:", LEARNER_DATA, personal=True),
    PageSpec("prof_overview", "pages/prof_overview.py", "prof", "professionalisering",
             ":material/school:", frozenset({"director"})),
    PageSpec("prof_requests", "pages/prof_requests.py", "prof", "aanvragen",
             ":material/assignment:",
             frozenset({"director", "flex_team", "class_council", "teacher"}), personal=True),
    PageSpec("prof_budget", "pages/prof_budget.py", "prof", "budget", ":material/savings:",
             frozenset({"director"}), personal=True),
    PageSpec("prof_competences", "pages/prof_competences.py", "prof", "competenties",
             ":material/psychology:", frozenset({"director"}), personal=True),
    PageSpec("prof_plan", "pages/prof_plan.py", "prof", "plan", ":material/flag:",
             frozenset({"director"}), personal=True),
    PageSpec("team_leaders", "pages/team_leaders.py", "prof", "taakdragers",
             ":material/badge:", frozenset({"admin", "director"}), personal=True),
    PageSpec("team_roles", "pages/team_roles.py", "prof", "wie-doet-wat",
             ":material/diversity_2:", EVERYONE, personal=True),
    # Confidential: the page opens for these roles, each trajectory only for its three parties.
    PageSpec("team_coaching", "pages/team_coaching.py", "prof", "werkbegeleiding",
             ":material/support_agent:", frozenset({"director", "teacher", "adviser"}),
             personal=True),
    PageSpec("surveys", "pages/surveys.py", "surveys", "enquetes", ":material/bar_chart:",
             EVERYONE),
    PageSpec("admin_import", "pages/admin_import.py", "admin", "importeren",
             ":material/upload_file:", frozenset({"admin", "director", "flex_team"}),
             personal=True),
    PageSpec("admin_users", "pages/admin_users.py", "admin", "gebruikers",
             ":material/manage_accounts:", frozenset({"admin"}), personal=True),
    PageSpec("admin_log", "pages/admin_log.py", "admin", "logboek", ":material/history:",
             frozenset({"admin"})),
    PageSpec("admin_privacy", "pages/admin_privacy.py", "admin", "privacy",
             ":material/shield_person:", frozenset({"admin"}), personal=True),
    PageSpec("admin_database", "pages/admin_database.py", "admin", "databank",
             ":material/database:", frozenset({"admin"})),
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
