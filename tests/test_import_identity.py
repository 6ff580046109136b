"""Who a row is about: the same stamboeknummer written with or without the leading zeros Excel
drops is one person (at import, at lookup, when linking survey answers, on the command line),
said in a note, never a second person with the same name and class; numbers that fit two stored
people are named, not guessed. And the errors of a failed statement are the statement's own."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from app import cli
from app.admin import stats
from app.audit import Audit
from app.auth import COMMAND_LINE
from app.db import Database
from app.errors import DatabaseError
from app.i18n import Translator
from app.importing import journal, pipeline, values
from app.scope import EVERYTHING

T = Translator("nl")
YEAR = "2026-2027"
HEADER = "Stamboeknummer;Naam;Voornaam;Klas\r\n"


def prepared(db: Database, kind: str, text: str) -> pipeline.Prepared:
    made = pipeline.prepare(db, COMMAND_LINE, kind, "bestand.csv", text.encode("utf-8"))
    assert not made.missing
    return made


def commit(db: Database, made: pipeline.Prepared) -> pipeline.ImportResult:
    return pipeline.commit(db, COMMAND_LINE, made)


def notes(made: pipeline.Prepared) -> list[str]:
    """The preview's notes as the upload pages and the command line write them."""
    return [pipeline.render_note(note, T) for note in made.built.notes]


def learner(db: Database, external_id: str) -> dict:
    frame = db.read("export/learners", scope=EVERYTHING, school_year=YEAR)
    row = frame[frame["external_id"] == external_id]
    assert len(row) == 1, f"{external_id}: {len(row)} learners"
    return row.iloc[0].to_dict()


def learner_ids(db: Database, *external_ids: str) -> dict[str, int]:
    keys = db.read("import/learner_keys")
    return {e: int(i) for e, i in zip(keys["external_id"], keys["learner_id"], strict=True)
            if e in external_ids}


def test_a_number_without_its_leading_zeros_is_the_learner_who_has_them(demo_db):
    """Excel turns 0000001 into 1: the learner list imported again is the same 600 learners,
    not a second Ruben Peeters in the same class."""
    known = learner(demo_db, "0000001")
    before = stats.counts(demo_db)["learners"]
    made = prepared(demo_db, "learners", HEADER + f"1;{known['last_name']};"
                    f"{known['first_name']};{known['class_code']}\r\n")
    assert made.problems == []
    assert notes(made) == [
        "1 nummer verschilt van een bekend nummer alleen in voorloopnullen (Excel laat die "
        "weg) en is als hetzelfde nummer gelezen (rij: in het bestand = in Flexwijs): "
        "2: '1' = 0000001."]
    result = commit(demo_db, made)
    assert (result.counts.new, result.counts.updated, result.counts.unchanged) == (0, 0, 1)
    assert stats.counts(demo_db)["learners"] == before
    assert learner(demo_db, "0000001")["last_name"] == known["last_name"]
    assert learner_ids(demo_db, "1") == {}


def test_results_and_survey_answers_for_a_number_without_zeros_reach_the_learner(demo_db):
    wanted = learner_ids(demo_db, "0000001")["0000001"]
    made = prepared(demo_db, "results", "Stamboeknummer;Vak;Periode;Punt;Max\r\n"
                    "1;Wiskunde;Trimester 1;14;20\r\n")
    assert made.problems == []
    assert "2: '1' = 0000001" in notes(made)[0]
    commit(demo_db, made)
    with demo_db._con.cursor() as cur:
        stored = cur.execute("select r.learner_id from result as r join period as p"
                             " using (period_id) where p.school_year_id = ? and p.seq = 1"
                             " and r.subject_id = 'WIS' and r.score = 14 and r.max_score = 20"
                             " and r.learner_id = ?", [YEAR, wanted]).fetchall()
    assert stored == [(wanted,)]
    survey = prepared(demo_db, "survey", '"Tijdstempel","Stamboeknummer","Hoe gaat het?"\r\n'
                      '"2026/10/14 9:12:33 AM GMT+2","1","Goed"\r\n')
    assert survey.problems == [] and "2: '1' = 0000001" in notes(survey)[0]
    done = commit(demo_db, survey)
    with demo_db._con.cursor() as cur:
        linked = cur.execute("select learner_id, pseudonym from survey_respondent"
                             " where survey_id = ?", [done.record_id("survey")]).fetchall()
    assert linked == [(wanted, None)]


def test_a_stored_number_that_lost_its_zeros_gets_them_back_and_undo_restores_it(demo_db):
    commit(demo_db, prepared(demo_db, "learners", HEADER + "990501;Peeters;Jan;1A\r\n"))
    first = learner_ids(demo_db, "990501")["990501"]
    before = stats.counts(demo_db)["learners"]
    made = prepared(demo_db, "learners", HEADER + "0990501;Peeters;Jan;1A\r\n")
    assert notes(made) == ["1 bewaard nummer krijgt zijn voorloopnullen terug uit dit "
                           "bestand: 990501 → 0990501."]
    result = commit(demo_db, made)
    assert (result.counts.new, result.counts.updated) == (0, 1)
    assert learner_ids(demo_db, "990501", "0990501") == {"0990501": first}
    assert stats.counts(demo_db)["learners"] == before
    pipeline.undo_last(demo_db, COMMAND_LINE)
    assert learner_ids(demo_db, "990501", "0990501") == {"990501": first}


