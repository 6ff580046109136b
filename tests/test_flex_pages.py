"""The flex team's other tools on the demo school: the offer editor (one transaction, problems
per row, no silent overwrite), the register and feedback notes, the learners' choices import,
and the flex pages driven through AppTest as each role would use them."""

from __future__ import annotations

import pandas as pd
import pytest

from app.auth import COMMAND_LINE, Viewer
from app.db import Database
from app.errors import AccessDenied, UserError
from app.flex import attendance, offer, plans
from app.i18n import Translator
from app.importing import pipeline
from app.scope import EVERYTHING
from tests.conftest import PROJECT_ROOT, TODAY, app_test

NL = Translator("nl")
SAMPLES = PROJECT_ROOT / "data" / "samples"


# The flex team edits the offer and the rules, and keeps any register.
FLEX_TEAM = Viewer(user_id=1, email="flexteam@school.be", name="Flexteam",
                   roles=frozenset({"flex_team"}))


@pytest.fixture
def next_cycle(demo_db) -> int:
    return plans.next_cycle(demo_db, TODAY)


def editor_state(db, cycle_id):
    cycle = db.one("flex/cycle", cycle_id=cycle_id)
    pick = offer.choices(db, cycle["school_year_id"], NL)
    raw = offer.sessions(db, cycle_id)
    return pick, raw, offer.fingerprint(raw), offer.editable(raw, pick)


# -- the offer editor ---------------------------------------------------------------------------

def test_offer_edits_are_saved_together(demo_db, next_cycle):
    pick, raw, loaded, frame = editor_state(demo_db, next_cycle)
    frame.loc[0, "capacity"] = 30
    frame.loc[0, "classes"] = "1A, 1B"
    new = frame.iloc[[1]].copy()
    new["session_id"] = pd.NA
    new["code"] = "EXTRA-1"
    frame = pd.concat([frame.drop(index=[2]), new], ignore_index=True)
    result = offer.save(demo_db, FLEX_TEAM, next_cycle, loaded, frame, pick)
    assert (result.added, result.changed, result.removed, result.problems) == (1, 1, 1, None)
    after = offer.sessions(demo_db, next_cycle)
    first = after[after["session_id"] == raw["session_id"].iloc[0]].iloc[0]
    assert first["capacity"] == 30 and list(first["class_codes"]) == ["1A", "1B"]
    assert "EXTRA-1" in set(after["code"]) and len(after) == len(raw)
    assert raw["session_id"].iloc[2] not in set(after["session_id"])


def test_offer_problems_name_row_column_and_reason_and_save_nothing(demo_db, next_cycle):
    pick, raw, loaded, frame = editor_state(demo_db, next_cycle)
    frame.loc[0, "capacity"] = 0
    frame.loc[1, "subject"] = None
    frame.loc[1, "kind"] = NL.kind("remediation")
    frame.loc[2, "classes"] = "9Z"
    frame.loc[3, "code"] = frame.loc[4, "code"]
    frame.loc[3, "slot"] = frame.loc[4, "slot"]
    result = offer.save(demo_db, FLEX_TEAM, next_cycle, loaded, frame, pick)
    lines = [offer.problem_text(p, NL) for p in result.problems]
    assert "rij 1, kolom Plaatsen: '0' moet een geheel getal van 1 tot 200 zijn" in lines
    assert "rij 2, kolom Vak: remediëring en verdieping hebben een vak nodig" in lines
    assert any(line.startswith("rij 3, kolom Klassen: '9Z'") and "9Z" in line for line in lines)
    assert any(line.startswith("rij 5, kolom Code") and "rij 4" in line for line in lines)
    pd.testing.assert_frame_equal(offer.sessions(demo_db, next_cycle), raw)


def test_offer_saved_by_someone_else_meanwhile_is_not_overwritten(demo_db, next_cycle):
    pick, _, loaded, mine = editor_state(demo_db, next_cycle)
    _, _, _, theirs = editor_state(demo_db, next_cycle)
    theirs.loc[0, "room"] = "Aula"
    assert offer.save(demo_db, FLEX_TEAM, next_cycle, loaded, theirs, pick).changed == 1
    mine.loc[0, "room"] = "Turnzaal"
    with pytest.raises(UserError, match="changed_meanwhile"):
        offer.save(demo_db, FLEX_TEAM, next_cycle, loaded, mine, pick)
    assert offer.sessions(demo_db, next_cycle)["room"].iloc[0] == "Aula"


