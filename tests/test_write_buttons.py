"""Every button that writes is clicked by a test, and what it wrote is read back.

The buttons that write are read from the pages' source (tests/write_buttons.py: a button whose
click reaches a database write through what it calls). WRITE_BUTTON_TESTS says which tests
click each one; a write button without a test here fails, and so does a test listed for a key
it never mentions. The click tests below run the whole app in AppTest on a copy of the demo
school, click as a person would, then read the database (through app code or SQL) and assert
the change. Saving an editor without edits changes nothing in the database.

The Save buttons on Professionalisering › Competenties broke when the editor reader started to
return the edited frame together with the deleted positions (a4b6cb4): the page passed that
pair on as if it were the frame, every save ended in "something went wrong", and no test
clicked them.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from app.db import Database
from tests.conftest import PROJECT_ROOT, TODAY, app_test, demo_user_id, shown
from tests.write_buttons import write_buttons

# -- helpers ------------------------------------------------------------------------------------


def rows(path: Path, query: str, *params) -> list[tuple]:
    """A read of the school's database file, beside the app that holds it open."""
    with Database(path) as db, db._con.cursor() as cur:
        return cur.execute(query, list(params)).fetchall()


def one(path: Path, query: str, *params):
    found = rows(path, query, *params)
    return found[0][0] if found else None


def opened(page: str, role: str = "director", lang: str = "nl"):
    at = app_test(page, lang=lang, role=role, timeout=90)
    assert not at.exception, [e.value for e in at.exception]
    return at


def edit(at, key: str, *, edited=None, added=None, deleted=None) -> None:
    """What a person does in a data editor, as Streamlit hands it to the page."""
    at.session_state[key] = {"edited_rows": edited or {}, "added_rows": added or [],
                             "deleted_rows": deleted or []}


