"""The import pipeline on the sample files a school would upload, idempotence, undo, mappings,
surveys in long form, and exports that cannot run as formulas."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from app import auth, export
from app.admin import stats
from app.audit import Audit
from app.auth import COMMAND_LINE
from app.db import Database
from app.errors import UserError
from app.i18n import Translator
from app.importing import pipeline
from app.scope import EVERYTHING
from tests.conftest import PROJECT_ROOT, app_test, demo_user_id

SAMPLES = PROJECT_ROOT / "data" / "samples"
NL = Translator("nl")


def load(db: Database, kind: str, name: str, **kwargs) -> pipeline.ImportResult:
    prepared = pipeline.prepare(db, COMMAND_LINE, kind, name, (SAMPLES / name).read_bytes(),
                                **kwargs)
    assert not prepared.missing and not prepared.problems, [
        pipeline.render_problem(p, NL) for p in prepared.problems]
    return pipeline.commit(db, COMMAND_LINE, prepared)


@pytest.fixture
def school(db) -> Database:
    """An empty school that received its learner list from Smartschool and Informat."""
    load(db, "learners", "leerlingen_smartschool.csv")
    load(db, "learners", "leerlingen_informat.xlsx")
    return db


def test_every_sample_file_imports_into_an_empty_school(db):
    expected = [
        ("learners", "leerlingen_smartschool.csv", {}, 16),
        ("learners", "leerlingen_informat.xlsx", {}, 8),
        ("staff", "personeel.csv", {}, 5),
        ("results", "punten_trimester1.csv", {}, 96),
        ("needs", "noden_klassenraad.csv", {}, 14),
        ("flex-sessions", "flexaanbod.csv", {}, 6),
        ("flex-choices", "flexkeuzes_google_forms.csv", {}, 8),
        ("survey", "welbevinden_google_forms.csv", {}, 20),
        ("survey", "zelfreflectie_microsoft_forms.xlsx", {"order": "mdy"}, 12),
        ("survey", "professionaliseringsnoden_limesurvey.csv", {}, 8),
    ]
    for kind, name, options, new in expected:
        result = load(db, kind, name, **options)
        assert result.counts.new == new, name
    counts = stats.counts(db)
    assert counts["learners"] == 24 and counts["results"] == 96 and counts["surveys"] == 3
    assert db.read("admin/orphans").empty


def test_cp1252_names_and_leading_zeros_survive(school):
    with school._con.cursor() as cur:
        names = {r[0] for r in cur.execute("select last_name from learner").fetchall()}
        ids = {r[0] for r in cur.execute("select external_id from learner").fetchall()}
    assert "D’Hondt" in names  # Windows-1252 curly apostrophe, not mojibake
    assert "0900100" in ids    # leading zero kept as text


def test_columns_a_school_did_not_ask_for_are_not_stored(school):
    everything = "\n".join(str(v) for v in school.read("export/learners", scope=EVERYTHING,
                                                         school_year="2026-2027").to_numpy()
                           .ravel())
    assert "0470" not in everything and "-123.45" not in everything
    prepared = pipeline.prepare(school, COMMAND_LINE, "learners", "x.xlsx",
                                (SAMPLES / "leerlingen_informat.xlsx").read_bytes())
    assert set(prepared.ignored_columns) == {"Rijksregisternummer", "Telefoon"}


def test_importing_the_same_file_twice_changes_nothing(school):
    again = load(school, "learners", "leerlingen_smartschool.csv")
    assert (again.counts.new, again.counts.updated, again.counts.unchanged) == (0, 0, 16)


def test_overlapping_rows_update_by_their_natural_key(school):
    load(school, "results", "punten_trimester1.csv")
    data = (SAMPLES / "punten_trimester1.csv").read_text(encoding="utf-8-sig")
    first, second = data.splitlines()[1:3]
    changed = "Stamboeknummer;Vak;Periode;Punt\n" + first.rsplit(";", 1)[0] + ";19/20\n" \
        + second + "\n"
    prepared = pipeline.prepare(school, COMMAND_LINE, "results", "correctie.csv", changed.encode())
    result = pipeline.commit(school, COMMAND_LINE, prepared)
    assert (result.counts.new, result.counts.updated, result.counts.unchanged) == (0, 1, 1)
    assert stats.counts(school)["results"] == 96


def test_undo_restores_what_the_last_import_changed(school):
    before = stats.counts(school)
    load(school, "results", "punten_trimester1.csv")
    pipeline.undo_last(school, COMMAND_LINE)
    after = stats.counts(school)
    assert after["results"] == before["results"] == 0
    log = pipeline.log(school)
    assert log.iloc[0]["status"] == "undone"


def test_undo_of_an_update_brings_the_old_value_back(school):
    load(school, "learners", "leerlingen_smartschool.csv")
    renamed = (SAMPLES / "leerlingen_smartschool.csv").read_bytes().replace(b"Peeters", b"Pieters")
    prepared = pipeline.prepare(school, COMMAND_LINE, "learners", "nieuw.csv", renamed)
    assert pipeline.commit(school, COMMAND_LINE, prepared).counts.updated >= 1
    pipeline.undo_last(school, COMMAND_LINE)
    with school._con.cursor() as cur:
        assert cur.execute("select count(*) from learner where last_name = 'Pieters'")\
            .fetchall()[0][0] == 0
        assert cur.execute("select count(*) from learner where last_name = 'Peeters'")\
            .fetchall()[0][0] >= 1


def test_undo_is_refused_when_newer_data_refers_to_it(db):
    load(db, "learners", "leerlingen_smartschool.csv")
    with db.transaction(Audit("edit", scope="cli")) as tx:  # a result entered since
        tx._cur.execute("insert into result select learner_id, 'WIS', (select min(period_id)"
                        " from period), 5, 20, null from learner limit 1")
    with pytest.raises(UserError) as refused:
        pipeline.undo_last(db, COMMAND_LINE)  # the learners
    assert refused.value.key == "import.error.undo_would_orphan"
    assert stats.counts(db)["learners"] == 16


def test_a_confirmed_mapping_is_remembered_for_the_same_export(school):
    odd = b"Nr;Achternaam;Roepnaam;Groep\n0900100;Peeters;Zo\xc3\xab;1A\n"
    first = pipeline.prepare(school, COMMAND_LINE, "learners", "odd.csv", odd)
    assert first.missing == ["external_id"]
    fixed = pipeline.prepare(school, COMMAND_LINE, "learners", "odd.csv", odd,
                             mapping={"external_id": "Nr"})
    pipeline.commit(school, COMMAND_LINE, fixed)
    second = pipeline.prepare(school, COMMAND_LINE, "learners", "odd-later.csv", odd)
    assert second.missing == [] and second.mapping_saved
    assert second.mapping["external_id"] == "Nr"


def test_month_first_dates_are_asked_not_guessed(school):
    data = (SAMPLES / "zelfreflectie_microsoft_forms.xlsx").read_bytes()
    asked = pipeline.prepare(school, COMMAND_LINE, "survey", "ms.xlsx", data)
    assert asked.needs_date_order
    answered = pipeline.prepare(school, COMMAND_LINE, "survey", "ms.xlsx", data, order="mdy")
    assert not answered.problems
    times = answered.built.frames["survey_respondent"]["answered_at"]
    assert {t.month for t in times} == {11} and {t.day for t in times} == {3}


def test_survey_lands_in_long_form_with_scales_and_no_e_mail(school):
    load(school, "survey", "welbevinden_google_forms.csv")
    survey_id = int(school.read("surveys/list", scope=EVERYTHING)["survey_id"].iloc[0])
    questions = school.read("surveys/question_info", survey_id=survey_id)
    kinds = dict(zip(questions["question"], questions["question_type"], strict=True))
    scales = dict(zip(questions["question"], questions["scale_name"], strict=True))
    assert kinds["Ik voel me goed op school."] == "scale"
    assert scales["Ik voel me goed op school."] == "agreement5"
    assert scales["Hoe vaak lukt het om te plannen?"] == "frequency4"  # a grid, four points
    assert kinds["Waar wil je aan werken in het flexuur?"] == "multi"
    with school._con.cursor() as cur:
        items = {r[0] for r in cur.execute(
            "select distinct item from survey_answer where question_no = 3").fetchall()}
        assert items == {"Wiskunde", "Nederlands"}
        options = {r[0] for r in cur.execute(
            "select distinct answer_text from survey_answer where question_no = 4").fetchall()}
        assert "Plannen" in options and not any(", " in o for o in options)
        linked, pseudonyms = cur.execute(
            "select count(learner_id), count(pseudonym) from survey_respondent").fetchall()[0]
        assert linked == 16 and pseudonyms == 4
        text = " ".join(str(r) for r in cur.execute("select * from survey_answer").fetchall())
        text += " ".join(str(r) for r in cur.execute("select * from survey_respondent")
                         .fetchall())
    assert "@" not in text


def test_formula_text_is_stored_as_it_is(school):
    load(school, "survey", "welbevinden_google_forms.csv")
    with school._con.cursor() as cur:
        stored = cur.execute("select answer_text from survey_answer where answer_text like '=%'")\
            .fetchall()
    assert stored == [('=HYPERLINK("http://voorbeeld")',)]


def test_limesurvey_incomplete_response_is_kept_and_marked(db):
    load(db, "survey", "professionaliseringsnoden_limesurvey.csv")
    with db._con.cursor() as cur:
        assert cur.execute("select count(*) filter (where not is_complete), count(*)"
                           " from survey_respondent").fetchall() == [(1, 8)]


def test_a_longer_export_of_the_same_form_adds_only_new_respondents(school):
    data = (SAMPLES / "welbevinden_google_forms.csv").read_bytes()
    shorter = b"\n".join(data.split(b"\n")[:11]) + b"\n"
    first = pipeline.commit(school, COMMAND_LINE, pipeline.prepare(
        school, COMMAND_LINE, "survey", "w.csv", shorter))
    second = pipeline.commit(school, COMMAND_LINE, pipeline.prepare(
        school, COMMAND_LINE, "survey", "w.csv", data))
    assert first.counts.new == 10 and (second.counts.new, second.counts.unchanged) == (10, 10)
    assert stats.counts(school)["surveys"] == 1


# -- exports ------------------------------------------------------------------------------------

@pytest.fixture
def with_formula_learner(school) -> Database:
    data = "Stamboeknummer;Naam;Voornaam;Klas\n0900999;=HYPERLINK(\"http://x\");@SUM;1A\n"
    prepared = pipeline.prepare(school, COMMAND_LINE, "learners", "f.csv", data.encode())
    pipeline.commit(school, COMMAND_LINE, prepared)
    return school


def test_csv_export_defuses_formula_text(with_formula_learner):
    made = export.export(with_formula_learner, COMMAND_LINE, "learners", "csv", NL)
    text = made.data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM" in text
    assert text.splitlines()[0].startswith("Stamboeknummer;Naam;Voornaam;Klas")


def test_xlsx_export_contains_no_formula(with_formula_learner):
    made = export.export(with_formula_learner, COMMAND_LINE, "learners", "xlsx", NL)
    with zipfile.ZipFile(io.BytesIO(made.data)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet
    cells = [c.value for row in openpyxl.load_workbook(io.BytesIO(made.data)).active.iter_rows()
             for c in row]
    assert "'=HYPERLINK(\"http://x\")" in cells


def test_pseudonymised_export_holds_no_names(school):
    made = export.export(school, COMMAND_LINE, "learners", "csv", NL, pseudonymise=True)
    text = made.data.decode("utf-8-sig")
    assert "Peeters" not in text and "0900100" not in text and "@" not in text
    assert text.count("L-") == 24


def test_exported_learners_read_back_unchanged(school):
    made = export.export(school, COMMAND_LINE, "learners", "csv", NL)
    again = pipeline.prepare(school, COMMAND_LINE, "learners", made.file_name, made.data)
    assert not again.problems and again.counts.unchanged == 24


def test_class_council_exports_only_its_classes(demo_db):
    council = auth.load_viewer(demo_db, demo_user_id("class_council", str(demo_db.path)))
    mine = export.frame_for(demo_db, council.scope, "results", NL)
    everything = export.frame_for(demo_db, EVERYTHING, "results", NL)
    assert 0 < len(mine) < len(everything)
    assert set(mine["Klas"]) <= {"1A", "1B"}


def test_export_is_logged_without_its_content(school):
    export.export(school, COMMAND_LINE, "learners", "csv", NL)
    with school._con.cursor() as cur:
        entry = cur.execute("select action, entity, detail from audit_log"
                            " order by audit_id desc limit 1").fetchall()[0]
    assert entry == ("export", "learners", "format=csv rows=24")


def test_cli_import_summary_and_refusal(tmp_path):
    from tests.test_cli import run

    path = str(tmp_path / "cli.duckdb")
    ok = run("import", "learners", str(SAMPLES / "leerlingen_smartschool.csv"), "--db", path)
    assert ok.returncode == 0 and ok.stdout.strip().endswith(
        "16 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 geweigerd.")
    bad = tmp_path / "bad.csv"
    bad.write_text("Stamboeknummer;Vak;Periode;Punt\n0900100;WIS;1;25/20\n", encoding="utf-8")
    refused = run("import", "results", str(bad), "--db", path)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "rij 2, kolom Punt: '25/20' is hoger dan het maximum 20" in refused.stderr
    done = run("export", "learners", "--db", path, "--out", str(tmp_path / "l.xlsx"))
    assert done.returncode == 0 and Path(tmp_path / "l.xlsx").stat().st_size > 1000


# -- the pages ----------------------------------------------------------------------------------

def test_import_page_refuses_an_image_with_a_message(demo_path):
    at = app_test("pages/admin_import.py")
    at.file_uploader(key="admin_import.file.learners").set_value(
        ("leerlingen.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "text/csv")).run()
    assert not at.exception
    assert any("afbeelding" in e.value for e in at.error)


def test_import_page_flow_with_mapping_problems_and_partial_import(demo_path):
    at = app_test("pages/admin_import.py")
    at.selectbox(key="admin_import.kind@nl").set_value("results").run()
    with Database(demo_path) as db:
        learners = list(db.read("import/learner_keys")["external_id"][:2])
    data = (f"LLN-ID;Vak;Periode;Punt\n{learners[0]};WIS;1;12,5/20\n"
            f"{learners[1]};WIS;1;25/20\n").encode()
    at.file_uploader(key="admin_import.file.results").set_value(("p.csv", data, "text/csv"))
    at.run()
    assert any("Leerling (stamboeknummer)" in w.value for w in at.warning)  # mapping step
    at.selectbox(key="admin_import.map.results.learner").set_value("LLN-ID")
    at.button(key="admin_import.apply.results").click().run()
    assert any("Rijen met een probleem: 1 van de 2 (problemen: 1)" in e.value for e in at.error)
    assert at.dataframe[0].value.iloc[0]["Rij"] == 3  # numbered as in Excel: header is row 1
    at.checkbox(key="admin_import.partial").check().run()
    at.button(key="admin_import.confirm").click().run()
    assert any("1 geweigerd" in s.value for s in at.success)


def test_survey_page_charts_an_upload_at_once(demo_path):
    at = app_test("pages/surveys.py", role="teacher")
    data = (SAMPLES / "welbevinden_google_forms.csv").read_bytes()
    at.file_uploader(key="surveys.upload").set_value(("Welbevinden (Antwoorden).csv", data,
                                                       "text/csv")).run()
    assert not at.exception and not at.error
    picker = at.selectbox(key="surveys.survey@nl")
    assert picker.options[picker.index].startswith("Welbevinden (20 respondenten)")
    assert len(at.get("vega_lite_chart")) >= 3
    survey_id = picker.value
    at.text_input(key=f"surveys.edit.{survey_id}.title").input("Welbevinden oktober")
    # A teacher names their survey, but no tag makes it learner or staff data (permissions).
    assert at.selectbox(key=f"surveys.edit.{survey_id}.tag@nl").options == ["geen"]
    assert any("Deze labels kan je niet kiezen" in c.value for c in at.caption)
    next(b for b in at.button if b.label == "Bewaren").click().run()
    picker = at.selectbox(key="surveys.survey@nl")
    assert picker.options[picker.index].startswith("Welbevinden oktober")
    assert any(m.value == "geen" for m in at.metric)


def test_the_flex_team_tags_an_upload_for_the_other_pages(demo_path):
    at = app_test("pages/surveys.py", role="flex_team")
    data = (SAMPLES / "welbevinden_google_forms.csv").read_bytes()
    at.file_uploader(key="surveys.upload").set_value(("Welbevinden (Antwoorden).csv", data,
                                                       "text/csv")).run()
    survey_id = at.selectbox(key="surveys.survey@nl").value
    at.selectbox(key=f"surveys.edit.{survey_id}.tag@nl").set_value("wellbeing")
    next(b for b in at.button if b.label == "Bewaren").click().run()
    assert not at.exception and not at.error
    assert any(m.value == "welbevinden" for m in at.metric)


def test_every_undo_journal_mirrors_its_table(db):
    """A migration that adds a column to a journaled table must add it to its journal too
    (the journal copies whole rows: `insert into undo_t select ..., t.*`)."""
    from app.importing.journal import TABLES

    with db._con.cursor() as cur:
        def columns(table: str) -> list[str]:
            return [r[0] for r in cur.execute(
                "select column_name from information_schema.columns where table_name = $t "
                "order by ordinal_position", {"t": table}).fetchall()]

        for table in TABLES:
            assert columns(f"undo_{table}") == ["import_id", "op", *columns(table)], table


def _preview_cells(demo_db, kind: str, name: str, t: Translator) -> pd.DataFrame:
    """The preview of a sample upload as the reader sees it: the Styler's display values."""
    prepared = pipeline.prepare(demo_db, COMMAND_LINE, kind, name, (SAMPLES / name).read_bytes())
    shown = pipeline.preview_table(prepared, t, demo_db)
    body = shown.styler._translate(False, False)["body"]
    return pd.DataFrame([[c["display_value"].replace("\u00a0", " ") for c in row[1:]]
                         for row in body], columns=list(shown.frame.columns))


