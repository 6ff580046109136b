"""Permissions as a person meets them: a flex teacher's well-being file that reaches no learner,
and an import page that offers each role only the kinds it may import."""

from __future__ import annotations

import pytest

from app.db import Database
from tests.browser import conftest as ui
from tests.browser.test_import_flows import pick
from tests.conftest import PROJECT_ROOT, TODAY

pytestmark = pytest.mark.browser
SAMPLES = PROJECT_ROOT / "data" / "samples"


def signs_of(page, name: str) -> str:
    """The 'Signalen' cell of one learner on the class overview (the grid's accessible copy)."""
    headers, rows = ui.rows_with(page, name)
    mine = [row for row in rows if row[headers.index("Leerling")] == name]
    assert mine, f"{name} is not on the class overview"
    return mine[0][headers.index("Signalen")]


def visible_learners(page) -> list[str]:
    headers, cells = ui.grid(page)
    width = len(headers)
    return cells[headers.index("Leerling")::width]


def sign_out(page) -> None:
    page.get_by_role("button", name="Afmelden").click()
    ui.settle(page)


def test_a_flex_teachers_wellbeing_file_reaches_no_learner(page, server, demo_file, tmp_path):
    from app import auth

    with Database(demo_file) as db:  # the school the server runs on a copy of
        council = db.one("auth/user_by_email", email="klassenraad@demo.dehorizon.example")
        scope = auth.load_viewer(db, int(council["user_id"])).scope
        class_id = db.read("council/classes", scope=scope, school_year="2026-2027")[
            "class_id"].iloc[0]
        learners = db.read("council/class_learners", scope=scope, class_id=int(class_id),
                           today=TODAY)
        with db._con.cursor() as cur:
            numbers = dict(cur.execute("select learner_id, external_id from learner").fetchall())
    feeling_well = {row.learner: numbers[row.learner_id] for row in learners.itertuples()
                    if row.wellbeing == row.wellbeing and row.wellbeing > 0.6}

    ui.sign_in_as(page, server, "klassenraad")
    ui.navigate(page, "Klasoverzicht")
    # A learner who feels well, among the rows the overview shows first.
    name = next(n for n in visible_learners(page) if n in feeling_well)
    number = feeling_well[name]
    assert "☁" not in signs_of(page, name)
    sign_out(page)

    upload = tmp_path / "welbevinden.csv"
    upload.write_text(
        "Tijdstempel;Stamboeknummer;Ik voel me goed op school.;Wil je nog iets kwijt?\n"
        f"20/11/2026 10:00:00;{number};Helemaal niet akkoord;Ik wil van school veranderen\n"
        f"21/11/2026 10:00:00;{number};Helemaal niet akkoord;Ik wil van school veranderen\n",
        encoding="utf-8")
    ui.sign_in_as(page, server, "leerkracht")
    ui.navigate(page, "Enquêtes")
    ui.choose_file(page, upload)
    # Before anything is written: how many answers will not be linked, and why.
    ui.see(page.get_by_text("Er is nog niets opgeslagen", exact=False))
    ui.see(page.get_by_text("Antwoorden die niet aan een leerling gekoppeld worden: 2. Jouw rol "
                         "mag geen antwoorden aan leerlingen koppelen", exact=False))
    ui.shot(page, "permissions_1_held_back")
    ui.press(page, "Opladen zonder die koppelingen")
    ui.see(page.get_by_text("De enquête is opgeladen", exact=False))
    # The tag that would make it a learner's well-being is not offered, and the page says why
    # (the form to name and tag the survey stands open after an upload).
    ui.see(page.get_by_text("Deze labels kan je niet kiezen: welbevinden", exact=False))
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Label").first
    box.click()
    assert page.get_by_role("option", name="welbevinden", exact=True).count() == 0
    page.keyboard.press("Escape")
    ui.shot(page, "permissions_2_no_tag")
    sign_out(page)

    ui.sign_in_as(page, server, "klassenraad")
    ui.navigate(page, "Klasoverzicht")
    assert "☁" not in signs_of(page, name)


def test_the_flex_team_is_not_offered_the_budget_and_the_director_imports_it(page, server):
    ui.sign_in_as(page, server, "flexteam")
    ui.navigate(page, "Importeren")
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Wat laad je op?").first
    box.click()
    offered = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    assert "Leerlingen (Smartschool, Informat)" in offered
    assert "Professionaliseringsbudget (bronnen)" not in offered, offered
    sign_out(page)

    ui.sign_in_as(page, server, "directie")
    ui.navigate(page, "Importeren")
    pick(page, "Wat laad je op?", "Professionaliseringsbudget (bronnen)")
    ui.choose_file(page, SAMPLES / "prof_budget.csv")
    ui.press(page, "Importeren")
    ui.see(page.get_by_text("Geïmporteerd: 1 nieuw, 0 gewijzigd, 2 ongewijzigd", exact=False))
    ui.shot(page, "permissions_3_director_budget")
