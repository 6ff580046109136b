"""The flex pages' view builders, without Streamlit: the board's week, plans, badge, the
composition's report, the moves by hand and the comparison (app/flex/board.py), and the
follow-up page's groups and tables (app/flex/progress_view.py). The demo school, or frames made
by hand; the board's plan picker through a save, in AppTest (issue 14)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from app import auth
from app.db import Database
from app.flex import board, plans, progress_view
from app.flex.plans import Move, Plan
from app.i18n import Translator
from app.school import school_calendar
from tests.conftest import TODAY, app_test, demo_user_id, shown

NL = Translator("nl")


def _week(db):
    weeks = board.weeks(db, school_calendar.school_year_of(TODAY))
    cycle_id = int(weeks.iloc[board.default_week(weeks, TODAY)]["cycle_id"])
    return weeks, cycle_id


def test_the_board_points_the_flex_team_to_the_next_cycle_while_it_waits(demo_db):
    weeks, cycle_id = _week(demo_db)
    waiting = board.waiting_week(demo_db, weeks, cycle_id, TODAY)
    assert waiting == "2026-W49"  # cycle 4 is W46-W48 (herfst is W45 only), cycle 5 starts W49
    # On that cycle's own board there is nothing to point to.
    later = int(weeks.loc[weeks["week_id"] == waiting, "cycle_id"].iloc[0])
    assert board.waiting_week(demo_db, weeks, later, TODAY) is None


def test_a_proposal_is_the_flex_teams_alone(demo_db):
    _, cycle_id = _week(demo_db)
    team = auth.load_viewer(demo_db, demo_user_id("flex_team"))
    teacher = auth.load_viewer(demo_db, demo_user_id("teacher"))
    copy = plans.working_copy(demo_db, team, cycle_id)
    assert copy.plan_id in set(board.plans_for(demo_db, team, cycle_id)["plan_id"])
    seen = board.plans_for(demo_db, teacher, cycle_id)
    assert copy.plan_id not in set(seen["plan_id"]) and set(seen["status"]) == {"published"}
    labels = board.plan_labels(board.plans_for(demo_db, team, cycle_id), NL)
    assert labels[copy.plan_id] == NL("flex_board.plan.proposal")


def _plan(status: str = "proposal", report: dict | None = None) -> Plan:
    return Plan(plan_id=1, cycle_id=1, status=status, version=2, created_by="An",
                created_at=dt.datetime(2026, 11, 20, 9, 5), published_by="Bert",
                published_at=dt.datetime(2026, 11, 21, 14, 0), objective=12.5, bound=12.5,
                gap=0.0, seconds=1.25, report=report or {})


def test_the_badge_says_proposal_or_published_version():
    proposal = board.status_badge(_plan(), NL)
    assert (proposal.color, proposal.text) == ("orange", NL("flex_board.plan.proposal"))
    assert "An" in shown(proposal.caption) and "20/11/2026" in shown(proposal.caption)
    published = board.status_badge(_plan("published"), NL)
    assert published.color == "green" and "Bert" in shown(published.caption)


def test_the_composition_report_in_figures_proven_or_with_its_gap():
    summary = {"assigned": 198, "learners": 200, "objective": 12.5, "bound": 12.5, "gap": 0.0,
               "seconds": 1.25, "hard_unmet": 1, "fairness_unmet": 0}
    first, second = board.report_metrics(_plan(report={"summary": summary, "locked": 3}), NL)
    assert [m.value for m in first] == ["198 / 200", "12,50", "12,50", "1,25 s"]
    assert first[2].delta == NL("flex_board.report.proven") and first[2].delta_color == "normal"
    assert [m.value for m in second] == ["1", "0", "3"]
    open_gap = board.report_metrics(_plan(report={"summary": {**summary, "gap": 0.05,
                                                              "bound": None}}), NL)[0][2]
    assert open_gap.value == "–" and open_gap.delta_color == "inverse" and "5" in open_gap.delta
    assert board.report_messages(_plan(), NL, {}) == []


def test_moves_leave_who_is_there_already_and_locks_name_learner_and_slot():
    selected = pd.DataFrame({"learner_id": [1, 2], "slot_id": [7, 7], "session_id": [30, 31]})
    assert board.moves_to(selected, 31) == [Move(1, 7, 30, 31)]
    assert board.cells(selected) == [(1, 7), (2, 7)]


def test_slots_in_order_and_sessions_labelled_to_pick_from(demo_db):
    _, cycle_id = _week(demo_db)
    fill = plans.fill(demo_db, cycle_id, plans.current(demo_db, cycle_id).plan_id, "nl")
    slots = board.slots(fill)
    assert len(slots) == len(set(fill["slot_id"])) and slots == sorted(slots)
    labels = board.session_labels(fill, NL)
    assert set(labels) == set(fill["session_id"].astype(int))
    first = fill.iloc[0]
    assert labels[int(first["session_id"])].startswith(f"{first['code']} · ")
    # The session's own count, also for a viewer who sees fewer of its learners (a flex
    # teacher on a session of someone else's): '12', then '0 van 16' puzzled the teacher.
    full = pd.DataFrame({"learner_id": range(int(first["learners"]))})
    head = shown(board.session_head(first, full, NL))
    assert f"{int(first['learners'])} van {int(first['capacity'])} plaatsen" in head
    assert "ziet alleen" not in head
    seen = shown(board.session_head(first, full.head(0), NL))
    assert f"{int(first['learners'])} van {int(first['capacity'])} plaatsen" in seen
    assert "ziet alleen wie ze begeleidt" in seen


def test_the_comparison_counts_every_kind_of_change():
    changes = pd.DataFrame({"change": ["switch", "switch", "new"]})
    assert board.change_counts(changes) == {"switch": 2, "new": 1, "leaves": 0}
    assert board.diff_title(None, NL) == NL("flex_board.diff.none_title")
    assert "Versie 2" in shown(board.diff_title(_plan("published"), NL))



# -- the board's plan picker through a save (issue 14) -------------------------------------------

def _board_is_whole(at, db, picker: str) -> None:
    """No error on the board, and it draws the plan its picker shows, learners and all."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    shown_plan = plans.plan(db, at.selectbox(key=picker).value)
    assert shown_plan is not None
    sessions = next(d for d in at.dataframe if (d.key or "").startswith("flex_board.sessions."))
    assert sessions.value[NL("flex_board.col.learners")].sum() > 0


