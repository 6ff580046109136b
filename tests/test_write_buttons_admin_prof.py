"""Write buttons of Beheer, Professionalisering and Enquêtes, clicked by key on a copy of the
demo school, with what each wrote read back from the database file (the row, the value, the
audit entry). Registered in tests/test_write_buttons.py (WRITE_BUTTON_TESTS)."""

from __future__ import annotations

from app.db import Database
from tests.conftest import TODAY, demo_user_id, shown
from tests.test_write_buttons import click, edit, one, opened, rows

AUDIT_OK = "select count(*) from audit_log where entity = ? and outcome = 'ok'"


# -- Professionalisering › Plan -------------------------------------------------------------------

def test_plan_save_priorities_writes_an_edited_title(demo_path):
    at = opened("pages/prof_plan.py")
    first = rows(demo_path, "select priority_id, title from prof_priority order by seq,"
                            " priority_id limit 1")[0]
    edit(at, "prof_plan.priorities.0", edited={0: {"title": "Evalueren om te leren"}})
    at.run()
    click(at, "prof_plan.save_priorities")
    assert one(demo_path, "select title from prof_priority where priority_id = ?",
               first[0]) == "Evalueren om te leren"
    assert one(demo_path, AUDIT_OK, "prof_priority") == 1


def test_plan_save_induction_writes_the_starter_and_mentor(demo_path):
    at = opened("pages/prof_plan.py")
    options = at.selectbox(key="prof_plan.starter@nl").options
    assert len(options) >= 2
    staff = [r[0] for r in rows(demo_path, "select staff_id from staff order by staff_id")]
    starter_box = at.selectbox(key="prof_plan.starter@nl")
    starter = starter_box.value
    mentor = next(s for s in staff if s != starter)
    at.selectbox(key="prof_plan.mentor@nl").set_value(mentor)
    at.text_area(key="prof_plan.agreement").input("Elke maandag een half uur")
    click(at, "prof_plan.save_induction")
    assert rows(demo_path, "select mentor_staff_id, agreement, agreed_on from prof_induction"
                           " where starter_staff_id = ?", starter) == [
        (mentor, "Elke maandag een half uur", TODAY)]
    assert one(demo_path, AUDIT_OK, "prof_induction") == 1


def test_plan_add_activity_writes_an_activity_of_the_induction(demo_path):
    at = opened("pages/prof_plan.py")
    induction_id = at.selectbox(key="prof_plan.induction@nl").value
    at.selectbox(key="prof_plan.strand@nl").set_value("classroom")
    at.text_input(key="prof_plan.activity_title").input("Lesbezoek bij de mentor")
    click(at, "prof_plan.add_activity")
    assert rows(demo_path, "select strand, planned_on, done_on from prof_induction_activity"
                           " where induction_id = ? and title = 'Lesbezoek bij de mentor'",
                induction_id) == [("classroom", TODAY, None)]
    assert one(demo_path, AUDIT_OK, "prof_induction_activity") == 1


EVALUATIONS = ("select level, done_on, score, note, recorded_by from prof_evaluation"
               " where initiative_id = ? and done_on is not null order by level, done_on")


def test_plan_save_eval_writes_an_evaluation(demo_path):
    at = opened("pages/prof_plan.py")
    initiative = at.selectbox(key="prof_plan.eval_initiative@nl").value
    at.selectbox(key="prof_plan.eval_level@nl").set_value(2)
    at.text_input(key="prof_plan.eval_score").input("3,5")
    at.text_input(key="prof_plan.eval_note").input("Bruikbaar in de klas")
    before = rows(demo_path, EVALUATIONS, initiative)
    click(at, "prof_plan.save_eval")
    after = rows(demo_path, EVALUATIONS, initiative)
    added = [r for r in after if r not in before]
    assert [(level, day, float(score), note, who) for level, day, score, note, who in added] \
        == [(2, TODAY, 3.5, "Bruikbaar in de klas", "Directie (demo)")]
    assert one(demo_path, AUDIT_OK, "prof_evaluation") == 1


