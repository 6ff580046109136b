"""The team pages' view builders, without Streamlit: what each party of a work-coaching
trajectory may do and is offered (app/team/coaching_view.py), and the teacher leaders' tables
and warnings (app/team/leaders.py). Real DuckDB: the demo school, and a trajectory made on it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from app import auth
from app.db import Database
from app.i18n import Translator
from app.team import coaching, leaders
from app.team import coaching_view as view
from tests.conftest import demo_user_id

NL = Translator("nl")
NOW = dt.datetime(2026, 11, 23, 10, 0)


def viewer(db: Database, role: str) -> auth.Viewer:
    return auth.load_viewer(db, demo_user_id(role))


@pytest.fixture
def fresh(demo_db):
    """A new trajectory at intake: the demo teacher, adviser and director (its manager)."""
    director, teacher, adviser = (viewer(demo_db, r) for r in ("director", "teacher", "adviser"))
    tid = coaching.create(demo_db, director, teacher=teacher.user_id, adviser=adviser.user_id,
                          manager=director.user_id, starts_on=dt.date(2026, 11, 1),
                          ends_on=dt.date(2027, 3, 31), reason="Zorgen")
    return demo_db, tid, director, teacher, adviser


def test_each_party_gets_the_rights_of_their_part(fresh):
    db, tid, director, teacher, adviser = fresh
    row = coaching.trajectory(db, director, tid)
    boss, own, coach = (view.rights(v, row) for v in (director, teacher, adviser))
    assert (boss.party, own.party, coach.party) == ("manager", "teacher", "adviser")
    assert boss.steer and boss.edit_goals and boss.plan and not boss.observe
    assert boss.moves == ("diagnosis", "stopped")
    assert own.assess and not own.steer and own.moves == () and not own.edit_goals
    assert coach.steer and coach.observe and not coach.assess
    # The report opens for editing only at the final report, and only for the adviser.
    assert not coach.report and all(r.export for r in (boss, own, coach))
    assert boss.is_open and not boss.fixed


def test_the_director_is_proposed_as_manager_of_a_new_trajectory(demo_db):
    director, teacher = viewer(demo_db, "director"), viewer(demo_db, "teacher")
    can = coaching.candidates(demo_db)
    assert can.managers[view.default_manager(can, director)] == director.user_id
    assert view.default_manager(can, teacher) is None


def test_a_visit_offers_each_party_their_own_form_until_the_talk(fresh):
    db, tid, director, teacher, adviser = fresh
    visits = coaching.visits(db, adviser, tid)
    assert view.VISIT_KINDS[view.next_visit_kind(visits)] == "diagnostic"
    coaching.plan_visit(db, adviser, tid, "diagnostic", dt.date(2026, 11, 10), True)
    for n in (1, 2):
        coaching.add_goal(db, adviser, tid, f"Doel **{n}**", "didactic", "need")
    goals = coaching.goals(db, adviser, tid)
    row = coaching.trajectory(db, adviser, tid)
    diagnostic = coaching.visits(db, adviser, tid).iloc[0].to_dict()
    assert view.visit_mode(view.rights(adviser, row), diagnostic, goals, {}, {}) == "held"
    assert view.visit_mode(view.rights(teacher, row), diagnostic, goals, {}, {}) is None
    coaching.mark_held(db, adviser, tid, int(diagnostic["visit_id"]))
    coaching.fix_goals(db, adviser, tid, NOW)
    coaching.change_status(db, director, tid, "diagnosis", NOW)
    coaching.plan_visit(db, adviser, tid, "coaching", dt.date(2026, 12, 1), False)
    visits = coaching.visits(db, adviser, tid)
    assert view.VISIT_KINDS[view.next_visit_kind(visits)] == "coaching"
    visit = visits[visits["kind"] == "coaching"].iloc[0].to_dict()
    row = coaching.trajectory(db, adviser, tid)
    assert view.rights(adviser, row).fixed and not view.rights(adviser, row).edit_goals

    by = {who: view.rights(v, row) for who, v in (("teacher", teacher), ("adviser", adviser),
                                                  ("director", director))}
    assert view.visit_mode(by["teacher"], visit, goals, {}, {}) == "self"
    assert view.visit_mode(by["adviser"], visit, goals, {}, {}) == "talk"
    assert view.visit_mode(by["director"], visit, goals, {}, {}) is None
    assert view.visit_mode(by["teacher"], visit, goals.iloc[0:0], {}, {}) == "no_goals"
    assert not view.talked(visit) and view.talk_lines(visit, NL) == []

    goal_ids = [int(g) for g in goals["goal_id"]]
    coaching.self_assess(db, teacher, tid, int(visit["visit_id"]), {goal_ids[0]: 2,
                                                                    goal_ids[1]: 4})
    own, theirs = view.split_scores(coaching.ratings(db, adviser, tid), int(visit["visit_id"]))
    assert own == {goal_ids[0]: 2, goal_ids[1]: 4} and theirs == {}
    assert view.self_missing(goals, own) == 0
    first = goals.iloc[0].to_dict()
    # The teacher's form starts from their own score; the adviser's shows it and starts empty.
    assert view.score_prompt("self", first, own, NL) == ("1\\. Doel \\*\\*1\\*\\*", 1)
    label, index = view.score_prompt("rate", first, own, NL)
    assert index is None and "2" in label and "\\*\\*1\\*\\*" in label
    shown = view.scores_table(goals, own, theirs, NL).frame
    assert list(shown.columns) == ["Doel", "Zelfbeoordeling", "Begeleider"]
    assert list(shown["Zelfbeoordeling"]) == [2, 4]


def test_the_tables_and_labels_read_as_words_and_dates(fresh):
    db, tid, _, _, adviser = fresh
    coaching.plan_visit(db, adviser, tid, "diagnostic", dt.date(2026, 11, 10), True)
    coaching.add_goal(db, adviser, tid, "Klasmanagement", "pedagogical", "wish")
    goals = coaching.goals(db, adviser, tid)
    table = view.goals_table(goals, NL).frame
    assert list(table.iloc[0])[1:] == ["Klasmanagement", "pedagogisch", "wens tot verandering"]
    visits = view.visits_table(coaching.visits(db, adviser, tid), NL).frame
    assert visits.iloc[0, 0] == NL("team.coaching.visit_name.diagnostic")
    assert visits.iloc[0, 1] == dt.date(2026, 11, 10)
    assert view.goal_choices(goals, NL) == {int(goals["goal_id"].iloc[0]): "Doel 1"}
    labels = view.trajectory_labels(coaching.trajectories(db, adviser), NL)
    assert "01/11/2026" in labels[tid] and "31/03/2027" in labels[tid]
    row = coaching.trajectory(db, adviser, tid)
    assert "**Begeleider:**" in view.parties_line(row, NL)
    assert "Zorgen" in view.summary(row, view.rights(adviser, row), NL)


def test_the_names_in_the_parties_line_stay_text():
    row = {"teacher": "**Vet**", "adviser": "[link](http://x)", "manager": "M",
           "status": "intake"}
    line = view.parties_line(row, NL)
    assert "\\*\\*Vet\\*\\*" in line and "\\[link\\]" in line


def test_the_report_downloads_are_the_parties_own_and_logged_when_made(fresh):
    db, tid, _, teacher, _ = fresh
    row = coaching.trajectory(db, teacher, tid)
    may = view.rights(teacher, row)
    files = view.report_downloads(db, teacher, may, tid, NL, "Testschool")
    assert [f.name for f in files] == ["print", "csv"]
    assert files[0].file_name.endswith(f"-{tid}.html") and files[1].mime == "text/csv"
    before = _exports(db)
    assert b"Testschool" in files[0].data()
    assert _exports(db) == before + 1
    nobody = view.Rights(**{**may.__dict__, "export": False})
    assert view.report_downloads(db, teacher, nobody, tid, NL, "Testschool") == []


def _exports(db: Database) -> int:
    with db._con.cursor() as con:
        return con.execute("select count(*) from audit_log where action = 'export'"
                           " and entity = 'wb_report'").fetchone()[0]


# -- teacher leaders ---------------------------------------------------------------------------

def _load() -> pd.DataFrame:
    return pd.DataFrame({
        "name": ["Peeters, Karen", "Maes, Joke", "Wouters, Ann"],
        "roles": ["Leerlingbegeleider", "Mentor", "Coördinator"],
        "assignment_hours": [20.0, 22.0, 0.0], "teaching_hours": [9.0, 20.0, 0.0],
        "released_hours": [11.0, 2.0, 0.0], "estimated_hours": [20.0, 2.0, 4.0],
        "ratio": [29 / 20, 1.0, None], "warning": [True, False, True],
        "unreleased": [9.0, 0.0, 4.0]})


def test_the_heaviest_load_is_warned_first_and_an_endless_one_before_all():
    lines = leaders.warnings(_load(), 1.2, NL)
    assert len(lines) == 2
    assert "Wouters" in lines[0] and "∞" in lines[0]
    assert "Peeters" in lines[1] and "1,45" in lines[1] and "1,20" in lines[1]


def test_the_load_and_time_tables_keep_numbers_and_mark_in_words():
    table = leaders.load_table(_load(), NL)
    frame = table.frame.set_index("Personeelslid")
    assert frame.loc["Peeters, Karen", "Belasting"] == "te hoog"
    assert frame.loc["Wouters, Ann", "Verhouding"] != frame.loc["Wouters, Ann", "Verhouding"]
    assert frame["Lesuren"].dtype.kind == "f"
    compared = pd.DataFrame({"name": ["Peeters, Karen"], "role": ["Mentor"],
                             "estimated_hours": [2.0], "released_hours": [1.0],
                             "hours": [3.5], "difference": [1.5], "holds_role": [False]})
    shown = leaders.time_table(compared, NL).frame
    assert shown.iloc[0]["Geregistreerde uren"] == 3.5
    assert shown.iloc[0]["In het register"] == NL("team.leaders.not_holder")


def test_the_register_names_each_role_in_the_readers_language(demo_db):
    roles = leaders.roles(demo_db)
    nl = leaders.roles_table(roles, NL).frame
    en = leaders.roles_table(roles, Translator("en")).frame
    assert list(nl["Rol"]) == list(roles["name_nl"])
    assert list(en.iloc[:, 0]) == list(roles["name_en"])
    assert nl["Taakdragers"].tolist() == roles["holders"].tolist()
