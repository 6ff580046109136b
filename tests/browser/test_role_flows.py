"""Each flow as each role that has it: the flows of the other files are done by their main
user (the flex team composes, the class council decides, the administrator uploads); here the
other roles that may do the same do it too, and every role switches the language."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import (
    choose_file,
    click,
    compose_next_cycle,
    navigate,
    pick,
    press,
    read_checks_and_agree,
    see,
    sign_in_as,
    tick_row,
)
from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.browser

EVERY_ROLE = ["beheerder", "directie", "flexteam", "klassenraad", "leerkracht", "begeleider"]


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_every_role_switches_to_english_and_back(page, server, role):
    sign_in_as(page, server, role)
    see(page.get_by_role("heading", name="Start"))
    click(page, "English")
    see(page.get_by_role("heading", name="Home"))
    see(page.get_by_role("button", name="Sign out"))
    click(page, "Nederlands")
    see(page.get_by_role("heading", name="Start"))


def test_the_flex_team_uploads_a_learner_list_too(page, server):
    sign_in_as(page, server, "flexteam")
    navigate(page, "Importeren")
    choose_file(page, PROJECT_ROOT / "data" / "samples" / "leerlingen_smartschool.csv")
    see(page.get_by_text("Herkend: Smartschool-export.", exact=False))
    press(page, "Importeren")
    see(page.get_by_text(re.compile(r"Geïmporteerd: \d+ nieuw")))


def test_the_administrator_composes_and_publishes(page, server):
    sign_in_as(page, server, "beheerder")
    navigate(page, "Weekbord")
    compose_next_cycle(page)
    read_checks_and_agree(page)
    press(page, "Publiceren")
    see(page.get_by_text(re.compile(r"Gepubliceerd als versie \d+\.")))


@pytest.mark.parametrize("role", ["directie", "beheerder"])
def test_a_council_decision_by_the_director_and_the_administrator(page, server, role):
    sign_in_as(page, server, role)
    navigate(page, "Klasoverzicht")
    tick_row(page, 0, 2)
    see(page.get_by_text("Beslissing voor 1 leerling"))
    pick(page, "Vak", "Nederlands", last=True)
    page.get_by_label("Reden").fill(f"Begrijpend lezen ({role})")
    press(page, "Beslissing bewaren")
    see(page.get_by_text("Beslissing bewaard voor 1 leerling", exact=False))
