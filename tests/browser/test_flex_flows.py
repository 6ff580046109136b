"""The flex team's weekly job in a real browser: compose the next cycle, move a learner, lock
another, publish, open a session's printable list and a parent's message in both languages.
Screenshots of each step stay in test-artifacts/browser/ to look at."""

from __future__ import annotations

import pytest

from tests.browser import conftest as ui

pytestmark = pytest.mark.browser


def test_compose_move_lock_publish_then_list_and_messages(page, server):
    ui.sign_in_as(page, server, "flexteam")
    ui.navigate(page, "Weekbord")
    ui.compose_next_cycle(page)
    ui.see(page.get_by_text("Voorstel (niet gepubliceerd)").first)
    ui.shot(page, "flex_1_composed")

    ui.tick_row(page, 0, 0)                   # a session
    ui.tick_row(page, 1, 0)                   # its first learner
    ui.pick(page, "Verplaatsen naar", "-R2")  # another session of the same hour
    ui.press(page, "Verplaatsen")
    ui.see(page.get_by_text("1 leerling verplaatst en vastgezet."))
    ui.shot(page, "flex_2_moved")

    ui.tick_row(page, 1, 1)
    ui.press(page, "Vastzetten")
    ui.see(page.get_by_text("1 plaats vastgezet."))

    ui.read_checks_and_agree(page)
    ui.shot(page, "flex_3_checks")
    ui.press(page, "Publiceren")
    ui.see(page.get_by_text("Gepubliceerd als versie 1."))

    ui.navigate(page, "Lijsten en berichten")
    ui.pick(page, "Week", "week 50 ")
    ui.see(page.get_by_text("Gepubliceerde groepen: Versie 1"))
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Lijst om af te drukken").click()
    printable = download.value.path().read_text(encoding="utf-8")
    assert "<table>" in printable and "week van" in printable
    list_page = page.context.new_page()
    list_page.goto(download.value.path().as_uri())
    list_page.screenshot(path=str(ui.ARTIFACTS / "flex_4_printable.png"), full_page=True)
    list_page.close()

    page.get_by_text("Berichten", exact=True).click()
    ui.settle(page)
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Voorbeeld voor").click()
    page.keyboard.press("Enter")
    ui.settle(page)
    ui.see(page.get_by_text("Beste ouder,"))
    ui.see(page.get_by_text("Over flexuren: bij remediëring").first)
    ui.shot(page, "flex_5_message_nl")

    language = page.locator('[data-testid="stButtonGroup"]').filter(has_text="Nederlands")
    language.last.get_by_text("English").click()
    ui.settle(page)
    ui.see(page.get_by_text("Dear parent,"))
    ui.shot(page, "flex_6_message_en")

    page.locator('[data-testid="stSidebar"]').get_by_text("English").click()
    ui.settle(page)
    ui.see(page.get_by_role("heading", name="Lists and messages"))
    ui.see(page.get_by_text("Dear parent,"))
    ui.shot(page, "flex_7_interface_en")