def test_a_number_that_fits_two_stored_learners_is_named_not_guessed(demo_db, capsys):
    """Two learners that differ only in zeros (left by an import before this was fixed)."""
    commit(demo_db, prepared(demo_db, "learners", HEADER + "990601;Maes;An;1B\r\n"))
    with demo_db._con.cursor() as cur:  # the second spelling, as the old import stored it
        cur.execute("insert into learner (learner_id, external_id, first_name, last_name)"
                    " values (nextval('learner_id_seq'), '0990601', 'An', 'Maes')")
    made = prepared(demo_db, "results", "Stamboeknummer;Vak;Periode;Punt;Max\r\n"
                    "00990601;Wiskunde;Trimester 1;14;20\r\n")
    assert [pipeline.render_problem(p, T) for p in made.problems] == [
        "rij 2, kolom Stamboeknummer: '00990601' past bij twee leerlingen of personeelsleden "
        "waarvan het nummer alleen in voorloopnullen verschilt (0990601, 990601): onduidelijk "
        "wie bedoeld is. Schrijf het nummer precies zoals het in Flexwijs staat."]
    # The exact spelling still finds its own learner.
    assert prepared(demo_db, "results", "Stamboeknummer;Vak;Periode;Punt;Max\r\n"
                    "990601;Wiskunde;Trimester 1;14;20\r\n").problems == []
    path = str(demo_db.path)
    assert cli.main(["erase", "--learner", "00990601", "--dry-run", "--db", path]) == 2
    assert capsys.readouterr().err.strip() == (
        "Het nummer 00990601 past bij meer dan één persoon, want hun nummers verschillen alleen "
        "in voorloopnullen (0990601, 990601). Geef het nummer precies zoals het in Flexwijs "
        "staat.")


def test_the_command_line_finds_a_learner_and_a_staff_member_without_their_zeros(demo_db,
                                                                              capsys):
    path = str(demo_db.path)
    assert cli.main(["erase", "--learner", "1", "--dry-run", "--db", path]) == 0
    assert capsys.readouterr().out.startswith("Te wissen leerlingen: 1; gegevens: resultaten: ")
    commit(demo_db, prepared(demo_db, "staff", "Personeelsnummer;Naam;Voornaam;Lesopdracht\r\n"
                             "0012345999;Janssens;An;22/22\r\n"))
    staff = demo_db.read("import/staff_keys")
    staff_id = int(staff.loc[staff["external_id"] == "0012345999", "staff_id"].iloc[0])
    assert cli.main(["users", "add", "nieuw@school.be", "--role", "teacher", "--no-password",
                     "--staff", "12345999", "--db", path]) == 0
    linked = demo_db.one("auth/user_by_email", email="nieuw@school.be")
    assert demo_db.one("auth/user", user_id=linked["user_id"])["staff_id"] == staff_id
    # The staff list again, through Excel: the same staff member, with a new assignment.
    again = commit(demo_db, prepared(demo_db, "staff", "Personeelsnummer;Naam;Voornaam;"
                                     "Lesopdracht\r\n12345999;Janssens;An;20/22\r\n"))
    assert (again.counts.new, again.counts.updated) == (0, 1)
    assert set(demo_db.read("import/staff_keys")["external_id"]) >= {"0012345999"}
    assert "12345999" not in set(demo_db.read("import/staff_keys")["external_id"])


@pytest.mark.parametrize("number", ["0000001", "1", "000", "0", "00A1", "A1", "0012345000"])
def test_the_python_and_the_sql_comparison_of_numbers_agree(db, number):
    with db._con.cursor() as cur:
        cur.execute("insert into learner (learner_id, external_id, first_name, last_name)"
                    " values (1, ?, 'A', 'B')", [number])
    for other in ("0000001", "1", "000", "0", "00A1", "A1", "12345000", "0012345000"):
        found = [r["external_id"] for r in db.records("privacy/learner_by_external_id",
                                                      external_id=other)]
        assert (found == [number]) == (values.id_key(other) == values.id_key(number)
                                      or other == number), \
            (number, other)


# -- a failed statement reports its own error ---------------------------------------------------

@pytest.mark.parametrize(("score", "maximum", "key"), [
    (30.0, 20.0, "db.error.check_failed"),          # above the maximum: a CHECK constraint
    (123456789.0, 123456789.0, "db.error.conversion"),  # too large for DECIMAL(7,2)
])
def test_the_journal_reports_the_statement_s_error_not_the_aborted_transaction(
        demo_db, score, maximum, key):
    """journal.apply used to unregister its staging view after the failed insert, which DuckDB
    refuses in an aborted transaction: every import error became 'onverwachte fout
    (TransactionException)', with no hint of what was wrong."""
    learner_id = learner_ids(demo_db, "0000001")["0000001"]
    period = int(demo_db.read("import/periods", school_year=YEAR)["period_id"].iloc[0])
    frame = pd.DataFrame([{"learner_id": learner_id, "subject_id": "WIS", "period_id": period,
                           "score": score, "max_score": maximum, "absence_code": None}])
    before = stats.counts(demo_db)["results"]
    with pytest.raises(DatabaseError) as failed, demo_db.transaction(
            Audit("import", scope="cli")) as tx:
        journal.apply(tx, -1, "result", frame, update_columns=["score", "max_score"])
    assert failed.value.key == key
    assert isinstance(failed.value.__cause__, duckdb.ConstraintException
                      if key == "db.error.check_failed" else duckdb.ConversionException)
    assert stats.counts(demo_db)["results"] == before
