"""The write buttons of Werkbegeleiding and Kijkwijzer, clicked as their users would.

Each test runs the whole app in AppTest on a copy of the demo school, signed in as a party of
the trajectory (or the flex team), fills in what the button needs, clicks it by its key, then
reads back from the database file what it wrote: the row, the value and the audit entry. They
are listed in WRITE_BUTTON_TESTS of tests/test_write_buttons.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app import auth
from app.db import Database
from app.team import coaching
from tests.conftest import TODAY, demo_user_id
from tests.test_write_buttons import click, everything, one, opened, rows

PAGE = "pages/team_coaching.py"
PICK = "team_coaching.trajectory@nl"
WB_AUDIT = ("select user_id, action, detail from audit_log where entity = 'wb_trajectory'"
            " and outcome = 'ok' and list_contains(record_ids, ?) order by audit_id")


def _viewer(path: Path, role: str):
    with Database(path) as db:
        return auth.load_viewer(db, demo_user_id(role, str(path)))


def _audited(path: Path, trajectory_id: int) -> list[tuple]:
    return rows(path, WB_AUDIT, str(trajectory_id))


def _new_trajectory(path: Path, status: str = "intake") -> int:
    """A trajectory commissioned by the demo director for the demo teacher with the demo
    adviser, through the app, moved on to `status` (the path the procedure allows)."""
    director, teacher, adviser = (_viewer(path, r) for r in ("director", "teacher", "adviser"))
    with Database(path) as db:
        trajectory_id = coaching.create(
            db, director, teacher=teacher.user_id, adviser=adviser.user_id,
            manager=director.user_id, starts_on=TODAY, ends_on=TODAY + dt.timedelta(days=120),
            reason="Startende leerkracht")
        if status == "diagnosis":
            coaching.change_status(db, director, trajectory_id, "diagnosis",
                                   dt.datetime(2026, 11, 23, 9))
    return trajectory_id


def _on(at, trajectory_id: int):
    """The page with the trajectory picked."""
    at.selectbox(key=PICK).set_value(trajectory_id).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _keyed(widgets, prefix: str):
    """The one widget of a kind whose key starts with `prefix` (a form's keys end in the save
    count of the page)."""
    found = [w for w in widgets if (w.key or "").startswith(prefix)]
    assert len(found) == 1, [w.key for w in found]
    return found[0]


# -- a new trajectory and its status --------------------------------------------------------------

def test_the_director_commissions_a_trajectory_and_moves_it_on(demo_path):
    director = _viewer(demo_path, "director")
    teacher, adviser = _viewer(demo_path, "teacher"), _viewer(demo_path, "adviser")
    before = one(demo_path, "select max(trajectory_id) from wb_trajectory")
    at = opened(PAGE, "director")
    _keyed(at.selectbox, "team_coaching.new_teacher.").set_value(teacher.user_id)
    _keyed(at.selectbox, "team_coaching.new_adviser.").set_value(adviser.user_id)
    _keyed(at.date_input, "team_coaching.new_end.").set_value(dt.date(2027, 2, 26))
    _keyed(at.text_area, "team_coaching.new_reason.").input("Vraag van de leerkracht zelf")
    click(at, "team_coaching.create")
    created = rows(demo_path, "select trajectory_id, teacher_user_id, adviser_user_id,"
                              " manager_user_id, starts_on, ends_on, status, reason"
                              " from wb_trajectory where trajectory_id > ?", before)
    assert len(created) == 1
    trajectory_id = created[0][0]
    assert created[0][1:] == (teacher.user_id, adviser.user_id, director.user_id, TODAY,
                              dt.date(2027, 2, 26), "intake", "Vraag van de leerkracht zelf")
    assert _audited(demo_path, trajectory_id) == [(director.user_id, "edit", "create")]
    # The page goes on with the new trajectory picked.
    assert at.selectbox(key=PICK).value == trajectory_id

    at.selectbox(key=f"team_coaching.next.{trajectory_id}@nl").set_value("diagnosis")
    click(at, f"team_coaching.move.{trajectory_id}")
    assert rows(demo_path, "select status, closed_at from wb_trajectory where trajectory_id = ?",
                trajectory_id) == [("diagnosis", None)]
    assert _audited(demo_path, trajectory_id)[-1] == (director.user_id, "edit",
                                                     "status=diagnosis")


# -- goals and the diagnostic visit ---------------------------------------------------------------

GOALS = ("select goal_id, seq, text, domain, origin from wb_goal where trajectory_id = ?"
         " order by seq")


def _fill_goal(at, trajectory_id: int, text: str, domain: str, origin: str) -> None:
    _keyed(at.text_input, f"team_coaching.goal_text.{trajectory_id}.").input(text)
    at.selectbox(key=f"team_coaching.domain.{trajectory_id}@nl").set_value(domain)
    _keyed(at.radio, f"team_coaching.origin.{trajectory_id}.").set_value(origin)


def test_goals_are_added_and_removed_a_visit_planned_held_and_the_goals_fixed(demo_path):
    trajectory_id = _new_trajectory(demo_path, "diagnosis")
    director, adviser = _viewer(demo_path, "director"), _viewer(demo_path, "adviser")
    at = _on(opened(PAGE, "director"), trajectory_id)
    _fill_goal(at, trajectory_id, "Lesdoel zichtbaar maken", "didactic", "wish")
    click(at, f"team_coaching.add_goal.{trajectory_id}")
    _fill_goal(at, trajectory_id, "Orde bij de leswissel", "pedagogical", "need")
    click(at, f"team_coaching.add_goal.{trajectory_id}")
    goals = rows(demo_path, GOALS, trajectory_id)
    assert [g[1:] for g in goals] == [(1, "Lesdoel zichtbaar maken", "didactic", "wish"),
                                      (2, "Orde bij de leswissel", "pedagogical", "need")]
    assert [a[2] for a in _audited(demo_path, trajectory_id)][-2:] == ["goal=1", "goal=2"]

    # Picking the goal enables the button (a rerun, as in the browser).
    _keyed(at.selectbox, f"team_coaching.remove.{trajectory_id}.").set_value(goals[1][0]).run()
    click(at, f"team_coaching.remove_btn.{trajectory_id}")
    assert rows(demo_path, GOALS, trajectory_id) == goals[:1]
    assert _audited(demo_path, trajectory_id)[-1] == (director.user_id, "edit", "goal_removed")

    visit_day = TODAY + dt.timedelta(days=7)
    _keyed(at.date_input, f"team_coaching.plan_day.{trajectory_id}.").set_value(visit_day)
    _keyed(at.checkbox, f"team_coaching.plan_announced.{trajectory_id}.").uncheck()
    click(at, f"team_coaching.plan_visit.{trajectory_id}")
    planned = rows(demo_path, "select visit_id, kind, seq, planned_on, announced, held"
                              " from wb_visit where trajectory_id = ?", trajectory_id)
    assert [p[1:] for p in planned] == [("diagnostic", 0, visit_day, False, False)]
    assert _audited(demo_path, trajectory_id)[-1] == (director.user_id, "edit", "visit=0")

    # Only the adviser marks the diagnostic visit held; then the goal list is fixed.
    visit_id = planned[0][0]
    at = _on(opened(PAGE, "adviser"), trajectory_id)
    click(at, f"team_coaching.held.{visit_id}")
    assert one(demo_path, "select held from wb_visit where visit_id = ?", visit_id) is True
    assert _audited(demo_path, trajectory_id)[-1] == (adviser.user_id, "edit",
                                                     f"visit_held={visit_id}")
    click(at, f"team_coaching.fix.{trajectory_id}")
    fixed_at, fixed_by = rows(demo_path, "select goals_fixed_at, goals_fixed_by from"
                                         " wb_trajectory where trajectory_id = ?",
                              trajectory_id)[0]
    assert fixed_at.date() == TODAY and fixed_by == adviser.name
    assert _audited(demo_path, trajectory_id)[-1] == (adviser.user_id, "edit", "goals_fixed")


# -- a coaching visit: the teacher's self-assessment, then the feedback talk ---------------------

RATINGS = ("select goal_id, score from wb_rating where visit_id = ? and by_whom = ?"
           " order by goal_id")


def test_the_teacher_assesses_themself_and_the_adviser_records_the_talk(demo_path):
    teacher, adviser = _viewer(demo_path, "teacher"), _viewer(demo_path, "adviser")
    trajectory_id, visit_id = rows(
        demo_path, "select t.trajectory_id, v.visit_id from wb_trajectory as t join wb_visit"
                   " as v using (trajectory_id) where t.teacher_user_id = ? and v.kind ="
                   " 'coaching' and v.talk_on is null order by v.seq limit 1",
        teacher.user_id)[0]
    goal_ids = [g[0] for g in rows(demo_path, GOALS, trajectory_id)]
    assert goal_ids and rows(demo_path, RATINGS, visit_id, "self") == []

    at = _on(opened(PAGE, "teacher"), trajectory_id)
    scores = {goal_id: 1 + n % 4 for n, goal_id in enumerate(goal_ids)}
    for goal_id, score in scores.items():
        _keyed(at.radio, f"team_coaching.self.{visit_id}.{goal_id}.").set_value(score)
    click(at, f"team_coaching.self_save.{visit_id}")
    assert rows(demo_path, RATINGS, visit_id, "self") == sorted(scores.items())
    assert _audited(demo_path, trajectory_id)[-1] == (teacher.user_id, "edit",
                                                     f"self={visit_id}")

    at = _on(opened(PAGE, "adviser"), trajectory_id)
    ratings = {goal_id: 4 - n % 4 for n, goal_id in enumerate(goal_ids)}
    for goal_id, score in ratings.items():
        _keyed(at.radio, f"team_coaching.rate.{visit_id}.{goal_id}.").set_value(score)
    talk_on = TODAY - dt.timedelta(days=1)
    _keyed(at.date_input, f"team_coaching.talk_on.{visit_id}.").set_value(talk_on)
    _keyed(at.text_area, f"team_coaching.reflection.{visit_id}.").input("De leswissel lukt.")
    _keyed(at.text_area, f"team_coaching.advice.{visit_id}.").input("Werk met een timer.")
    click(at, f"team_coaching.talk_save.{visit_id}")
    assert rows(demo_path, RATINGS, visit_id, "adviser") == sorted(ratings.items())
    assert rows(demo_path, RATINGS, visit_id, "self") == sorted(scores.items())
    assert rows(demo_path, "select held, talk_on, reflection, advice from wb_visit"
                           " where visit_id = ?", visit_id) == [
        (True, talk_on, "De leswissel lukt.", "Werk met een timer.")]
    assert _audited(demo_path, trajectory_id)[-1] == (adviser.user_id, "edit",
                                                     f"talk={visit_id}")


# -- the final report, then closing ----------------------------------------------------------------

def test_the_adviser_saves_the_final_report_and_closes_the_trajectory(demo_path):
    adviser = _viewer(demo_path, "adviser")
    trajectory_id = one(demo_path, "select trajectory_id from wb_trajectory"
                                   " where status = 'final_report'")
    goal_ids = [g[0] for g in rows(demo_path, GOALS, trajectory_id)]
    assert one(demo_path, "select count(*) from wb_report where trajectory_id = ?",
               trajectory_id) == 0
    at = _on(opened(PAGE, "adviser"), trajectory_id)
    drafted = {p: _keyed(at.text_area, f"team_coaching.part.{trajectory_id}.{p}.").value
               for p in coaching.REPORT_PARTS}
    assert all(drafted.values()), drafted
    _keyed(at.text_area, f"team_coaching.part.{trajectory_id}.further.").input(
        "Geen verdere begeleiding nodig.")
    _keyed(at.selectbox, f"team_coaching.degree.{goal_ids[0]}.").set_value("partly")
    click(at, f"team_coaching.report_save.{trajectory_id}")
    saved = rows(demo_path, "select results, course, attention, further, follow_up,"
                            " updated_at from wb_report where trajectory_id = ?", trajectory_id)
    assert saved[0][:5] == (drafted["results"], drafted["course"], drafted["attention"],
                            "Geen verdere begeleiding nodig.", drafted["follow_up"])
    assert saved[0][5].date() == TODAY
    assert one(demo_path, "select reached from wb_goal where goal_id = ?", goal_ids[0]) == \
        "partly"
    assert _audited(demo_path, trajectory_id)[-1] == (adviser.user_id, "edit", "report")

    at.selectbox(key=f"team_coaching.next.{trajectory_id}@nl").set_value("closed")
    click(at, f"team_coaching.move.{trajectory_id}")
    status, closed_at = rows(demo_path, "select status, closed_at from wb_trajectory"
                                        " where trajectory_id = ?", trajectory_id)[0]
    assert status == "closed" and closed_at.date() == TODAY
    assert _audited(demo_path, trajectory_id)[-1] == (adviser.user_id, "edit", "status=closed")


# -- Kijkwijzer: a new round ---------------------------------------------------------------------

def test_the_flex_team_starts_a_round_of_the_self_assessment(demo_path):
    flex_team = _viewer(demo_path, "flex_team")
    before = everything(demo_path)
    at = opened("pages/team_selfcheck.py", "flex_team")
    held_on = TODAY - dt.timedelta(days=2)
    _keyed(at.date_input, "team_selfcheck.held_on.").set_value(held_on)
    _keyed(at.text_input, "team_selfcheck.participants.").input("Flexteam en directie")
    click(at, "team_selfcheck.create")
    new = sorted(set(everything(demo_path)["kw_round"]) - set(before["kw_round"]))
    assert len(new) == 1
    round_id, day, participants, created_by = new[0][:4]
    assert (day, participants, created_by) == (held_on, "Flexteam en directie",
                                               flex_team.user_id)
    assert rows(demo_path, "select user_id, action from audit_log where entity = 'kw_round'"
                           " and outcome = 'ok' and record_ids = [?]", str(round_id)) == [
        (flex_team.user_id, "edit")]
    # Only the round was written, and the page goes on with it picked.
    after = everything(demo_path)
    assert {t for t in before if before[t] != after[t]} == {"kw_round"}
    assert at.selectbox(key="team_selfcheck.round@nl").value == round_id
