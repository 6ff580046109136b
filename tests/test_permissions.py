"""Who may do what (app/permissions.py): the table as the school agreed it, written out; every
import kind and every survey tag walked for every role; a refused write changes nothing and is
logged; a teacher's upload never becomes a learner's well-being; a flex teacher's scope is this
school year's published plans."""

from __future__ import annotations

import shutil

import pytest

from app import auth, permissions, web
from app.auth import COMMAND_LINE, ROLES, Viewer
from app.db import Database
from app.i18n import Translator, catalogue
from app.importing import pipeline
from app.importing.specs import REGISTRY
from app.permissions import (
    ANY,
    AS_ADVISER,
    AS_MANAGER,
    AS_TEACHER,
    CLASSES,
    LED,
    OWN,
    SELF,
    FlexSession,
    Learner,
    Refused,
    StaffMember,
    Survey,
    Trajectory,
)
from app.scope import Scope
from app.surveys import summary as surveys
from tests.conftest import (
    SAMPLE_OF,
    SAMPLES,
    TODAY,
    app_test,
    demo_user_id,
    shown,
    table_counts,
)

NL, EN = Translator("nl"), Translator("en")
YEAR = "2026-2027"

# The table as the school agreed it, written out: a change to app/permissions.py that nobody
# meant fails here. A role not named holds nothing.
EXPECTED = {
    "import.learners": {"admin": ANY, "flex_team": ANY},
    "import.staff": {"admin": ANY},
    "import.results": {"admin": ANY, "flex_team": ANY},
    "import.needs": {"admin": ANY, "flex_team": ANY},
    "import.flex-sessions": {"admin": ANY, "flex_team": ANY},
    "import.flex-choices": {"admin": ANY, "flex_team": ANY},
    "import.initiatives": {"admin": ANY, "director": ANY},
    "import.budget": {"admin": ANY, "director": ANY},
    "import.competences": {"admin": ANY, "director": ANY},
    "survey.upload": {role: ANY for role in ROLES},
    "survey.edit": {"admin": ANY, "director": OWN, "flex_team": OWN, "class_council": OWN,
                    "teacher": OWN, "adviser": OWN},
    "survey.link.learner": {"admin": ANY, "flex_team": ANY, "class_council": CLASSES},
    "survey.link.staff": {"admin": ANY, "director": ANY},
    "survey.tag.wellbeing": {"admin": ANY, "flex_team": ANY, "class_council": CLASSES},
    "survey.tag.self_reflection": {"admin": ANY, "flex_team": ANY, "class_council": CLASSES},
    "survey.tag.staff_wellbeing": {"admin": ANY, "director": ANY},
    "survey.tag.professional_needs": {"admin": ANY, "director": ANY},
    "survey.tag.evaluation": {"admin": ANY, "director": ANY},
    "survey.tag.time_registration": {"admin": ANY, "director": ANY},
    # pages: who the navigation offers each page
    **{f"page.{key}": dict.fromkeys(ROLES, ANY) for key in ("home", "team_roles", "surveys")},
    **{f"page.{key}": dict.fromkeys(("admin", "director", "flex_team", "teacher"), ANY)
       for key in ("flex_board", "flex_lists")},
    "page.flex_offer": {"admin": ANY, "flex_team": ANY},
    "page.flex_attendance": {"admin": ANY, "flex_team": ANY, "teacher": ANY},
    **{f"page.{key}": dict.fromkeys(("admin", "director", "flex_team"), ANY)
       for key in ("flex_progress", "team_selfcheck", "admin_import")},
    **{f"page.{key}": dict.fromkeys(("admin", "director", "flex_team", "class_council"), ANY)
       for key in ("council_class", "council_learner")},
    **{f"page.{key}": {"director": ANY}
       for key in ("prof_overview", "prof_budget", "prof_competences", "prof_plan")},
    "page.prof_requests": dict.fromkeys(("director", "flex_team", "class_council", "teacher"),
                                        ANY),
    "page.team_leaders": {"admin": ANY, "director": ANY},
    "page.team_coaching": {"director": ANY, "teacher": ANY, "adviser": ANY},
    **{f"page.{key}": {"admin": ANY}
       for key in ("admin_users", "admin_log", "admin_privacy", "admin_database")},
    # writes
    **{action: {"admin": ANY, "flex_team": ANY}
       for action in ("flex.offer.edit", "flex.rules.edit", "flex.plan.compose",
                      "flex.plan.publish")},
    "flex.attendance.record": {"admin": ANY, "flex_team": ANY, "teacher": LED},
    "home.learner_figures": {"admin": ANY, "director": ANY, "flex_team": ANY,
                             "class_council": CLASSES, "teacher": LED},
    "council.decide": {"admin": ANY, "director": ANY, "class_council": CLASSES},
    **{action: {"director": ANY}
       for action in ("prof.plan.edit", "prof.sources.edit", "prof.competences.edit",
                      "prof.level.appraise", "prof.report.export", "team.coaching.create")},
    **{action: {role: SELF for role in ROLES if role != "admin"}
       for action in ("prof.level.self", "prof.expertise.declare")},
    "prof.request.edit": {"director": ANY, "flex_team": SELF, "class_council": SELF,
                          "teacher": SELF},
    "team.leaders.edit": {"admin": ANY, "director": ANY},
    "team.selfcheck.edit": {"admin": ANY, "director": ANY, "flex_team": ANY},
    "team.coaching.steer": {"director": AS_MANAGER, "adviser": AS_ADVISER},
    "team.coaching.observe": {"adviser": AS_ADVISER},
    "team.coaching.self_assess": {"teacher": AS_TEACHER},
    "team.coaching.export": {"director": AS_MANAGER, "teacher": AS_TEACHER,
                             "adviser": AS_ADVISER},
    **{f"export.{kind}": {"admin": ANY, "director": ANY, "flex_team": ANY}
       for kind in ("learners", "results", "needs")},
    **{f"export.{kind}": {"admin": ANY, "director": ANY, "flex_team": ANY, "teacher": ANY}
       for kind in ("assignments", "sessions", "messages")},
    "export.survey": dict.fromkeys(ROLES, ANY),
    "export.timeline": {"admin": ANY, "director": ANY, "flex_team": ANY,
                        "class_council": CLASSES},
    **{action: {"admin": ANY}
       for action in ("admin.users.edit", "admin.backup", "admin.erase", "admin.settings",
                      "admin.demo.leave")},
}
# Every tag with the audience it is read for, and who the test survey's respondents are.
TAG_CASES = [("wellbeing", "learners", "learner"), ("self_reflection", "learners", "learner"),
             ("wellbeing", "staff", "staff"), ("professional_needs", "staff", "staff"),
             ("evaluation", "staff", "staff"), ("time_registration", "staff", "staff")]