def test_plan_level5_go_writes_the_results_before_and_after(demo_path):
    """Level 5 compares the results of the participants' classes in the period before the
    initiative with the one after it: the initiative's followed requests name classes 13 and
    14 and mathematics, and a second trimester of results is put in after it."""
    initiative = one(demo_path, "select initiative_id from prof_initiative"
                                " where title = 'Differentiëren in de wiskundeles'")
    with Database(demo_path) as db, db._con.cursor() as cur:
        cur.execute("update prof_request set starts_on = date '2026-12-21',"
                    " ends_on = date '2026-12-22' where initiative_id = ?", [initiative])
        cur.execute("insert into result select r.learner_id, 'WIS', 5, 15, 20, null"
                    " from result as r where r.subject_id = 'WIS' and r.period_id = 4")
    before = one(demo_path, "select round(avg(100.0 * r.score / r.max_score), 2) from result"
                            " as r where r.subject_id = 'WIS' and r.period_id = 4"
                            " and r.score is not null and r.learner_id in (select learner_id"
                            " from enrolment where class_id in (13, 14))")
    at = opened("pages/prof_plan.py")
    at.selectbox(key="prof_plan.level5@nl").set_value(initiative)
    click(at, "prof_plan.level5_go")
    found = rows(demo_path, "select done_on, before_value, after_value, learners from"
                            " prof_evaluation where initiative_id = ? and level = 5",
                 initiative)
    assert [(day, float(b), float(a)) for day, b, a, _ in found] == [
        (TODAY, float(before), 75.0)]
    assert found[0][3] >= 5
    assert one(demo_path, AUDIT_OK, "prof_evaluation") == 1


# -- Beheer › Gebruikers --------------------------------------------------------------------------

ACCOUNT = ("select u.display_name, u.is_active, u.staff_id, list(r.role order by r.role)"
           " from app_user as u left join user_role as r using (user_id) where u.email = ?"
           " group by all")


def test_users_add_save_creates_the_account_with_its_roles(demo_path):
    from app import auth

    at = opened("pages/admin_users.py", "admin")
    at.text_input(key="admin_users.add.email").input("  Nieuw.Lid@School.example ")
    at.text_input(key="admin_users.add.name").input("Nieuw Lid")
    at.multiselect(key="admin_users.add.roles@nl").select("teacher").select("flex_team")
    at.checkbox(key="admin_users.add.local").check()
    click(at, "admin_users.add.save")
    user_id = one(demo_path, "select user_id from app_user where email = ?",
                  "nieuw.lid@school.example")
    assert rows(demo_path, ACCOUNT, "nieuw.lid@school.example") == [
        ("Nieuw Lid", True, None, ["flex_team", "teacher"])]
    email, password = "nieuw.lid@school.example", at.code[0].value   # shown once, after rerun
    with Database(demo_path) as db:   # the password shown once is the one that signs in
        assert auth.sign_in(db, email, password).name == "Nieuw Lid"
    assert one(demo_path, "select count(*) from audit_log where action = 'user_add'"
                          " and outcome = 'ok' and record_ids = [?]", str(user_id)) == 1


def _picked_teacher(at, path):
    user_id = one(path, "select user_id from app_user where email like 'leerkracht%'"
                        " order by user_id limit 1") or one(
        path, "select u.user_id from app_user as u join user_role as r using (user_id)"
              " where r.role = 'teacher' order by 1 limit 1")
    at.selectbox(key="admin_users.pick").set_value(user_id).run()
    assert not at.exception, [e.value for e in at.exception]
    return user_id


def test_users_edit_save_writes_name_roles_and_active(demo_path):
    at = opened("pages/admin_users.py", "admin")
    user_id = _picked_teacher(at, demo_path)
    email = one(demo_path, "select email from app_user where user_id = ?", user_id)
    at.text_input(key=f"admin_users.edit.{user_id}.name").input("Leerkracht Hernoemd")
    at.multiselect(key=f"admin_users.edit.{user_id}.roles@nl").select("adviser")
    at.checkbox(key=f"admin_users.edit.{user_id}.active").uncheck()
    click(at, f"admin_users.edit.{user_id}.save")
    name, active, _, roles = rows(demo_path, ACCOUNT, email)[0]
    assert (name, active) == ("Leerkracht Hernoemd", False) and "adviser" in roles
    assert one(demo_path, "select count(*) from audit_log where action = 'user_edit'"
                          " and outcome = 'ok' and record_ids = [?]", str(user_id)) == 1


