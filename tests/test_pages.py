"""Every page renders on the demo school in both languages, without an exception."""

from __future__ import annotations

import datetime as dt

import pytest

from app.i18n import translate
from app.navigation import PAGES
from tests.conftest import app_test, first_role_for


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.key)
def test_page_renders_without_errors(demo_path, spec, lang):
    at = app_test(spec.path, lang=lang, role=first_role_for(spec))
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert [t.value for t in at.title] == [translate(lang, f"page.{spec.key}.title")]


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.key)
def test_every_widget_has_an_explicit_key(demo_path, spec):
    at = app_test(spec.path, role=first_role_for(spec))
    widgets = [*at.selectbox, *at.toggle, *at.checkbox, *at.radio, *at.text_input,
               *at.number_input, *at.multiselect, *at.button, *at.date_input]
    for widget in widgets:
        assert widget.key, f"{spec.key}: a {widget.type} without key"


def test_empty_database_shows_sign_in_with_first_steps(tmp_path, monkeypatch):
    monkeypatch.setenv("FLEXWIJS_DB", str(tmp_path / "empty.duckdb"))
    at = app_test(role=None)
    assert not at.exception and not at.error
    assert at.title[0].value == "Aanmelden"
    assert any("users add" in i.value for i in at.info)


def test_pages_on_an_empty_school_say_so_instead_of_failing(empty_school_user):
    for spec in PAGES:
        at = app_test(spec.path, user_id=empty_school_user)
        assert not at.exception, (spec.key, [e.value for e in at.exception])
        assert not at.error, (spec.key, [e.value for e in at.error])


def test_home_says_plainly_that_this_is_demo_data(demo_path):
    at = app_test("pages/home.py", lang="en")
    assert any("demo school with invented data" in i.value for i in at.info)


def test_home_shows_each_role_what_is_true_for_it(demo_path):
    """The start page shows the director the budget the budget pages show, leaves the learner
    figures out for a role that sees no learners (no false zeros), and shows the command to
    start an own school to the administrator only."""
    director = app_test("pages/home.py", role="director")
    metrics = {m.label: m.value.replace("\xa0", " ") for m in director.metric}
    assert metrics["Budget"] == "€ 12.950,00", metrics   # as Professionalisering › Overzicht
    assert {"Uitgegeven", "Over"} <= set(metrics)
    assert not any("Nog geen budget" in i.value for i in director.info)
    assert not any("make run" in i.value for i in director.info)
    adviser = app_test("pages/home.py", role="adviser")
    assert "Leerlingen met open noden" not in [h.value for h in adviser.subheader]
    assert not any(m.label == "Met minstens één nood" for m in adviser.metric)
    admin = app_test("pages/home.py", role="admin")
    assert "Leerlingen met open noden" in [h.value for h in admin.subheader]
    assert any("make run" in i.value for i in admin.info)


def test_language_switch_keeps_the_chosen_class(demo_path):
    at = app_test("pages/council_class.py", lang="nl")
    at.selectbox(key="council_class.class@nl").select_index(1).run()
    chosen = at.selectbox(key="council_class.class@nl").value
    assert "leerlingen" in at.selectbox(key="council_class.class@nl").options[1]
    at.session_state["app.lang"] = "en"
    at.run()
    picker = at.selectbox(key="council_class.class@en")
    assert at.title[0].value == "Class overview"
    assert picker.value == chosen
    assert "learners" in picker.options[1]


def test_the_log_says_actions_entities_and_roles_in_words(demo_path):
    at = app_test("pages/admin_log.py", role="admin")
    # The demo school was made today, by the real clock; the page's clock stands still.
    today = dt.date.today()
    at.session_state["admin_log.period"] = (today - dt.timedelta(days=1), today)
    at.run()
    assert not at.exception and not at.error
    log = at.dataframe[0].value
    assert "gebruiker toegevoegd" in set(log["Handeling"])
    assert not {"user_add", "migrate", "demo"} & set(log["Handeling"])
    assert any("rollen: beheerder" in d for d in log["Details"].dropna())
    assert not any("roles=" in d for d in log["Details"].dropna())
    assert "gebruiker toegevoegd" in at.selectbox(key="admin_log.action@nl").options


def test_the_users_table_names_roles_in_words_and_leaves_no_none(demo_path):
    at = app_test("pages/admin_users.py", role="admin")
    assert not at.exception and not at.error
    users = at.dataframe[0].value
    roles = " ".join(users["Rollen"].dropna())
    assert "beheerder" in roles and "class_council" not in roles and "flex_team" not in roles
    assert not any(isinstance(v, str) and v in ("None", "nan") for v in users.to_numpy().ravel())


def test_the_database_page_counts_what_it_holds_in_words(demo_path):
    at = app_test("pages/admin_database.py", role="admin")
    assert not at.exception and not at.error
    counted = at.dataframe[0].value
    assert "leerlingen" in set(counted.iloc[:, 0]) and "learners" not in set(counted.iloc[:, 0])
