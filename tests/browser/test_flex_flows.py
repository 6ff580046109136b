"""The flex team's weekly job in a real browser: compose the next cycle, move a learner, lock
another, publish, open a session's printable list and a parent's message in both languages.
Screenshots of each step stay in test-artifacts/browser/ to look at."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, navigate, press, see, settle, sign_in_as

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"flex_{name}.png"), full_page=True)


def pick(page, label: str, option: str) -> None:
    """Choose an option of a select box by typing it, as a person with a keyboard does."""
    page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first.click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")
    settle(page)


def tick_row(page, table: int, row: int) -> None:
    """Tick a row's box in a selectable table (the grid is drawn on a canvas)."""
    page.locator('[data-testid="stDataFrame"]').nth(table).click(
        position={"x": 14, "y": 38 + 35 * row})
    settle(page)


def test_compose_move_lock_publish_then_list_and_messages(page, server):
    sign_in_as(page, server, "flexteam")
    navigate(page, "Weekbord")
    press(page, "Naar die week")
    press(page, "Groepen samenstellen")
    see(page.get_by_text("bewezen optimaal"))
    see(page.get_by_text("Voorstel (niet gepubliceerd)").first)
    shot(page, "1_composed")

    tick_row(page, 0, 0)                      # a session
    tick_row(page, 1, 0)                      # its first learner
    pick(page, "Verplaatsen naar", "-R2")     # another session of the same hour
    press(page, "Verplaatsen")
    see(page.get_by_text("1 leerling verplaatst en vastgezet."))
    shot(page, "2_moved")

    tick_row(page, 1, 1)
    press(page, "Vastzetten")
    see(page.get_by_text("1 plaats vastgezet."))

    page.get_by_text("Controles voor publicatie").click()
    settle(page)
    agree = page.get_by_text("Ik heb de opmerkingen gelezen en wil toch publiceren.")
    if agree.count():
        agree.click()
        settle(page)
    shot(page, "3_checks")
    press(page, "Publiceren")
    see(page.get_by_text("Gepubliceerd als versie 1."))

    navigate(page, "Lijsten en berichten")
    pick(page, "Week", "2026-W50")
    see(page.get_by_text("Gepubliceerde groepen: Versie 1"))
    with page.expect_download() as download:
        page.get_by_role("button", name="Lijst afdrukken").click()
    printable = download.value.path().read_text(encoding="utf-8")
    assert "<table>" in printable and "week van" in printable
    list_page = page.context.new_page()
    list_page.goto(download.value.path().as_uri())
    list_page.screenshot(path=str(ARTIFACTS / "flex_4_printable.png"), full_page=True)
    list_page.close()

    page.get_by_text("Berichten", exact=True).click()
    settle(page)
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Voorbeeld voor").click()
    page.keyboard.press("Enter")
    settle(page)
    see(page.get_by_text("Beste ouder,"))
    see(page.get_by_text("Over flexuren: bij remediëring").first)
    shot(page, "5_message_nl")

    language = page.locator('[data-testid="stButtonGroup"]').filter(has_text="Nederlands")
    language.last.get_by_text("English").click()
    settle(page)
    see(page.get_by_text("Dear parent,"))
    shot(page, "6_message_en")

    page.locator('[data-testid="stSidebar"]').get_by_text("English").click()
    settle(page)
    see(page.get_by_role("heading", name="Lists and messages"))
    see(page.get_by_text("Dear parent,"))
    shot(page, "7_interface_en")