def test_users_reset_sets_a_new_password_that_signs_in(demo_path):
    from app import auth

    at = opened("pages/admin_users.py", "admin")
    user_id = _picked_teacher(at, demo_path)
    before = one(demo_path, "select password_hash from app_user where user_id = ?", user_id)
    click(at, f"admin_users.reset.{user_id}")
    email = one(demo_path, "select email from app_user where user_id = ?", user_id)
    password = at.code[0].value
    assert one(demo_path, "select password_hash from app_user where user_id = ?",
               user_id) != before
    with Database(demo_path) as db:
        assert auth.sign_in(db, email, password).user_id == user_id
    assert one(demo_path, "select count(*) from audit_log where action = 'user_password'"
                          " and outcome = 'ok'") == 1


# -- Beheer › Privacy -----------------------------------------------------------------------------

def test_privacy_erase_leavers_erases_the_learners_who_left_before_the_day(demo_path):
    """Two learners left before the day the page proposes (1 September a year back): the
    button erases exactly those two."""
    gone = [r[0] for r in rows(demo_path, "select learner_id from learner where left_on"
                                          " is not null order by learner_id limit 2")]
    with Database(demo_path) as db, db._con.cursor() as cur:
        cur.execute("update learner set left_on = date '2025-06-30' where list_contains(?,"
                    " learner_id)", [gone])
    count = one(demo_path, "select count(*) from learner")
    at = opened("pages/admin_privacy.py", "admin")
    at.checkbox(key="admin_privacy.leavers_sure").check().run()
    click(at, "admin_privacy.erase_leavers")
    assert one(demo_path, "select count(*) from learner where list_contains(?, learner_id)",
               gone) == 0
    assert one(demo_path, "select count(*) from learner") == count - 2
    assert one(demo_path, "select count(*) from enrolment where list_contains(?, learner_id)",
               gone) == 0
    assert one(demo_path, "select count(*) from audit_log where action = 'erase'"
                          " and outcome = 'ok'") >= 1


def test_privacy_backup_makes_a_copy_of_the_database(demo_path):
    import duckdb

    at = opened("pages/admin_privacy.py", "admin")
    click(at, "admin_privacy.backup")
    made = sorted((demo_path.parent / "backups").glob("*.duckdb"))
    assert len(made) == 1 and made[0].name in shown(at.success[0].value)
    with duckdb.connect(str(made[0]), read_only=True) as copy:
        assert copy.execute("select count(*) from learner").fetchone()[0] == \
            one(demo_path, "select count(*) from learner")
    assert rows(demo_path, "select outcome from audit_log where action = 'backup'") == [("ok",)]


def test_two_backups_in_one_second_both_get_a_name(demo_path, monkeypatch):
    # The command line and the page, or two administrators, within one second: the second is
    # made under a name of its own, never refused because the first took its name.
    import datetime as dt

    from app import clock

    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 11, 23, 14, 0, 0))
    at = opened("pages/admin_privacy.py", "admin")
    click(at, "admin_privacy.backup")
    click(at, "admin_privacy.backup")
    assert not at.error, [e.value for e in at.error]
    made = sorted(p.name for p in (demo_path.parent / "backups").glob("*.duckdb"))
    assert made == [f"{demo_path.stem}-20261123-140000-2.duckdb",
                    f"{demo_path.stem}-20261123-140000.duckdb"]


# -- Professionalisering › Aanvragen --------------------------------------------------------------

REQUEST = "select title, goal, version from prof_request where request_id = ?"


def _request_id(path, title: str) -> int:
    return one(path, "select request_id from prof_request where title = ?", title)