def expected(action: str, role: str) -> str | None:
    return EXPECTED[action].get(role)


# -- the table -----------------------------------------------------------------------------------

def test_the_table_is_the_one_the_school_agreed():
    table = {action: {role: scope for role, scope in zip(permissions.COLUMNS, row, strict=True)
                      if scope is not None}
             for action, row in permissions.TABLE.items()}
    assert table == EXPECTED


def test_every_import_kind_and_every_tag_is_an_action():
    assert set(SAMPLE_OF) == set(REGISTRY), "a new import kind needs a row in the table"
    kinds = {permissions.import_action(kind) for kind in REGISTRY}
    tags = {permissions.tag_action(tag, audience) for tag in surveys.TAGS
            for audience in surveys.AUDIENCES}
    others = {"survey.edit", "survey.link.learner", "survey.link.staff"}
    assert {a for a in permissions.TABLE if a.startswith(("import.", "survey."))} \
        == kinds | tags | others


def test_every_page_is_an_action_and_the_navigation_asks_the_table():
    from app import navigation

    assert {f"page.{spec.key}" for spec in navigation.PAGES} \
        == {a for a in permissions.TABLE if a.startswith("page.")}
    for spec in navigation.PAGES:
        for role in ROLES:
            viewer = Viewer(user_id=1, email="x@school.be", name="X", roles=frozenset({role}))
            assert navigation.allowed(spec, viewer.roles) \
                == permissions.allowed(viewer, spec.action), (spec.key, role)


def test_every_action_and_refusal_has_words_in_both_languages():
    for lang in ("nl", "en"):
        texts = catalogue(lang)
        translate = Translator(lang)
        for action in permissions.TABLE:
            if action.startswith("page."):
                assert permissions.action_label(action, translate)
            else:
                assert f"permission.action.{action}" in texts, (lang, action)
        for scope in set(permissions.SCOPES) - {ANY}:
            assert f"permission.scope.{scope}" in texts
            assert f"permission.outside.{scope}" in texts
    text = Refused("import.budget").render(NL)
    assert text == ("Dat mag je niet: budgetbronnen voor professionalisering importeren. "
                    "Dat mogen alleen: beheerder, directie. Er is niets gewijzigd.")
    assert "class council (own classes)" in Refused("survey.tag.wellbeing").render(EN)