def test_a_session_with_learners_cannot_be_removed(demo_db):
    cycle_id = demo_db.scalar("flex/cycle_of_week", week_id="2026-W48")
    pick, raw, loaded, frame = editor_state(demo_db, cycle_id)
    with pytest.raises(UserError, match="in_use"):
        offer.save(demo_db, FLEX_TEAM, cycle_id, loaded, frame.iloc[1:], pick)
    assert len(offer.sessions(demo_db, cycle_id)) == len(raw)


def test_the_previous_offer_is_copied_into_an_empty_cycle(demo_db, next_cycle):
    later = demo_db.scalar("flex/cycle_of_week", week_id="2027-W03")
    with demo_db._con.cursor() as cur:
        cur.execute("delete from flex_choice where cycle_id = $c", {"c": later})
        cur.execute("delete from flex_session where cycle_id = $c", {"c": later})
    previous = demo_db.scalar("flex/previous_cycle", cycle_id=later)
    copied = offer.copy_previous(demo_db, FLEX_TEAM, later)
    before = offer.sessions(demo_db, previous)
    after = offer.sessions(demo_db, later)
    assert copied == len(before) == len(after)
    assert list(after["code"]) == list(before["code"])
    with pytest.raises(UserError, match="not_empty"):
        offer.copy_previous(demo_db, FLEX_TEAM, later)


# -- the register ----------------------------------------------------------------------------------

def teacher_of(staff_id: int) -> Viewer:
    return Viewer(user_id=None, email="leraar@school.be", name="Jo", roles=frozenset({"teacher"}),
                  staff_id=staff_id)


def leader(db, cycle_id, plan_id) -> tuple[Viewer, int]:
    """A flex teacher, and a session with learners they lead."""
    fill = plans.fill(db, cycle_id, plan_id, "nl")
    session = fill[(fill["learners"] > 0) & fill["leader_staff_id"].notna()].iloc[0]
    return teacher_of(int(session["leader_staff_id"])), int(session["session_id"])


def test_a_taken_register_says_so_even_when_nobody_knows_who_took_it(demo_db):
    """A register saved before Flexwijs kept who and when still reads as taken, never as "not
    filled in" above the absences it holds; saving it again records who saved it."""
    cycle_id = demo_db.scalar("flex/cycle_of_week", week_id="2026-W47")
    plan = plans.latest_published(demo_db, cycle_id)
    teacher, session_id = leader(demo_db, cycle_id, plan.plan_id)
    rows = attendance.group(demo_db, teacher.scope, plan.plan_id, session_id, "2026-W47")
    assert attendance.saved_text(rows, NL).startswith("Laatst bewaard door ")
    with demo_db._con.cursor() as cur:
        cur.execute("update flex_attendance set recorded_by = null, recorded_at = null "
                    "where session_id = $s and week_id = '2026-W47'", {"s": session_id})
    rows = attendance.group(demo_db, teacher.scope, plan.plan_id, session_id, "2026-W47")
    assert attendance.saved_text(rows, NL) == (
        "Al ingevuld voor deze week (wie en wanneer is niet bijgehouden). Wie nu bewaart, staat "
        "hier daarna.")
    attendance.save(demo_db, teacher, session_id, "2026-W47",
                    attendance.register(rows, NL).frame, NL)
    rows = attendance.group(demo_db, teacher.scope, plan.plan_id, session_id, "2026-W47")
    assert attendance.saved_text(rows, NL).startswith("Laatst bewaard door Jo op ")
    empty = attendance.group(demo_db, teacher.scope, plan.plan_id, session_id, "2026-W48")
    assert attendance.saved_text(empty, NL).startswith("Nog niet ingevuld voor deze week")