def test_requests_edit_save_writes_the_edited_draft(demo_path):
    """The demo teacher's draft, opened for editing from Mijn aanvragen."""
    request_id = _request_id(demo_path, "Vorming evalueren met rubrics")
    version = one(demo_path, "select version from prof_request where request_id = ?",
                  request_id)
    at = opened("pages/prof_requests.py", "teacher")
    at.toggle(key=f"prof_requests.edit.{request_id}").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    prefix = f"prof_requests.edit_{request_id}"
    at.text_input(key=f"{prefix}.title").input("Evalueren met rubrics en feedback")
    click(at, f"prof_requests.edit_{request_id}.save")
    title, _, after = rows(demo_path, REQUEST, request_id)[0]
    assert (title, after) == ("Evalueren met rubrics en feedback", version + 1)
    assert one(demo_path, "select state from prof_request where request_id = ?",
               request_id) == "draft"


def _teacher_staff_id(demo_path) -> int:
    """The staff member the demo's teacher account is (the demo picks one who leads a session
    of the running cycle, so the number follows the calendar)."""
    return one(demo_path, "select staff_id from app_user where user_id = ?",
               demo_user_id("teacher", str(demo_path)))


def test_requests_shared_marks_the_promised_sharing_as_done(demo_path):
    """An evaluated request of the teacher with a sharing plan not yet kept."""
    request_id = one(demo_path, "select request_id from prof_request where staff_id = ?"
                                " and state = 'evaluated'", _teacher_staff_id(demo_path))
    with Database(demo_path) as db, db._con.cursor() as cur:
        cur.execute("update prof_request set shared_on = null where request_id = ?",
                    [request_id])
    at = opened("pages/prof_requests.py", "teacher")
    click(at, f"prof_requests.shared.{request_id}")
    assert one(demo_path, "select shared_on from prof_request where request_id = ?",
               request_id) == TODAY


def test_requests_save_level_writes_a_self_assessment_and_the_expertise(demo_path):
    at = opened("pages/prof_requests.py", "teacher")
    competence = at.selectbox(key="prof_requests.level_competence@nl").value
    at.radio(key="prof_requests.level@nl").set_value(3)
    at.checkbox(key="prof_requests.can_share").check()
    click(at, "prof_requests.save_level")
    staff_id = _teacher_staff_id(demo_path)
    assert rows(demo_path, "select level, assessed_on from prof_staff_level where staff_id = ?"
                           " and competence_id = ? and source = 'self'",
                staff_id, competence) == [(3, TODAY)]
    assert rows(demo_path, "select declared_on from prof_expertise where staff_id = ?"
                           " and competence_id = ?", staff_id, competence) == [(TODAY,)]


def test_requests_all_move_takes_the_step_the_director_clicks(demo_path):
    """Under Alle aanvragen the director follows an approved request up: done."""
    request_id = _request_id(demo_path, "Kwaliteitszorg: cyclisch werken")
    at = opened("pages/prof_requests.py", "director")
    at.selectbox(key="prof_requests.follow_up@nl").set_value(request_id).run()
    at.text_input(key=f"prof_requests.all.note.{request_id}").input("Gevolgd in oktober")
    at.text_input(key=f"prof_requests.all.cost.{request_id}").input("120,50")
    click(at, f"prof_requests.all.move.{request_id}.done")
    assert one(demo_path, "select state from prof_request where request_id = ?",
               request_id) == "done"
    assert rows(demo_path, "select from_state, to_state, note, by_name from prof_request_step"
                           " where request_id = ? order by seq desc limit 1", request_id) == [
        ("approved", "done", "Gevolgd in oktober", "Directie (demo)")]


def test_a_stored_request_fills_the_edit_form_whatever_its_classes():
    """The classes column reads as a numpy array; `array or ()` raised on it, and the page
    failed as soon as a teacher opened a request to edit it."""
    import numpy as np
    import pandas as pd

    from app.prof import requests

    base = {"title": "Rubrics", "goal": "", "starts_on": pd.Timestamp("2026-12-01"),
            "ends_on": pd.NaT, "partner": None, "form": "external_training",
            "initiative_id": None, "competence_id": None, "subject_id": None, "fee": 0,
            "travel": 0, "substitute": 0, "hours": 0, "sharing_plan": None}
    for stored, read in ((np.array([], dtype=np.int32), ()), (np.array([13, 14]), (13, 14)),
                         (None, ())):
        assert requests.form_of(pd.Series({**base, "class_ids": stored})).class_ids == read


# -- Enquêtes -------------------------------------------------------------------------------------

