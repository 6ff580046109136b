"""Professional development in a real browser: a teacher files a request and submits it, the
director approves it in the queue, and the budget overview (with its chart) shows the money
committed. Screenshots of each step stay in test-artifacts/browser/ to look at."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import navigate, see, settle, shot, sign_in_as

pytestmark = pytest.mark.browser
TITLE = "Formatief evalueren in de eerste graad"



def committed(page) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Vastgelegd").first
    see(metric)
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def tab(page, name: str):
    page.get_by_role("tab", name=name, exact=True).click()
    settle(page)
    return page.get_by_role("tabpanel", name=name)


def test_director_sees_budget_chart_teacher_files_director_approves(page, server):
    # The director's overview: the budget at a glance with its charts.
    sign_in_as(page, server, "directie")
    navigate(page, "Overzicht")
    see(page.get_by_text("Verloop over het schooljaar"))
    see(page.locator('[data-testid="stVegaLiteChart"]').first)
    before = committed(page)
    shot(page, "prof_1_overview_before")

    # A teacher files a request, saves it as a draft and submits it.
    sign_in_as(page, server, "leerkracht")
    navigate(page, "Aanvragen")
    panel = tab(page, "Nieuwe aanvraag")
    panel.get_by_label("Titel", exact=True).fill(TITLE)
    panel.get_by_role("textbox", name="Doel", exact=True).fill(
        "Elke les feedback die leerlingen verder helpt.")
    # Streamlit 1.67 draws st.date_input as the browser's own date field (no label on it).
    panel.locator('input[type="date"]').first.fill("2027-02-03")
    # Amounts are typed the Flemish way: a decimal comma is a comma, never a thousands mark.
    panel.get_by_role("textbox", name="Inschrijving (€)").fill("245")
    panel.get_by_role("textbox", name="Verplaatsing (€)").fill("17,50")
    panel.get_by_role("textbox", name="Hoe deel je het geleerde met collega's?").fill(
        "Op de vakgroep")
    shot(page, "prof_2_request_form")
    panel.get_by_role("button", name="Bewaren als ontwerp").click()
    settle(page)
    see(page.get_by_text("Aanvraag bewaard als ontwerp").first)
    mine = tab(page, "Mijn aanvragen")
    request = mine.locator('[data-testid="stExpander"]').filter(has_text=TITLE).first
    request.get_by_role("button", name="Indienen", exact=True).click()
    settle(page)
    see(page.get_by_text("De aanvraag is nu: ingediend.").first)
    shot(page, "prof_3_submitted")

    # The director finds it in the queue and approves it.
    sign_in_as(page, server, "directie")
    navigate(page, "Aanvragen")
    queue = tab(page, "Wachtrij")
    waiting = queue.locator('[data-testid="stExpander"]').filter(has_text=TITLE).first
    see(waiting)
    shot(page, "prof_4_queue")
    waiting.get_by_role("button", name="Goedkeuren", exact=True).click()
    settle(page)
    see(page.get_by_text("De aanvraag is nu: goedgekeurd.").first)

    # The overview changed accordingly: 262,50 euros more committed (the comma kept its place).
    navigate(page, "Overzicht")
    after = committed(page)
    shot(page, "prof_5_overview_after")

    def euros(text: str) -> float:
        return float(re.sub(r"[^\d,]", "", text).replace(",", "."))

    assert round(euros(after) - euros(before), 2) == 262.5
