"""Flows as a person does them, in a real Chromium against the running app."""

from __future__ import annotations

import pytest

from tests.browser.conftest import click, navigate, open_app, see, settle, sidebar_pages, sign_in_as

pytestmark = pytest.mark.browser


def test_sign_in_page_then_switch_language(page, server):
    open_app(page, server)
    see(page.get_by_role("heading", name="Aanmelden"))
    click(page, "English")
    see(page.get_by_role("heading", name="Sign in"))
    see(page.get_by_role("button", name="Sign in as director"))


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("flexteam", ["Start", "Weekbord", "Aanbod", "Lijsten en berichten", "Aanwezigheid",
                      "Opvolging", "Kijkwijzer", "Klasoverzicht", "Tijdlijn", "Aanvragen",
                      "Wie doet wat", "Enquêtes", "Importeren"]),
        ("klassenraad", ["Start", "Klasoverzicht", "Tijdlijn", "Aanvragen", "Wie doet wat",
                         "Enquêtes"]),
        ("directie", ["Start", "Weekbord", "Lijsten en berichten", "Opvolging", "Kijkwijzer",
                      "Klasoverzicht", "Tijdlijn", "Overzicht", "Aanvragen", "Budget",
                      "Competenties", "Plan", "Taakdragers", "Wie doet wat", "Werkbegeleiding",
                      "Enquêtes", "Importeren"]),
    ],
)
def test_each_role_sees_its_own_app(page, server, role, expected):
    sign_in_as(page, server, role)
    see(page.get_by_role("heading", name="Start"))
    assert sidebar_pages(page) == expected


def test_class_council_sees_only_its_classes(page, server):
    sign_in_as(page, server, "klassenraad")
    navigate(page, "Klasoverzicht")
    page.locator('[data-testid="stSelectbox"]').first.click()
    options = page.locator('[role="option"]').all_inner_texts()
    assert [o.split(" ")[0] for o in options] == ["1A", "1B"]


def test_home_in_english_after_the_switch(page, server):
    sign_in_as(page, server, "directie")
    click(page, "English")
    see(page.get_by_role("heading", name="Home"))
    see(page.get_by_text("Learners with open needs"))
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 1


def test_sign_out_returns_to_the_sign_in_page(page, server):
    sign_in_as(page, server, "flexteam")
    page.get_by_role("button", name="Afmelden").click()
    settle(page)
    see(page.get_by_role("heading", name="Aanmelden"))