def test_a_register_with_notes_is_saved_for_the_whole_group(demo_db):
    cycle_id = demo_db.scalar("flex/cycle_of_week", week_id="2026-W48")
    plan = plans.latest_published(demo_db, cycle_id)
    teacher, session_id = leader(demo_db, cycle_id, plan.plan_id)
    rows = attendance.group(demo_db, teacher.scope, plan.plan_id, session_id, "2026-W48")
    table = attendance.register(rows, NL).frame
    assert set(table["status"]) == {"present"}             # nobody recorded: all present
    table.loc[0, "status"] = "absent"
    table.loc[1, "feedback"] = "Breuken vereenvoudigen lukt."
    saved = attendance.save(demo_db, teacher, session_id, "2026-W48", table, NL)
    again = attendance.group(demo_db, teacher.scope, plan.plan_id, session_id, "2026-W48")
    assert saved == len(table)
    assert list(again["status"]).count("absent") == 1 and again["recorded_by"].eq("Jo").all()
    assert again["feedback"].iloc[1] == "Breuken vereenvoudigen lukt."
    table.loc[1, "feedback"] = "Nu ook met gemengde getallen."
    attendance.save(demo_db, teacher, session_id, "2026-W48", table, NL)
    with demo_db._con.cursor() as cur:
        notes = cur.execute("select count(*) from feedback_note where session_id = $s and "
                            "week_id = '2026-W48' and learner_id = $l",
                            {"s": session_id, "l": int(table.loc[1, "learner_id"])}).fetchone()
    assert notes[0] == 1                                    # changed, not added twice


def test_a_teacher_keeps_only_the_registers_of_own_sessions(demo_db):
    cycle_id = demo_db.scalar("flex/cycle_of_week", week_id="2026-W48")
    plan = plans.latest_published(demo_db, cycle_id)
    teacher, session_id = leader(demo_db, cycle_id, plan.plan_id)
    rows = attendance.group(demo_db, EVERYTHING, plan.plan_id, session_id, "2026-W48")
    other = teacher_of(teacher.staff_id + 100000)
    with pytest.raises(AccessDenied) as refused:
        attendance.save(demo_db, other, session_id, "2026-W48",
                        attendance.register(rows, NL).frame, NL)
    assert refused.value.render(NL) == (
        "Dat mag je alleen voor de flexsessies die je zelf geeft: de aanwezigheid en feedback"
        " van een flexsessie bijhouden. Er is niets gewijzigd.")
    table = attendance.register(rows, NL).frame
    table.loc[0, "status"] = "ziek"
    with pytest.raises(UserError, match=r"attendance\.error\.status"):
        attendance.save(demo_db, teacher, session_id, "2026-W48", table, NL)
    again = attendance.group(demo_db, teacher.scope, plan.plan_id, session_id, "2026-W48")
    assert again["status"].isna().all()                     # nothing half written


# -- the learners' choices -------------------------------------------------------------------------

def test_choices_from_a_form_export_are_matched_to_the_offer(db):
    for kind, name in [("learners", "leerlingen_smartschool.csv"),
                       ("flex-sessions", "flexaanbod.csv"),
                       ("flex-choices", "flexkeuzes_google_forms.csv")]:
        prepared = pipeline.prepare(db, COMMAND_LINE, kind, name, (SAMPLES / name).read_bytes())
        assert not prepared.problems and not prepared.missing, name
        result = pipeline.commit(db, COMMAND_LINE, prepared)
    assert result.counts.new == 8
    with db._con.cursor() as cur:
        rows = cur.execute("select l.external_id, c.rank, c.kind, c.subject_id, c.title "
                           "from flex_choice c join learner l using (learner_id) "
                           "order by 1, 2").fetchall()
    assert rows[:2] == [("0900100", 1, "broadening", None, "Debatclub"),
                        ("0900100", 2, "deepening", "ENG", None)]
    assert ("0900102", 1, "deepening", "ENG", None) in rows


def test_a_choice_not_on_offer_is_a_problem_naming_row_and_column(db):
    for kind, name in [("learners", "leerlingen_smartschool.csv"),
                       ("flex-sessions", "flexaanbod.csv")]:
        prepared = pipeline.prepare(db, COMMAND_LINE, kind, name, (SAMPLES / name).read_bytes())
        pipeline.commit(db, COMMAND_LINE, prepared)
    data = b"Stamboeknummer;Cyclus;1e keuze\n0900100;6;Schaken\n0900101;5;Debatclub\n"
    prepared = pipeline.prepare(db, COMMAND_LINE, "flex-choices", "keuzes.csv", data)
    lines = [pipeline.render_problem(p, NL) for p in prepared.problems]
    assert lines[0].startswith("rij 2, kolom 1e keuze: 'Schaken' staat niet in het aanbod")
    assert "Debatclub" in lines[0]
    assert lines[1] == ("rij 3, kolom 1e keuze: 'Debatclub' kan niet: die cyclus heeft nog "
                        "geen aanbod (Flex › Aanbod)")


# -- the pages as each role uses them -------------------------------------------------------------

