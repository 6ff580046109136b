"""The demo school: deterministic, realistic in shape, refused where it would overwrite data."""

from __future__ import annotations

import datetime as dt

import pytest

from app.admin import stats, users
from app.db import Database
from app.demo import build_demo
from app.errors import UserError

TODAY = dt.date(2026, 11, 23)


def _fingerprint(db: Database) -> tuple:
    with db._con.cursor() as cur:
        return tuple(
            cur.execute(q).fetchone()
            for q in (
                "select count(*), sum(hash(learner_id, subject_id, period_id, score)) from result",
                "select count(*), sum(hash(learner_id, session_id, reason_code)) "
                "from flex_assignment",
                "select count(*), sum(hash(external_id, first_name, last_name)) from learner",
            )
        )


def test_same_seed_and_date_give_the_same_school(tmp_path):
    prints = []
    for name in ("a", "b"):
        with Database(tmp_path / f"{name}.duckdb") as db:
            build_demo(db, learners=80, seed=3, today=TODAY)
            prints.append(_fingerprint(db))
    assert prints[0] == prints[1]


def test_another_seed_gives_another_school(tmp_path):
    with Database(tmp_path / "a.duckdb") as a, Database(tmp_path / "b.duckdb") as b:
        build_demo(a, learners=80, seed=3, today=TODAY)
        build_demo(b, learners=80, seed=4, today=TODAY)
        assert _fingerprint(a) != _fingerprint(b)


def test_demo_school_has_the_shape_of_a_flemish_school(demo_db):
    counts = stats.counts(demo_db)
    assert counts["learners_current"] == 200
    assert counts["learners_left"] == 50  # last year's fourth year left in June
    assert counts["school_years"] == 2
    assert counts["staff"] == 20  # one per ten learners
    assert counts["classes_current"] >= 8  # years 1 to 4, about 24 a class
    with demo_db._con.cursor() as cur:
        codes = {r[0] for r in cur.execute(
            "select code from class where school_year_id = '2026-2027'").fetchall()}
        assert {"1A", "2A", "3A", "4A"} <= codes
        # Three trimesters of results last year; spread believable.
        spread = cur.execute(
            "select count(distinct period_id), avg(score / max_score), stddev(score / max_score)"
            " from result where score is not null"
        ).fetchone()
        assert spread[0] >= 3 and 0.55 < spread[1] < 0.75 and 0.08 < spread[2] < 0.25
        kinds = {r[0] for r in cur.execute("select distinct kind from flex_session").fetchall()}
        assert kinds == {"remediation", "deepening", "broadening"}
        sources = {r[0] for r in cur.execute("select distinct source from need").fetchall()}
        assert {"class_council", "self_reflection", "subject_teacher"} <= sources
        over = cur.execute(
            "select count(*) from (select a.session_id, count(*) n, any_value(s.capacity) c"
            " from flex_assignment a join flex_session s using (session_id)"
            " group by all having n > c)"
        ).fetchone()[0]
        assert over == 0
        tags = {r[0] for r in cur.execute("select distinct tag from survey").fetchall()}
        assert {"wellbeing", "self_reflection"} <= tags


def test_attended_remediation_lifts_next_results(demo_db):
    """The story the progress pages must find: flex remediation helps a little."""
    with demo_db._con.cursor() as cur:
        lifted = cur.execute(
            """
            with attended as (
                select a.learner_id, s.subject_id, count(*) as weeks
                from flex_attendance a join flex_session s using (session_id)
                where s.kind = 'remediation' and a.status = 'present'
                group by all having count(*) >= 3
            )
            select count(*) from attended
            """
        ).fetchone()[0]
    assert lifted > 0


def test_demo_is_refused_on_a_database_with_learners(demo_db):
    with pytest.raises(UserError) as refused:
        build_demo(demo_db, learners=50, today=TODAY)
    assert refused.value.key == "demo.error.not_empty"