def test_recomposing_beside_a_published_version_opens_the_new_proposal(demo_path):
    """A cycle with a published version and a proposal, so the picker is drawn before the
    buttons: composing again drops the proposal it shows and opens on the new one, and
    publishing that opens on the new version. The picker's own value was once set after it
    was drawn (StreamlitWidgetAlreadyInstantiatedError, swallowed; the board then drew the
    dropped proposal with 0 learners and plans.diff got None)."""
    with Database(demo_path) as db:
        cycle_id = db.scalar("flex/cycle_of_week", week_id="2026-W48")
    picker = f"flex_board.plan.{cycle_id}@nl"
    at = app_test("pages/flex_board.py", role="flex_team", timeout=120)
    at.button(key="flex_board.edit").click().run()
    with Database(demo_path) as db:
        copy = plans.proposal(db, cycle_id)
        assert at.selectbox(key=picker).value == copy.plan_id
        _board_is_whole(at, db, picker)
    at.button(key="flex_board.compose").click().run()
    with Database(demo_path) as db:
        made = plans.proposal(db, cycle_id)
        assert made.plan_id != copy.plan_id and plans.plan(db, copy.plan_id) is None
        assert at.selectbox(key=picker).value == made.plan_id
        _board_is_whole(at, db, picker)
    # Looking at version 1 and composing again also opens on the new proposal.
    with Database(demo_path) as db:
        first = plans.latest_published(db, cycle_id).plan_id
    at.selectbox(key=picker).set_value(first).run()
    at.button(key="flex_board.compose").click().run()
    with Database(demo_path) as db:
        made = plans.proposal(db, cycle_id)
        assert at.selectbox(key=picker).value == made.plan_id
        _board_is_whole(at, db, picker)
    agree = [c for c in at.checkbox if (c.key or "").startswith("flex_board.agree.")]
    if agree:
        agree[0].check().run()
    at.button(key="flex_board.publish").click().run()
    with Database(demo_path) as db:
        published = plans.latest_published(db, cycle_id)
        assert (published.plan_id, published.version) == (made.plan_id, 2)
        box = at.selectbox(key=picker)
        assert box.value == published.plan_id and box.format_func(box.value).startswith("Versie 2")
        _board_is_whole(at, db, picker)


# -- the follow-up page --------------------------------------------------------------------------

def test_the_groups_picked_in_the_chart_and_the_sessions_charted():
    picked = {"selection": {"group": [{"group": "A"}, {"group": "B"}]}}
    assert progress_view.picked_groups(picked) == ["A", "B"]
    assert progress_view.picked_groups(None) == [] and progress_view.picked_groups({}) == []
    summary = pd.DataFrame({"difference": list(range(50, 0, -1))})
    assert len(progress_view.charted(summary, "session")) == progress_view.SESSIONS_SHOWN
    assert progress_view.charted(summary, "session")["difference"].iloc[0] == 1
    assert len(progress_view.charted(summary, "kind")) == 50


def test_a_group_too_small_is_marked_and_learners_tables_start_alike():
    summary = pd.DataFrame({"label": ["Remediëring", "Verdieping"], "learners": [3, 30],
                            "gain": [0.1, 0.05], "comparison_learners": [10, 40],
                            "comparison_gain": [0.02, 0.04], "difference": [0.08, 0.01],
                            "dosage": [2.0, 3.0], "too_small": [True, False],
                            "low": [-0.02, 0.004], "high": [0.18, 0.016],
                            "verdict": ["unclear", "higher"]})
    table = progress_view.gains_table(summary, NL).frame
    assert list(table[NL("progress.col.caution")]) == [NL("progress.too_small"), None]
    assert list(table[NL("progress.col.interval")]) == ["-2,0 tot +18,0 %-punt",
                                                        "+0,4 tot +1,6 %-punt"]
    assert list(table[NL("progress.col.verdict")]) == [NL("progress.verdict.unclear"),
                                                       NL("progress.verdict.higher")]
    people = pd.DataFrame({"learner": ["Peeters, An"], "class_code": ["1A"],
                           "subject": ["Wiskunde"], "cycles": [2], "first_share": [0.4],
                           "last_share": [0.41], "present": [5], "kind": ["remediation"],
                           "before_share": [0.4], "after_share": [0.6]})
    stalled = progress_view.stalled_table(people, NL).frame
    wins = progress_view.successes_table(people, NL).frame
    assert list(stalled.columns[:3]) == list(wins.columns[:3])
    assert wins[NL("progress.col.kind")].iloc[0] == NL.kind("remediation")