def test_an_unknown_action_is_a_bug_not_a_refusal():
    with pytest.raises(LookupError):
        permissions.allowed(COMMAND_LINE, "survey.tag.welbeing")


INSIDE, OUTSIDE = Learner(1, frozenset({1})), Learner(2, frozenset({2}))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_allowed_answers_as_the_written_out_table_says(action, role):
    viewer = Viewer(user_id=50, email="x@school.be", name="X", roles=frozenset({role}),
                    class_ids=(1,), staff_id=70)
    records = {"none": None, "inside": INSIDE, "outside": OUTSIDE,
               "own survey": Survey(5, 50, (INSIDE,)), "other's survey": Survey(6, 51),
               "survey beyond the classes": Survey(7, 50, (INSIDE, OUTSIDE)),
               "led session": FlexSession(8, 70), "other's session": FlexSession(9, 71),
               "session without leader": FlexSession(10, None),
               "about oneself": StaffMember(70), "about a colleague": StaffMember(71),
               "as teacher": Trajectory(11, 50, 52, 53), "as adviser": Trajectory(12, 51, 50, 53),
               "as manager": Trajectory(13, 51, 52, 50), "no party": Trajectory(14, 51, 52, 53)}
    scope = expected(action, role)
    only = {None: set(), ANY: set(records) - {"none"},
            CLASSES: {"inside", "own survey", "other's survey"},
            OWN: {"own survey", "survey beyond the classes"},
            LED: {"led session"}, SELF: {"about oneself"}, AS_TEACHER: {"as teacher"},
            AS_ADVISER: {"as adviser"}, AS_MANAGER: {"as manager"}}[scope]
    want = {name: name in only or (scope == ANY) for name in records}
    assert permissions.holds(viewer, action) == (scope is not None)
    assert {name: permissions.allowed(viewer, action, record)
            for name, record in records.items()} == want


# -- a demo school shared by the walks (they only prepare, or write their own survey) -------------

