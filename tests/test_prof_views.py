"""The professionalisation pages' view builders, without Streamlit: the requests page's tabs,
choices, request heads and tables (app/prof/requests_view.py) and the plan page's evaluation
and expertise tables (app/prof/plan_view.py), on the demo school."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from app import auth
from app.db import Database
from app.i18n import Translator
from app.prof import plan, plan_view, requests, rules
from app.prof import requests_view as view
from tests.conftest import demo_user_id, shown

NL = Translator("nl")
YEAR = "2026-2027"


def viewer(db: Database, role: str) -> auth.Viewer:
    return auth.load_viewer(db, demo_user_id(role))


def test_each_role_gets_the_tabs_of_what_it_may_do(demo_db):
    tabs = {role: view.tabs(viewer(demo_db, role))
            for role in ("admin", "director", "teacher", "adviser")}
    # The director works the queue; a staff member files their own and keeps their levels;
    # the adviser keeps levels only (requests are not theirs); the administrator gets nothing.
    assert tabs == {"admin": [], "director": ["queue", "all"],
                    "teacher": ["mine", "new", "levels"], "adviser": ["levels"]}


def test_the_form_offers_active_competences_initiatives_subjects_and_classes(demo_db):
    offered = view.choices(demo_db, YEAR, NL)
    assert offered.competences and all(" · " in label for label in offered.competences.values())
    assert set(offered.initiatives) == set(plan.initiatives(demo_db, YEAR)["initiative_id"])
    assert offered.subjects and offered.classes
    first = next(iter(offered.competences))
    assert view.optional(offered.competences, first) == ([None, *offered.competences], 1)
    assert view.optional(offered.competences, None)[1] == 0
    assert view.optional(offered.competences, -1)[1] == 0


def test_a_request_reads_in_words_its_title_made_plain():
    row = {"title": "**Groot**", "state": "submitted", "cost": 150.5, "name": "Peeters, An",
           "starts_on": dt.date(2027, 2, 3), "form": "external_training", "goal": "Doel",
           "sharing_plan": None, "shared_on": None, "competence_id": 4}
    assert view.head(row, NL) == f"**\\*\\*Groot\\*\\*** · ingediend · {NL.money(150.5)}"
    assert view.own_title(row, NL) == "\\*\\*Groot\\*\\* · ingediend"
    lines = view.caption(row, NL)
    assert len(lines) == 1 and "03/02/2027" in shown(lines[0])
    assert view.still_open(row) and not view.sharing_due(row)
    assert view.experts_wanted(row) == 4
    done = {**row, "state": "done", "sharing_plan": "Op de vakgroep", "shared_on": pd.NaT}
    assert view.sharing_due(done) and len(view.caption(done, NL)) == 2
    assert not view.sharing_due({**done, "shared_on": dt.date(2027, 3, 1)})
    assert view.experts_wanted({**row, "form": "internal"}) is None
    assert view.experts_wanted({**row, "competence_id": float("nan")}) is None


def test_the_directors_tables_show_words_and_the_requests_to_follow_up(demo_db):
    director = viewer(demo_db, "director")
    every = requests.visible(demo_db, director, YEAR)
    table = view.requests_table(every, NL).frame
    assert not set(table["Stand"]) & set(rules.STATES)
    follow = view.follow_ups(every)
    states = dict(zip(every["request_id"].astype(int), every["state"], strict=True))
    assert follow and {states[r] for r in follow} <= set(view.FOLLOW_UP)
    request_id = int(every["request_id"].iloc[0])
    steps = view.steps_table(requests.steps(demo_db, director, YEAR), request_id, NL).frame
    assert len(steps) >= 1 and not set(steps.iloc[:, 0]) & set(rules.STATES)


def test_only_the_viewers_own_levels_are_listed_under_the_competence_label(demo_db):
    teacher = viewer(demo_db, "teacher")
    levels = demo_db.read("prof/staff_levels", scope=teacher.scope)
    labels = view.choices(demo_db, YEAR, NL).competences
    shown = view.levels_table(levels, teacher.staff_id, labels, NL).frame
    assert len(shown) == int((levels["staff_id"] == teacher.staff_id).sum())
    assert set(shown.iloc[:, 0]) <= set(labels.values())


def test_experts_are_named_with_their_team_or_alone():
    experts = pd.DataFrame({"name": ["Maes, Joke"], "subject_team": ["Wiskunde"]})
    assert "Maes, Joke \\(Wiskunde\\)" in view.experts_text(experts, NL)
    assert "Wiskunde" not in view.experts_text(experts, NL, with_team=False)
    assert view.experts_text(experts.iloc[0:0], NL) is None


def test_a_promise_to_share_reads_as_kept_or_not_yet():
    assert plan_view.sharing_text(False, None, NL) is None
    assert plan_view.sharing_text(True, pd.NaT, NL) == NL("prof.not_shared_yet")
    assert "14/10/2026" in plan_view.sharing_text(True, pd.Timestamp("2026-10-14"), NL)


def test_the_evaluation_table_keeps_money_as_numbers(demo_db):
    initiatives = plan.depth_table(plan.initiatives(demo_db, YEAR))
    shown = plan_view.evaluation_table(initiatives, NL).frame
    assert len(shown) == len(initiatives)
    assert shown[NL("prof.col.cost")].dtype.kind == "f"
