"""The team tools in a real browser: the flex team scores a round of the self-assessment and
sees it in the evolution chart and the printable report; the director sees where the load of
teacher leaders is unrealistic; a teacher fills in the self-assessment of a coaching visit and
the adviser then records the feedback talk. Screenshots stay in test-artifacts/browser/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import navigate, press, see, settle, shot, sign_in_as, type_and_enter

pytestmark = pytest.mark.browser




def test_score_a_round_of_the_self_assessment_and_see_the_chart(page, server):
    sign_in_as(page, server, "flexteam")
    navigate(page, "Kijkwijzer")
    see(page.get_by_text("Evolutie per effect"))
    page.get_by_text("Nieuwe ronde", exact=True).click()
    settle(page)
    page.get_by_label("Wie nam deel").fill("Flexteam en directie (browsertest)")
    press(page, "Ronde starten")
    see(page.get_by_text("Nieuwe ronde gestart: scoor nu de indicatoren."))
    expect(page.get_by_role("combobox", name="Ronde")).to_have_value(
        re.compile(r"Flexteam en directie \(browsertest\) \(0 van 28 gescoord\)"))

    first = page.locator('[data-testid="stRadio"]').first
    first.get_by_text("2", exact=True).click()
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Beslissing").first.click()
    type_and_enter(page, "bijsturen")
    page.get_by_label("Toelichting").first.fill("Noden per klassenraad vastleggen")
    press(page, "Ronde bewaren")
    see(page.get_by_text("rij 1.1, kolom Eigenaar opvolging", exact=False))
    shot(page, "team_1_selfcheck_refused")

    page.get_by_label("Eigenaar opvolging").first.fill("Zorgcoördinator")
    press(page, "Ronde bewaren")
    see(page.get_by_text("De ronde is bewaard."))
    expect(page.get_by_role("combobox", name="Ronde")).to_have_value(
        re.compile(r"Flexteam en directie \(browsertest\) \(1 van 28 gescoord\)"))
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    see(chart)
    shot(page, "team_2_selfcheck_saved")
    settle(page)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Verslag van deze ronde (afdrukbaar)").click()
    report = download.value.path().read_text(encoding="utf-8")
    assert "Noden per klassenraad vastleggen" in report and "Zorgcoördinator" in report


def test_director_sees_unrealistic_load_and_everyone_sees_who_does_what(page, server):
    sign_in_as(page, server, "directie")
    navigate(page, "Taakdragers")
    page.get_by_role("tab", name="Belasting").click()
    settle(page)
    see(page.get_by_text("Waar de belasting onrealistisch is"))
    see(page.get_by_text(re.compile(r"boven de drempel 1,20")).first)
    shot(page, "team_3_leaders_load")
    navigate(page, "Wie doet wat")
    see(page.get_by_text("Graadcoördinator").first)
    see(page.get_by_text("Hier kan je terecht voor:").first)


def test_teacher_assesses_themself_then_the_adviser_records_the_talk(page, server):
    sign_in_as(page, server, "leerkracht")
    navigate(page, "Werkbegeleiding")
    page.get_by_role("tab", name="Bezoeken en gesprekken").click()
    settle(page)
    form = page.locator('[data-testid="stForm"]').filter(has_text="Jouw zelfbeoordeling")
    for radio in form.locator('[data-testid="stRadio"]').all():
        radio.get_by_text("3", exact=True).click()
    press(page, "Zelfbeoordeling bewaren")
    see(page.get_by_text("Je zelfbeoordeling is bewaard."))
    shot(page, "team_4_self_assessment")

    page.get_by_role("button", name="Afmelden").click()
    settle(page)
    page.get_by_role("button", name="Aanmelden als begeleider", exact=True).click()
    settle(page)
    navigate(page, "Werkbegeleiding")
    page.get_by_role("tab", name="Bezoeken en gesprekken").click()
    settle(page)
    assert page.get_by_text("De zelfbeoordeling van de leerkracht ontbreekt").count() == 0
    talk = page.locator('[data-testid="stForm"]').filter(has_text="Reflectie van de leerkracht")
    for radio in talk.locator('[data-testid="stRadio"]').all():
        radio.get_by_text("4", exact=True).click()
    talk.get_by_label("Reflectie van de leerkracht").fill("Lesdoel werkt, leswissel lukt.")
    talk.get_by_label("Handelingsaanwijzingen").fill("Differentieer de verwerking.")
    press(page, "Feedbackgesprek bewaren")
    see(page.get_by_text("Het feedbackgesprek is bewaard."))
    page.get_by_role("tab", name="Voortgang").click()
    settle(page)
    see(page.locator('[data-testid="stVegaLiteChart"]').first)
    shot(page, "team_5_coaching_progress")
