"""The team tools (issue 7): the flex self-assessment (seeded checklist, evidence queries on
hand-made data, scoring, report), teacher leaders (load ratio, warnings, register edits, time
registration) and work-coaching trajectories (fifteen goals, three to five visits, the
self-assessment before the talk, status transitions, who may see a trajectory, the report)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from app import auth, display, permissions
from app.admin import users
from app.auth import COMMAND_LINE
from app.db import Database
from app.errors import AccessDenied, UserError
from app.i18n import Translator
from app.team import charts as team_charts
from app.team import coaching, leaders, problem_text, selfcheck
from tests.conftest import PROJECT_ROOT, TODAY, app_test, demo_user_id, shown

NL, EN = Translator("nl"), Translator("en")
# A copy of ../shared/reference/kijkwijzer-flexwerking.txt, so CI checks the seeded text too.
REFERENCE = PROJECT_ROOT / "tests" / "data" / "kijkwijzer-flexwerking.txt"
NOW = dt.datetime(2026, 11, 23, 10, 0)


# Who edits the self-assessment and the register in these tests: a director (both are theirs).
EDITOR = auth.Viewer(user_id=1, email="directie@school.be", name="Directie",
                     roles=frozenset({"director"}))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# -- the seeded checklist --------------------------------------------------------------------------

def test_checklist_has_the_eleven_effects_and_their_indicators(db):
    items = selfcheck.checklist(db)
    per_effect = items.groupby("effect_id").size().to_dict()
    assert per_effect == {1: 4, 2: 4, 3: 3, 4: 2, 5: 1, 6: 1, 7: 2, 8: 2, 9: 2, 10: 5, 11: 2}
    assert len(items) == 28
    assert all(items["text_en"].str.len() > 10) and all(items["effect_en"].str.len() > 10)
    assert (items["text_en"] != items["text_nl"]).all()


def test_every_effect_and_indicator_is_word_for_word_in_the_reference(db):
    reference = _flat(REFERENCE.read_text(encoding="utf-8"))
    items = selfcheck.checklist(db)
    texts = set(items["text_nl"]) | set(items["effect_nl"])
    assert [text for text in texts if _flat(text) not in reference] == []


def test_indicator_numbers_read_as_on_the_checklist():
    assert selfcheck.number(101) == "1.1" and selfcheck.number(1003) == "10.3"


# -- evidence on hand-made data --------------------------------------------------------------------

HAND_MADE = """
insert into school_year values ('2026-2027', '2026-09-01', '2027-06-30');
insert into period (period_id, school_year_id, seq, name, starts_on, ends_on)
    values (1, '2026-2027', 1, 'Trimester 1', '2026-09-01', '2026-12-18');
insert into class (class_id, school_year_id, code, year_of_study, grade)
    values (1, '2026-2027', '1A', 1, 1);
insert into learner (learner_id, external_id, first_name, last_name)
    values (1, 'a', 'A', 'A'), (2, 'b', 'B', 'B'), (3, 'c', 'C', 'C'), (4, 'd', 'D', 'D');
insert into enrolment values (1, '2026-2027', 1), (2, '2026-2027', 1), (3, '2026-2027', 1),
    (4, '2026-2027', 1);
insert into subject values ('WIS', 'Wiskunde', 'Mathematics');
insert into need (need_id, learner_id, subject_id, kind, source, valid_from) values
    (1, 1, 'WIS', 'remediation', 'class_council', '2026-10-01'),
    (2, 2, 'WIS', 'deepening', 'self_reflection', '2026-10-05'),
    (3, 3, 'WIS', 'remediation', 'subject_teacher', '2026-10-10'),
    (4, 4, 'WIS', 'remediation', 'class_council', '2025-10-10');
insert into survey (survey_id, title, source, audience, tag) values
    (1, 'Zelfreflectie', 'table', 'learners', 'self_reflection'),
    (2, 'Welbevinden', 'table', 'learners', 'wellbeing');
insert into survey_respondent (survey_id, respondent_id, learner_id, answered_at) values
    (1, 1, 3, '2026-11-01 10:00'), (2, 1, 4, '2026-10-20 10:00');
insert into week values ('2026-W40', '2026-2027', '2026-09-28', true),
    ('2026-W41', '2026-2027', '2026-10-05', true), ('2026-W42', '2026-2027', '2026-10-12', true),
    ('2026-W50', '2026-2027', '2026-12-07', true);
insert into flex_cycle values (1, '2026-2027', 1), (2, '2026-2027', 2), (3, '2026-2027', 3);
insert into flex_cycle_week values ('2026-W40', 1), ('2026-W41', 1), ('2026-W42', 2),
    ('2026-W50', 3);
insert into flex_slot values (1, 2, 7);
insert into flex_session (session_id, cycle_id, slot_id, code, kind, subject_id, capacity)
    values (1, 1, 1, 'WIS-R', 'remediation', 'WIS', 10), (2, 2, 1, 'WIS-R', 'remediation',
    'WIS', 10);
insert into flex_plan (plan_id, cycle_id, status, version, published_at) values
    (1, 1, 'published', 1, '2026-09-25 10:00'), (2, 1, 'proposal', 0, null),
    (3, 2, 'published', 1, '2026-10-09 10:00');
insert into flex_assignment (plan_id, slot_id, learner_id, session_id, reason_code) values
    (1, 1, 1, 1, 'need'), (1, 1, 2, 1, 'choice'), (1, 1, 3, 1, 'fill'),
    (2, 1, 4, 1, 'choice'),
    (3, 1, 1, 2, 'fill'), (3, 1, 2, 2, 'hard_decision');
insert into feedback_note (learner_id, session_id, feed_up, feedback, feed_forward, created_at)
    values (1, 1, 'x', 'y', 'z', '2026-11-10 15:00'), (2, 1, ' ', 'y', null,
    '2026-10-01 15:00');
