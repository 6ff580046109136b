"""The class council in a real browser: three decisions in the meeting (two learners at once,
then one more), and the flex team's next composition gives those decisions as the reason for
the placement. Screenshots of each step stay in test-artifacts/browser/."""

from __future__ import annotations

import re

import pytest

from tests.browser import conftest as ui

pytestmark = pytest.mark.browser


def learner_names(page) -> list[str]:
    """The learners of the class table, top to bottom (first column of the grid)."""
    headers, cells = ui.grid(page)
    width = len(headers)
    start = headers.index("Leerling")
    return cells[start::width]


def placements_of(page, name: str) -> list[list[str]]:
    """The rows of the board's search result for one learner."""
    _, rows = ui.rows_with(page, name)
    mine = [row for row in rows if row[0] == name]
    assert mine, f"{name} is not in the search result"
    return mine


def decide(page, subject: str, reason: str) -> None:
    ui.pick(page, "Vak", subject, last=True)
    page.get_by_label("Reden").fill(reason)
    ui.press(page, "Beslissing bewaren")


def test_three_council_decisions_become_reasons_of_the_next_composition(page, server):
    ui.sign_in_as(page, server, "klassenraad")
    ui.navigate(page, "Klasoverzicht")
    names = learner_names(page)
    assert len(names) > 5
    ui.shot(page, "council_1_class")

    ui.tick_row(page, 0, 0)
    ui.tick_row(page, 0, 1)
    ui.see(page.get_by_text("Gemeenschappelijke beslissing voor 2 leerlingen"))
    decide(page, "Wiskunde", "Breuken nog niet verworven")
    ui.see(page.get_by_text("Beslissing bewaard voor 2 leerlingen", exact=False))
    together = names[:2]

    third = next(n for n in learner_names(page) if n not in together)
    ui.tick_row(page, 0, learner_names(page).index(third))
    ui.see(page.get_by_text("Beslissing voor 1 leerling"))
    ui.shot(page, "council_2_one_learner")
    decide(page, "Frans", "Woordenschat inhalen")
    ui.see(page.get_by_text("Beslissing bewaard voor 1 leerling", exact=False))
    ui.shot(page, "council_3_decided")

    page.get_by_role("button", name="Afmelden").click()
    ui.settle(page)
    ui.sign_in_as(page, server, "flexteam")
    ui.navigate(page, "Weekbord")
    ui.compose_next_cycle(page)
    for name, reason in [*((n, "Breuken nog niet verworven") for n in together),
                         (third, "Woordenschat inhalen")]:
        page.get_by_placeholder("Naam", exact=False).first.fill(name)
        page.keyboard.press("Enter")
        ui.settle(page)
        mine = placements_of(page, name)
        # 'Beslissing van de klassenraad 1A: ...': the council that decided joins the source.
        assert any(re.match(rf"Beslissing van de klassenraad 1[AB]: {re.escape(reason)}", cell)
                   for row in mine for cell in row), str(mine)
    ui.shot(page, "council_4_composed_with_reasons")