@pytest.mark.parametrize("size", [10, 50_000])
def test_demo_size_is_bounded(db, size):
    with pytest.raises(UserError) as refused:
        build_demo(db, learners=size, today=TODAY)
    assert refused.value.key == "demo.error.size"


# -- leaving demo mode ----------------------------------------------------------------------------

REAL_DATA = ("In deze demoschool zijn leerlingen- of personeelslijsten geïmporteerd, maar de "
             "demo-accounts met hun gepubliceerde wachtwoord werken nog")


def _import_real_learners(path) -> None:
    from app.auth import COMMAND_LINE
    from app.importing import pipeline

    with Database(path) as db:
        data = b"Stamboeknummer;Naam;Voornaam;Klas\r\n9991001;Echte;Leerling;1A\r\n"
        prepared = pipeline.prepare(db, COMMAND_LINE, "learners", "lijst.csv", data)
        pipeline.commit(db, COMMAND_LINE, prepared)


def test_home_and_databank_say_when_real_learners_sit_behind_the_demo_accounts(demo_path):
    from tests.conftest import app_test

    assert not any(REAL_DATA in w.value for w in app_test("pages/home.py").warning)
    _import_real_learners(demo_path)
    for page in ("pages/home.py", "pages/admin_database.py"):
        at = app_test(page)
        assert not at.exception
        assert any(w.value.startswith(REAL_DATA) for w in at.warning), page


def test_the_administrator_leaves_demo_mode_on_the_databank_page(demo_path):
    from app import auth, settings
    from app.auth import COMMAND_LINE
    from tests.conftest import app_test

    at = app_test("pages/admin_database.py")
    assert any("worden alle demo-accounts (wachtwoord 'demo') voorgoed uitgeschakeld" in c.value
               for c in at.caption)
    assert at.button(key="admin_database.demo_leave").disabled  # until confirmed
    at.checkbox(key="admin_database.demo_leave_sure").check().run()
    at.button(key="admin_database.demo_leave").click().run()
    # Without an administrator of the school's own, nobody could sign in afterwards: refused.
    assert [e.value for e in at.error] == [
        "Maak eerst een eigen beheerdersaccount (Beheer › Gebruikers): zonder demo-accounts kan "
        "anders niemand zich nog als beheerder aanmelden."]
    with Database(demo_path) as db:
        assert settings.get(db, "school.demo") is True
        users.add_user(db, COMMAND_LINE, email="ik@school.be", name="Ik",
                      roles=["admin"], password="a long password")
    at.button(key="admin_database.demo_leave").click().run()
    assert not at.exception
    assert at.title[0].value == "Aanmelden"  # the demo administrator is out at once, and told
    assert [s.value for s in at.success] == [
        "De school is geen demo meer. Demo-accounts uitgeschakeld: 7. Meld je aan met je eigen "
        "account."]
    assert not [b for b in at.button if (b.key or "").startswith("login.demo.")]
    with Database(demo_path) as db:
        assert settings.get(db, "school.demo") is False
        assert db.records("auth/demo_accounts") == []
        assert auth.sign_in(db, "ik@school.be", "a long password").roles == {"admin"}


# -- the awkward cases a real school has (app/demo.py's docstring names them) -------------------

def _rows(db: Database, sql: str, **params) -> list[tuple]:
    with db._con.cursor() as cur:
        return cur.execute(sql, params).fetchall()


def test_the_demo_has_namesakes_in_two_classes_of_one_grade(demo_db):
    from app.demo import NAMESAKE, NAMESAKE_CLASSES

    found = _rows(demo_db, """
        select l.learner_id, l.external_id, c.code, c.grade from learner l
        join enrolment e using (learner_id) join class c using (class_id)
        where e.school_year_id = '2026-2027' and l.first_name = $first and l.last_name = $last
        order by c.code""", first=NAMESAKE[0], last=NAMESAKE[1])
    assert [code for _, _, code, _ in found] == list(NAMESAKE_CLASSES)
    assert len({grade for *_, grade in found}) == 1
    assert len({learner_id for learner_id, *_ in found}) == len({n for _, n, *_ in found}) == 2