def _uploaded(at, name: str, data: bytes) -> int:
    at.file_uploader(key="surveys.upload").set_value((name, data, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at.selectbox(key="surveys.survey@nl").value


def test_surveys_edit_save_writes_title_tag_and_audience(demo_path):
    from tests.test_import import SAMPLES

    at = opened("pages/surveys.py", "flex_team")
    survey_id = _uploaded(at, "Welbevinden (Antwoorden).csv",
                          (SAMPLES / "welbevinden_google_forms.csv").read_bytes())
    at.text_input(key=f"surveys.edit.{survey_id}.title").input("Welbevinden oktober")
    at.selectbox(key=f"surveys.edit.{survey_id}.tag@nl").set_value("wellbeing")
    at.selectbox(key=f"surveys.edit.{survey_id}.audience@nl").set_value("learners")
    click(at, f"surveys.edit.{survey_id}.save")
    assert rows(demo_path, "select title, tag, audience from survey where survey_id = ?",
                survey_id) == [("Welbevinden oktober", "wellbeing", "learners")]


def test_surveys_labels_save_puts_an_unknown_answer_on_the_scale(demo_path):
    """A scale question with one answer the scale does not know: the owner places it."""
    lines = ["Tijdstempel;Ik voel me goed op school."]
    answers = ["Akkoord", "Helemaal akkoord", "Niet akkoord", "Neutraal", "Soms wel, soms niet"]
    lines += [f"{day}/11/2026 10:00:00;{a}" for day, a in enumerate(answers * 2, start=10)]
    at = opened("pages/surveys.py", "teacher")
    survey_id = _uploaded(at, "Gevoel.csv", ("\r\n".join(lines) + "\r\n").encode())
    editors = [d.key for d in at.dataframe if (d.key or "").startswith("surveys.labels.")]
    assert editors == [f"surveys.labels.{survey_id}.1"], editors
    labels = list(next(d for d in at.dataframe if d.key == editors[0]).value["label"])
    row = labels.index("Soms wel, soms niet")
    edit(at, f"surveys.labels.{survey_id}.1", edited={row: {"value": 3.0}})
    at.run()
    click(at, f"surveys.labels.save.{survey_id}.1")
    assert [float(v) for (v,) in rows(
        demo_path, "select answer_value from survey_answer where survey_id = ?"
                   " and answer_text = 'Soms wel, soms niet'", survey_id)] == [3.0, 3.0]


# -- Beheer › Importeren --------------------------------------------------------------------------

def test_import_undo_reverses_the_latest_import(demo_path):
    """Two results imported on the page, then undone: the results are as they were, and the
    import is marked undone."""
    with Database(demo_path) as db:
        learners = list(db.read("import/learner_keys")["external_id"][:2])
    held = ("select l.external_id, r.score, r.max_score from result as r join learner as l"
            " using (learner_id) where r.subject_id = 'WIS' and list_contains(?, l.external_id)"
            " order by 1, r.period_id")
    before = rows(demo_path, held, learners)
    at = opened("pages/admin_import.py", "admin")
    at.selectbox(key="admin_import.kind@nl").set_value("results").run()
    data = (f"LLN-ID;Vak;Periode;Punt\n{learners[0]};WIS;1;12,5/20\n"
            f"{learners[1]};WIS;1;7/20\n").encode()
    at.file_uploader(key="admin_import.file.results").set_value(("p.csv", data, "text/csv"))
    at.run()
    at.selectbox(key="admin_import.map.results.learner").set_value("LLN-ID")
    click(at, "admin_import.apply.results")
    click(at, "admin_import.confirm")
    imported = rows(demo_path, held, learners)
    assert imported != before
    import_id = one(demo_path, "select max(import_id) from import_log")
    at.checkbox(key=f"admin_import.undo_sure.{import_id}").check().run()
    click(at, "admin_import.undo")
    assert rows(demo_path, held, learners) == before
    assert one(demo_path, "select status from import_log where import_id = ?",
               import_id) == "undone"
    assert one(demo_path, "select count(*) from audit_log where action = 'import_undo'"
                          " and outcome = 'ok' and record_ids = [?]", str(import_id)) == 1
