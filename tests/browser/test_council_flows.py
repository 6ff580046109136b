"""The class council in a real browser: three decisions in the meeting (two learners at once,
then one more), and the flex team's next composition gives those decisions as the reason for
the placement. Screenshots of each step stay in test-artifacts/browser/."""

from __future__ import annotations

import pytest

from tests.browser.conftest import (
    grid,
    navigate,
    pick,
    press,
    rows_with,
    see,
    settle,
    shot,
    sign_in_as,
    tick_row,
)

pytestmark = pytest.mark.browser


def learner_names(page) -> list[str]:
    """The learners of the class table, top to bottom (first column of the grid)."""
    headers, cells = grid(page)
    width = len(headers)
    start = headers.index("Leerling")
    return cells[start::width]


def placements_of(page, name: str) -> list[list[str]]:
    """The rows of the board's search result for one learner."""
    _, rows = rows_with(page, name)
    mine = [row for row in rows if row[0] == name]
    assert mine, f"{name} is not in the search result"
    return mine


def decide(page, subject: str, reason: str) -> None:
    pick(page, "Vak", subject, last=True)
    page.get_by_label("Reden").fill(reason)
    press(page, "Beslissing bewaren")


def test_three_council_decisions_become_reasons_of_the_next_composition(page, server):
    sign_in_as(page, server, "klassenraad")
    navigate(page, "Klasoverzicht")
    names = learner_names(page)
    assert len(names) > 5
    shot(page, "council_1_class")

    tick_row(page, 0, 0)
    tick_row(page, 0, 1)
    see(page.get_by_text("Gemeenschappelijke beslissing voor 2 leerlingen"))
    decide(page, "Wiskunde", "Breuken nog niet verworven")
    see(page.get_by_text("Beslissing bewaard voor 2 leerlingen", exact=False))
    together = names[:2]

    third = next(n for n in learner_names(page) if n not in together)
    tick_row(page, 0, learner_names(page).index(third))
    see(page.get_by_text("Beslissing voor 1 leerling"))
    shot(page, "council_2_one_learner")
    decide(page, "Frans", "Woordenschat inhalen")
    see(page.get_by_text("Beslissing bewaard voor 1 leerling", exact=False))
    shot(page, "council_3_decided")

    page.get_by_role("button", name="Afmelden").click()
    settle(page)
    sign_in_as(page, server, "flexteam")
    navigate(page, "Weekbord")
    press(page, "Naar die week")
    press(page, "Groepen samenstellen")
    see(page.get_by_text("bewezen optimaal"))
    for name, reason in [*((n, "Breuken nog niet verworven") for n in together),
                         (third, "Woordenschat inhalen")]:
        page.get_by_placeholder("Naam", exact=False).first.fill(name)
        page.keyboard.press("Enter")
        settle(page)
        mine = placements_of(page, name)
        assert any(f"Beslissing van de klassenraad: {reason}" in cell
                   for row in mine for cell in row), str(mine)
    shot(page, "council_4_composed_with_reasons")