def test_flex_team_composes_on_the_board(demo_path):
    at = app_test("pages/flex_board.py", role="flex_team")
    at.button(key="flex_board.go_next").click().run()
    assert at.selectbox(key="flex_board.week@nl").value == "2026-W49"
    at.button(key="flex_board.compose").click().run()
    assert not at.exception and not at.error
    with Database(demo_path) as db:
        cycle_id = db.scalar("flex/cycle_of_week", week_id="2026-W49")
        proposal = plans.proposal(db, cycle_id)
    assert proposal is not None and proposal.gap == 0
    assert any(m.label == "Geplaatst" and m.value == "200 / 200" for m in at.metric)


def test_board_is_read_only_for_director_and_teacher(demo_path):
    for role in ("director", "teacher"):
        at = app_test("pages/flex_board.py", role=role)
        assert not at.exception and not at.error
        keys = {b.key for b in at.button}
        assert not keys & {"flex_board.compose", "flex_board.publish", "flex_board.edit"}


def test_offer_page_saves_an_edit_made_in_the_table(demo_path):
    at = app_test("pages/flex_offer.py", role="flex_team")
    with Database(demo_path) as db:
        cycle_id = db.scalar("flex/cycle_of_week", week_id="2026-W48")
    editor = f"flex_offer.editor.{cycle_id}.0@nl"
    at.session_state[editor] = {"edited_rows": {0: {"room": "Aula"}}, "added_rows": [],
                                "deleted_rows": []}
    at.run()
    at.button(key="flex_offer.save").click().run()
    assert not at.exception and not at.error
    with Database(demo_path) as db:
        cycle_id = db.scalar("flex/cycle_of_week", week_id="2026-W48")
        assert offer.sessions(db, cycle_id)["room"].iloc[0] == "Aula"


def test_attendance_page_saves_the_register_of_a_teacher(demo_path):
    at = app_test("pages/flex_attendance.py", role="teacher")
    assert not at.exception and not at.error
    with Database(demo_path) as db:
        cycle_id = db.scalar("flex/cycle_of_week", week_id="2026-W48")
    session_id = at.selectbox(key=f"flex_attendance.session.{cycle_id}@nl").value
    register = f"flex_attendance.register.{session_id}.2026-W48.0@nl"
    at.session_state[register] = {"edited_rows": {0: {"status": "absent"}},
                                  "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="flex_attendance.save").click().run()
    assert not at.exception and not at.error
    with Database(demo_path) as db, db._con.cursor() as cur:
        absent = cur.execute("select count(*) from flex_attendance where week_id = '2026-W48'"
                             " and status = 'absent' and recorded_by is not null").fetchone()
    assert absent[0] == 1


def test_lists_page_shows_a_teacher_only_own_sessions(demo_path):
    at = app_test("pages/flex_lists.py", role="teacher")
    assert not at.exception and not at.error
    with Database(demo_path) as db:
        picker = at.selectbox(key="flex_lists.session.{}@nl".format(
            db.scalar("flex/cycle_of_week", week_id="2026-W48")))
        from app import auth
        from tests.conftest import demo_user_id

        teacher = auth.load_viewer(db, demo_user_id("teacher", str(demo_path)))
        cycle_id = db.scalar("flex/cycle_of_week", week_id="2026-W48")
        fill = plans.fill(db, cycle_id, plans.latest_published(db, cycle_id).plan_id, "nl")
    own = fill[(fill["leader_staff_id"] == teacher.staff_id) & (fill["learners"] > 0)]
    assert len(own) > 0
    assert sorted(label.split(" · ")[0] for label in picker.options) == sorted(own["code"])
    assert not any(s.key and "flex_lists.learner" in s.key for s in at.selectbox)


def test_the_routing_rules_are_set_on_the_offer_page(demo_path):
    from app import settings

    at = app_test("pages/flex_offer.py", role="flex_team")
    at.number_input(key="flex_offer.rules.below").set_value(40)
    at.number_input(key="flex_offer.rules.k").set_value(3)
    at.button(key="flex_offer.rules.save").click().run()
    assert not at.exception and not at.error
    with Database(demo_path) as db:
        school = settings.load(db)
        assert school["flex.rule.remediation_below"] == 0.4
        assert school["flex.fairness.max_remediation_cycles"] == 3
        with pytest.raises(UserError, match="rule_order"):
            offer.save_rules(db, FLEX_TEAM, {**{k: school[k] for k in settings.FLEX_RULES},
                                                   "flex.rule.remediation_below": 0.9})
        assert settings.load(db)["flex.rule.remediation_below"] == 0.4