@pytest.fixture(scope="module")
def school(demo_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("permissions") / "demo.duckdb"
    shutil.copyfile(demo_file, path)
    with Database(path) as db:
        yield db


def as_role(db: Database, role: str) -> Viewer:
    return auth.load_viewer(db, demo_user_id(role, str(db.path)))


def audit_entries(db: Database, since: int) -> list[dict]:
    with db._con.cursor() as cur:
        rows = cur.execute("select audit_id, user_id, action, outcome, record_ids from audit_log"
                           " where audit_id > ? order by audit_id", [since]).fetchall()
    return [dict(zip(("audit_id", "user_id", "action", "outcome", "record_ids"), r,
                     strict=True)) for r in rows]


def last_audit_id(db: Database) -> int:
    with db._con.cursor() as cur:
        return cur.execute("select coalesce(max(audit_id), 0) from audit_log").fetchone()[0]


def assert_refused_and_logged(db: Database, viewer: Viewer, action: str, do) -> None:
    """The write refuses with the catalogue's words, changes nothing, and logs the refusal."""
    before, since = table_counts(db), last_audit_id(db)
    with pytest.raises(Refused) as refused:
        do()
    assert refused.value.action == action
    assert table_counts(db) == before
    entries = audit_entries(db, since)
    assert [(e["action"], e["outcome"], e["user_id"]) for e in entries] == [
        (action, "refused", viewer.user_id)]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", sorted(SAMPLE_OF))
def test_every_import_kind_for_every_role(school, kind, role):
    viewer = as_role(school, role)
    action = permissions.import_action(kind)
    data = (SAMPLES / SAMPLE_OF[kind]).read_bytes()

    def prepare():
        return pipeline.prepare(school, viewer, kind, SAMPLE_OF[kind], data, today=TODAY,
                                order="dmy")

    if expected(action, role) == ANY:
        assert prepare().kind == kind
    else:
        assert expected(action, role) is None
        assert_refused_and_logged(school, viewer, action, prepare)
    assert (kind in pipeline.kinds_for(viewer)) == (expected(action, role) == ANY)


def stamboeknummer(db: Database, class_code: str, n: int = 0) -> tuple[int, str]:
    with db._con.cursor() as cur:
        return cur.execute(
            "select l.learner_id, l.external_id from learner l join enrolment e using (learner_id)"
            " join class c using (class_id) where c.code = ? and c.school_year_id = ?"
            " order by l.learner_id limit 1 offset ?", [class_code, YEAR, n]).fetchone()


def staff_email(db: Database) -> str:
    with db._con.cursor() as cur:
        return cur.execute("select email from staff order by staff_id limit 1").fetchone()[0]


def survey_file(*, numbers=(), emails=(), answer="Helemaal niet akkoord",
                text="Ik wil van school veranderen") -> bytes:
    lines = ["Tijdstempel;Stamboeknummer;E-mailadres;Ik voel me goed op school.;"
             "Wil je nog iets kwijt?"]
    people = [(n, "") for n in numbers] + [("", e) for e in emails]
    for day, (number, email) in enumerate(people, start=10):
        lines.append(f"{day}/11/2026 10:00:00;{number};{email};{answer};{text}")
    return ("\r\n".join(lines) + "\r\n").encode()


def upload(db: Database, viewer: Viewer, data: bytes, title: str, **options) -> int:
    prepared = pipeline.prepare(db, viewer, "survey", f"{title}.csv", data,
                                options={"title": title, **options})
    assert not prepared.problems
    return pipeline.commit(db, viewer, prepared).record_id("survey")


def meta(db: Database, survey_id: int) -> dict:
    return db.one("surveys/meta", survey_id=survey_id)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("tag, audience, who", TAG_CASES)
def test_every_tag_for_every_role_through_the_rename(school, tag, audience, who, role):
    """Each role tags a survey it uploaded itself (the administrator made the links: linked to a
    learner of the class council's own classes, or to a staff member)."""
    viewer = as_role(school, role)
    people = ({"numbers": [stamboeknummer(school, "1A")[1]]} if who == "learner"
              else {"emails": [staff_email(school)]})
    survey_id = upload(school, COMMAND_LINE, survey_file(**people),
                       f"Tag {tag} {audience} {role}", audience=audience)
    with school._con.cursor() as cur:  # as if this role had uploaded it
        cur.execute("update survey set created_by = ? where survey_id = ?",
                    [viewer.user_id, survey_id])
    action = permissions.tag_action(tag, audience)

    def rename():
        surveys.rename(school, viewer, survey_id, "Mijn enquête", tag, audience)

    if expected(action, role) in (ANY, CLASSES):
        rename()
        assert meta(school, survey_id)["tag"] == tag
    else:
        assert_refused_and_logged(school, viewer, action, rename)
        assert meta(school, survey_id)["tag"] is None
    assert (tag in surveys.tags_for(viewer)) == any(
        expected(permissions.tag_action(tag, a), role) for a in surveys.AUDIENCES)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("tag, audience, who", TAG_CASES)
def test_every_tag_for_every_role_through_the_import_option(school, tag, audience, who, role):
    viewer = as_role(school, role)
    people = ({"numbers": [stamboeknummer(school, "1A", 1)[1]]} if who == "learner"
              else {"emails": [staff_email(school)]})
    action = permissions.tag_action(tag, audience)

    def prepare():
        return pipeline.prepare(school, viewer, "survey", "t.csv", survey_file(**people),
                                options={"tag": tag, "audience": audience})

    if expected(action, role) in (ANY, CLASSES):
        frame = prepare().built.frames["survey"]
        assert list(frame["tag"]) == [tag]
    else:
        assert_refused_and_logged(school, viewer, action, prepare)


# -- point 1: a teacher's file never becomes a learner's well-being --------------------------------

def council_wellbeing(db: Database, learner_id: int) -> float | None:
    council = as_role(db, "class_council")
    class_id = int(db.read("council/learner_classes", scope=council.scope,
                           learner_ids=[learner_id], school_year=YEAR)["class_id"].iloc[0])
    rows = db.read("council/class_learners", scope=council.scope, class_id=class_id,
                   today=TODAY).set_index("learner_id")
    value = rows.loc[learner_id, "wellbeing"]
    return None if value != value else float(value)


def timeline_answers(db: Database, learner_id: int) -> str:
    council = as_role(db, "class_council")
    frame = db.read("council/learner_surveys", scope=council.scope, learner_id=learner_id)
    return frame.to_string()


def test_a_flex_teachers_two_row_file_leaves_the_learners_wellbeing_alone(demo_db):
    learner_id, number = stamboeknummer(demo_db, "1A")
    wellbeing = council_wellbeing(demo_db, learner_id)
    assert wellbeing is not None and wellbeing > 0.5
    teacher = as_role(demo_db, "teacher")
    data = survey_file(numbers=[number, number])

    prepared = pipeline.prepare(demo_db, teacher, "survey", "welbevinden.csv", data)
    # Before anything is written, the preview says how many and why, in plain words.
    assert prepared.built.held_back == [("survey.held_back.learner_role", {
        "count": 2, "tag": "", "holders": "survey.link.learner"})]
    said = pipeline.render_note(prepared.built.held_back[0], NL)
    assert said.startswith("Antwoorden die niet aan een leerling gekoppeld worden: 2. "
                           "Jouw rol mag geen antwoorden aan leerlingen koppelen; dat mogen "
                           "alleen: beheerder, flexteam, klassenraad (eigen klassen).")
    survey_id = pipeline.commit(demo_db, teacher, prepared).record_id("survey")
    linked = demo_db.read("surveys/linked_learners", survey_id=survey_id)
    assert linked.empty

    # The teacher may not tag it, whatever the page offers.
    assert "wellbeing" not in surveys.tags_for(teacher)
    since = last_audit_id(demo_db)
    with pytest.raises(Refused):
        surveys.rename(demo_db, teacher, survey_id, "Welbevinden", "wellbeing", "learners")
    assert [e["outcome"] for e in audit_entries(demo_db, since)] == ["refused"]
    assert meta(demo_db, survey_id)["tag"] is None

    # Someone who may tag it takes responsibility for its links: it links nobody, so even as
    # well-being evidence it reaches no learner.
    surveys.rename(demo_db, as_role(demo_db, "admin"), survey_id, "Welbevinden", "wellbeing",
                   "learners")
    assert council_wellbeing(demo_db, learner_id) == wellbeing
    assert "Ik wil van school veranderen" not in timeline_answers(demo_db, learner_id)


def test_a_class_council_links_only_its_own_classes_and_says_so(demo_db):
    inside, inside_number = stamboeknummer(demo_db, "1A")
    _outside, outside_number = stamboeknummer(demo_db, "2A")
    council = as_role(demo_db, "class_council")
    prepared = pipeline.prepare(demo_db, council, "survey", "w.csv",
                                survey_file(numbers=[inside_number, outside_number]),
                                options={"tag": "wellbeing"})
    assert [key for key, _ in prepared.built.held_back] == ["survey.held_back.learner_classes"]
    assert prepared.built.held_back[0][1]["count"] == 1
    survey_id = pipeline.commit(demo_db, council, prepared).record_id("survey")
    assert list(demo_db.read("surveys/linked_learners", survey_id=survey_id)["learner_id"]) == [
        inside]
    assert meta(demo_db, survey_id)["tag"] == "wellbeing"
    assert council_wellbeing(demo_db, inside) == 0.0  # the council's own evidence counts


def test_a_tag_is_checked_against_the_links_at_tagging_time(demo_db):
    """The flex team linked learners of 1A and 2A; the survey is the class council's (say it
    was uploaded when the member had other classes). Tagging it well-being would bring a 2A
    learner's answers to the class council: refused, nothing changed, and said how many."""
    numbers = [stamboeknummer(demo_db, "1A")[1], stamboeknummer(demo_db, "2A")[1]]
    survey_id = upload(demo_db, as_role(demo_db, "flex_team"), survey_file(numbers=numbers),
                       "Welbevinden klassen")
    council = as_role(demo_db, "class_council")
    with demo_db._con.cursor() as cur:
        cur.execute("update survey set created_by = ? where survey_id = ?",
                    [council.user_id, survey_id])
    with pytest.raises(Refused) as refused:
        surveys.rename(demo_db, council, survey_id, "Nieuwe naam", "wellbeing", "learners")
    assert refused.value.render(NL) == (
        "Dat mag je alleen voor de leerlingen van je eigen klassen: een enquête het label "
        "welbevinden geven voor leerlingen. Betrokken leerlingen buiten je klassen: 1. "
        "Er is niets gewijzigd.")
    assert meta(demo_db, survey_id)["tag"] is None
    assert demo_db.scalar("surveys/owner", survey_id=survey_id) == council.user_id
    # Moving the tag to 'staff' does not hide learners' answers: pages read them anyway.
    director = as_role(demo_db, "director")
    with demo_db._con.cursor() as cur:
        cur.execute("update survey set created_by = ? where survey_id = ?",
                    [director.user_id, survey_id])
    with pytest.raises(Refused):
        surveys.rename(demo_db, director, survey_id, "Personeel", "wellbeing", "staff")
    surveys.rename(demo_db, as_role(demo_db, "admin"), survey_id, "Welbevinden", "wellbeing",
                   "learners")
    assert meta(demo_db, survey_id)["tag"] == "wellbeing"


def test_an_owner_without_the_tag_may_not_change_what_a_tagged_survey_says(demo_db):
    teacher = as_role(demo_db, "teacher")
    survey_id = upload(demo_db, teacher, survey_file(numbers=["none"]), "Mijn enquête")
    surveys.rename(demo_db, as_role(demo_db, "admin"), survey_id, "Welbevinden", "wellbeing",
                   "learners")
    assert_refused_and_logged(demo_db, teacher, "survey.tag.wellbeing", lambda: surveys.rename(
        demo_db, teacher, survey_id, "Welbevinden", None, "learners"))
    assert_refused_and_logged(demo_db, teacher, "survey.tag.wellbeing",
                              lambda: surveys.place_labels(demo_db, teacher, survey_id, 1,
                                                           {"Helemaal niet akkoord": 5.0}))
    other = as_role(demo_db, "adviser")
    assert_refused_and_logged(demo_db, other, "survey.edit", lambda: surveys.rename(
        demo_db, other, survey_id, "Overgenomen", "wellbeing", "learners"))


def test_the_survey_page_says_what_it_holds_back_before_writing(demo_path):
    with Database(demo_path) as db:
        number = stamboeknummer(db, "1A")[1]
    at = app_test("pages/surveys.py", role="teacher")
    before = len(at.selectbox(key="surveys.survey@nl").options) if at.selectbox else 0
    at.file_uploader(key="surveys.upload").set_value(
        ("welbevinden.csv", survey_file(numbers=[number, number]), "text/csv")).run()
    assert not at.exception
    assert any("Er is nog niets opgeslagen" in w.value for w in at.warning)
    assert any("gekoppeld worden: 2" in m.value for m in at.markdown)
    assert (len(at.selectbox(key="surveys.survey@nl").options) if at.selectbox else 0) == before
    at.button(key="surveys.upload.confirm").click().run()
    assert not at.exception and not at.error
    assert any("De enquête is opgeladen" in s.value for s in at.success)
    assert any("gekoppeld worden: 2" in i.value for i in at.info)
    survey_id = at.selectbox(key="surveys.survey@nl").value
    assert at.selectbox(key=f"surveys.edit.{survey_id}.tag@nl").options == ["geen"]


def test_a_month_first_upload_keeps_its_date_order_through_the_confirmation(demo_path):
    """The confirmation reruns the page without the date-order question: the answer stays."""
    with Database(demo_path) as db:
        data = (SAMPLES / "leerlingen_smartschool.csv").read_bytes()
        pipeline.commit(db, COMMAND_LINE, pipeline.prepare(
            db, COMMAND_LINE, "learners", "l.csv", data))
    at = app_test("pages/surveys.py", role="teacher")
    at.file_uploader(key="surveys.upload").set_value(
        ("zelfreflectie.xlsx", (SAMPLES / "zelfreflectie_microsoft_forms.xlsx").read_bytes(),
         "application/octet-stream")).run()
    at.radio(key="surveys.upload.order@nl").set_value("mdy").run()
    assert any("Er is nog niets opgeslagen" in w.value for w in at.warning)
    at.button(key="surveys.upload.confirm").click().run()
    assert not at.exception and not at.error
    assert any("De enquête is opgeladen" in s.value for s in at.success)


# -- point 2: each import kind is a permission ------------------------------------------------

def test_the_flex_team_cannot_import_the_directors_budget(demo_db):
    flex_team, director = as_role(demo_db, "flex_team"), as_role(demo_db, "director")
    data = (SAMPLES / "prof_budget.csv").read_bytes()
    assert "budget" not in pipeline.kinds_for(flex_team)
    assert_refused_and_logged(demo_db, flex_team, "import.budget", lambda: pipeline.prepare(
        demo_db, flex_team, "budget", "prof_budget.csv", data, today=TODAY))
    # Prepared by someone who may, the write itself still refuses the flex team.
    prepared = pipeline.prepare(demo_db, director, "budget", "prof_budget.csv", data,
                                today=TODAY)
    assert_refused_and_logged(demo_db, flex_team, "import.budget", lambda: pipeline.commit(
        demo_db, flex_team, prepared))
    result = pipeline.commit(demo_db, director, prepared)
    assert (result.counts.new, result.counts.unchanged) == (1, 2)  # the demo has two already
    assert_refused_and_logged(demo_db, flex_team, "import.budget", lambda: pipeline.undo_last(
        demo_db, flex_team))


@pytest.mark.parametrize("role, kinds", [
    ("flex_team", ["learners", "results", "needs", "flex-sessions", "flex-choices", "survey"]),
    ("director", ["initiatives", "budget", "competences", "survey"]),
    ("admin", ["learners", "staff", "results", "needs", "flex-sessions", "flex-choices",
               "initiatives", "budget", "competences", "survey"]),
])
def test_the_import_page_offers_only_the_kinds_a_role_holds(demo_path, role, kinds):
    at = app_test("pages/admin_import.py", role=role)
    assert not at.exception
    box = at.selectbox(key="admin_import.kind@nl")
    assert sorted(box.options) == sorted(NL(f"import.kind.{k}") for k in kinds)


def test_the_director_imports_the_budget_sample_on_the_page(demo_path):
    at = app_test("pages/admin_import.py", role="director")
    at.selectbox(key="admin_import.kind@nl").set_value("budget").run()
    at.file_uploader(key="admin_import.file.budget").set_value(
        ("prof_budget.csv", (SAMPLES / "prof_budget.csv").read_bytes(), "text/csv")).run()
    at.button(key="admin_import.confirm").click().run()
    assert not at.exception
    assert any("Geïmporteerd: 1 nieuw, 0 gewijzigd, 2 ongewijzigd" in s.value for s in at.success)


# -- point 6: a flex teacher's scope is this school year's published plans -----------------------

def own_learners_this_year(db: Database, staff_id: int) -> set[int]:
    """Written out here apart from the macro: the latest published version of each cycle of
    this school year, the sessions the teacher leads in it."""
    with db._con.cursor() as cur:
        return {r[0] for r in cur.execute(
            "with latest as (select p.cycle_id, max(p.version) as version from flex_plan p"
            " join flex_cycle c using (cycle_id) where c.school_year_id = ? and"
            " p.status = 'published' group by all)"
            " select distinct a.learner_id from flex_plan p join latest l"
            " on l.cycle_id = p.cycle_id and l.version = p.version and p.status = 'published'"
            " join flex_assignment a using (plan_id) join flex_session s using (session_id)"
            " where s.leader_staff_id = ?", [YEAR, staff_id]).fetchall()}


def ever_published_to(db: Database, staff_id: int) -> set[int]:
    with db._con.cursor() as cur:
        return {r[0] for r in cur.execute(
            "select distinct a.learner_id from flex_assignment a join flex_plan p using"
            " (plan_id) join flex_session s using (session_id) where p.status = 'published'"
            " and s.leader_staff_id = ?", [staff_id]).fetchall()}


def test_a_flex_teacher_sees_the_learners_of_this_years_published_sessions_only(demo_db):
    teacher = as_role(demo_db, "teacher")
    own = own_learners_this_year(demo_db, teacher.staff_id)
    ever = ever_published_to(demo_db, teacher.staff_id)
    assert own and len(ever - own) > len(own)  # last school year's groups, earlier versions
    assert teacher.scope.school_year == YEAR
    with demo_db._con.cursor() as cur:
        current = {r[0] for r in cur.execute(
            "select learner_id from enrolment where school_year_id = ?", [YEAR]).fetchall()}
    assert demo_db.scalar("home/current_learners", scope=teacher.scope,
                          school_year=YEAR) == len(own & current)
    # Surveys: the same scope, no wider.
    listing = demo_db.read("surveys/list", scope=teacher.scope)
    with demo_db._con.cursor() as cur:
        linked = cur.execute("select count(*) from survey_respondent where list_contains(?,"
                             " learner_id)", [sorted(own)]).fetchone()[0]
    assert int(listing["respondents"].sum()) == linked
    # A learner only in one of last year's groups is not the teacher's any more.
    gone = min(ever - own)
    assert demo_db.one("council/learner", scope=teacher.scope, learner_id=gone,
                       school_year=YEAR) is None


def test_cached_reads_are_keyed_by_the_teachers_school_year(demo_path):
    with Database(demo_path) as db:
        teacher = as_role(db, "teacher")
    this_year = teacher.scope
    last_year = Scope(leader_staff_id=this_year.leader_staff_id, school_year="2025-2026")
    assert this_year.key != last_year.key
    now = web.cached_read("surveys/list", this_year)
    then = web.cached_read("surveys/list", last_year)
    assert int(now["respondents"].sum()) != int(then["respondents"].sum())
    assert web.cached_read("surveys/list", this_year).equals(now)


def respondents(db: Database, survey_id: int) -> int:
    return int(db.scalar("surveys/respondent_count", survey_id=survey_id))


def test_someone_elses_upload_of_the_same_form_becomes_a_survey_of_its_own(demo_db):
    """Adding respondents changes a survey's charts: an edit, for its uploader only. A teacher
    who uploads a file with the same title and questions as the class council's well-being
    survey gets a survey of their own, and is told so before anything is written."""
    council, teacher = as_role(demo_db, "class_council"), as_role(demo_db, "teacher")
    _, number = stamboeknummer(demo_db, "1A")
    theirs = upload(demo_db, council, survey_file(numbers=[number]), "wb kr4",
                    tag="wellbeing")
    assert respondents(demo_db, theirs) == 1

    prepared = pipeline.prepare(demo_db, teacher, "survey", "wb kr4.csv",
                                survey_file(numbers=["", ""], answer="Helemaal akkoord"),
                                options={"title": "wb kr4"})
    notes = [pipeline.render_note(n, NL) for n in prepared.built.notes]
    assert ("Er is al een enquête 'wb kr4' met dezelfde vragen, opgeladen door iemand anders. "
            "Jouw antwoorden worden een aparte enquête: die van de ander blijft zoals ze is."
            ) in notes
    mine = pipeline.commit(demo_db, teacher, prepared).record_id("survey")
    assert mine != theirs
    assert respondents(demo_db, theirs) == 1 and respondents(demo_db, mine) == 2
    assert demo_db.scalar("surveys/owner", survey_id=mine) == teacher.user_id
    assert permissions.allowed(teacher, "survey.edit", surveys.record(demo_db, mine))

    # The uploader's own longer export joins their survey, and is told so.
    again = pipeline.prepare(demo_db, council, "survey", "wb kr4.csv",
                             survey_file(numbers=[number, number]), options={"title": "wb kr4"})
    assert ("survey.note.joins", {"title": "wb kr4", "respondents": 1}) in again.built.notes
    pipeline.commit(demo_db, council, again)
    assert respondents(demo_db, theirs) == 2

    # Asking to add to someone else's survey by its number is refused, nothing written.
    assert_refused_and_logged(demo_db, teacher, "survey.edit", lambda: pipeline.prepare(
        demo_db, teacher, "survey", "x.csv", survey_file(numbers=[""]),
        options={"title": "x", "survey_id": theirs}))


def test_a_survey_upload_is_undone_by_its_uploader_or_the_administrator(demo_db):
    flex_team, director = as_role(demo_db, "flex_team"), as_role(demo_db, "director")
    upload(demo_db, flex_team, survey_file(numbers=[""]), "Bevraging flexteam")
    last = pipeline.last_undoable(demo_db)
    assert last["kind"] == "survey"
    assert not pipeline.may_undo(director, last)
    assert_refused_and_logged(demo_db, director, "survey.edit", lambda: pipeline.undo_last(
        demo_db, director))
    assert pipeline.may_undo(flex_team, last) and pipeline.may_undo(as_role(demo_db, "admin"),
                                                                   last)
    pipeline.undo_last(demo_db, flex_team)
    assert pipeline.last_undoable(demo_db) != last


def test_the_import_page_offers_no_undo_of_someone_elses_survey(demo_path):
    with Database(demo_path) as db:
        upload(db, as_role(db, "flex_team"), survey_file(numbers=[""]), "Bevraging flexteam")
    at = app_test("pages/admin_import.py", role="director")
    shown_texts = " ".join(shown(c.value) for c in at.caption)
    assert ("De laatste import is een enquête (Bevraging flexteam.csv): die kan alleen ongedaan "
            "gemaakt worden door wie ze opgeladen heeft, of door de beheerder.") in shown_texts
    assert not [b for b in at.button if b.key == "admin_import.undo"]


def test_a_wrong_kind_the_viewer_may_not_import_names_who_may(demo_db):
    """The flex team picks 'flex offer' for the director's budget file: pointing them to the
    budget kind would be a dead end (they may not choose it); the message says who may."""
    flex_team = as_role(demo_db, "flex_team")
    data = (SAMPLES / "prof_budget.csv").read_bytes()
    with pytest.raises(pipeline.FileRefused) as refused:
        pipeline.prepare(demo_db, flex_team, "flex-sessions", "prof_budget.csv", data,
                         today=TODAY)
    said = refused.value.render(NL)
    assert "Dat soort gegevens laden alleen deze rollen op: beheerder, directie." in said
    assert "Kies" not in said
    director = as_role(demo_db, "director")
    with pytest.raises(pipeline.FileRefused) as refused:
        pipeline.prepare(demo_db, director, "initiatives", "prof_budget.csv", data, today=TODAY)
    assert "Kies 'Professionaliseringsbudget (bronnen)'" in refused.value.render(NL)
