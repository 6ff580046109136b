"""Uploading files as a person does: the file chooser, the mapping step, a refusal, surveys."""

from __future__ import annotations

import pytest

from tests.browser.conftest import (
    charts_drawn,
    choose_file,
    click,
    grid,
    navigate,
    press,
    see,
    settle,
    sign_in_as,
)
from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.browser
SAMPLES = PROJECT_ROOT / "data" / "samples"


def pick(page, label: str, option: str) -> None:
    """Open the select box with this label and choose an option, as with a mouse."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    box.click()
    page.get_by_role("option", name=option, exact=True).click()
    settle(page)


def test_upload_a_smartschool_learner_list(page, server):
    sign_in_as(page, server, "beheerder")
    navigate(page, "Importeren")
    choose_file(page, SAMPLES / "leerlingen_smartschool.csv")
    see(page.get_by_text("16 rijen en 8 kolommen gelezen (CSV). Codering cp1252", exact=False))
    see(page.get_by_text("Herkend: Smartschool-export.", exact=False))
    headers, cells = grid(page)
    assert headers[:4] == ["Stamboeknummer", "Naam", "Voornaam", "Klas"]
    assert "D’Hondt" in cells  # Windows-1252 read right
    press(page, "Importeren")
    see(page.get_by_text("Geïmporteerd: 16 nieuw, 0 gewijzigd", exact=False))


def test_unknown_column_is_linked_then_a_refusal_names_the_rows(page, server, tmp_path,
                                                                demo_file):
    sign_in_as(page, server, "beheerder")
    navigate(page, "Importeren")
    pick(page, "Wat laad je op?", "Resultaten (puntenboek)")
    from app.db import Database

    with Database(demo_file) as db:  # the school the server runs on a copy of
        learners = list(db.read("import/learner_keys")["external_id"][:2])
    points = tmp_path / "punten.csv"
    points.write_text(f"LLN-ID;Vak;Periode;Punt\n{learners[0]};Wiskunde;1;12,5/20\n"
                      f"{learners[1]};Wiskunde;1;25/20\n", encoding="utf-8")
    choose_file(page, points)
    see(page.get_by_text("Deze verplichte velden vinden geen kolom: Leerling", exact=False))
    pick(page, "Leerling (stamboeknummer) *", "LLN-ID")
    press(page, "Koppeling toepassen")
    see(page.get_by_text("Rijen met een probleem: 1 van de 2 (problemen: 1)", exact=False))
    headers, cells = grid(page)
    assert headers == ["Rij", "Kolom", "Waarde", "Reden"]
    assert cells == ["3", "Punt", "25/20", "is hoger dan het maximum 20"]


def upload_as_teacher(page) -> None:
    """A teacher may not link answers to learners: when the file names learners of the school
    (the first flow here imported the sample's learners), the page says so before saving, and
    the teacher uploads without those links."""
    confirm = page.get_by_role("button", name="Opladen zonder die koppelingen", exact=True)
    if confirm.count():
        see(page.get_by_text("Antwoorden die niet aan een leerling gekoppeld worden",
                             exact=False))
        press(page, "Opladen zonder die koppelingen")


def test_google_forms_export_is_charted_at_once(page, server):
    sign_in_as(page, server, "leerkracht")
    navigate(page, "Enquêtes")
    choose_file(page, SAMPLES / "welbevinden_google_forms.csv")
    upload_as_teacher(page)
    see(page.get_by_text("De enquête is opgeladen", exact=False))
    assert charts_drawn(page, 3) >= 3
    see(page.get_by_text("Waar wil je aan werken in het flexuur?", exact=False))


def test_microsoft_forms_xlsx_asks_the_date_order_then_charts(page, server):
    sign_in_as(page, server, "leerkracht")
    navigate(page, "Enquêtes")
    choose_file(page, SAMPLES / "zelfreflectie_microsoft_forms.xlsx")
    see(page.get_by_text("Hoe staan de datums in dit bestand?"))
    click(page, "maand/dag/jaar (10/14/2026)")
    upload_as_teacher(page)
    see(page.get_by_text("De enquête is opgeladen", exact=False))
    assert charts_drawn(page, 2) >= 2
