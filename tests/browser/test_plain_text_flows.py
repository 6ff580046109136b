"""Values from data are text in a real browser: on a demo school whose names, rooms, subjects,
survey questions and notes carry Markdown (tests/hostile.py), the timeline, the class overview,
the board and a survey load nothing from another host, draw no image or link from the data, and
show the characters as typed (``![x](`` stays ``![x](``)."""

from __future__ import annotations

import shutil
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import (
    CHROMIUM,
    Server,
    navigate,
    press,
    see,
    settle,
    shot,
    sign_in_as,
    tick_row,
)
from tests.hostile import HOSTILE, make_hostile

pytestmark = pytest.mark.browser

FOREIGN = ("127.0.0.1:9", "evil.example")
# Streamlit 1.67 itself fetches the favicon of a page with a `:material/...:` icon from Google
# (index.js, the SET_PAGE_FAVICON of a page icon): not data, and not this check's business.
FAVICON = "https://fonts.gstatic.com/s/i/short-term/release/materialsymbolsrounded/"


@pytest.fixture(scope="module")
def hostile_server(demo_file, tmp_path_factory):
    from pathlib import Path

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: `make test` installs it (apt chromium)")
    folder = tmp_path_factory.mktemp("browser-hostile")
    db_path = folder / "school.duckdb"
    shutil.copyfile(demo_file, db_path)
    make_hostile(db_path)
    app = Server(db_path, folder / "streamlit.log")
    yield app
    app.stop()


def requests_of(page) -> list[str]:
    made: list[str] = []
    page.on("request", lambda request: made.append(request.url))
    return made


def assert_only_text(page, server, made: list[str]) -> None:
    """Nothing fetched from another host, no image or link from the data, no rendered maths or
    colour from the data."""
    own = urlsplit(server.url).netloc
    outside = [u for u in made if urlsplit(u).scheme in ("http", "https", "ws", "wss")
               and urlsplit(u).netloc != own and not u.startswith(FAVICON)]
    assert outside == []
    images = page.evaluate("[...document.querySelectorAll('img')].map(i => i.src)")
    assert [src for src in images if any(f in src for f in FOREIGN) or src.endswith("/x")] == []
    links = page.evaluate("[...document.querySelectorAll('a')].map(a => a.href)")
    assert [href for href in links if any(f in href for f in FOREIGN)
            or href.startswith("mailto:")] == []
    coloured = page.evaluate(
        "[...document.querySelectorAll('.stMarkdownColoredText')].map(e => e.textContent)")
    assert "rood" not in " ".join(coloured)
    assert page.locator(".katex").count() == 0


def see_text(page, value: str) -> None:
    """The characters as typed, on the screen. The word joiners that keep an address from
    becoming a link are invisible, so they are left out of what is compared."""
    page.wait_for_function(
        "value => document.body.innerText.replaceAll('\\u2060', '').includes(value)",
        arg=value, timeout=10_000)


def test_timeline_overview_board_and_survey_show_the_data_as_text(page, hostile_server):
    server = hostile_server
    made = requests_of(page)
    sign_in_as(page, server, "klassenraad")

    navigate(page, "Tijdlijn")
    page.get_by_label("Zoek een leerling").fill("pixel")
    page.keyboard.press("Enter")
    settle(page)
    page.wait_for_timeout(1000)                  # time for an image, if one were drawn
    assert_only_text(page, server, made)
    see_text(page, HOSTILE["image"])             # the learner's name, as typed
    see_text(page, HOSTILE["html"])              # a feedback note
    see_text(page, HOSTILE["bold"])
    see_text(page, HOSTILE["address"])
    shot(page, "plain_1_timeline")
    assert_only_text(page, server, made)

    navigate(page, "Klasoverzicht")
    tick_row(page, 0, 0)
    see_text(page, "![x](")
    shot(page, "plain_2_class")
    assert_only_text(page, server, made)

    page.get_by_role("button", name="Afmelden").click()
    settle(page)
    sign_in_as(page, server, "flexteam")
    see_text(page, HOSTILE["link"])              # the account's own name in the sidebar
    navigate(page, "Weekbord")
    tick_row(page, 0, 0)                         # a session: its code, subject and room
    see_text(page, HOSTILE["colour"])
    press(page, "Naar die week")
    press(page, "Groepen samenstellen")          # the report names learners
    see(page.get_by_text("bewezen optimaal"))
    shot(page, "plain_3_board")
    assert_only_text(page, server, made)

    navigate(page, "Enquêtes")
    see_text(page, HOSTILE["math"])              # the survey's questions
    shot(page, "plain_4_survey")
    assert_only_text(page, server, made)