@pytest.mark.parametrize("kind, name", [
    ("competences", "prof_competentieniveaus.csv"), ("initiatives", "prof_initiatieven.csv"),
    ("budget", "prof_budget.csv"), ("staff", "personeel.csv"),
    ("flex-sessions", "flexaanbod.csv"), ("survey", "professionaliseringsnoden_limesurvey.csv")])
def test_an_import_preview_shows_names_words_and_numbers_the_local_way(hostile_path, kind,
                                                                       name):
    import re

    demo_db = Database(hostile_path)
    if kind == "competences":  # levels are of staff the school knows: the sample's staff first
        load(demo_db, "staff", "personeel.csv")
    for t in (Translator("nl"), Translator("en")):
        cells = _preview_cells(demo_db, kind, name, t)
        texts = [*cells.columns, *(v for col in cells.columns for v in cells[col])]
        assert not [v for v in texts if re.fullmatch(r"[a-z]+(_[a-z]+)+", v)], texts
        assert not [v for v in texts if re.fullmatch(r"-?[\d.,]+[.,]\d{4,}", v)], texts
        assert not [v for v in texts if v in ("None", "nan", "NaT", "<NA>")], texts
        assert not [v for v in texts if re.fullmatch(r"G\d+Q\d+", v)], texts
    if kind == "competences":
        nl = _preview_cells(demo_db, kind, name, Translator("nl"))
        assert "Personeelslid" in nl.columns and "staff_id" not in nl.columns
        assert all(re.fullmatch(r"[^,]+, [^,]+", v) for v in nl["Personeelslid"])
    demo_db.close()


def test_a_limesurvey_export_with_codes_shows_no_code_as_a_question(demo_path):
    import json
    import re

    at = app_test("pages/surveys.py", role="director")
    name = "professionaliseringsnoden_limesurvey.csv"
    at.file_uploader(key="surveys.upload").set_value((name, (SAMPLES / name).read_bytes(),
                                                       "text/csv")).run()
    assert not at.exception and not at.error
    assert any("alleen bij hun code" in c.value for c in at.caption)
    import pyarrow as pa

    def data(chart) -> str:
        tables = [pa.ipc.open_stream(d.data.data).read_all() for d in chart.proto.datasets]
        return json.dumps([t.to_pylist() for t in tables], default=str)

    charts = " ".join(c.proto.spec + data(c) for c in at.get("vega_lite_chart"))
    shown = [s.value for s in at.subheader] + [charts]
    assert not [m for s in shown for m in re.findall(r".{40}(?:\bG1Q\d\b|\bSQ00\d\b).{20}", s)]
    assert any("Vraag 1" in s for s in shown)