def click(at, key: str):
    at.button(key=key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def _pick(at, key: str, rows: list[int]) -> None:
    at.session_state[key] = {"selection": {"rows": rows, "columns": [], "cells": []}}


def toasts(at) -> list[str]:
    return [shown(t.value) for t in at.toast]


# -- Professionalisering › Competenties -----------------------------------------------------------

NEEDED = ("select c.code, n.target_kind, n.target, n.level from prof_needed_level as n"
          " join prof_competence as c using (competence_id) order by c.code, n.target_kind,"
          " n.target")


def test_competences_save_needed_levels_writes_the_editor(demo_path):
    at = opened("pages/prof_competences.py")
    before = rows(demo_path, NEEDED)
    first, second = before[0], before[1]
    level = 4 if first[3] != 4 else 3
    edit(at, "prof_competences.needed.0", edited={0: {"level": level}},
         added=[{"code": "ICT4", "target_kind": "grade", "target": "2", "level": 2}],
         deleted=[1])
    click(at, "prof_competences.save_needed")
    assert toasts(at) == ["Opgeslagen."]
    after = rows(demo_path, NEEDED)
    assert (*first[:3], level) in after and first not in after
    assert second not in after
    assert ("ICT4", "grade", "2", 2) in after
    assert len(after) == len(before)
    assert one(demo_path, "select count(*) from audit_log where entity = 'prof_needed_level'"
                          " and outcome = 'ok'") == 1


def test_competences_save_framework_writes_the_editor(demo_path):
    at = opened("pages/prof_competences.py")
    count = one(demo_path, "select count(*) from prof_competence")
    edit(at, "prof_competences.framework.0", edited={0: {"name_nl": "Vakkennis inzetten"}},
         added=[{"domain_id": "technology", "code": "ict9", "name_nl": "Werken met AI",
                 "name_en": "Working with AI", "ok_codes": "", "seq": 9, "is_active": True}])
    click(at, "prof_competences.save_framework")
    assert toasts(at) == ["Opgeslagen."]
    assert one(demo_path, "select name_nl from prof_competence where competence_id = 1") == \
        "Vakkennis inzetten"
    assert rows(demo_path, "select domain_id, name_nl, is_active from prof_competence"
                           " where code = 'ICT9'") == [("technology", "Werken met AI", True)]
    assert one(demo_path, "select count(*) from prof_competence") == count + 1


def test_a_competence_cannot_be_dropped_from_the_framework_editor(demo_path):
    """Levels and plans refer to a competence: it is switched off, never deleted (and a
    deletion the save would ignore is not offered)."""
    from streamlit.proto.Dataframe_pb2 import Dataframe as DataframeProto

    at = opened("pages/prof_competences.py")
    editor = next(d for d in at.dataframe if d.key == "prof_competences.framework.0")
    assert editor.proto.editing_mode == DataframeProto.EditingMode.ADD_ONLY


def test_competences_save_an_appraisal_level(demo_path):
    at = opened("pages/prof_competences.py")
    staff_id = at.selectbox(key="prof_competences.staff@nl").value
    competence = at.selectbox(key="prof_competences.competence@nl").value
    at.selectbox(key="prof_competences.level@nl").set_value(2)
    at.text_input(key="prof_competences.note").input("Na het functioneringsgesprek")
    click(at, "prof_competences.save_level")
    assert rows(demo_path, "select level, note, recorded_by from prof_staff_level"
                           " where staff_id = ? and competence_id = ? and source = 'appraisal'"
                           " and assessed_on = ?", staff_id, competence, TODAY) == [
        (2, "Na het functioneringsgesprek", "Directie (demo)")]


def test_competences_read_levels_from_a_needs_survey(demo_path):
    staff = rows(demo_path, "select staff_id from staff order by staff_id limit 2")
    with Database(demo_path) as db, db._con.cursor() as cur:
        cur.execute("insert into survey (title, source, audience, tag) values"
                    " ('Professionaliseringsnoden', 'limesurvey', 'staff',"
                    " 'professional_needs') returning survey_id")
        survey_id = cur.fetchone()[0]
        cur.execute("insert into survey_question values (?, 1, '[DID3] Differentiëren',"
                    " 'scale', 'agreement5', 1, 5)", [survey_id])
        for number, (staff_id,) in enumerate(staff, start=1):
            cur.execute("insert into survey_respondent (survey_id, respondent_id, staff_id,"
                        " answered_at) values (?, ?, ?, ?)",
                        [survey_id, number, staff_id, dt.datetime(2026, 11, 2, 10)])
            cur.execute("insert into survey_answer values (?, ?, 1, '[DID3] Differentiëren',"
                        " null, ?, ?, null)", [survey_id, number, str(number * 2 + 1),
                                               float(number * 2 + 1)])
    at = opened("pages/prof_competences.py")
    at.selectbox(key="prof_competences.survey@nl").set_value(survey_id)
    click(at, "prof_competences.read_survey")
    assert toasts(at)
    found = rows(demo_path, "select l.staff_id, l.level from prof_staff_level as l"
                            " join prof_competence as c using (competence_id)"
                            " where c.code = 'DID3' and l.source = 'survey' order by 1")
    # 3 on a scale of 1 to 5 is level 2.5 -> 3 (rounded half away from zero), 5 is level 4
    assert found == [(staff[0][0], 3), (staff[1][0], 4)]


# -- saving an editor without edits ---------------------------------------------------------------

EDITORS = [
    ("pages/prof_competences.py", "director", "prof_competences.save_needed"),
    ("pages/prof_competences.py", "director", "prof_competences.save_framework"),
    ("pages/prof_plan.py", "director", "prof_plan.save_priorities"),
    ("pages/prof_plan.py", "director", "prof_plan.save_initiatives"),
    ("pages/prof_budget.py", "director", "prof_budget.save_sources"),
    ("pages/flex_offer.py", "flex_team", "flex_offer.save"),
    ("pages/flex_attendance.py", "flex_team", "flex_attendance.save"),
    ("pages/team_leaders.py", "director", "team_leaders.save.*"),
]
# What a save records about itself: the log of who did what, and the view that opened the page.
NOT_DATA = {"audit_log"}


def everything(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order."""
    with Database(path) as db, db._con.cursor() as cur:
        tables = [r[0] for r in cur.execute(
            "select table_name from information_schema.tables where table_schema = 'main'"
            " and table_type = 'BASE TABLE' order by 1").fetchall()]
        return {table: sorted(cur.execute(f'select * from "{table}"').fetchall(), key=repr)
                for table in tables if table not in NOT_DATA}


def test_the_editors_are_all_listed_here():
    """Every data editor with a save button of the pages is in EDITORS (read from the source:
    a page that draws st.data_editor and has a write button beside it)."""
    editors = set()
    for path in sorted((PROJECT_ROOT / "pages").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        if "data_editor(" in source or "web.editor(" in source:
            editors.add(f"pages/{path.name}")
    # Enquêtes: the editor of unknown answer labels shows only after an upload that has them;
    # its save is in NOT_YET_CLICKED.
    assert editors == {page for page, _, _ in EDITORS} | {"pages/surveys.py"}


@pytest.mark.parametrize(("page", "role", "button"), EDITORS,
                         ids=[b.split(".")[0] + "." + b.split(".")[1] for _, _, b in EDITORS])
def test_saving_an_editor_without_edits_changes_nothing(demo_path, page, role, button):
    at = opened(page, role)
    if page == "pages/flex_attendance.py":
        # A register's first save records it (everyone present unless marked): saving it
        # again without edits is the case here.
        at.button(key="flex_attendance.save").click().run()
        assert not at.exception and not at.error
        at = opened(page, role)
    before = everything(demo_path)
    key = next(b.key for b in at.button if re.fullmatch(button.replace("*", ".*"), b.key or ""))
    at.button(key=key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    after = everything(demo_path)
    changed = {table for table in before if before[table] != after.get(table)}
    assert not changed, {t: (set(after[t]) ^ set(before[t])) for t in changed}


# -- which tests click which write button ---------------------------------------------------------

HERE = "tests/test_write_buttons.py"
NO_EDITS = f"{HERE}::test_saving_an_editor_without_edits_changes_nothing"
TEAM = "tests/test_write_buttons_team.py"
GOALS_AND_VISITS = "test_goals_are_added_and_removed_a_visit_planned_held_and_the_goals_fixed"
VISIT_TALK = "test_the_teacher_assesses_themself_and_the_adviser_records_the_talk"
MINE = "tests/test_write_buttons_admin_prof.py"
WRITE_BUTTON_TESTS: dict[str, list[str]] = {
    # Professionalisering › Competenties
    "prof_competences.save_needed": [
        f"{HERE}::test_competences_save_needed_levels_writes_the_editor", NO_EDITS],
    "prof_competences.save_framework": [
        f"{HERE}::test_competences_save_framework_writes_the_editor", NO_EDITS],
    "prof_competences.save_level": [f"{HERE}::test_competences_save_an_appraisal_level"],
    "prof_competences.read_survey": [
        f"{HERE}::test_competences_read_levels_from_a_needs_survey"],
    # Flex
    "flex_board.compose": ["tests/test_flex_pages.py::test_flex_team_composes_on_the_board"],
    "flex_board.edit": [f"{HERE}::test_board_edit_move_lock_unlock_and_publish_write_the_plan"],
    "flex_board.move.go": [
        f"{HERE}::test_board_edit_move_lock_unlock_and_publish_write_the_plan"],
    "flex_board.lock": [f"{HERE}::test_board_edit_move_lock_unlock_and_publish_write_the_plan"],
    "flex_board.unlock": [
        f"{HERE}::test_board_edit_move_lock_unlock_and_publish_write_the_plan"],
    "flex_board.publish": [
        f"{HERE}::test_board_edit_move_lock_unlock_and_publish_write_the_plan"],
    "flex_offer.save": ["tests/test_flex_pages.py::test_offer_page_saves_an_edit_made_in_the_table",
                        NO_EDITS],
    "flex_offer.copy": [f"{HERE}::test_offer_copies_the_previous_cycle_into_an_empty_one"],
    "flex_offer.add_slot": [f"{HERE}::test_offer_adds_a_flex_moment"],
    "flex_offer.rules.save": [
        "tests/test_flex_pages.py::test_the_routing_rules_are_set_on_the_offer_page"],
    "flex_attendance.save": [
        "tests/test_flex_pages.py::test_attendance_page_saves_the_register_of_a_teacher",
        NO_EDITS],
    "flex_attendance.discard": [f"{HERE}::test_attendance_discards_the_draft_a_teacher_typed"],
    # Klassenraad
    "council_class.save_decision": [
        "tests/test_council.py::test_the_council_decides_for_two_learners_on_the_class_page"],
    "council_class.end.*": [f"{HERE}::test_council_ends_a_decision_it_took"],
    # Aanmelden, afmelden
    "login.sign_in": [f"{HERE}::test_signing_in_with_the_form_starts_a_session"],
    "login.demo.*": [f"{HERE}::test_a_demo_button_signs_in_as_its_account"],
    "auth.sign_out": [f"{HERE}::test_signing_out_ends_the_session"],
    # Beheer
    "admin_database.demo_leave": [
        "tests/test_demo.py::test_the_administrator_leaves_demo_mode_on_the_databank_page"],
    "admin_import.confirm": [
        "tests/test_import.py::test_import_page_flow_with_mapping_problems_and_partial_import"],
    "admin_import.undo": [f"{MINE}::test_import_undo_reverses_the_latest_import"],
    "admin_privacy.erase_one": [
        "tests/test_erasure_copies.py::"
        "test_a_copy_that_cannot_be_reached_is_named_and_finished_later_on_the_page"],
    "admin_privacy.finish": [
        "tests/test_erasure_copies.py::"
        "test_a_copy_that_cannot_be_reached_is_named_and_finished_later_on_the_page"],
    "admin_privacy.erase_leavers": [
        f"{MINE}::test_privacy_erase_leavers_erases_the_learners_who_left_before_the_day"],
    "admin_privacy.backup": [f"{MINE}::test_privacy_backup_makes_a_copy_of_the_database"],
    "admin_users.add.save": [f"{MINE}::test_users_add_save_creates_the_account_with_its_roles"],
    "admin_users.edit.*.save": [f"{MINE}::test_users_edit_save_writes_name_roles_and_active"],
    "admin_users.reset.*": [f"{MINE}::test_users_reset_sets_a_new_password_that_signs_in"],
    # Professionalisering
    "prof_requests.new.save": [
        "tests/test_prof.py::test_teacher_files_a_request_and_the_director_approves_it_in_the_pages"],
    "prof_requests.mine.move.*.*": [
        "tests/test_prof.py::test_teacher_files_a_request_and_the_director_approves_it_in_the_pages"],
    "prof_requests.queue.move.*.*": [
        "tests/test_prof.py::test_teacher_files_a_request_and_the_director_approves_it_in_the_pages"],
    "prof_requests.edit_*.save": [f"{MINE}::test_requests_edit_save_writes_the_edited_draft"],
    "prof_requests.shared.*": [
        f"{MINE}::test_requests_shared_marks_the_promised_sharing_as_done"],
    "prof_requests.save_level": [
        f"{MINE}::test_requests_save_level_writes_a_self_assessment_and_the_expertise"],
    "prof_requests.all.move.*.*": [
        f"{MINE}::test_requests_all_move_takes_the_step_the_director_clicks"],
    "prof_plan.save_priorities": [f"{MINE}::test_plan_save_priorities_writes_an_edited_title",
                                  NO_EDITS],
    "prof_plan.save_initiatives": [
        "tests/test_prof.py::test_the_plan_editors_offer_words_and_read_hours_with_a_decimal_comma",
        NO_EDITS],
    "prof_plan.save_induction": [
        f"{MINE}::test_plan_save_induction_writes_the_starter_and_mentor"],
    "prof_plan.add_activity": [
        f"{MINE}::test_plan_add_activity_writes_an_activity_of_the_induction"],
    "prof_plan.save_eval": [f"{MINE}::test_plan_save_eval_writes_an_evaluation"],
    "prof_plan.level5_go": [f"{MINE}::test_plan_level5_go_writes_the_results_before_and_after"],
    "prof_budget.save_sources": [
        "tests/test_prof.py::test_budget_amounts_take_a_decimal_comma_and_roles_are_words",
        NO_EDITS],
    "prof_budget.apply": [
        "tests/test_prof.py::test_a_role_in_the_key_is_typed_as_a_word_and_stored_as_its_code"],
    # Team
    "team_leaders.save.*.*": [
        f"{HERE}::test_leaders_add_a_role_save_its_tasks_and_set_the_threshold", NO_EDITS],
    "team_leaders.add": [f"{HERE}::test_leaders_add_a_role_save_its_tasks_and_set_the_threshold"],
    "team_leaders.threshold.save": [
        f"{HERE}::test_leaders_add_a_role_save_its_tasks_and_set_the_threshold"],
    "team_selfcheck.save.*": [
        "tests/test_team.py::test_selfcheck_page_scores_a_round_and_refuses_bad_input"],
    "team_selfcheck.create": [f"{TEAM}::test_the_flex_team_starts_a_round_of_the_self_assessment"],
    "team_coaching.create": [f"{TEAM}::test_the_director_commissions_a_trajectory_and_moves_it_on"],
    "team_coaching.move.*": [
        f"{TEAM}::test_the_director_commissions_a_trajectory_and_moves_it_on",
        f"{TEAM}::test_the_adviser_saves_the_final_report_and_closes_the_trajectory"],
    "team_coaching.add_goal.*": [f"{TEAM}::{GOALS_AND_VISITS}"],
    "team_coaching.remove_btn.*": [f"{TEAM}::{GOALS_AND_VISITS}"],
    "team_coaching.plan_visit.*": [f"{TEAM}::{GOALS_AND_VISITS}"],
    "team_coaching.held.*": [f"{TEAM}::{GOALS_AND_VISITS}"],
    "team_coaching.fix.*": [f"{TEAM}::{GOALS_AND_VISITS}"],
    "team_coaching.self_save.*": [f"{TEAM}::{VISIT_TALK}"],
    "team_coaching.talk_save.*": [f"{TEAM}::{VISIT_TALK}"],
    "team_coaching.report_save.*": [
        f"{TEAM}::test_the_adviser_saves_the_final_report_and_closes_the_trajectory"],
    # Enquêtes
    "surveys.edit.*.save": [f"{MINE}::test_surveys_edit_save_writes_title_tag_and_audience"],
    "surveys.labels.save.*.*": [
        f"{MINE}::test_surveys_labels_save_puts_an_unknown_answer_on_the_scale"],
    "surveys.upload.confirm": [
        "tests/test_permissions.py::test_the_survey_page_says_what_it_holds_back_before_writing"],
}
# Write buttons that no test clicks yet with a read-back of what they wrote (or, for the ones
# above listed only with NO_EDITS, of an edit): known, to be shrunk. A write button in neither
# list fails; a button here that gets a test must leave this list.
NOT_YET_CLICKED: frozenset[str] = frozenset()
# Listed with the no-edits test only: the edit itself is not yet clicked and read back.
EDIT_NOT_YET_READ_BACK: frozenset[str] = frozenset()


def _test_source(reference: str) -> str | None:
    path, name = reference.split("::")
    tree = ast.parse((PROJECT_ROOT / path).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return ast.get_source_segment((PROJECT_ROOT / path).read_text(encoding="utf-8"),
                                          node)
    return None


def _mentions(source: str, key: str) -> bool:
    """Whether a test's source names the button: the key itself, or the key with its fields
    written as f-string fields or values (`team_leaders.save.{role_id}.0`)."""
    if key in source:
        return True
    parts = [re.escape(part) for part in key.split("*")]
    return re.search(r"(?:\{[^}]*\}|[\w@-]+)".join(parts), source) is not None


def test_every_write_button_has_a_test_that_clicks_it():
    found = {button.key: button for button in write_buttons()}
    assert "" not in found, [f"{b.path}:{b.line}" for b in write_buttons() if not b.key]
    missing = sorted(set(found) - set(WRITE_BUTTON_TESTS) - NOT_YET_CLICKED)
    assert not missing, "write buttons no test clicks: " + ", ".join(
        f"{key} ({found[key].path}:{found[key].line})" for key in missing)
    stale = sorted((set(WRITE_BUTTON_TESTS) | NOT_YET_CLICKED) - set(found))
    assert not stale, f"listed but no longer a write button: {stale}"
    assert not NOT_YET_CLICKED & set(WRITE_BUTTON_TESTS), "clicked now: drop from NOT_YET_CLICKED"
    no_edits = {page_button for _, _, page_button in EDITORS}
    for key, tests in WRITE_BUTTON_TESTS.items():
        assert tests, key
        assert (tests == [NO_EDITS]) == (key in EDIT_NOT_YET_READ_BACK), key
        for reference in tests:
            source = _test_source(reference)
            assert source is not None, f"{reference} does not exist"
            if reference == NO_EDITS:
                assert any(re.fullmatch(button.replace(".", r"\.").replace("*", ".*"), key)
                           for button in no_edits), f"{key} is not in EDITORS"
            else:
                assert _mentions(source, key), f"{reference} never names {key}"


# -- Flex › Weekbord ------------------------------------------------------------------------------

def _table(at, prefix: str):
    return next(d for d in at.dataframe if (d.key or "").startswith(prefix))


def test_board_edit_move_lock_unlock_and_publish_write_the_plan(demo_path):
    """The flex team starts a working copy of the published plan, moves one learner, unlocks
    and locks the placement, and publishes: each click is read back from the plan's rows."""
    from app.flex import plans

    at = opened("pages/flex_board.py", "flex_team")
    with Database(demo_path) as db:
        cycle_id = db.scalar("flex/cycle_of_week", week_id="2026-W48")
        published = plans.latest_published(db, cycle_id)
    assert published is not None and one(demo_path, "select count(*) from flex_plan where"
                                         " cycle_id = ? and status = 'proposal'", cycle_id) == 0
    click(at, "flex_board.edit")
    with Database(demo_path) as db:
        copy = plans.proposal(db, cycle_id)
    assert copy is not None and copy.plan_id != published.plan_id
    placed = ("select learner_id, slot_id, session_id from flex_assignment"
              " where plan_id = ? order by 1, 2")
    assert rows(demo_path, placed, copy.plan_id) == rows(demo_path, placed, published.plan_id)

    # Pick the first session of the first slot, then its first learner, and move them.
    _pick(at, _table(at, "flex_board.sessions.").key, [0])
    at.run()
    members = _table(at, "flex_board.members.")
    _pick(at, members.key, [0])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    session_id = int(members.key.split(".")[2])
    first = _placed(demo_path, copy.plan_id).query("session_id == @session_id").iloc[0]
    learner_id, slot_id = int(first["learner_id"]), int(first["slot_id"])
    target = rows(demo_path, "select session_id from flex_session where cycle_id = ?"
                             " and slot_id = ? and session_id <> ? order by session_id",
                  cycle_id, slot_id, session_id)[0][0]
    box = next(b for b in at.selectbox if (b.key or "").startswith("flex_board.move.to."))
    box.set_value(target).run()
    click(at, "flex_board.move.go")
    cell = ("select session_id, is_locked from flex_assignment where plan_id = ?"
            " and learner_id = ? and slot_id = ?")
    assert rows(demo_path, cell, copy.plan_id, learner_id, slot_id) == [(target, True)]

    # A move by hand is locked: pick the learner again, unlock, then lock.
    _pick_learner(at, demo_path, copy.plan_id, learner_id, slot_id)
    click(at, "flex_board.unlock")
    assert rows(demo_path, cell, copy.plan_id, learner_id, slot_id) == [(target, False)]
    _pick_learner(at, demo_path, copy.plan_id, learner_id, slot_id)
    click(at, "flex_board.lock")
    assert rows(demo_path, cell, copy.plan_id, learner_id, slot_id) == [(target, True)]

    agree = [c for c in at.checkbox if (c.key or "").startswith("flex_board.agree.")]
    if agree:
        agree[0].check().run()
    click(at, "flex_board.publish")
    assert rows(demo_path, "select status, version from flex_plan where plan_id = ?",
                copy.plan_id) == [("published", published.version + 1)]


def _placed(path: Path, plan_id: int):
    """The plan's placements in the order the board lists them."""
    from app import auth

    with Database(path) as db:
        scope = auth.load_viewer(db, demo_user_id("flex_team", str(path))).scope
        return db.read("flex/plan_assignments", scope=scope, plan_id=plan_id, lang="nl")


def _pick_learner(at, path: Path, plan_id: int, learner_id: int, slot_id: int) -> None:
    """Search the learner by number and pick their placement in the slot in the found list
    (its position as the board lists it)."""
    from app.flex import board

    placed = _placed(path, plan_id)
    number = placed.loc[placed["learner_id"] == learner_id, "external_id"].iloc[0]
    found = board.search(placed, number).reset_index(drop=True)
    position = int(found.index[(found["learner_id"] == learner_id)
                               & (found["slot_id"] == slot_id)][0])
    at.text_input(key="flex_board.search").input(number).run()
    _pick(at, _table(at, "flex_board.found.").key, [position])
    at.run()
    assert not at.exception, [e.value for e in at.exception]


# -- Flex › Aanbod --------------------------------------------------------------------------------

def test_offer_copies_the_previous_cycle_into_an_empty_one(demo_path):
    week = one(demo_path, "select max(week_id) from flex_cycle_week")
    cycle_id = one(demo_path, "select cycle_id from flex_cycle_week where week_id = ?", week)
    offered = ("select code, slot_id, capacity from flex_session where cycle_id = ?"
               " order by code")
    previous = rows(demo_path, offered, cycle_id - 1)
    with Database(demo_path) as db, db._con.cursor() as cur:   # an empty cycle to start from
        cur.execute("delete from flex_session where cycle_id = ?", [cycle_id])
    at = opened("pages/flex_offer.py", "flex_team")
    at.selectbox(key="flex_offer.week@nl").set_value(week).run()
    click(at, "flex_offer.copy")
    assert previous and rows(demo_path, offered, cycle_id) == previous


def test_offer_adds_a_flex_moment(demo_path):
    at = opened("pages/flex_offer.py", "flex_team")
    at.selectbox(key="flex_offer.weekday@nl").set_value(5)
    at.number_input(key="flex_offer.hour").set_value(8)
    click(at, "flex_offer.add_slot")
    assert rows(demo_path, "select weekday, lesson_hour from flex_slot order by slot_id")[-1] \
        == (5, 8)


# -- Flex › Aanwezigheid --------------------------------------------------------------------------

def test_attendance_discards_the_draft_a_teacher_typed(demo_path):
    """A draft typed before a refresh (AppTest cannot fire the editor's on_change, so it is
    put in as the callback would) is laid over the register; discarding it deletes it."""
    at = opened("pages/flex_attendance.py", "teacher")
    register = next(d.key for d in at.dataframe
                    if (d.key or "").startswith("flex_attendance.register."))
    session_id, week_id = int(register.split(".")[2]), register.split(".")[3]
    learner_id = one(demo_path, "select a.learner_id from flex_assignment as a join flex_plan"
                                " as p using (plan_id) where p.status = 'published' and"
                                " a.session_id = ? order by 1 limit 1", session_id)
    teacher = demo_user_id("teacher", str(demo_path))
    with Database(demo_path) as db, db._con.cursor() as cur:
        cur.execute("insert into attendance_draft (user_id, session_id, week_id, learner_id,"
                    " status, typed_at) values (?, ?, ?, ?, 'absent', ?)",
                    [teacher, session_id, week_id, learner_id, dt.datetime(2026, 11, 25, 10)])
    at = opened("pages/flex_attendance.py", "teacher")
    assert at.info, "the draft is not said to be restored"
    click(at, "flex_attendance.discard")
    assert one(demo_path, "select count(*) from attendance_draft where user_id = ?",
               teacher) == 0
    assert one(demo_path, "select count(*) from flex_attendance where status = 'absent'"
                          " and session_id = ? and week_id = ?", session_id, week_id) == 0


# -- Klassenraad › Klasoverzicht ------------------------------------------------------------------

def test_council_ends_a_decision_it_took(demo_path):
    at = opened("pages/council_class.py", "class_council")
    class_id = at.selectbox[0].value
    table = f"council_class.table.{class_id}.0"
    open_need = "select need_id from need where source = 'class_council' and ended_at is null"
    ends = []
    for position in range(40):   # the first learner with an open decision of the council
        _pick(at, table, [position])
        at.run()
        ends = [b.key for b in at.button if (b.key or "").startswith("council_class.end.")]
        if ends:
            break
    assert ends, "no learner of the class has an open council decision"
    need_id = int(ends[0].split(".")[-1])
    assert ends[0] == f"council_class.end.{need_id}"
    assert need_id in [r[0] for r in rows(demo_path, open_need)]
    click(at, ends[0])
    assert need_id not in [r[0] for r in rows(demo_path, open_need)]
    assert one(demo_path, "select ended_by from need where need_id = ?", need_id) == \
        one(demo_path, "select display_name from app_user where user_id = ?",
            demo_user_id("class_council", str(demo_path)))


# -- Aanmelden and afmelden -----------------------------------------------------------------------

SESSIONS = "select count(*) from web_session where user_id = ?"
LOGINS = ("select count(*) from audit_log where action = 'login' and outcome = 'ok'"
          " and user_id = ?")


def assert_signed_in(at, path: Path, user: int) -> None:
    """The app holds the account, with one browser session and one logged sign-in for it."""
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["auth.user_id"] == user
    assert one(path, SESSIONS, user) == 1 and one(path, LOGINS, user) == 1


def test_signing_in_with_the_form_starts_a_session(demo_path):
    user = demo_user_id("flex_team", str(demo_path))
    at = app_test(role=None, timeout=90)
    at.text_input(key="login.email").input("flexteam@demo.dehorizon.example")
    at.text_input(key="login.password").input("demo")
    at.button(key="login.sign_in").click().run()
    assert_signed_in(at, demo_path, user)


def test_a_demo_button_signs_in_as_its_account(demo_path):
    user = demo_user_id("director", str(demo_path))
    at = app_test(role=None, timeout=90)
    at.button(key=f"login.demo.{user}").click().run()
    assert_signed_in(at, demo_path, user)


def test_signing_out_ends_the_session(demo_path):
    user = demo_user_id("teacher", str(demo_path))
    at = app_test(role=None, timeout=90)
    at.button(key=f"login.demo.{user}").click().run()
    at.run()
    assert one(demo_path, SESSIONS, user) == 1
    at.button(key="auth.sign_out").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "auth.user_id" not in at.session_state
    assert one(demo_path, SESSIONS, user) == 0


# -- Team › Taakdragers -------------------------------------------------------------------------

def test_leaders_add_a_role_save_its_tasks_and_set_the_threshold(demo_path):
    from app import settings
    from app.team import leaders

    at = opened("pages/team_leaders.py", "director")
    at.text_input(key="team_leaders.add_nl.0").input("Leerlingenraad-begeleider")
    at.text_input(key="team_leaders.add_en.0").input("Pupil council coach")
    at.text_input(key="team_leaders.add_ask.0").input("vragen over laptops")
    click(at, "team_leaders.add")
    assert rows(demo_path, "select code, name_nl, name_en, ask_for from tl_role"
                           " where name_nl = 'Leerlingenraad-begeleider'") == [
        ("leerlingenraad_begeleider", "Leerlingenraad-begeleider", "Pupil council coach",
         "vragen over laptops")]

    role_id = at.selectbox(key="team_leaders.role").value
    tasks = "select text, estimated_hours from tl_task where role_id = ? order by task_id"
    before = rows(demo_path, tasks, role_id)
    assert before
    edit(at, f"team_leaders.tasks.{role_id}.1", edited={0: {"estimated_hours": 3.5}})
    at.run()
    click(at, f"team_leaders.save.{role_id}.1")
    after = rows(demo_path, tasks, role_id)
    assert [(text, float(hours)) for text, hours in after] == \
        [(before[0][0], 3.5)] + [(text, float(hours)) for text, hours in before[1:]]

    at.text_input(key="team_leaders.limit.2").input("1,5")   # a decimal comma
    click(at, "team_leaders.threshold.save")
    with Database(demo_path) as db:
        assert settings.get(db, leaders.THRESHOLD_KEY) == 1.5