insert into result values (1, 'WIS', 1, 30, 50, null);
insert into audit_log (action, entity, outcome, occurred_at)
    values ('export', 'messages', 'ok', '2026-10-10 09:00');
"""


@pytest.fixture
def school(db) -> Database:
    with db._con.cursor() as cur:
        cur.execute(HAND_MADE)
    return db


@pytest.mark.parametrize(("code", "value", "numerator", "denominator"), [
    ("council_needs", 0.25, 1, 4),            # learner 4's decision is from last year
    ("self_reflection", 0.5, 2, 4),           # a need stated themselves, or a survey answer
    ("routing_reasons", 0.6, 3, 5),           # the proposal does not count
    ("subject_teacher_needs", 1.0, 1, 1),
    ("feed_up", 1 / 3, 1, 3),                 # a blank feed up is none
    ("feed_forward", 1 / 3, 1, 3),
    ("feedback_per_month", 2 / 3 / 2, 2, 3),  # 2 notes, 3 learners, 2 months with flex weeks
    ("own_choice", 1 / 3, 1, 3),
    ("results_followed", 0.25, 1, 4),
    ("wellbeing_learners", 34.0, 1, 1),       # days since 20/10
    ("changes_announced", 0.5, 1, 2),         # the export came 15 days after the first one
    ("fixed_switching", 1.5, 2, 3),           # the third cycle has not begun
])
def test_evidence_query_on_hand_made_data(school, code, value, numerator, denominator):
    found = selfcheck.evidence(school, "2026-2027", TODAY)[code]
    assert found.value == pytest.approx(value)
    assert (found.numerator, found.denominator) == (numerator, denominator)
    assert found.has_data


def test_evidence_without_data_says_so_plainly(school):
    found = selfcheck.evidence(school, "2026-2027", TODAY)
    assert not found["wellbeing_staff"].has_data
    assert selfcheck.evidence_text(found["wellbeing_staff"], NL).startswith(
        "Flexwijs kan dit meten, maar er zijn nog geen gegevens")
    assert selfcheck.evidence_text(None, EN) == "No data in Flexwijs for this indicator."
    text = selfcheck.evidence_text(found["self_reflection"], NL)
    assert text.startswith("50 % van de leerlingen deed deze periode een zelfreflectie")
    assert "01/11/2026" in text


def test_every_evidence_query_shown_is_the_file_behind_it():
    for code in selfcheck.EVIDENCE_KINDS:
        path = PROJECT_ROOT / "queries" / f"{selfcheck.evidence_query(code)}.sql"
        assert selfcheck.evidence_sql(code) == path.read_text(encoding="utf-8")


def test_indicators_name_only_existing_evidence(db):
    codes = {c for c in selfcheck.checklist(db)["evidence"] if isinstance(c, str)}
    assert codes <= set(selfcheck.EVIDENCE_KINDS)
    assert codes == set(selfcheck.EVIDENCE_KINDS)


# -- rounds, scores and the report -----------------------------------------------------------------

def test_a_round_needs_a_date_in_the_past_and_participants(db):
    with pytest.raises(UserError, match="no_participants"):
        selfcheck.create_round(db, EDITOR, TODAY, "  ", TODAY)
    with pytest.raises(UserError, match="future"):
        selfcheck.create_round(db, EDITOR, TODAY + dt.timedelta(days=1), "Team", TODAY)
    assert selfcheck.rounds(db).empty


def test_bad_scores_name_row_column_and_reason_and_save_nothing(db):
    round_id = selfcheck.create_round(db, EDITOR, TODAY, "Directie, flexteam", TODAY)
    selfcheck.save_scores(db, EDITOR, round_id, {101: {"score": 3}})
    before = selfcheck.scores(db, round_id)
    problems = selfcheck.save_scores(db, EDITOR, round_id, {
        102: {"score": 5},
        103: {"score": 2, "decision": "adjust", "owner": ""},
        104: {"decision": "maybe", "owner": "An"},
        201: {"score": 4, "decision": "secure", "owner": "An"},
    })
    lines = [problem_text(p, NL) for p in problems]
    assert lines == [
        "rij 1.2, kolom Score: '5' – een score is 1, 2, 3 of 4",
        "rij 1.3, kolom Eigenaar opvolging: '' – een beslissing heeft een eigenaar voor de "
        "opvolging nodig",
        "rij 1.4, kolom Beslissing: 'maybe' – kies bannen, bijsturen of borgen",
    ]
    pd.testing.assert_frame_equal(selfcheck.scores(db, round_id), before)


def test_scores_are_saved_replaced_and_cleared(db):
    round_id = selfcheck.create_round(db, EDITOR, TODAY, "Team", TODAY)
    assert selfcheck.save_scores(db, EDITOR, round_id, {
        101: {"score": 2, "decision": "adjust", "note": "Afspraken maken", "owner": "Flexteam"},
        102: {"score": "4"}}) == []
    assert selfcheck.save_scores(db, EDITOR, round_id, {
        101: {"score": 3, "decision": "secure", "owner": "Directie"},
        102: {"score": None, "decision": None, "note": "", "owner": ""}}) == []
    stored = selfcheck.scores(db, round_id)
    assert stored[["indicator_id", "score", "decision", "owner"]].values.tolist() == [
        [101, 3, "secure", "Directie"]]
    assert selfcheck.rounds(db)["scored"].tolist() == [1]


def test_evolution_chart_per_effect_across_rounds(db):
    first = selfcheck.create_round(db, EDITOR, dt.date(2026, 2, 1), "Team", TODAY)
    second = selfcheck.create_round(db, EDITOR, dt.date(2026, 10, 1), "Team", TODAY)
    selfcheck.save_scores(db, EDITOR, first, {101: {"score": 1}, 102: {"score": 3},
                                               201: {"score": 2}})
    selfcheck.save_scores(db, EDITOR, second, {101: {"score": 3}, 102: {"score": 3}})
    trend = selfcheck.evolution(db, "nl")
    assert trend[["round", "effect_id", "mean_score"]].values.tolist() == [
        ["01/02/2026", 1, 2.0], ["01/02/2026", 2, 2.0], ["01/10/2026", 1, 3.0]]
    spec = team_charts.selfcheck_evolution(trend, NL).to_dict()
    assert spec["facet"]["field"] == "effect" and spec["columns"] == 3
    assert spec["spec"]["encoding"]["y"]["scale"]["domain"] == [1, 4]


def test_report_of_a_round_holds_every_effect_scores_and_evidence(school):
    round_id = selfcheck.create_round(school, EDITOR, TODAY, "Directie & <flexteam>", TODAY)
    selfcheck.save_scores(school, EDITOR, round_id, {
        101: {"score": 2, "decision": "drop", "note": "<script>x</script>", "owner": "An"}})
    found = selfcheck.evidence(school, "2026-2027", TODAY)
    page = selfcheck.report_html(school, round_id, NL, "De Horizon", found)
    assert page.count("<h2>") == 11
    assert "Directie &amp; &lt;flexteam&gt;" in page and "<script>" not in page
    assert "bannen" in page and "25 % van de leerlingen heeft dit schooljaar noden" in page
    assert "Geen gegevens in Flexwijs voor deze indicator." in page
    english = selfcheck.report_html(school, round_id, EN, "De Horizon", found)
    assert "We have a system to follow up the well-being of teachers" in english


# -- teacher leaders -------------------------------------------------------------------------------

@pytest.mark.parametrize(("teaching", "released", "estimated", "ratio"), [
    (18, 4, 10, 28 / 22), (9, 11, 20, 29 / 20), (20, 2, 2, 1.0), (0, 0, 0, 1.0),
    (0, 0, 3, None),
])
def test_load_ratio(teaching, released, estimated, ratio):
    found = leaders.load_ratio(teaching, released, estimated)
    assert found == (None if ratio is None else pytest.approx(ratio))


def test_warning_above_the_threshold_only():
    assert leaders.is_unrealistic(1.21, 1.2) and not leaders.is_unrealistic(1.2, 1.2)
    assert leaders.is_unrealistic(None, 1.2)


def test_threshold_defaults_to_1_2_and_is_configurable(db):
    assert leaders.threshold(db) == 1.2
    leaders.set_threshold(db, EDITOR, 1.35)
    assert leaders.threshold(db) == 1.35
    with pytest.raises(UserError, match="threshold"):
        leaders.set_threshold(db, EDITOR, 0.5)


def _staff(db: Database) -> pd.DataFrame:
    with db._con.cursor() as cur:
        cur.execute("insert into staff (staff_id, external_id, first_name, last_name,"
                    " assignment_hours) values (1, 's1', 'Karen', 'Peeters', 20),"
                    " (2, 's2', 'Joke', 'Maes', 22)")
    return db.read("common/staff_options")


def test_load_per_person_with_warnings(db):
    staff = _staff(db)
    role_id = int(leaders.roles(db).query("code == 'grade_coordinator'")["role_id"].iloc[0])
    saved = leaders.save_role(
        db, EDITOR, role_id, "Graadcoördinator", "Grade coordinator", "Graad",
        pd.DataFrame({"text": ["Overleg", "Leerlingen opvolgen"], "estimated_hours": [8, "12"]}),
        pd.DataFrame({"name": ["Peeters, Karen", "Maes, Joke"], "released_hours": [11, 20]}),
        staff)
    assert saved.problems == [] and (saved.tasks, saved.holders) == (2, 2)
    load = leaders.load(db, "nl", 1.2).set_index("name")
    # Karen: 20 hours, 11 released, so 9 teaching; asked 9 + 20 = 29 for 20 given.
    assert load.loc["Peeters, Karen", "teaching_hours"] == 9
    assert load.loc["Peeters, Karen", "ratio"] == pytest.approx(29 / 20)
    assert bool(load.loc["Peeters, Karen", "warning"])
    assert load.loc["Maes, Joke", "ratio"] == pytest.approx(22 / 22)
    assert not bool(load.loc["Maes, Joke", "warning"])
    table = leaders.load_table(load.reset_index(), NL).frame.set_index("Personeelslid")
    assert table.loc["Peeters, Karen", "Belasting"] == "te hoog"
    assert table.loc["Maes, Joke", "Belasting"] is None
    assert table.loc["Peeters, Karen", "Verhouding"] == pytest.approx(29 / 20)
    spec = team_charts.leader_load(load.reset_index(), 1.2, NL).to_dict()
    assert spec["layer"][1]["mark"]["type"] == "rule"


def test_bad_register_rows_name_row_column_reason_and_save_nothing(db):
    staff = _staff(db)
    role_id = int(leaders.roles(db)["role_id"].iloc[0])
    before = (leaders.tasks(db, role_id), leaders.holders(db, role_id))
    saved = leaders.save_role(
        db, EDITOR, role_id, "Rol", "Role", "",
        pd.DataFrame({"text": ["Overleg", None, "Planning"],
                      "estimated_hours": ["veel", 2, 50]}),
        pd.DataFrame({"name": ["Peeters, Karen", "Niemand", "Peeters, Karen"],
                      "released_hours": [2, 1, 1]}), staff)
    lines = [problem_text(p, NL) for p in saved.problems]
    assert lines == [
        "Verantwoordelijkheden, rij 1, kolom Geschatte uren: 'veel' – uren per week: een getal "
        "van 0 tot 40",
        "Verantwoordelijkheden, rij 2, kolom Verantwoordelijkheid: '' – beschrijf de "
        "verantwoordelijkheid",
        "Verantwoordelijkheden, rij 3, kolom Geschatte uren: '50' – uren per week: een getal "
        "van 0 tot 40",
        "Wie draagt deze rol, rij 2, kolom Personeelslid: 'Niemand' – kies een personeelslid "
        "uit de lijst",
        "Wie draagt deze rol, rij 3, kolom Personeelslid: 'Peeters, Karen' – staat al in rij 1",
    ]
    pd.testing.assert_frame_equal(leaders.tasks(db, role_id), before[0])
    pd.testing.assert_frame_equal(leaders.holders(db, role_id), before[1])


def test_namesakes_hold_a_role_each_by_their_own_label(db):
    """Two staff members called "Peeters, Karen" (issue 14: people are chosen by id): the holder
    picker offers each by a label that tells them apart, and saving maps it to the right one."""
    with db._con.cursor() as cur:
        cur.execute("insert into staff (staff_id, external_id, first_name, last_name,"
                    " assignment_hours, subject_team) values"
                    " (1, 's1', 'Karen', 'Peeters', 20, 'Wiskunde'),"
                    " (2, 's2', 'Karen', 'Peeters', 22, 'Frans')")
    staff = db.read("common/staff_options")
    role_id = int(leaders.roles(db)["role_id"].iloc[0])
    labels = {"Peeters, Karen (Frans)": 2, "Peeters, Karen (Wiskunde)": 1}
    saved = leaders.save_role(
        db, EDITOR, role_id, "Rol", "Role", "", pd.DataFrame({"text": [], "estimated_hours": []}),
        pd.DataFrame({"name": ["Peeters, Karen (Frans)"], "released_hours": [2]}), staff)
    assert not saved.problems
    assert list(leaders.holders(db, role_id)["staff_id"]) == [2]
    shown_in_editor = leaders.holders_for_editor(db, role_id, staff)
    assert list(shown_in_editor["name"]) == ["Peeters, Karen (Frans)"]
    assert set(labels) <= set(display.staff_labels(staff).values())


def test_a_new_role_and_the_transparency_page(db):
    staff = _staff(db)
    role_id = leaders.add_role(db, EDITOR, "STEM-coördinator", "STEM coordinator",
                               "STEM-projecten")
    with pytest.raises(UserError, match="role_exists"):
        leaders.add_role(db, EDITOR, "STEM-coördinator", "", "")
    leaders.save_role(db, EDITOR, role_id, "STEM-coördinator", "STEM coordinator",
                      "STEM-projecten", pd.DataFrame({"text": ["Projectweek"],
                                                      "estimated_hours": [1.5]}),
                      pd.DataFrame({"name": ["Maes, Joke"], "released_hours": [1]}), staff)
    found = {r["name"]: r for r in leaders.transparency(db, "nl", NL)}
    assert found["STEM-coördinator"]["holders"] == ["Joke Maes – 1,0 uur vrijgesteld – –"]
    assert found["STEM-coördinator"]["tasks"] == ["Projectweek (± 1,5 uur per week)"]
    assert found["STEM-coördinator"]["ask_for"] == "STEM-projecten"


def test_time_registration_is_compared_with_the_estimate(demo_db):
    viewer = auth.load_viewer(demo_db, demo_user_id("director"))
    surveys = leaders.time_surveys(demo_db, viewer.scope)
    assert len(surveys) == 1
    compared, unmatched = leaders.compare_time(demo_db, viewer.scope,
                                               int(surveys["survey_id"].iloc[0]), "nl")
    assert unmatched == [] and compared["holds_role"].all()
    grade = compared[compared["role"] == "Graadcoördinator"]
    assert len(grade) >= 1 and (grade["estimated_hours"] == 10.0).all()
    assert (grade["hours"] > grade["estimated_hours"]).all()
    assert "Tijdsregistratie" not in set(compared["role"])
    # The administrator did not upload it and has no right to staff data: sees nothing of it.
    admin = auth.load_viewer(demo_db, demo_user_id("admin"))
    assert leaders.time_surveys(demo_db, admin.scope).empty


def test_questions_are_matched_to_roles_by_name():
    rows = [{"role_id": 1, "code": "mentor", "name_nl": "Mentor", "name_en": "Mentor"},
            {"role_id": 2, "code": "ict_coordinator", "name_nl": "ICT-coördinator",
             "name_en": "ICT coordinator"}]
    assert leaders._role_of("Uren als ICT-coördinator per week", rows) == 2
    assert leaders._role_of("Hours as mentor", rows) == 1
    assert leaders._role_of("Hoe tevreden ben je?", rows) is None


# -- work-coaching trajectories --------------------------------------------------------------------

def viewer(db: Database, role: str):
    return auth.load_viewer(db, demo_user_id(role))


@pytest.fixture
def fresh(demo_db):
    """A new trajectory at intake: the demo teacher, adviser and director."""
    director, teacher, adviser = (viewer(demo_db, r) for r in ("director", "teacher", "adviser"))
    trajectory_id = coaching.create(
        demo_db, director, teacher=teacher.user_id, adviser=adviser.user_id,
        manager=director.user_id, starts_on=dt.date(2026, 11, 1), ends_on=dt.date(2027, 3, 31),
        reason="Zorgen")
    return demo_db, trajectory_id, director, teacher, adviser


def test_only_the_director_starts_a_trajectory_with_three_different_parties(demo_db):
    director, teacher, adviser = (viewer(demo_db, r) for r in ("director", "teacher", "adviser"))
    kwargs = {"starts_on": TODAY, "ends_on": TODAY + dt.timedelta(days=90), "reason": ""}
    with pytest.raises(AccessDenied):
        coaching.create(demo_db, adviser, teacher=teacher.user_id,
                        adviser=adviser.user_id, manager=director.user_id, **kwargs)
    with pytest.raises(UserError, match="parties_differ"):
        coaching.create(demo_db, director, teacher=teacher.user_id,
                        adviser=teacher.user_id, manager=director.user_id, **kwargs)
    with pytest.raises(UserError, match="not_adviser"):
        coaching.create(demo_db, director, teacher=adviser.user_id,
                        adviser=teacher.user_id, manager=director.user_id, **kwargs)
    with pytest.raises(UserError, match="period_order"):
        coaching.create(demo_db, director, teacher=teacher.user_id,
                        adviser=adviser.user_id, manager=director.user_id,
                        starts_on=TODAY, ends_on=TODAY - dt.timedelta(days=1), reason="")


def test_the_sixteenth_goal_is_refused_with_a_clear_message(fresh):
    db, tid, _, _, adviser = fresh
    for n in range(1, 16):
        coaching.add_goal(db, adviser, tid, f"Doel {n}", "didactic", "need")
    with pytest.raises(UserError) as refused:
        coaching.add_goal(db, adviser, tid, "Doel 16", "pedagogical", "wish")
    assert refused.value.render(NL).startswith(
        "Er zijn al 15 doelen: de doelenlijst telt hoogstens 15 enkelvoudige doelen.")
    assert len(coaching.goals(db, adviser, tid)) == 15


def test_goal_needs_a_domain_and_an_origin(fresh):
    db, tid, _, teacher, adviser = fresh
    with pytest.raises(UserError, match="domain"):
        coaching.add_goal(db, adviser, tid, "Doel", "sport", "need")
    with pytest.raises(UserError, match="origin"):
        coaching.add_goal(db, adviser, tid, "Doel", "didactic", "maybe")
    with pytest.raises(AccessDenied):
        coaching.add_goal(db, teacher, tid, "Doel", "didactic", "need")


def test_three_to_five_visits_a_warning_below_three_and_no_sixth(fresh):
    db, tid, director, _, adviser = fresh
    coaching.plan_visit(db, adviser, tid, "diagnostic", dt.date(2026, 11, 10), True)
    with pytest.raises(UserError, match="one_diagnostic"):
        coaching.plan_visit(db, adviser, tid, "diagnostic", dt.date(2026, 11, 11), True)
    for n in range(2):
        coaching.plan_visit(db, director, tid, "coaching",
                            dt.date(2026, 12, 1) + dt.timedelta(days=7 * n), n == 0)
    assert coaching.visits_warning(coaching.visits(db, adviser, tid)) == 2
    for n in range(2, 5):
        coaching.plan_visit(db, adviser, tid, "coaching",
                            dt.date(2026, 12, 1) + dt.timedelta(days=7 * n), True)
    assert coaching.visits_warning(coaching.visits(db, adviser, tid)) is None
    with pytest.raises(UserError) as refused:
        coaching.plan_visit(db, adviser, tid, "coaching", dt.date(2027, 2, 1), False)
    assert "hoogstens 5 klasbezoeken" in refused.value.render(NL)
    with pytest.raises(UserError, match="visit_period"):
        fresh_one = coaching.visits(db, adviser, tid)
        assert len(fresh_one) == 6
        coaching.plan_visit(db, adviser, tid, "coaching", dt.date(2027, 6, 1), True)


def _ready_for_talks(db, tid, adviser, visits=3):
    for n in range(2):
        coaching.add_goal(db, adviser, tid, f"Doel {n + 1}", "didactic", "need")
    coaching.plan_visit(db, adviser, tid, "diagnostic", dt.date(2026, 11, 10), True)
    with pytest.raises(UserError, match="diagnostic_first"):
        coaching.fix_goals(db, adviser, tid, NOW)
    diagnostic = int(coaching.visits(db, adviser, tid)["visit_id"].iloc[0])
    coaching.mark_held(db, adviser, tid, diagnostic)
    coaching.fix_goals(db, adviser, tid, NOW)
    for n in range(visits):
        coaching.plan_visit(db, adviser, tid, "coaching",
                            dt.date(2026, 12, 1) + dt.timedelta(days=7 * n), True)
    planned = coaching.visits(db, adviser, tid)
    goal_ids = [int(g) for g in coaching.goals(db, adviser, tid)["goal_id"]]
    return [int(v) for v in planned[planned["kind"] == "coaching"]["visit_id"]], goal_ids


def test_the_talk_needs_the_teachers_self_assessment_first(fresh):
    db, tid, _, teacher, adviser = fresh
    visits, goal_ids = _ready_for_talks(db, tid, adviser)
    scores = {g: 3 for g in goal_ids}
    with pytest.raises(UserError) as refused:
        coaching.record_talk(db, adviser, tid, visits[0], TODAY, scores, "Reflectie",
                             "Advies")
    assert refused.value.key == "team.coaching.error.self_first"
    assert "zelfbeoordeling" in refused.value.render(NL)
    with pytest.raises(UserError, match="score_missing"):
        coaching.self_assess(db, teacher, tid, visits[0], {goal_ids[0]: 2})
    with pytest.raises(AccessDenied):
        coaching.self_assess(db, adviser, tid, visits[0], {g: 2 for g in goal_ids})
    coaching.self_assess(db, teacher, tid, visits[0], {g: 2 for g in goal_ids})
    with pytest.raises(AccessDenied):
        coaching.record_talk(db, teacher, tid, visits[0], TODAY, scores, "R", "A")
    with pytest.raises(UserError, match="advice"):
        coaching.record_talk(db, adviser, tid, visits[0], TODAY, scores, "R", " ")
    coaching.record_talk(db, adviser, tid, visits[0], TODAY, scores, "Reflectie",
                         "Advies")
    with pytest.raises(UserError, match="talk_done"):
        coaching.self_assess(db, teacher, tid, visits[0], {g: 4 for g in goal_ids})
    progress = coaching.progress(db, adviser, tid, NL)
    assert sorted(progress["who"].unique()) == ["Begeleider", "Zelfbeoordeling"]
    spec = team_charts.coaching_progress(progress, NL).to_dict()
    assert spec["facet"]["field"] == "goal"


def test_status_transitions_follow_the_procedure(fresh):
    db, tid, director, teacher, adviser = fresh
    with pytest.raises(UserError, match="transition"):
        coaching.change_status(db, adviser, tid, "coaching", NOW)
    with pytest.raises(AccessDenied):
        coaching.change_status(db, teacher, tid, "diagnosis", NOW)
    coaching.change_status(db, director, tid, "diagnosis", NOW)
    with pytest.raises(UserError, match="goals_not_fixed"):
        coaching.change_status(db, adviser, tid, "coaching", NOW)
    visits, goal_ids = _ready_for_talks(db, tid, adviser)
    coaching.change_status(db, adviser, tid, "coaching", NOW)
    for visit in visits[:2]:
        coaching.self_assess(db, teacher, tid, visit, {g: 2 for g in goal_ids})
        coaching.record_talk(db, adviser, tid, visit, TODAY, {g: 3 for g in goal_ids},
                             "R", "A")
    with pytest.raises(UserError) as refused:
        coaching.change_status(db, adviser, tid, "final_report", NOW)
    assert refused.value.params == {"done": 2, "needed": 3}
    coaching.self_assess(db, teacher, tid, visits[2], {g: 3 for g in goal_ids})
    coaching.record_talk(db, adviser, tid, visits[2], TODAY,
                         {goal_ids[0]: 4, goal_ids[1]: 2}, "R", "Blijf oefenen")
    coaching.change_status(db, adviser, tid, "final_report", NOW)
    with pytest.raises(UserError, match="report_incomplete"):
        coaching.change_status(db, adviser, tid, "closed", NOW)
    made = coaching.draft(db, adviser, tid, NL)
    assert made.degrees == {goal_ids[0]: "reached", goal_ids[1]: "not_reached"}
    coaching.save_report(db, adviser, tid, made.parts, made.degrees, NOW)
    coaching.change_status(db, director, tid, "closed", NOW)
    row = coaching.trajectory(db, teacher, tid)
    assert row["status"] == "closed" and coaching.allowed_next(row) == ()
    with pytest.raises(UserError, match="finished"):
        coaching.plan_visit(db, adviser, tid, "coaching", TODAY, True)


def test_stopping_early_and_escalating_end_a_trajectory(fresh):
    db, tid, director, _, adviser = fresh
    coaching.change_status(db, director, tid, "stopped", NOW)
    assert coaching.trajectory(db, adviser, tid)["status"] == "stopped"
    with pytest.raises(UserError, match="transition"):
        coaching.change_status(db, director, tid, "escalated", NOW)


def test_only_the_three_parties_see_a_trajectory(demo_db):
    director, teacher, adviser = (viewer(demo_db, r) for r in ("director", "teacher", "adviser"))
    all_ids = set(coaching.trajectories(demo_db, adviser)["trajectory_id"])
    assert len(all_ids) == 2 and set(coaching.trajectories(demo_db, director)[
        "trajectory_id"]) == all_ids
    mine = set(coaching.trajectories(demo_db, teacher)["trajectory_id"])
    assert len(mine) == 1
    other = (all_ids - mine).pop()
    with pytest.raises(AccessDenied):
        coaching.trajectory(demo_db, teacher, other)
    assert coaching.goals(demo_db, teacher, other).empty
    assert coaching.ratings(demo_db, teacher, other).empty
    for role in ("admin", "flex_team", "class_council"):
        outsider = viewer(demo_db, role)
        assert coaching.trajectories(demo_db, outsider).empty
        assert coaching.visits(demo_db, outsider, other).empty
        with pytest.raises(AccessDenied):
            coaching.add_goal(demo_db, outsider, other, "x", "didactic", "need")


def _refusals(db: Database, action: str) -> int:
    # The audit log read directly, outside the named queries (as tests/test_access.py).
    with db._con.cursor() as con:
        return con.execute("select count(*) from audit_log where outcome = 'refused'"
                           " and action = ?", [action]).fetchone()[0]


def test_each_party_does_only_their_own_part_whatever_other_roles_they_hold(demo_db):
    """The model refuses whom the old party checks refused: a teacher who also holds the
    adviser role does not steer or observe the trajectory they are the teacher of, and a
    director who is not its manager does not steer it."""
    director, adviser = viewer(demo_db, "director"), viewer(demo_db, "adviser")
    both = auth.load_viewer(demo_db, users.add_user(
        demo_db, COMMAND_LINE, email="lk.begeleider@school.be", name="Leerkracht en begeleider",
        roles=["teacher", "adviser"]))
    other_director = auth.load_viewer(demo_db, users.add_user(
        demo_db, COMMAND_LINE, email="tweede.directie@school.be", name="Tweede directeur",
        roles=["director"]))
    assert both.user_id in coaching.candidates(demo_db).teachers
    tid = coaching.create(demo_db, director, teacher=both.user_id, adviser=adviser.user_id,
                          manager=director.user_id, starts_on=dt.date(2026, 11, 1),
                          ends_on=dt.date(2027, 3, 31), reason="")
    record = coaching.as_record(coaching.trajectory(demo_db, both, tid))
    assert permissions.allowed(both, "team.coaching.self_assess", record)
    assert not permissions.allowed(both, "team.coaching.steer", record)
    assert not permissions.allowed(both, "team.coaching.observe", record)
    assert permissions.allowed(adviser, "team.coaching.steer", record)
    assert permissions.allowed(director, "team.coaching.steer", record)
    assert not permissions.allowed(other_director, "team.coaching.steer", record)

    before = _refusals(demo_db, "team.coaching.steer")
    for attempt in (
            lambda: coaching.change_status(demo_db, both, tid, "diagnosis", NOW),
            lambda: coaching.add_goal(demo_db, both, tid, "Doel", "didactic", "need"),
            lambda: coaching.plan_visit(demo_db, both, tid, "diagnostic",
                                        dt.date(2026, 11, 10), True)):
        with pytest.raises(permissions.Refused) as refused:
            attempt()
        assert refused.value.render(NL) == (
            "Dat doet in dit traject alleen wie die taak heeft: doelen, bezoeken en de status"
            " van een werkbegeleidingstraject beheren. Dat mogen: directie (als leidinggevende"
            " van het traject), begeleider (als begeleider van het traject). Er is niets"
            " gewijzigd.")
    with pytest.raises(permissions.Refused) as refused:
        coaching.change_status(demo_db, other_director, tid, "diagnosis", NOW)
    assert refused.value.render(NL).startswith(
        "Dat doet in dit traject alleen wie die taak heeft: doelen, bezoeken")
    assert _refusals(demo_db, "team.coaching.steer") == before + 4
    with pytest.raises(permissions.Refused) as refused:
        coaching.save_report(demo_db, both, tid, {}, {}, NOW)
    assert "Dat mogen: begeleider (als begeleider van het traject)." \
        in refused.value.render(NL)
    assert coaching.trajectory(demo_db, director, tid)["status"] == "intake"
    assert coaching.goals(demo_db, director, tid).empty
    assert coaching.visits(demo_db, director, tid).empty


def test_the_report_is_exported_by_a_party_and_logged(demo_db):
    adviser, teacher = viewer(demo_db, "adviser"), viewer(demo_db, "teacher")
    mine = set(coaching.trajectories(demo_db, teacher)["trajectory_id"])
    other = int((set(coaching.trajectories(demo_db, adviser)["trajectory_id"]) - mine).pop())
    page = coaching.export_report(demo_db, adviser, other, "html", NL, "De Horizon")
    assert page.decode("utf-8").startswith("<!DOCTYPE html>")
    assert coaching.export_report(demo_db, adviser, other, "csv", NL, "").count(b"\n") > 5
    with demo_db._con.cursor() as con:
        logged = con.execute("select user_id, entity, record_ids, detail from audit_log"
                             " where action = 'export' order by audit_id").fetchall()
    assert logged[-2:] == [(adviser.user_id, "wb_report", [str(other)], "format=html"),
                           (adviser.user_id, "wb_report", [str(other)], "format=csv")]
    with pytest.raises(permissions.Refused) as refused:   # a teacher, not this one's
        coaching.export_report(demo_db, teacher, other, "html", NL, "")
    assert refused.value.action == "team.coaching.export"
    with pytest.raises(permissions.Refused):
        coaching.export_report(demo_db, viewer(demo_db, "admin"), other, "html", NL, "")
    with demo_db._con.cursor() as con:
        assert con.execute("select count(*) from audit_log where action = 'export'"
                           ).fetchone()[0] == len(logged)


def test_a_party_must_be_able_to_take_their_part(demo_db):
    director, adviser = viewer(demo_db, "director"), viewer(demo_db, "adviser")
    flex_team = viewer(demo_db, "flex_team")
    can = coaching.candidates(demo_db)
    assert flex_team.user_id not in can.teachers and adviser.user_id in can.advisers
    assert director.user_id in can.managers and director.user_id not in can.advisers
    with pytest.raises(UserError, match="not_teacher"):
        coaching.create(demo_db, director, teacher=flex_team.user_id, adviser=adviser.user_id,
                        manager=director.user_id, starts_on=TODAY, ends_on=TODAY, reason="")


def test_the_final_report_is_generated_from_the_data(demo_db):
    adviser = viewer(demo_db, "adviser")
    listing = coaching.trajectories(demo_db, adviser)
    tid = int(listing[listing["status"] == "final_report"]["trajectory_id"].iloc[0])
    made = coaching.draft(demo_db, adviser, tid, NL)
    assert set(made.parts) == set(coaching.REPORT_PARTS)
    assert made.parts["results"].count("\n") == 4 and made.parts["results"].startswith("Doel 1 (")
    assert "4 klasbezoeken vonden plaats, waarvan 2 onaangekondigd, met 4 feedbackgesprekken" \
        in made.parts["course"]
    page = coaching.report_html(demo_db, adviser, tid, NL, "De Horizon")
    for part in ("Resultaten; mate waarin doelen bereikt zijn", "Verloop van het proces",
                 "Aandachtspunten voor de toekomst", "Noodzaak van verdere begeleiding",
                 "Noodzaak van vervolgstappen", "Vertrouwelijk"):
        assert part in page
    frame = coaching.report_frame(demo_db, adviser, tid, EN)
    assert list(frame.columns) == ["Part", "Text", "Degree reached"] and len(frame) == 10
    edited = {**made.parts, "follow_up": "Opvolgen in juni."}
    coaching.save_report(demo_db, adviser, tid, edited, made.degrees, NOW)
    assert coaching.report(demo_db, adviser, tid)["follow_up"] == "Opvolgen in juni."
    with pytest.raises(AccessDenied):
        coaching.save_report(demo_db, viewer(demo_db, "director"), tid, edited,
                             made.degrees, NOW)


# -- the demo school and the pages -----------------------------------------------------------------

def test_demo_school_has_a_round_a_register_and_two_trajectories(demo_db):
    assert len(selfcheck.rounds(demo_db)) >= 1
    assert (leaders.roles(demo_db)["holders"] > 0).all()
    assert len(coaching.trajectories(demo_db, viewer(demo_db, "adviser"))) == 2


PAGE_ROLES = [
    ("pages/team_selfcheck.py", "admin"), ("pages/team_selfcheck.py", "director"),
    ("pages/team_selfcheck.py", "flex_team"),
    ("pages/team_leaders.py", "admin"), ("pages/team_leaders.py", "director"),
    *[("pages/team_roles.py", r) for r in ("admin", "director", "flex_team", "class_council",
                                           "teacher", "adviser")],
    ("pages/team_coaching.py", "director"), ("pages/team_coaching.py", "teacher"),
    ("pages/team_coaching.py", "adviser"),
]


@pytest.mark.parametrize(("page", "role"), PAGE_ROLES)
def test_team_page_renders_for_each_role_that_may_open_it(demo_path, page, role):
    at = app_test(page, role=role)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert len(at.title) == 1


def test_selfcheck_page_scores_a_round_and_refuses_bad_input(demo_path):
    at = app_test("pages/team_selfcheck.py", role="flex_team")
    assert any("geen gegevens voor" in i.value for i in at.info)
    rounds = at.selectbox(key="team_selfcheck.round@nl")
    round_id = rounds.value
    at.radio(key=f"team_selfcheck.score.{round_id}.101.0").set_value(1)
    at.selectbox(key=f"team_selfcheck.decision.{round_id}.101.0@nl").set_value("adjust")
    at.text_input(key=f"team_selfcheck.owner.{round_id}.101.0").set_value("")
    submit = at.button(key=f"team_selfcheck.save.{round_id}")
    submit.click().run()
    assert any("Niets bewaard" in e.value for e in at.error)
    assert any("rij 1.1, kolom Eigenaar opvolging" in shown(m.value) for m in at.markdown)
    at.text_input(key=f"team_selfcheck.owner.{round_id}.101.0").set_value("Flexcoördinator")
    at.button(key=f"team_selfcheck.save.{round_id}").click().run()
    assert not at.error and not at.exception
    with Database(demo_path) as db:
        stored = selfcheck.scores(db, round_id).set_index("indicator_id")
    assert stored.loc[101, "score"] == 1 and stored.loc[101, "decision"] == "adjust"


def test_leaders_page_reports_bad_rows_and_warns_about_load(demo_path):
    at = app_test("pages/team_leaders.py", role="director")
    assert any("boven de drempel" in w.value for w in at.warning)
    role_id = at.selectbox(key="team_leaders.role").value
    at.session_state[f"team_leaders.tasks.{role_id}.0"] = {
        "edited_rows": {0: {"estimated_hours": 99}}, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key=f"team_leaders.save.{role_id}.0").click().run()
    assert any("Niets bewaard" in e.value for e in at.error)
    assert any("rij 1, kolom Geschatte uren: '99.0'" in shown(m.value) or
               "rij 1, kolom Geschatte uren: '99'" in shown(m.value) for m in at.markdown)


def test_leaders_hours_and_threshold_take_a_decimal_comma(demo_path):
    at = app_test("pages/team_leaders.py", role="director")
    role_id = at.selectbox(key="team_leaders.role").value
    at.session_state[f"team_leaders.tasks.{role_id}.0"] = {
        "edited_rows": {0: {"estimated_hours": "2,5"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key=f"team_leaders.save.{role_id}.0").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    at.text_input(key="team_leaders.limit.1").input("1,35")
    at.button(key="team_leaders.threshold.save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    with Database(demo_path) as db:
        assert float(leaders.tasks(db, role_id)["estimated_hours"].iloc[0]) == 2.5
        assert leaders.threshold(db) == 1.35


def test_coaching_page_shows_each_party_only_their_trajectories(demo_path):
    teacher = app_test("pages/team_coaching.py", role="teacher")
    assert len(teacher.selectbox(key="team_coaching.trajectory@nl").options) == 1
    adviser = app_test("pages/team_coaching.py", role="adviser")
    assert len(adviser.selectbox(key="team_coaching.trajectory@nl").options) == 2
    assert any("Vertrouwelijk" in c.value for c in adviser.caption)


def test_team_pages_on_an_empty_school_say_so(empty_school_user):
    for page in ("team_selfcheck", "team_leaders", "team_roles", "team_coaching"):
        at = app_test(f"pages/{page}.py", user_id=empty_school_user)
        assert not at.exception, (page, [e.value for e in at.exception])
        assert not at.error, (page, [e.value for e in at.error])


def test_time_registration_upload_is_tagged_and_compared(demo_db):
    from app.importing import pipeline

    holders = demo_db.read("team/leaders/all_holders")
    roles = leaders.roles(demo_db).set_index("role_id")
    question = "Hoeveel uur per week besteedde je aan je taak als {}?"
    names = list(dict.fromkeys(roles.loc[r, "name_nl"] for r in holders["role_id"]))
    lines = [";".join(["Tijdstempel", "E-mailadres", *[question.format(n.lower())
                                                      for n in names],
                       "Hoeveel uur per week vergaderde je?"])]
    for n, h in enumerate(holders.itertuples()):
        cells = ["" for _ in names]
        cells[names.index(roles.loc[h.role_id, "name_nl"])] = "3,5"
        lines.append(";".join([f"20/11/2026 16:{n:02d}:00", h.email, *cells, "2"]))
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")
    director = viewer(demo_db, "director")
    prepared = pipeline.prepare(demo_db, director, "survey", "tijdsregistratie.csv", data,
                                order="dmy",
                                options={"tag": "time_registration", "audience": "staff"})
    assert not prepared.problems
    result = pipeline.commit(demo_db, director, prepared)
    survey_id = result.record_id("survey")
    assert survey_id in set(leaders.time_surveys(demo_db, director.scope)["survey_id"])
    compared, unmatched = leaders.compare_time(demo_db, director.scope, survey_id, "nl")
    assert unmatched == ["Hoeveel uur per week vergaderde je?"]
    assert len(compared) == len(holders) and (compared["hours"] == 3.5).all()


def test_the_sample_time_registration_reads_without_problems(db):
    from app.importing import pipeline

    data = (PROJECT_ROOT / "data" / "samples" / "team_tijdsregistratie.csv").read_bytes()
    prepared = pipeline.prepare(db, COMMAND_LINE, "survey", "team_tijdsregistratie.csv", data,
                                order="dmy", options={"tag": "time_registration"})
    assert not prepared.problems and prepared.built.rows == 24
