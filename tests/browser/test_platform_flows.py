"""The platform in Chromium, as a person uses it: a sign-in that survives a refresh and a second
tab and ends at once everywhere, a deep link through the sign-in page, the register's draft,
nothing fetched from elsewhere, printing, the phone layout, and no English from Streamlit."""

from __future__ import annotations

import shutil
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_FLAGS,
    Server,
    see,
    settle,
    sidebar_pages,
    type_and_enter,
)
from tests.conftest import DEMO_EMAIL

pytestmark = pytest.mark.browser

ROLE_LABEL = {"admin": "Beheerder", "director": "Directie", "flex_team": "Flexteam",
              "class_council": "Klassenraad", "teacher": "Leerkracht", "adviser": "Begeleider"}
# Streamlit 1.67's own English, as the issue found it in the Dutch interface.
STREAMLIT_ENGLISH = ("Choose an option", "Choose options", "Select all", "Upload",
                     "Drag and drop", "per file", "Press Enter", "Page not found",
                     "No options to select", "empty")


@pytest.fixture
def browser():
    """A Chromium whose contexts are separate people (their own cookies)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS,
                                              headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def own_server(demo_file, tmp_path):
    """An app on a copy of the demo school of its own, for a test that changes accounts (the
    module's other tests sign in with the same demo accounts)."""
    db_path = tmp_path / "school.duckdb"
    shutil.copyfile(demo_file, db_path)
    app = Server(db_path, tmp_path / "streamlit.log")
    yield app
    app.stop()


def person(browser, width: int = 1280, height: int = 800):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-BE")
    return context, context.new_page()


def keep(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def title(page) -> str:
    return page.locator("h1").first.inner_text().strip()


def titled(page, text: str, *, negate: bool = False) -> None:
    """Wait (as a person would, on a busy machine) until the page's heading reads `text`, or,
    with negate, anything else; then until the app has settled."""
    from playwright.sync_api import expect

    heading = expect(page.locator("h1").first)
    (heading.not_to_have_text if negate else heading.to_have_text)(text, timeout=30_000)
    settle(page)


def sign_in(page, server, role: str, path: str = "") -> None:
    page.goto(f"{server.url}/{path}")
    settle(page)
    page.get_by_role("button", name=f"Aanmelden als {ROLE_LABEL[role]}").click()
    titled(page, "Aanmelden", negate=True)


def go(page, title_text: str) -> None:
    links = page.locator('[data-testid="stSidebarNav"] [data-testid="stSidebarNavLink"]')
    links.filter(has=page.get_by_text(title_text, exact=True)).first.click()
    settle(page)


def test_refresh_and_second_tab_keep_the_sign_in_and_signing_out_ends_both(server, browser):
    context, tab = person(browser)
    # A deep link while signed out: the sign-in page, in Dutch, at the address asked for.
    tab.goto(f"{server.url}/aanwezigheid")
    settle(tab)
    assert title(tab) == "Aanmelden" and "Page not found" not in tab.inner_text("body")
    tab.get_by_role("button", name="Aanmelden als Leerkracht").click()
    titled(tab, "Aanwezigheid")
    assert tab.url.endswith("/aanwezigheid")
    cookie = next(c for c in context.cookies() if c["name"] == "flexwijs_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    assert "leerkracht" not in cookie["value"]
    tab.reload()
    settle(tab)
    assert title(tab) == "Aanwezigheid", "F5 signed the teacher out"
    second = context.new_page()
    second.goto(f"{server.url}/weekbord")
    settle(second)
    assert title(second) == "Weekbord", "a second tab is not signed in"

    tab.get_by_role("button", name="Afmelden").click()
    titled(tab, "Aanmelden")
    go(second, "Lijsten en berichten")  # the other tab's next step
    assert title(second) == "Aanmelden", "signing out left the other tab signed in"
    tab.reload()
    settle(tab)
    assert title(tab) == "Aanmelden"
    assert not any(c["name"] == "flexwijs_session" for c in context.cookies())
    context.close()


@pytest.mark.parametrize("change", ["disable", "roles"])
def test_disabling_the_account_or_changing_its_roles_ends_its_sessions_at_once(
        own_server, browser, change):
    server = own_server
    teacher_context, first = person(browser)
    sign_in(first, server, "teacher", "aanwezigheid")
    second = teacher_context.new_page()
    second.goto(f"{server.url}/weekbord")
    settle(second)
    assert title(second) == "Weekbord"

    admin_context, admin = person(browser)
    sign_in(admin, server, "admin", "gebruikers")
    admin.get_by_role("tab", name="Gebruiker wijzigen").click()
    settle(admin)
    box = admin.locator('[data-testid="stSelectbox"]').filter(has_text="Gebruiker").first
    box.click()
    admin.keyboard.type(f"{DEMO_EMAIL['teacher']}@")
    admin.keyboard.press("Enter")
    settle(admin)
    if change == "disable":
        admin.get_by_text("Mag zich aanmelden").click()
    else:
        # The tab "Gebruiker toevoegen" has a roles field too, hidden behind this tab.
        roles = admin.locator('[data-testid="stMultiSelect"]').filter(visible=True).first
        roles.click()
        admin.keyboard.type("Begeleider")
        admin.keyboard.press("Enter")
        admin.keyboard.press("Escape")
    admin.get_by_role("button", name="Bewaren").click()
    settle(admin)
    admin_context.close()

    for tab in (first, second):
        go(tab, "Start")
        assert title(tab) == "Aanmelden", f"{change}: a tab stayed signed in"
    first.reload()
    settle(first)
    assert title(first) == "Aanmelden"
    teacher_context.close()


def test_the_register_draft_survives_a_refresh(server, browser):
    from playwright.sync_api import expect

    context, tab = person(browser)
    sign_in(tab, server, "teacher", "aanwezigheid")
    grid = tab.locator('[data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    names = [h.strip() for h in grid.locator('[role="columnheader"]').all_inner_texts()]
    column = next(i for i, n in enumerate(names) if "feed up" in n)
    # The grid is a canvas: select the first learner's name, walk to the column, type.
    tab.mouse.click(box["x"] + 20, box["y"] + 35 + 17)
    for _ in range(column):
        tab.keyboard.press("ArrowRight")
    # Enter opens the cell's editor; typing straight onto the grid loses the first keys.
    tab.keyboard.press("Enter")
    cell_editor = tab.locator("#portal textarea, #portal input").first
    cell_editor.wait_for()
    # On a busy machine the editor is drawn before it takes the focus, and keys typed in
    # between go nowhere: wait for the focus, as a person waits for the cursor.
    expect(cell_editor).to_be_focused(timeout=10_000)
    type_and_enter(tab, "Breuken vereenvoudigen")
    settle(tab)
    cells = grid.locator('[role="gridcell"]').all_inner_texts()
    assert any("Breuken vereenvoudigen" in c for c in cells), "the cell did not take the typing"
    # The draft is kept by the edit's own run; the register then offers to discard it.
    see(tab.get_by_role("button", name="Concept verwerpen"), timeout=30_000)
    tab.reload()
    settle(tab)
    body = tab.inner_text("body")
    assert "Niet-opgeslagen invoer van" in body, "the draft was not restored"
    cells = tab.locator('[data-testid="stDataFrame"] [role="gridcell"]').all_inner_texts()
    assert any("Breuken vereenvoudigen" in c for c in cells)
    tab.get_by_role("button", name="Bewaren").click()
    settle(tab)
    tab.reload()
    settle(tab)
    assert "Niet-opgeslagen invoer van" not in tab.inner_text("body"), "saving kept the draft"
    context.close()


@pytest.mark.parametrize("role", sorted(ROLE_LABEL))
def test_no_page_asks_anything_of_another_host(server, browser, role):
    context, tab = person(browser)
    made: list[str] = []
    tab.on("request", lambda request: made.append(request.url))
    sign_in(tab, server, role)
    for page_title in sidebar_pages(tab):
        go(tab, page_title)
    own = urlsplit(server.url).netloc
    outside = sorted({u for u in made if urlsplit(u).scheme in ("http", "https", "ws", "wss")
                      and urlsplit(u).netloc != own})
    assert not outside, f"{role}: {outside[:5]}"
    context.close()


PRINTED_AS = {"weekbord": "flex_team", "budget": "director"}


@pytest.mark.parametrize("path", ["weekbord", "klasoverzicht", "gebruikers", "budget"])
def test_a_page_prints_on_a4_without_the_sidebar_and_with_whole_tables(
        server, browser, tmp_path, path):
    """Budget opens on an editor (its sources): an editor prints as a table does."""
    context, tab = person(browser)
    sign_in(tab, server, PRINTED_AS.get(path, "admin"), path)
    assert tab.url.endswith(f"/{path}") and title(tab) != "Aanmelden", title(tab)
    pdf = tmp_path / f"{path}.pdf"
    tab.pdf(path=str(pdf), format="A4")
    assert pdf.stat().st_size > 10_000
    # Printed from a desktop window the sidebar is open (below 768 px Streamlit closes it
    # itself, which would prove nothing): on paper it is gone and the page starts at the left.
    tab.emulate_media(media="print")
    tab.wait_for_timeout(300)
    assert not tab.locator('[data-testid="stSidebar"]').is_visible(), "the sidebar is printed"
    assert not tab.locator('[data-testid="stHeader"]').is_visible()
    assert tab.locator("h1").first.bounding_box()["x"] < 40, "the page leaves room for a sidebar"
    # A4 less 12 mm margins, as Chromium lays the page out for paper: 186 mm = 703 px.
    tab.set_viewport_size({"width": 703, "height": 1000})
    tab.wait_for_timeout(300)
    tables = tab.locator('[data-testid="stTable"]')
    assert any(table.is_visible() for table in tables.all()), "the page's table is not printed"
    for n in range(tables.count()):
        table = tables.nth(n)
        if not table.is_visible():
            continue  # in a tab not open on screen: not printed either
        width, inner, right = table.evaluate(
            "e => [e.clientWidth, e.querySelector('table').scrollWidth,"
            " e.getBoundingClientRect().right]")
        assert inner <= width + 1 and right <= 703 + 1, f"table {n} is cut: {inner} > {width}"
    for grid in tab.locator('[data-testid="stDataFrame"]').all():
        assert not grid.is_visible(), "a canvas grid is printed (cut at the paper's edge)"
    keep(tab, f"print-{path}")
    context.close()


def test_on_a_phone_the_sidebar_closes_after_choosing_a_page(server, browser):
    context, tab = person(browser, 390, 844)
    sign_in(tab, server, "admin")
    sidebar = tab.locator('[data-testid="stSidebar"]')
    tab.locator('[data-testid="stExpandSidebarButton"]').click()
    tab.wait_for_timeout(600)
    assert sidebar.bounding_box()["x"] >= 0, "the sidebar did not open"
    tab.locator('[data-testid="stSidebarNav"] a').filter(has_text="Logboek").first.click()
    settle(tab)
    tab.wait_for_timeout(600)
    assert tab.url.endswith("/logboek")
    placed = sidebar.bounding_box()
    assert placed is None or placed["x"] + placed["width"] <= 0, "the sidebar stayed open"
    keep(tab, "phone-after-navigating")
    context.close()


@pytest.mark.parametrize(("role", "path"), [
    ("admin", "importeren"), ("admin", "enquetes"), ("admin", "gebruikers"),
    ("director", "aanvragen"), ("director", "werkbegeleiding"), ("teacher", "aanvragen"),
])
def test_no_english_of_streamlit_on_uploads_selects_and_forms(server, browser, role, path):
    context, tab = person(browser)
    sign_in(tab, server, role, path)
    for field in tab.locator('[data-testid="stTextInput"] input, '
                             '[data-testid="stNumberInput"] input').all()[:6]:
        if field.is_visible() and field.is_enabled():
            field.fill("1")  # a typed field shows Streamlit's "Press Enter to ..." hint
    tab.wait_for_timeout(300)
    shown = tab.inner_text("body")
    found = [w for w in STREAMLIT_ENGLISH if w in shown]
    assert not found, f"{path}: {found}"
    for zone in tab.locator('[data-testid="stFileUploaderDropzoneInstructions"] > div').all():
        words = zone.evaluate("e => getComputedStyle(e, '::before').content"
                              " + getComputedStyle(e, '::after').content")
        assert "Sleep een bestand" in words and "MB per bestand" in words
    selects = [s for s in tab.locator('[data-testid="stSelectbox"] input').all()
               if s.is_visible() and s.is_enabled()]   # one in a closed tab is not on screen
    if selects:
        selects[0].click()
        tab.keyboard.type("zqxzqx")  # matches no option: the list says so, in Dutch
        empty = tab.locator('[role="listbox"][data-empty="true"]').first
        empty.wait_for(state="visible")
        assert "No results" not in tab.inner_text("body"), path
        assert "Niets gevonden" in empty.evaluate("e => getComputedStyle(e, '::after').content")
        tab.keyboard.press("Escape")
    context.close()


# Every text of the page as Chromium holds it, drawn or read out: text nodes, and the names
# and tips of elements (aria-label, title, placeholder), in the page and in its popups.
SHOWN_AND_NAMED = """() => {
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (element && element.closest('script, style')) { continue; }
    // A `:material/...:` icon is a ligature of the icon font: its text is a glyph's name.
    if (element && getComputedStyle(element).fontFamily.includes('Material')) { continue; }
    const text = walker.currentNode.nodeValue.trim();
    if (text) { seen.add(text); }
  }
  for (const element of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
    for (const name of ['aria-label', 'title', 'placeholder']) {
      const value = element.getAttribute(name);
      if (value) { seen.add(value.trim()); }
    }
  }
  return [...seen];
}"""


def _streamlit_english(tab) -> list[str]:
    from tests import screens

    return screens.streamlit_english_in(tab.evaluate(SHOWN_AND_NAMED))


def _open_a_column_menu(tab, table) -> None:
    """As a person does: along the header row, to a column's menu button (⋮, drawn on the
    grid's canvas at the right of the column under the pointer)."""
    box = table.bounding_box()
    for dx in range(60, int(box["width"]) - 10, 8):
        tab.mouse.move(box["x"] + dx, box["y"] + 18)
        tab.mouse.click(box["x"] + dx, box["y"] + 18)
        if tab.locator('[role="menu"]').count():
            return
    raise AssertionError("no column menu opened along the header")


def _hover_for_its_tip(tab, button, element) -> None:
    """Rest the pointer on a toolbar button until its tip shows. The toolbar appears while the
    pointer is over its element, and a tip opens on the pointer entering its button after
    that: the first entry, as the toolbar appears, opens none, so the pointer goes back to the
    element and in again, as a person's hand does."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    tip = tab.get_by_role("tooltip").filter(has_text=button.get_attribute("aria-label"))
    for _ in range(3):
        element.hover(force=True)
        button.hover(force=True)
        try:
            tip.first.wait_for(state="visible", timeout=3_000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"no tip opened on {button.get_attribute('aria-label')}")


def _each_tip(tab, element, seen):
    """Every button of an element's toolbar, its tip shown, then ``seen(n)``; the buttons."""
    element.scroll_into_view_if_needed()
    element.hover(force=True)
    tools = element.locator("xpath=ancestor::*[@data-testid='stElementContainer'][1]").locator(
        '[data-testid="stElementToolbar"] button')
    tools.first.wait_for(state="visible")
    for n in range(tools.count()):
        _hover_for_its_tip(tab, tools.nth(n), element)
        seen(n)
    return tools


def test_streamlits_own_texts_speak_dutch_where_they_open(server, browser):
    """What Streamlit draws only on interaction (the date picker, the tips, search and column
    menu of a table, a chart's toolbar, the app menu, "Page not found", the names screen
    readers read out) speaks Dutch, in a browser set to American English."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    tab = context.new_page()
    found: dict[str, list[str]] = {}

    def look_at(where: str) -> None:
        found[where] = _streamlit_english(tab)
        keep(tab, f"streamlit-texts-{where}")

    sign_in(tab, server, "admin", "logboek")
    assert tab.evaluate("document.documentElement.lang") == "nl"
    look_at("page")
    tab.locator('[data-testid="stDateInputCalendarButton"]').first.click()
    calendar = tab.get_by_role("dialog").first
    see(calendar)
    shown = calendar.inner_text()
    # Dutch months, weeks from Monday: the first day of a week row is a Monday.
    assert any(month in shown for month in ("november", "december")), shown
    first_day = calendar.locator('td [aria-label]').first.get_attribute("aria-label")
    assert first_day.startswith("maandag"), first_day
    look_at("date-picker")
    tab.keyboard.press("Escape")

    tab.goto(f"{server.url}/klasoverzicht")
    settle(tab)
    table = tab.locator('[data-testid="stDataFrame"]').first
    tools = _each_tip(tab, table, lambda n: look_at(f"table-tip-{n}"))
    tools.nth(0).click(force=True)   # show or hide columns
    tab.wait_for_timeout(500)
    look_at("table-columns")
    tab.keyboard.press("Escape")
    _open_a_column_menu(tab, table)
    look_at("table-column-menu")
    tab.keyboard.press("Escape")

    tab.goto(f"{server.url}/opvolging")
    settle(tab)
    chart = tab.locator('[data-testid="stVegaLiteChart"]').first
    _each_tip(tab, chart, lambda n: look_at(f"chart-tip-{n}"))

    tab.locator('[data-testid="stMainMenu"] button').first.click()
    tab.wait_for_timeout(500)
    look_at("app-menu")
    tab.keyboard.press("Escape")

    tab.goto(f"{server.url}/een-oude-bladwijzer")
    settle(tab)
    see(tab.get_by_role("dialog"))
    look_at("page-not-found")
    tab.keyboard.press("Escape")
    assert not any(found.values()), {where: texts for where, texts in found.items() if texts}

    # Switching to English takes back every Dutch word the page was given for Streamlit's.
    tab.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    settle(tab)
    from app import i18n, look

    dutch = {i18n.translate("nl", f"streamlit.{key}") for key in look.STREAMLIT_TEXTS.values()}
    english = {i18n.translate("en", f"streamlit.{key}") for key in look.STREAMLIT_TEXTS.values()}
    only_dutch = dutch - english - set(look.STREAMLIT_TEXTS)
    left = sorted(set(tab.evaluate(SHOWN_AND_NAMED)) & only_dutch)
    assert tab.evaluate("document.documentElement.lang") == "en"
    assert not left, left
    context.close()
