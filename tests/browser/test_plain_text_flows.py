"""Values from data are text in a real browser: on a demo school whose names, rooms, subjects,
survey questions and notes carry Markdown (tests/hostile.py), the timeline, the class overview,
the board and a survey load nothing from another host, draw no image or link from the data, and
show the characters as typed (``![x](`` stays ``![x](``)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser import conftest as ui
from tests.hostile import HOSTILE

pytestmark = pytest.mark.browser

FOREIGN = ("127.0.0.1:9", "evil.example")
# Streamlit 1.67 itself fetches the favicon of a page with a `:material/...:` icon from Google
# (index.js, the SET_PAGE_FAVICON of a page icon): not data, and not this check's business.
FAVICON = "https://fonts.gstatic.com/s/i/short-term/release/materialsymbolsrounded/"


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
    ui.sign_in_as(page, server, "klassenraad")

    ui.navigate(page, "Tijdlijn")
    page.get_by_label("Zoek een leerling").fill("pixel")
    page.keyboard.press("Enter")
    ui.settle(page)
    page.wait_for_timeout(1000)                  # time for an image, if one were drawn
    assert_only_text(page, server, made)
    see_text(page, HOSTILE["image"])             # the learner's name, as typed
    see_text(page, HOSTILE["html"])              # a feedback note
    see_text(page, HOSTILE["bold"])
    see_text(page, HOSTILE["address"])
    ui.shot(page, "plain_1_timeline")
    assert_only_text(page, server, made)

    ui.navigate(page, "Klasoverzicht")
    ui.tick_row(page, 0, 0)
    see_text(page, "![x](")
    ui.shot(page, "plain_2_class")
    assert_only_text(page, server, made)

    page.get_by_role("button", name="Afmelden").click()
    ui.settle(page)
    ui.sign_in_as(page, server, "flexteam")
    see_text(page, HOSTILE["link"])              # the account's own name in the sidebar
    ui.navigate(page, "Weekbord")
    ui.tick_row(page, 0, 0)                      # a session: its code, subject and room
    see_text(page, HOSTILE["colour"])
    ui.compose_next_cycle(page)                  # the report names learners
    ui.shot(page, "plain_3_board")
    assert_only_text(page, server, made)

    ui.navigate(page, "Enquêtes")
    see_text(page, HOSTILE["math"])              # the survey's questions
    ui.shot(page, "plain_4_survey")
    assert_only_text(page, server, made)
