"""A value from data is shown as text, never as Markdown.

Streamlit draws most texts as Markdown: a learner named ``![x](http://...)`` made the browser of
whoever opened the timeline fetch an image from elsewhere (a tracking pixel), and links and
``:red[...]`` rendered. Every page, for every role that may open it, runs on a demo school whose
data carries such values (tests/hostile.py), also after picking rows and searching: that sweep
is tests/test_screens.py (one render of every page for all the screen checks); it fails when
any text Streamlit 1.67 draws as Markdown holds one of them unescaped, or holds a value escaped
twice, and checks that the hostile values do reach the pages where the school's data certainly
shows (otherwise it would pass because nothing was drawn). Which texts are Markdown:
tests/screens.py (MARKDOWN_FIELDS).

Here: uploads whose file name and headers come from whoever made them, the messages to learners
and parents, the printable pages, and the function every page uses.
"""

from __future__ import annotations

import duckdb
import pytest

from app import i18n
from app.i18n import Markdown, Translator, plain
from tests.conftest import app_test, demo_user_id, shown
from tests.hostile import HOSTILE
from tests.screens import DOUBLE_ESCAPE, markdown_texts


def leaks(at) -> list[str]:
    """Where a hostile value reaches Markdown as it is, or a value was escaped twice."""
    problems = []
    for where, text in markdown_texts(at):
        for which, value in HOSTILE.items():
            if value in text:
                problems.append(f"{where} shows {which} as Markdown: {text[:160]!r}")
        if DOUBLE_ESCAPE.search(text):
            problems.append(f"{where} is escaped twice: {text[:160]!r}")
    return problems


def shown_plain(at) -> set[str]:
    """Which hostile values reached a Markdown text, made plain (the fixture reaches the page)."""
    texts = [text for _, text in markdown_texts(at)]
    return {which for which, value in HOSTILE.items() if any(plain(value) in t for t in texts)}


def _open(spec_path: str, role: str, lang: str = "nl"):
    return app_test(spec_path, lang=lang, role=role, timeout=60)


def _refused_upload_names_its_file_as_text(at, uploader: str, which: str) -> None:
    """Upload a PDF whose name, a CSV's, carries the hostile value `which`: the page refuses it
    with an error that names the file as text."""
    at.file_uploader(key=uploader).set_value(
        (f"{HOSTILE[which]}.csv", b"%PDF-1.4\n" + b"\x00" * 50, "text/csv")).run()
    assert not at.exception
    assert at.error and leaks(at) == []
    assert which in shown_plain(at)


def test_an_import_names_its_file_and_columns_as_text(hostile_path):
    """A file's name and headers come from whoever made it."""
    at = _open("pages/admin_import.py", "admin")
    data = ("Stamboeknummer;Naam;Voornaam;Klas;Geboortedatum;"
            f"{HOSTILE['colour']}\n0900100;{HOSTILE['bold']};An;1A;{HOSTILE['math']};x\n")
    at.file_uploader(key="admin_import.file.learners").set_value(
        (f"{HOSTILE['image']}.csv", data.encode("utf-8"), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert leaks(at) == []
    _refused_upload_names_its_file_as_text(at, "admin_import.file.learners", "link")


def test_a_survey_upload_names_its_file_as_text(hostile_path):
    at = _open("pages/surveys.py", "admin")
    _refused_upload_names_its_file_as_text(at, "surveys.upload", "image")


def test_the_message_to_a_learner_and_a_parent_names_them_as_text(hostile_path):
    """Flex › Lijsten en berichten, the messages: a learner's first name is in the subject."""
    with duckdb.connect(str(hostile_path), read_only=True) as con:
        learner_ids = [r[0] for r in con.execute(
            "select distinct a.learner_id from flex_assignment as a join flex_plan as p"
            " using (plan_id) where p.status = 'published' and p.published_at ="
            " (select max(published_at) from flex_plan) order by 1 limit 1").fetchall()]
    at = _open("pages/flex_lists.py", "flex_team")
    at.session_state["flex_lists.view@nl"] = "messages"
    at.run()
    box = next(b for b in at.selectbox if b.key.startswith("flex_lists.learner."))
    at.session_state[box.key] = learner_ids[0]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(m.value.startswith("**Leerling**") for m in at.markdown)
    assert leaks(at) == []
    assert "image" in shown_plain(at)


def test_printable_pages_escape_the_data_as_html(hostile_path):
    """The printable timeline, work-coaching report and year report are HTML: a note with
    <img src=x> is text there too."""
    import datetime as dt

    from app import auth
    from app.council import timeline
    from app.db import Database
    from app.prof import report
    from app.team import coaching
    from tests.conftest import TODAY

    t = Translator("nl")
    with Database(hostile_path) as db:
        council = auth.load_viewer(db, demo_user_id("class_council"))
        with db._con.cursor() as cur:
            learner = cur.execute(
                "select n.learner_id from feedback_note as n join enrolment as e using"
                " (learner_id) where e.school_year_id = '2026-2027' and n.feed_up is not null"
                " and e.learner_id in"
                " (select learner_id from visible_learners(false, ?, null, null)) limit 1",
                [list(council.scope.class_ids)]).fetchone()[0]
        line = timeline.load(db, council.scope, learner, "2026-2027", "nl")
        page = timeline.printable(line, t, HOSTILE["html"], TODAY)
        assert HOSTILE["html"] not in page and "&lt;img src=x&gt;" in page
        adviser = auth.load_viewer(db, demo_user_id("adviser"))
        for tid in coaching.trajectories(db, adviser)["trajectory_id"]:
            made = coaching.report_html(db, adviser, int(tid), t, HOSTILE["html"])
            assert HOSTILE["html"] not in made and "&lt;img src=x&gt;" in made
        year = report.to_html(db, t, "2026-2027", dt.date(2026, 11, 23)).decode("utf-8")
        assert HOSTILE["html"] not in year


# -- the function every page uses -----------------------------------------------------------------

@pytest.mark.parametrize("which", sorted(HOSTILE))
def test_plain_keeps_every_character_and_no_markdown(which):
    value = HOSTILE[which]
    made = plain(value)
    assert isinstance(made, Markdown)
    assert value not in made
    # What the reader sees: the backslashes go, the invisible word joiners stay invisible.
    assert shown(made) == value
    assert plain(made) == made


def test_ordinary_names_stay_as_they_are():
    for name in ("Peeters, Zoë", "D’Hondt René", "1A", "Wiskunde remediëring", "72,5 %"):
        assert plain(name) == name
    assert plain("om 14:05") == "om 14\\:05" and plain("Vak: Engels") == "Vak\\: Engels"


def test_catalogue_markdown_stays_while_fields_become_plain():
    t = Translator("nl")
    text = t.md("council.open_line", what=HOSTILE["bold"], hard="h", source="s",
                reason=HOSTILE["image"], who=HOSTILE["link"])
    assert text.startswith("**") and isinstance(text, Markdown)
    assert HOSTILE["image"] not in text and plain(HOSTILE["image"]) in text
    # A text made for Markdown can be a field of another without being escaped twice.
    twice = t.md("flex_board.plan.made", who=text, when="x")
    assert text in twice and not DOUBLE_ESCAPE.search(twice)
    assert t.md.plural("flex_board.move.title", 3) == t.plural("flex_board.move.title", 3)
    assert t.md.join([HOSTILE["math"], "b"]) == i18n.Translator("nl").join(
        [plain(HOSTILE["math"]), "b"])
