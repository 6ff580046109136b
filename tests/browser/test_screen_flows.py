"""The screen checks of tests/screens.py in a real browser: per role, one flow that signs in with
the demo account and opens every page the role may open through the navigation, in Dutch, on
the demo school whose data carries Markdown (tests/hostile.py), and reads each page's text as
Chromium shows it (``innerText``: what the style hides, such as Streamlit's own "Press Enter to
submit form" and the uploader's English, is not in it; the grids' cells are, through their
accessible copy). The sign-in page is read once, signed out.

What is found today is listed in tests/data/browser_screen_findings.txt, and the list can only
shrink, as for the AppTest sweep (tests/test_screens.py): a finding not listed fails, and so
does a listed one that is gone. ``FLEXWIJS_SCREENS=shrink`` drops the lines that are gone.
"""

from __future__ import annotations

import os

import pytest

from app import i18n
from app.navigation import PAGES
from tests import screens
from tests.browser.conftest import open_app, see, settle, sign_in_as
from tests.conftest import ROLE_ORDER

pytestmark = pytest.mark.browser

INVENTORY = screens.PROJECT_ROOT / "tests" / "data" / "browser_screen_findings.txt"
MODE = os.environ.get("FLEXWIJS_SCREENS", "")


@pytest.fixture(scope="module")
def inventory(hostile_server):
    # The codes no page may show include this school's own (its text columns' names, its code
    # values): they are read from the database the app runs on.
    screens.use_codes(hostile_server.db_path)
    yield from screens.inventory_run(INVENTORY, MODE)


def _text(page) -> str:
    """The page as Chromium shows it, without the icons' ligature names (`:material/...:`
    icons are drawn from a font whose glyph names are words such as `view_week`)."""
    # The whole body, not the app's root only: Streamlit draws its dialogs ("Page not found")
    # in a layer beside it.
    return page.evaluate("""() => {
        const app = document.body;
        const icons = [...app.querySelectorAll('*')].filter(e => e.childElementCount === 0
            && getComputedStyle(e).fontFamily.includes('Material'));
        const kept = icons.map(e => [e, e.textContent]);
        icons.forEach(e => { e.textContent = ''; });
        const text = app.innerText;
        kept.forEach(([e, t]) => { e.textContent = t; });
        return text;
    }""")


def _sign_in_with_cookie(page, server, role: str) -> None:
    """The pages are opened by their address, as a bookmark would: the sign-in must have
    reached the browser's cookie first (a script of the run after signing in fetches it), so
    the sign-in waits for that answer (Playwright's own wait, not a loop)."""
    from app import sessions

    with page.expect_response(lambda answer: answer.url.endswith(sessions.ROUTE)
                              and answer.ok, timeout=60_000):
        sign_in_as(page, server, i18n.translate("nl", f"role.{role}"))
    assert any(c["name"] == sessions.COOKIE for c in page.context.cookies())


def _compare(case: screens.Case, found: set[screens.Finding], inventory) -> list[str]:
    known, found_by_case = inventory
    lines = {finding.line(case) for finding in found}
    found_by_case[screens.case_key(case)] = lines
    listed = known.get(screens.case_key(case), set())
    if MODE == "record":
        return []
    problems = [f"new: {line}" for line in sorted(lines - listed)]
    if MODE != "shrink":
        problems += [f"gone (remove it from {INVENTORY.name}): {line}"
                     for line in sorted(listed - lines)]
    return problems


def test_the_sign_in_page_reads_as_the_school_writes(page, hostile_server, inventory):
    open_app(page, hostile_server)
    case = screens.Case("login", "pages/login.py", None, "nl")
    found = screens.text_findings(_text(page), "nl", where="page text")
    assert not _compare(case, found, inventory), _compare(case, found, inventory)


@pytest.mark.parametrize("role", ROLE_ORDER)
def test_every_page_of_a_role_reads_as_the_school_writes(page, hostile_server, role, inventory):
    _sign_in_with_cookie(page, hostile_server, role)
    problems = []
    for spec in [s for s in PAGES if role in s.roles]:
        title = i18n.translate("nl", f"page.{spec.key}.title")
        page.goto(f"{hostile_server.url}/{spec.url_path}")
        settle(page)
        see(page.get_by_role("heading", name=title).first, timeout=60_000)
        case = screens.Case(spec.key, spec.path, role, "nl")
        found = screens.text_findings(_text(page), "nl", where="page text")
        problems += _compare(case, found, inventory)
    assert not problems, "\n".join(problems)
