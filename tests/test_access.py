"""Who may see what: roles and pages, scopes in queries and caches, the audit log, erasure,
passwords and throttling."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from app import auth, sql, web
from app.admin import privacy, users
from app.audit import Audit
from app.auth import COMMAND_LINE
from app.db import Database
from app.errors import UserError
from app.navigation import PAGES
from app.scope import EVERYTHING, Scope, ScopeRequired
from tests.conftest import MAIN_SCRIPT, PROJECT_ROOT, app_test, demo_user_id

# The matrix as the school agreed it, written out: the test fails when the code drifts.
EXPECTED_PAGES = {
    "admin": {"home", "flex_board", "flex_offer", "flex_lists", "flex_attendance",
              "flex_progress", "council_class", "council_learner", "surveys", "admin_import",
              "admin_users", "admin_log", "admin_privacy", "admin_database"},
    "director": {"home", "flex_board", "flex_lists", "flex_progress", "council_class",
                 "council_learner", "prof_overview", "prof_requests", "prof_budget",
                 "prof_competences", "prof_plan", "surveys"},
    "flex_team": {"home", "flex_board", "flex_offer", "flex_lists", "flex_attendance",
                  "flex_progress", "council_class", "council_learner", "surveys",
                  "admin_import", "prof_requests"},
    "class_council": {"home", "council_class", "council_learner", "surveys", "prof_requests"},
    "teacher": {"home", "flex_board", "flex_lists", "flex_attendance", "surveys",
                "prof_requests"},
    "adviser": {"home", "surveys"},
}
# The team tools (issue 7): the self-assessment for those who run flex work, the register of
# teacher leaders for the director (and the administrator), the transparency page for every
# member of staff, work coaching for the three roles a trajectory's parties can have (each
# trajectory itself only for its own parties).
for _role, _keys in {
    "admin": {"team_selfcheck", "team_leaders", "team_roles"},
    "director": {"team_selfcheck", "team_leaders", "team_roles", "team_coaching"},
    "flex_team": {"team_selfcheck", "team_roles"},
    "class_council": {"team_roles"},
    "teacher": {"team_roles", "team_coaching"},
    "adviser": {"team_roles", "team_coaching"},
}.items():
    EXPECTED_PAGES[_role] |= _keys
# The director imports the professional-development data (initiatives, budget, competences):
# Beheer › Importeren opens for them, offering only the kinds they hold (app/permissions.py).
EXPECTED_PAGES["director"] |= {"admin_import"}
ALL_PAGE_KEYS = {spec.key for spec in PAGES}


def _navigation_pages(at: AppTest) -> set[str]:
    """The pages st.navigation registered for this session with their view file (AppTest's
    own registry). The other pages' addresses are registered too, hidden, as the refusal
    (a function, no file): see test_a_page_not_held_answers_its_address_with_the_refusal."""
    by_file = {str((PROJECT_ROOT / spec.path).resolve()): spec.key for spec in PAGES}
    registered = {str(info.get("script_path")) for info in at._registered_pages.values()
                  if info.get("script_path")}
    return {by_file[path] for path in registered}


@pytest.mark.parametrize("role", sorted(EXPECTED_PAGES))
def test_navigation_lists_exactly_the_pages_of_a_role(demo_path, role):
    at = app_test("pages/home.py", role=role)
    assert _navigation_pages(at) == EXPECTED_PAGES[role]


@pytest.mark.parametrize("role", sorted(EXPECTED_PAGES))
@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.key)
def test_page_opened_directly_refuses_other_roles(demo_path, role, spec):
    at = AppTest.from_file(str(PROJECT_ROOT / spec.path), default_timeout=30)
    at.session_state["auth.user_id"] = demo_user_id(role)
    at.run()
    refused = [e.value for e in at.error if "geen toegang" in e.value]
    if spec.key in EXPECTED_PAGES[role]:
        assert not refused and not at.exception
    else:
        assert refused and not at.title, f"{role} opened {spec.key}"


def test_nobody_signed_in_gets_only_the_sign_in_page(demo_path):
    at = app_test(role=None)
    assert at.title[0].value == "Aanmelden"
    for spec in PAGES:
        direct = AppTest.from_file(str(PROJECT_ROOT / spec.path), default_timeout=30)
        direct.run()
        assert any("geen toegang" in e.value for e in direct.error), spec.key


# -- scopes ------------------------------------------------------------------------------------

LEARNER_TABLES = ("learner", "enrolment", "result", "need", "flex_assignment", "flex_attendance",
                  "feedback_note", "survey_respondent", "survey_answer")
# Queries that read learner tables without a viewer's scope, and why that is right.
UNSCOPED = {
    "admin/stats": "row counts for the administrator, no learner data",
    "admin/orphans": "counts of broken references, no learner data",
    "import/learner_keys": "stamboeknummer to id inside an import; nothing reaches the page",
    "surveys/people_by_email": "links survey respondents inside an upload; never shown",
    "import/need_keys": "natural keys of needs inside an import, to update instead of add",
    "surveys/respondent_keys": "which responses a survey holds already, inside an upload",
    "surveys/next_respondent": "the next respondent number of a survey: a count",
    "surveys/respondent_count": "how many respondents a survey holds, told its uploader: a count",
    "common/count_learners": "is the database empty (demo on first run)",
    "privacy/learners_by_external_ids": "ids inside a copy that an erasure rewrites; never shown",
    "flex/session_fill": "places taken per session: counts, no learner identity",
    "flex/plan_fill": "places taken per session in a plan: counts, no learner identity",
    "flex/plans": "a cycle's plans with how many placements each holds: counts",
    "flex/sessions_in_use": "placements per session before removing it from the offer: counts",
    "privacy/learner_footprint": "row counts per table of learners already chosen by an admin",
    "privacy/learner_by_external_id": "the command line, run by whoever holds the file",
    "prof/level5_results": "Guskey level 5: mean result of a class group before and after an "
                           "initiative, only from 5 learners up; no learner identity",
    "prof/needs_surveys": "titles of surveys tagged 'professional needs' with a respondent count",
    "prof/survey_levels": "staff respondents only (staff_id set), for the director's page",
    "council/need_learner": "the learner id of one need, to check the viewer's scope on it",
    "council/periods": "the periods of a year that have results: names and dates only",
    "auth/learner_classes": "class ids of learners already matched, to check a permission on "
                            "them; nothing reaches the page",
    "surveys/linked_learners": "ids of the learners a survey links to, to check the tagger's "
                              "permission on them; never shown",
}
# The self-assessment's evidence: one school-wide share, count or date each, never a learner.
UNSCOPED.update({
    f"team/selfcheck/evidence_{code}": "self-assessment evidence: one school-wide figure"
    for code in ("council_needs", "self_reflection", "routing_reasons", "subject_teacher_needs",
                 "feed_up", "feed_forward", "feedback_per_month", "own_choice",
                 "results_followed", "wellbeing_learners", "wellbeing_staff")
})


@pytest.mark.parametrize("name", sql.all_query_names())
def test_every_query_reading_learner_data_is_scoped(name):
    query = sql.query(name)
    text = re.sub(r"--[^\n]*", "", query.text).lower()
    if not re.match(r"\s*(with|select)", text):
        return  # writes: their callers check access
    reads = [t for t in LEARNER_TABLES if re.search(rf"\b(from|join)\s+{t}\b", text)]
    if reads and name not in UNSCOPED:
        assert query.params & {"scope_all", "scope_class_ids"}, (
            f"{name} reads {reads} without the viewer's scope"
        )


def test_scoped_query_without_scope_does_not_run(demo_db):
    with pytest.raises(ScopeRequired):
        demo_db.read("council/class_learners", class_id=1, today=dt.date(2026, 11, 23))


def _class_members(db: Database, codes: tuple[str, ...]) -> tuple[set[str], set[str]]:
    """Names of learners in these classes this year, and names found only outside them."""
    with db._con.cursor() as cur:
        rows = cur.execute(
            "select l.last_name || ', ' || l.first_name, c.code in ?"
            " from learner l join enrolment e using (learner_id) join class c using (class_id)"
            " where c.school_year_id = '2026-2027'", [list(codes)]
        ).fetchall()
    inside = {name for name, member in rows if member}
    return inside, {name for name, member in rows if not member} - inside


def _page_text(at: AppTest) -> str:
    parts = [str(e.value) for kind in ("markdown", "caption", "text", "info", "warning")
             for e in getattr(at, kind)]
    for frame in at.dataframe:
        parts.append(frame.value.to_string())
    for box in at.selectbox:
        parts.extend(str(o) for o in box.options)
    return "\n".join(parts)


def test_class_council_sees_no_learner_of_other_classes_on_any_page(demo_path, demo_db):
    inside, outside = _class_members(demo_db, ("1A", "1B"))
    assert inside and outside
    for key in EXPECTED_PAGES["class_council"]:
        spec = next(s for s in PAGES if s.key == key)
        at = app_test(spec.path, role="class_council")
        assert not at.exception
        if key == "council_class":
            picker = at.selectbox(key="council_class.class@nl")
            assert {o.split(" ")[0] for o in picker.options} == {"1A", "1B"}
            for index in range(len(picker.options)):
                picker.select_index(index).run()
                shown = _page_text(at)
                assert any(name in shown for name in inside)
                assert not [name for name in outside if name in shown]
        else:
            shown = _page_text(at)
            assert not [name for name in outside if name in shown], key


def test_class_council_counts_cover_only_its_classes(demo_path, demo_db):
    council = auth.load_viewer(demo_db, demo_user_id("class_council"))
    director = auth.load_viewer(demo_db, demo_user_id("director"))
    mine = demo_db.scalar("home/current_learners", scope=council.scope, school_year="2026-2027")
    everyone = demo_db.scalar("home/current_learners", scope=director.scope,
                              school_year="2026-2027")
    with demo_db._con.cursor() as cur:
        in_classes = cur.execute(
            "select count(*) from enrolment join class using (class_id)"
            " where class_id in (select unnest(?::integer[]))", [list(council.class_ids)]
        ).fetchone()[0]
    assert mine == in_classes < everyone == 200


def test_flex_teacher_sees_only_the_learners_of_own_sessions(demo_db):
    from app.flex import plans

    teacher = auth.load_viewer(demo_db, demo_user_id("teacher", str(demo_db.path)))
    cycle_id = demo_db.scalar("flex/cycle_of_week", week_id="2026-W48")
    plan = plans.latest_published(demo_db, cycle_id)
    everything = plans.assignments(demo_db, EVERYTHING, plan.plan_id, "nl")
    own = everything[everything["session_id"].isin(
        demo_db.read("flex/plan_fill", cycle_id=cycle_id, plan_id=plan.plan_id, lang="nl")
        .query("leader_staff_id == @teacher.staff_id")["session_id"])]
    visible = plans.assignments(demo_db, teacher.scope, plan.plan_id, "nl")
    assert len(own) > 0
    assert sorted(visible["learner_id"]) == sorted(own["learner_id"])
    assert set(visible["session_id"]) == set(own["session_id"])


def test_two_scopes_through_the_same_cached_function_each_see_their_own(demo_path):
    with Database(demo_path) as db:
        council = auth.load_viewer(db, demo_user_id("class_council"))
        with db._con.cursor() as cur:
            outside_class = cur.execute(
                "select class_id from class where school_year_id = '2026-2027' and code = '2A'"
            ).fetchone()[0]
    director_scope = Scope(all_learners=True)
    args = {"class_id": outside_class, "today": dt.date(2026, 11, 23)}
    seen_by_director = web.cached_read("council/class_learners", director_scope, **args)
    seen_by_council = web.cached_read("council/class_learners", council.scope, **args)
    again_by_director = web.cached_read("council/class_learners", director_scope, **args)
    assert len(seen_by_director) > 0
    assert len(seen_by_council) == 0
    assert len(again_by_director) == len(seen_by_director)


# -- audit -------------------------------------------------------------------------------------

def _audit(db: Database) -> list[dict]:
    with db._con.cursor() as cur:
        result = cur.execute("select * from audit_log order by audit_id")
        columns = [d[0] for d in result.description]
        return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]


def test_a_write_without_an_audit_entry_is_impossible(db):
    with pytest.raises(TypeError):
        db.transaction()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        db.write("common/upsert_setting", key="k", value="1")  # type: ignore[call-arg]


def test_every_committed_and_every_failed_write_leaves_one_entry(db):
    before = len(_audit(db))
    db.write("common/upsert_setting", Audit("edit", "setting", user_id=7), key="k", value="1")
    with pytest.raises(UserError), db.transaction(Audit("edit", "setting", user_id=7)) as tx:
        tx.execute("common/upsert_setting", key=None, value="2")  # the database refuses
    with pytest.raises(RuntimeError), db.transaction(Audit("edit", "setting", user_id=7)) as tx:
        tx.execute("common/upsert_setting", key="k2", value="2")
        raise RuntimeError("a bug halfway")
    entries = _audit(db)[before:]
    assert [(e["action"], e["outcome"], e["user_id"]) for e in entries] == [
        ("edit", "ok", 7), ("edit", "refused", 7), ("edit", "error", 7)]
    assert [r["key"] for r in db.records("common/settings")] == ["k"]


def test_user_changes_logins_and_erasure_are_logged(demo_db):
    audit_for = {
        "user_add": lambda: users.add_user(demo_db, COMMAND_LINE,
                                          email="new@school.be", name="New", roles=["teacher"],
                                          password="a long password"),
        "login": lambda: auth.sign_in(demo_db, "new@school.be", "a long password"),
        "erase": lambda: privacy.erase(demo_db, COMMAND_LINE, [_a_learner(demo_db)]),
    }
    for action, do in audit_for.items():
        before = len(_audit(demo_db))
        do()
        assert action in {e["action"] for e in _audit(demo_db)[before:]}, action


def _a_learner(db: Database) -> int:
    with db._con.cursor() as cur:
        return cur.execute("select min(learner_id) from learner").fetchone()[0]


def test_the_log_holds_no_personal_data(demo_db):
    learner = _a_learner(demo_db)
    with demo_db._con.cursor() as cur:
        name, number = cur.execute(
            "select last_name, external_id from learner where learner_id = ?", [learner]
        ).fetchone()
    privacy.erase(demo_db, COMMAND_LINE, [learner])
    text = " ".join(str(e) for e in _audit(demo_db))
    assert str(learner) in text
    assert number not in text and name not in text


# -- erasure -----------------------------------------------------------------------------------

def test_an_erased_learner_is_gone_from_the_bytes_of_the_file(demo_path):
    marker = "Quirinella Zwartkoppeling"
    with Database(demo_path) as db:
        learner = _a_learner(db)
        with db._con.cursor() as cur:
            cur.execute("update learner set first_name = 'Quirinella',"
                        " last_name = 'Zwartkoppeling' where learner_id = ?", [learner])
        db.checkpoint()
        assert b"Zwartkoppeling" in demo_path.read_bytes()  # the test can see a name at all
        done = privacy.erase(db, COMMAND_LINE, [learner])
        assert done.learners == 1 and done.rows["erase_result"] > 0
        assert db.read("privacy/learner_footprint", learner_ids=[learner])["rows"].sum() == 0
        assert db.read("admin/orphans").empty
        with db._con.cursor() as cur:
            assert cur.execute("select count(*) from result where learner_id = ?",
                               [learner]).fetchone()[0] == 0
            survey_rows = cur.execute("select count(*) from survey_answer").fetchone()[0]
    assert b"Zwartkoppeling" not in demo_path.read_bytes(), marker
    assert b"Quirinella" not in demo_path.read_bytes()
    assert survey_rows > 0  # aggregates stay


def test_an_erased_learner_leaves_no_row_anywhere_not_even_in_the_import_journal(demo_db):
    """Imported twice (so the journal kept the earlier version for undo), given flex choices,
    then erased: no table with a learner column still holds the learner."""
    from app.importing import pipeline

    header = "Stamboeknummer;Naam;Voornaam;Klas\r\n"
    for first in ("Quirinella", "Quirina"):
        data = (header + f"99887766;Zwartkoppeling;{first};1A\r\n").encode()
        prepared = pipeline.prepare(demo_db, COMMAND_LINE, "learners", "lijst.csv", data)
        pipeline.commit(demo_db, COMMAND_LINE, prepared)
    learner = int(demo_db.scalar("privacy/learner_by_external_id", external_id="99887766"))
    with demo_db._con.cursor() as cur:
        cur.execute("insert into flex_choice (cycle_id, learner_id, rank, kind)"
                    " select min(cycle_id), ?, 1, 'broadening' from flex_cycle", [learner])
        tables = [r[0] for r in cur.execute(
            "select table_name from information_schema.columns where column_name = 'learner_id'"
            " and table_name in (select table_name from information_schema.tables"
            " where table_type = 'BASE TABLE')").fetchall()]
        assert {"undo_learner", "flex_choice", "enrolment"} <= set(tables)
    privacy.erase(demo_db, COMMAND_LINE, [learner])
    with demo_db._con.cursor() as cur:
        left = {t: cur.execute(f"select count(*) from {t} where learner_id = ?",
                               [learner]).fetchone()[0] for t in tables}
        named = cur.execute("select count(*) from undo_learner where last_name = 'Zwartkoppeling'"
                            ).fetchone()[0]
    assert not any(left.values()), left
    assert named == 0
    assert demo_db.read("admin/orphans").empty


def test_leavers_dry_run_then_erase(demo_db):
    planned = privacy.left_before(demo_db, EVERYTHING, dt.date(2026, 9, 1))
    assert len(planned) == 50  # last year's fourth year
    counts_before = demo_db.scalar("common/count_learners")
    privacy.erase(demo_db, COMMAND_LINE, [int(i) for i in planned["learner_id"]])
    assert demo_db.scalar("common/count_learners") == counts_before - 50
    assert privacy.left_before(demo_db, EVERYTHING, dt.date(2026, 9, 1)).empty


def test_reads_wait_while_the_file_is_swapped(demo_db):
    import threading

    errors, stop = [], threading.Event()

    def reader():
        while not stop.is_set():
            try:
                demo_db.scalar("common/count_learners")
            except Exception as error:  # pragma: no cover - reported below
                errors.append(error)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    demo_db.compact()
    demo_db.compact()
    stop.set()
    for thread in threads:
        thread.join()
    assert errors == []


# -- passwords and signing in ------------------------------------------------------------------

def _every_text_value(db: Database) -> str:
    with db._con.cursor() as cur:
        columns = cur.execute(
            "select table_name, column_name from information_schema.columns"
            " where data_type = 'VARCHAR' and table_schema = 'main'").fetchall()
        values = []
        for table, column in columns:
            values += [str(v[0]) for v in cur.execute(
                f'select "{column}" from "{table}" where "{column}" is not null').fetchall()]
    return "\n".join(values)


def test_a_password_is_never_stored_or_logged_in_clear(db, caplog):
    caplog.set_level(logging.DEBUG)
    secret = "correct horse battery staple"
    user_id = users.add_user(db, COMMAND_LINE, email="p@school.be", name="P",
                            roles=["teacher"], password=secret)
    auth.sign_in(db, "p@school.be", secret)
    with pytest.raises(UserError):
        auth.sign_in(db, "p@school.be", secret + "!")
    stored = db.one("auth/user", user_id=user_id)["password_hash"]
    assert stored.startswith("$argon2id$")
    assert secret not in _every_text_value(db)
    assert secret not in caplog.text
    db.checkpoint()
    assert secret.encode() not in db.path.read_bytes()


def test_failed_logins_are_throttled(db, monkeypatch):
    users.add_user(db, COMMAND_LINE, email="t@school.be", name="T",
                  roles=["teacher"], password="the right password")
    moment = dt.datetime(2026, 11, 23, 9, 0)
    monkeypatch.setattr("app.clock.now", lambda: moment)
    for _ in range(auth.MAX_FAILURES_PER_ACCOUNT):
        with pytest.raises(UserError) as wrong:
            auth.sign_in(db, "t@school.be", "a wrong password")
        assert wrong.value.key == "auth.error.invalid"
    with pytest.raises(UserError) as throttled:
        auth.sign_in(db, "t@school.be", "the right password")
    assert throttled.value.key == "auth.error.throttled"
    assert 1 <= throttled.value.params["minutes"] <= 16
    monkeypatch.setattr("app.clock.now", lambda: moment + dt.timedelta(minutes=10))
    with pytest.raises(UserError) as still:
        auth.sign_in(db, "t@school.be", "the right password")
    assert still.value.key == "auth.error.throttled"
    monkeypatch.setattr("app.clock.now", lambda: moment + dt.timedelta(minutes=31))
    assert auth.sign_in(db, "t@school.be", "the right password").email == "t@school.be"


def _account(db: Database, email: str = "t@school.be") -> None:
    users.add_user(db, COMMAND_LINE, email=email, name="T",
                  roles=["teacher"], password="the right password")


@pytest.mark.parametrize("address", [None, "203.0.113.7"])
def test_an_address_is_throttled_whatever_e_mails_it_tries(db, monkeypatch, address):
    """20 wrong passwords on 20 e-mail addresses from one machine, then a sign-in: it used to
    go through, because Streamlit gives no address on localhost (None: nothing was counted)."""
    _account(db)
    monkeypatch.setattr("app.clock.now", lambda: dt.datetime(2026, 11, 23, 9, 0))
    for n in range(auth.MAX_FAILURES_PER_ADDRESS):
        with pytest.raises(UserError) as wrong:
            auth.sign_in(db, f"guess{n}@school.be", "a wrong password", address=address)
        assert wrong.value.key == "auth.error.invalid"
    with pytest.raises(UserError) as throttled:
        auth.sign_in(db, "t@school.be", "the right password", address=address)
    assert throttled.value.key == "auth.error.throttled"
    # Another address (behind the school's proxy: another browser) is not held back.
    assert auth.sign_in(db, "t@school.be", "the right password", address="198.51.100.9")


def test_a_success_does_not_reset_the_throttle(db, monkeypatch):
    """The failures counted since the last success: one known password (one's own account)
    let an address try twenty more every time."""
    _account(db)
    _account(db, "mine@school.be")
    moment = dt.datetime(2026, 11, 23, 9, 0)
    monkeypatch.setattr("app.clock.now", lambda: moment)
    for round_ in range(2):
        for n in range(auth.MAX_FAILURES_PER_ADDRESS // 2):
            with pytest.raises(UserError):
                auth.sign_in(db, f"guess{round_}-{n}@school.be", "a wrong password")
        if round_ == 0:
            assert auth.sign_in(db, "mine@school.be", "the right password")
    with pytest.raises(UserError) as throttled:
        auth.sign_in(db, "t@school.be", "the right password")
    assert throttled.value.key == "auth.error.throttled"
    # Per account too: four wrong, one right, one wrong again is five failures in the window.
    for password in ["wrong one"] * 4 + ["the right password", "wrong one"]:
        with contextlib.suppress(UserError):
            auth.sign_in(db, "mine@school.be", password, address="198.51.100.10")
    with pytest.raises(UserError) as account:
        auth.sign_in(db, "mine@school.be", "the right password", address="198.51.100.11")
    assert account.value.key == "auth.error.throttled"
    monkeypatch.setattr("app.clock.now", lambda: moment + auth.THROTTLE_WINDOW * 2)
    assert auth.sign_in(db, "mine@school.be", "the right password", address="198.51.100.11")


def test_the_client_address_trusts_a_proxy_header_only_when_configured():
    assert auth.client_address(None) == auth.UNKNOWN_ADDRESS
    assert auth.client_address("203.0.113.7") == "203.0.113.7"
    # The header as the school's proxy appends to it: whatever the browser wrote on the left.
    assert auth.client_address(None, "6.6.6.6, 203.0.113.7") == "203.0.113.7"
    assert auth.client_address(None, "6.6.6.6, 203.0.113.7, 10.0.0.2", hops=2) == "203.0.113.7"
    assert auth.client_address("10.0.0.2", "203.0.113.7", hops=3) == "203.0.113.7"
    assert auth.client_address("10.0.0.2", "") == "10.0.0.2"


def test_sign_in_page_throttles_a_browser_without_an_address(demo_path):
    """An AppTest session has no address (st.context.ip_address is None), as on localhost."""
    at = app_test(role=None)
    for n in range(auth.MAX_FAILURES_PER_ADDRESS):
        at.text_input(key="login.email").input(f"guess{n}@demo.dehorizon.example")
        at.text_input(key="login.password").input("not the password")
        at.button[0].click().run()
        assert at.error[0].value == "Het e-mailadres of het wachtwoord klopt niet."
    at.text_input(key="login.email").input("flexteam@demo.dehorizon.example")
    at.text_input(key="login.password").input(auth.DEMO_PASSWORD)
    at.button[0].click().run()
    assert at.title[0].value == "Aanmelden" and "auth.user_id" not in at.session_state
    assert at.error[0].value.startswith("Te veel mislukte pogingen. Probeer het opnieuw over ")
    # The demo buttons are throttled too, and say so instead of failing.
    at.button(key=f"login.demo.{demo_user_id('director')}").click().run()
    assert not at.exception and "auth.user_id" not in at.session_state
    assert at.error[0].value.startswith("Te veel mislukte pogingen.")


def test_unknown_e_mail_and_wrong_password_get_the_same_answer(db):
    users.add_user(db, COMMAND_LINE, email="u@school.be", name="U",
                  roles=["teacher"], password="the right password")
    answers = set()
    for email in ("u@school.be", "nobody@school.be"):
        with pytest.raises(UserError) as refused:
            auth.sign_in(db, email, "wrong password!")
        answers.add(refused.value.key)
    assert answers == {"auth.error.invalid"}


def test_demo_accounts_stop_working_outside_demo_mode(demo_db):
    from app import settings

    viewer = auth.sign_in(demo_db, "directie@demo.dehorizon.example", auth.DEMO_PASSWORD)
    assert viewer.roles == {"director"}
    with demo_db.transaction(Audit("edit", "setting", scope="cli")) as tx:
        settings.put(tx, "school.demo", False)
    assert auth.load_viewer(demo_db, viewer.user_id) is None
    with pytest.raises(UserError):
        auth.sign_in(demo_db, "directie@demo.dehorizon.example", auth.DEMO_PASSWORD)


def test_roles_come_from_the_table_not_from_the_identity_provider(demo_db):
    viewer = auth.sign_in_by_identity(demo_db, "KLASSENRAAD@demo.dehorizon.example")
    assert viewer.roles == {"class_council"} and viewer.class_ids
    with pytest.raises(UserError) as refused:
        auth.sign_in_by_identity(demo_db, "stranger@elsewhere.example")
    assert refused.value.key == "auth.error.no_account"


def test_disabled_account_is_out_at_once(demo_path):
    at = app_test("pages/home.py", role="director")
    assert at.title[0].value == "Start"
    with Database(demo_path) as db:
        director = auth.load_viewer(db, demo_user_id("director"))
        users.update_user(db, COMMAND_LINE, director.user_id,
                         name="x", roles=["director"], class_ids=[], staff_id=None,
                         is_active=False)
    at.run()
    assert at.title[0].value == "Aanmelden"


def test_oidc_sign_in_button_when_the_school_configured_it(demo_path):
    at = AppTest.from_file(MAIN_SCRIPT, default_timeout=30)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback",
                          "cookie_secret": "x", "client_id": "y", "client_secret": "z",
                          "server_metadata_url": "https://login.example/.well-known"}
    at.run()
    assert at.button(key="login.oidc").label == "Aanmelden met je schoolaccount"


def test_sign_in_through_the_form(demo_path):
    at = app_test(role=None)
    at.text_input(key="login.email").input("flexteam@demo.dehorizon.example")
    at.text_input(key="login.password").input(auth.DEMO_PASSWORD)
    at.button[0].click().run()  # the form's submit button
    assert at.title[0].value == "Start"
    assert "auth.user_id" in at.session_state


def test_confinement_blocks_files_outside_the_database_folder(db, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.csv"
    outside.write_text("a\n1\n")
    with pytest.raises(duckdb.Error), db._con.cursor() as cur:
        cur.execute(f"select * from read_csv('{outside}')")
    with pytest.raises(duckdb.Error), db._con.cursor() as cur:
        cur.execute("set enable_external_access = true")