def test_the_demo_has_a_learner_who_changed_class_this_year(demo_db):
    from app.demo import CLASS_CHANGE, CLASS_CHANGER

    before, after = CLASS_CHANGE
    now = _rows(demo_db, """
        select l.learner_id, c.code from learner l
        join enrolment e using (learner_id) join class c using (class_id)
        where e.school_year_id = '2026-2027' and l.first_name = $first and l.last_name = $last
        """, first=CLASS_CHANGER[0], last=CLASS_CHANGER[1])
    assert [code for _, code in now] == [after]
    # One class a school year: the earlier class shows in the decision its council took.
    decided = _rows(demo_db, """
        select decided_by, valid_from from need
        where learner_id = $learner and valid_from >= date '2026-09-01'
        order by valid_from, need_id""", learner=now[0][0])
    assert decided[0][0] == f"Klassenraad {before}"


def test_the_demo_has_an_empty_class(demo_db):
    from app.demo import EMPTY_CLASS

    assert _rows(demo_db, """
        select count(e.learner_id) from class c left join enrolment e using (class_id)
        where c.school_year_id = '2026-2027' and c.code = $code""", code=EMPTY_CLASS) == [(0,)]


def _leaderless(db: Database) -> tuple:
    from app.demo import LEADERLESS_SESSION

    found = _rows(db, """
        select s.session_id, s.cycle_id, s.leader_staff_id, s.leader_name, count(a.learner_id)
        from flex_session s
        join flex_plan p on p.cycle_id = s.cycle_id and p.status = 'published'
        join flex_assignment a on a.plan_id = p.plan_id and a.session_id = s.session_id
        join flex_slot sl on sl.slot_id = s.slot_id
        where s.code = $code and sl.weekday = 2
            and s.cycle_id = (select cycle_id from flex_cycle_week join week using (week_id)
                              where week_id = '2026-W48')
        group by all""", code=LEADERLESS_SESSION)
    assert len(found) == 1
    return found[0]


def test_the_demo_has_a_published_session_without_a_leader(demo_db):
    _, _, staff_id, name, learners = _leaderless(demo_db)
    assert staff_id is None and name is None
    assert learners > 0


def test_the_screens_say_plainly_what_the_awkward_cases_lack(demo_path):
    from tests.conftest import app_test

    with Database(demo_path) as db:
        session_id, cycle_id, *_ = _leaderless(db)
    at = app_test("pages/flex_lists.py", role="flex_team")
    at.selectbox(key=f"flex_lists.session.{cycle_id}@nl").set_value(session_id).run()
    assert not at.exception
    assert any("Nog geen begeleider" in m.value for m in at.markdown)
    at.segmented_control(key="flex_lists.view@nl").set_value("messages").run()
    learner = at.selectbox(key=f"flex_lists.learner.{cycle_id}@nl")
    with Database(demo_path) as db:
        placed = _rows(db, """
            select a.learner_id from flex_assignment a join flex_plan p using (plan_id)
            where p.status = 'published' and a.session_id = $session
            order by 1 limit 1""", session=session_id)[0][0]
    learner.set_value(placed).run()
    assert not at.exception
    assert any("wie de sessie begeleidt, hoor je nog" in x.value for x in at.text)


def test_the_class_council_page_says_the_empty_class_has_no_learners(demo_path):
    from app.demo import EMPTY_CLASS
    from tests.conftest import app_test

    with Database(demo_path) as db:
        class_id = _rows(db, "select class_id from class where school_year_id = '2026-2027'"
                             " and code = $code", code=EMPTY_CLASS)[0][0]
    at = app_test("pages/council_class.py")
    at.selectbox(key="council_class.class@nl").set_value(class_id).run()
    assert not at.exception
    assert [i.value for i in at.info] == [f"In klas {EMPTY_CLASS} zitten (nog) geen leerlingen."]
