"""Browser flows: the real app (`streamlit run`) on a free port, Debian's Chromium through
Playwright, a fresh profile per test. Every wait lives in `settle()`.

A failing flow leaves a screenshot and the page's text in test-artifacts/browser/, which
.ci/run prints, so a CI log shows what the person would have seen.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, TODAY

CHROMIUM = os.environ.get("FLEXWIJS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "browser"
START_TIMEOUT = 90
SETTLE_TIMEOUT = 60_000  # ms

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`streamlit run app/server.py` (the app with its session routes, as `make run` serves it)
    against one database file, until stopped."""

    def __init__(self, db_path: Path, log_path: Path) -> None:
        self.db_path = db_path
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "FLEXWIJS_DB": str(db_path), "FLEXWIJS_TODAY": TODAY.isoformat()}
        self._log = log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app/server.py",
             "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--server.headless", "true"],
            cwd=PROJECT_ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited: {log_path.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"streamlit did not start: {log_path.read_text()[-2000:]}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log.close()


def _serve_a_copy(source: Path, folder: Path) -> Server:
    """The app on a copy of a database file in folder: the flows may change it, the session's
    file stays as built."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: `make test` installs it (apt chromium)")
    db_path = folder / "school.duckdb"
    shutil.copyfile(source, db_path)
    return Server(db_path, folder / "streamlit.log")


@pytest.fixture(scope="module")
def server(request, demo_file, tmp_path_factory):
    """One app per test module, on its own copy of the demo school."""
    yield from _served(request, demo_file, tmp_path_factory.mktemp("browser-app"))


@pytest.fixture(scope="module")
def hostile_server(request, hostile_file, tmp_path_factory):
    """One app per test module, on its own copy of the demo school whose texts carry Markdown
    (tests/hostile.py)."""
    yield from _served(request, hostile_file, tmp_path_factory.mktemp("browser-hostile"))


def _served(request, source: Path, folder: Path):
    """Serve a copy for one module; its folder (the database and the server's log) is removed
    when every test of the module passed, as tmp_path is (pyproject's retention policy)."""
    failed_before = request.session.testsfailed
    app = _serve_a_copy(source, folder)
    yield app
    app.stop()
    if request.session.testsfailed == failed_before:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def page(request, tmp_path):
    """A fresh Chromium profile and page; on failure its screenshot and text are kept."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_FLAGS,
            headless=True, viewport={"width": 1400, "height": 1100}, locale="nl-BE",
        )
        tab = context.new_page()
        yield tab
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            name = request.node.name.replace("/", "_").replace("[", "-").replace("]", "")
            tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            (ARTIFACTS / f"{name}.txt").write_text(tab.inner_text("body"))
        context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.report_call = report


IDLE = ("() => { const app = document.querySelector('[data-testid=stApp]');"
        " return app && app.getAttribute('data-test-script-state') === 'notRunning'"
        " && document.querySelectorAll('[data-testid=stSkeleton]').length === 0; }")


def settle(page) -> None:
    """Wait until the app has finished running and drawn everything: the one place to wait.

    A run may end in st.rerun(), which starts the next run a moment later; the app counts as
    settled only when it is still idle after a short pause."""
    deadline = time.monotonic() + SETTLE_TIMEOUT / 1000
    while time.monotonic() < deadline:
        page.wait_for_function(IDLE, timeout=SETTLE_TIMEOUT)
        page.wait_for_timeout(400)
        if page.evaluate(IDLE):
            return
    raise TimeoutError("the app did not settle")


def see(locator, timeout: float = 10_000) -> None:
    """Assert that something is on the screen, waiting for it as a person would: a toast or a
    message may be drawn a moment after the run that made it has ended."""
    from playwright.sync_api import expect

    expect(locator).to_be_visible(timeout=timeout)


def open_app(page, server) -> None:
    page.goto(server.url)
    settle(page)


def click(page, text: str, exact: bool = True) -> None:
    page.get_by_text(text, exact=exact).first.click()
    settle(page)


def press(page, label: str) -> None:
    """Press the button with this label (not a link or a heading with the same words)."""
    page.get_by_role("button", name=label, exact=True).first.click()
    settle(page)


def sign_in_as(page, server, role_label: str) -> None:
    """Sign in with a demo account through its button, as a person would: a sign-in lasts
    (its cookie), so whoever is signed in on this browser signs out first."""
    open_app(page, server)
    sign_out = page.get_by_role("button", name="Afmelden")
    if sign_out.count():
        sign_out.first.click()
        settle(page)
        see(page.get_by_role("heading", name="Aanmelden"))
    page.get_by_role("button", name=f"Aanmelden als {role_label}").click()
    settle(page)


def navigate(page, title: str) -> None:
    """Open a page through its link in the navigation (a section may share its name)."""
    links = page.locator('[data-testid="stSidebarNav"] [data-testid="stSidebarNavLink"]')
    links.filter(has=page.get_by_text(title, exact=True)).first.click()
    settle(page)


def grid(page, which: int = 0) -> tuple[list[str], list[str]]:
    """A table's column headers and cells from the grid's accessible copy (the visible one is
    drawn on a canvas). Cells hold the values underneath, not their local formatting."""
    table = page.locator('[data-testid="stDataFrame"]').nth(which)
    table.locator('[role="columnheader"]').first.wait_for(state="attached",
                                                          timeout=SETTLE_TIMEOUT)
    headers = [h.strip() for h in table.locator('[role="columnheader"]').all_inner_texts()]
    cells = [c.strip() for c in table.locator('[role="gridcell"]').all_inner_texts()]
    return headers, cells


def sidebar_pages(page) -> list[str]:
    """Page titles in the navigation (the text before them is the icon's ligature name)."""
    links = page.locator('[data-testid="stSidebarNav"] [data-testid="stSidebarNavLink"]')
    return [text.strip().splitlines()[-1].strip() for text in links.all_inner_texts()]


def rows_with(page, text: str, which: int = 0) -> tuple[list[str], list[list[str]]]:
    """A table's headers and its rows, once a cell reading `text` is in the grid's accessible
    copy (redrawn a moment after the run that changed it): Playwright's own wait, not a loop."""
    table = page.locator('[data-testid="stDataFrame"]').nth(which)
    table.locator('[role="gridcell"]').filter(has_text=text).first.wait_for(
        state="attached", timeout=SETTLE_TIMEOUT)
    headers, cells = grid(page, which)
    width = len(headers)
    return headers, [cells[i:i + width] for i in range(0, len(cells), width)]


def shot(page, name: str) -> None:
    """Keep a screenshot of this step in test-artifacts/browser/ to look at afterwards."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def type_and_enter(page, text: str) -> None:
    """Type into what has the focus and press Enter once the typing is on the screen, as a
    person does. The data editor's cell editor (and a select box's filter) acts on Enter with
    the value of its last drawing: an Enter in the same frame as the last key committed the
    cell's old value in 4 of 12 tries, after two frames in none of 12."""
    page.keyboard.type(text)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.keyboard.press("Enter")


def pick(page, label: str, option: str, *, last: bool = False) -> None:
    """Choose an option of a select box by typing it, as a person with a keyboard does. `last`:
    the last box whose label contains these words (a form below a filter of the same name)."""
    boxes = page.locator('[data-testid="stSelectbox"]').filter(has_text=label)
    (boxes.last if last else boxes.first).click()
    type_and_enter(page, option)
    settle(page)


def tick_row(page, table: int, row: int) -> None:
    """Tick a row's box in a selectable table (the grid is drawn on a canvas). The canvas is
    drawn a moment after the run ends, and a click before that is lost: wait for it."""
    grid_box = page.locator('[data-testid="stDataFrame"]').nth(table)
    grid_box.locator("canvas").first.wait_for(state="visible", timeout=SETTLE_TIMEOUT)
    page.wait_for_timeout(300)
    grid_box.click(position={"x": 14, "y": 38 + 35 * row})
    settle(page)


def choose_file(page, path, which: int = 0) -> None:
    """Put a file in a file uploader, as dropping it there does."""
    page.locator('[data-testid="stFileUploader"] input[type="file"]').nth(which)\
        .set_input_files(str(path))
    settle(page)


def charts_drawn(page, at_least: int) -> int:
    """Wait until at least this many charts are on the page (Vega draws after the run ends)."""
    page.wait_for_function(
        f"document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]').length >= {at_least}",
        timeout=SETTLE_TIMEOUT)
    return page.locator('[data-testid="stVegaLiteChart"]').count()


def compose_next_cycle(page) -> None:
    """On the board, go to the next cycle (not composed yet) and compose its groups, until the
    solver reports a proven optimum."""
    press(page, "Naar die week")
    press(page, "Groepen samenstellen")
    see(page.get_by_text("bewezen optimaal"))


def read_checks_and_agree(page) -> None:
    """Open the checks before publishing and, when there are remarks, tick that they were read
    (the board asks for it before it publishes a plan with remarks)."""
    page.get_by_text("Controles voor publicatie").click()
    settle(page)
    agree = page.get_by_text("Ik heb de opmerkingen gelezen en wil toch publiceren.")
    if agree.count():
        agree.click()
        settle(page)
