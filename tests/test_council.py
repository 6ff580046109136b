"""Class council and progress on the demo school's real database file: the class overview,
decisions with their history and access, the composition that follows them, the timeline and
its printable page, and the learning gains, flags and successes of Flex › Opvolging."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from app import auth
from app.council import decisions, overview, timeline
from app.council.decisions import Decision
from app.errors import AccessDenied, UserError
from app.flex import plans, progress, progress_view
from app.i18n import Translator
from app.scope import EVERYTHING
from tests.conftest import TODAY, app_test, demo_user_id

NL, EN = Translator("nl"), Translator("en")
YEAR = "2026-2027"
PAST = "2025-2026"      # the demo year with finished cycles and results before and after


def db_cursor(db):
    return db._con.cursor()


def viewer(db, role: str):
    return auth.load_viewer(db, demo_user_id(role))


def learners_of(db, codes: tuple[str, ...]) -> list[int]:
    with db._con.cursor() as cur:
        rows = cur.execute(
            "select e.learner_id from enrolment e join class c using (class_id)"
            " where c.school_year_id = ? and c.code in ? order by e.learner_id",
            [YEAR, list(codes)]).fetchall()
    return [r[0] for r in rows]


def needs_of(db, learner_ids: list[int]) -> pd.DataFrame:
    with db._con.cursor() as cur:
        return cur.execute(
            "select * from need where learner_id in ? and source = 'class_council'"
            " order by need_id", [learner_ids]).df()


def decision(**changes) -> Decision:
    base = dict(kind="remediation", subject_id="WIS", is_hard=True, reason="breuken",
                valid_from=dt.date(2026, 12, 1), valid_until=dt.date(2027, 3, 31))
    return Decision(**{**base, **changes})


# -- the class overview -----------------------------------------------------------------------

def test_the_matrix_holds_the_latest_result_of_every_learner_and_subject(demo_db):
    council = viewer(demo_db, "admin")
    classes = overview.classes(demo_db, council.scope, YEAR)
    class_id = int(classes["class_id"].iloc[0])
    periods = overview.periods(demo_db, YEAR)
    period_id = int(periods["period_id"].iloc[-1])
    view = overview.class_view(demo_db, council.scope, class_id, period_id, TODAY, "nl",
                               0.5, 0.5, 0.8)
    with demo_db._con.cursor() as cur:
        raw = cur.execute(
            "select r.learner_id, r.subject_id, r.score / r.max_score from result r"
            " join enrolment e using (learner_id) where e.class_id = ? and r.period_id = ?"
            " and r.score is not null", [class_id, period_id]).fetchall()
    assert raw
    for learner_id, subject_id, share in raw:
        assert view.shares.at[learner_id, subject_id] == pytest.approx(share)
    # Sorting by concern puts the learners with most reasons for worry first.
    ordered = overview.filtered(view, False, None, None)
    assert list(ordered["concern"]) == sorted(ordered["concern"], reverse=True)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_matrix_writes_results_as_percentages_and_keeps_shares_to_sort(demo_db, lang):
    t = Translator(lang)
    council = viewer(demo_db, "admin")
    class_id = int(overview.classes(demo_db, council.scope, YEAR)["class_id"].iloc[0])
    period_id = int(overview.periods(demo_db, YEAR)["period_id"].iloc[-1])
    view = overview.class_view(demo_db, council.scope, class_id, period_id, TODAY, lang,
                               0.5, 0.5, 0.8)
    shown = overview.table(view, overview.filtered(view, False, None, None), t)
    subject = next(iter(view.subjects.values()))
    assert shown.frame[subject].dtype.kind == "f"  # a column sorts by result
    body = shown.styler._translate(False, False)["body"]
    cells = [c["display_value"].replace("\u00a0", " ") for row in body for c in row[1:]]
    assert not [c for c in cells if c in ("None", "nan", "NaN", "<NA>")]
    percent = r"\d+ %" if lang == "nl" else r"\d+%"
    assert any(re.fullmatch(percent + r"( [↑↓])?", c) for c in cells), cells[:20]
    assert not [c for c in cells if re.fullmatch(r"0\.\d+", c)]


def test_filters_keep_only_learners_with_a_need_of_that_kind(demo_db):
    council = viewer(demo_db, "admin")
    classes = overview.classes(demo_db, council.scope, YEAR)
    for class_id in classes["class_id"].head(6):
        view = overview.class_view(demo_db, council.scope, int(class_id), None, TODAY, "nl",
                                   0.5, 0.5, 0.8)
        only = overview.filtered(view, True, None, "remediation")
        for learner_id in only.index:
            mine = view.needs[view.needs["learner_id"] == learner_id]
            assert (mine["kind"] == "remediation").any()


def test_a_class_council_member_picks_only_from_its_own_classes(demo_db):
    council = viewer(demo_db, "class_council")
    codes = set(overview.classes(demo_db, council.scope, YEAR)["code"])
    assert codes == {"1A", "1B"}


# -- decisions --------------------------------------------------------------------------------

def test_a_common_decision_is_saved_for_every_learner_with_who_and_when(demo_db):
    council = viewer(demo_db, "class_council")
    chosen = learners_of(demo_db, ("1A",))[:3]
    before = needs_of(demo_db, chosen)
    ids = decisions.decide(demo_db, council, chosen, decision(), "klassenraad 1A")
    after = needs_of(demo_db, chosen)
    new = after[after["need_id"].isin(ids)]
    assert len(new) == 3 == len(after) - len(before)
    assert set(new["learner_id"]) == set(chosen)
    assert (new["is_hard"]).all() and (new["subject_id"] == "WIS").all()
    assert set(new["decided_by"]) == {"klassenraad 1A"}
    assert set(new["recorded_by"]) == {council.name}
    with demo_db._con.cursor() as cur:
        logged = cur.execute("select record_ids, outcome from audit_log where action = 'decide'"
                             " order by audit_id desc limit 1").fetchone()
    assert sorted(logged[0]) == sorted(str(i) for i in ids) and logged[1] == "ok"


def test_changing_a_decision_ends_it_and_keeps_it_in_the_history(demo_db):
    council = viewer(demo_db, "class_council")
    learner = learners_of(demo_db, ("1B",))[0]
    [first] = decisions.decide(demo_db, council, [learner], decision(), "klassenraad 1B")
    second = decisions.change(demo_db, council, first, decision(kind="deepening",
                                                                is_hard=False), "kr")
    decisions.end(demo_db, council, second)
    history = demo_db.read("council/decisions", scope=council.scope, lang="nl",
                           learner_ids=[learner])
    mine = history.set_index("need_id").loc[[first, second]]
    assert mine["ended_at"].notna().all()
    assert set(mine["ended_by"]) == {council.name}
    assert mine.loc[second, "kind"] == "deepening"
    line = timeline.load(demo_db, council.scope, learner, YEAR, "nl")
    assert {first, second} <= set(line.decisions["need_id"])


def test_a_decision_changed_meanwhile_is_not_changed_again(demo_db):
    council = viewer(demo_db, "class_council")
    learner = learners_of(demo_db, ("1A",))[-1]
    [need_id] = decisions.decide(demo_db, council, [learner], decision(), "kr")
    decisions.end(demo_db, council, need_id)
    with pytest.raises(UserError) as refused:
        decisions.change(demo_db, council, need_id, decision(kind="broadening"), "kr")
    assert refused.value.key == "council.error.changed_meanwhile"


def test_a_council_cannot_decide_for_learners_of_other_classes(demo_db):
    council = viewer(demo_db, "class_council")
    elsewhere = learners_of(demo_db, ("2A",))[:2]
    assert len(elsewhere) == 2
    mine = learners_of(demo_db, ("1A",))[:1]
    before = needs_of(demo_db, elsewhere + mine)
    with pytest.raises(AccessDenied) as refused:
        decisions.decide(demo_db, council, mine + elsewhere, decision(), "kr")
    assert refused.value.render(NL) == (
        "Dat mag je alleen voor de leerlingen van je eigen klassen: een beslissing van de"
        " klassenraad nemen, wijzigen of beëindigen. Betrokken leerlingen buiten je klassen: 2."
        " Er is niets gewijzigd.")
    with pytest.raises(AccessDenied) as refused:
        decisions.decide(demo_db, viewer(demo_db, "teacher"), mine, decision(), "kr")
    assert refused.value.render(NL).startswith("Dat mag je niet: een beslissing van de"
                                               " klassenraad nemen")
    pd.testing.assert_frame_equal(needs_of(demo_db, elsewhere + mine), before)


@pytest.mark.parametrize(("changes", "key"), [
    ({"subject_id": None}, "council.error.subject_needed"),
    ({"valid_until": dt.date(2026, 11, 1)}, "council.error.ends_before_start"),
    ({"reason": "x" * 501}, "council.error.reason_long"),
    ({"kind": "extra"}, "council.error.kind"),
])
def test_a_wrong_decision_is_named_and_nothing_is_saved(demo_db, changes, key):
    council = viewer(demo_db, "admin")
    chosen = learners_of(demo_db, ("1A",))[:2]
    before = needs_of(demo_db, chosen)
    with pytest.raises(UserError) as refused:
        decisions.decide(demo_db, council, chosen, decision(**changes), "kr")
    assert refused.value.key == key
    assert NL(key, **refused.value.params) != key
    pd.testing.assert_frame_equal(needs_of(demo_db, chosen), before)


def test_the_next_composition_follows_the_council(demo_db):
    """Three binding decisions taken in the meeting: the next cycle places those learners in a
    session of that kind and subject, and says the class council is why."""
    council = viewer(demo_db, "admin")
    cycle_id = plans.next_cycle(demo_db, TODAY)
    start, until = decisions.default_dates(demo_db, TODAY)
    chosen = learners_of(demo_db, ("2B",))[:3] or learners_of(demo_db, ("1B",))[:3]
    subject = "FRA"
    decisions.decide(demo_db, council, chosen, decision(
        subject_id=subject, valid_from=start, valid_until=until), "klassenraad")
    plan, result = plans.compose_cycle(demo_db, auth.COMMAND_LINE, cycle_id)
    placed = plans.assignments(demo_db, EVERYTHING, plan.plan_id, "nl")
    for learner_id in chosen:
        mine = placed[placed["learner_id"] == learner_id]
        hit = mine[(mine["kind"] == "remediation") & (mine["subject_id"] == subject)]
        assert len(hit) >= 1, f"learner {learner_id} not in {subject} remediation"
        assert set(hit["reason_code"]) == {"hard_decision"}
    assert result.summary()["hard_unmet"] == 0


# -- decisions hold: the cycles they reach, and a warning when none can meet them ----------------

def test_a_decision_reaches_the_next_cycle_and_the_one_after_by_default(demo_db):
    """Taken on 23/11 (cycle 4 runs to 11/12... the next is cycle 5, 30/11-18/12), a decision
    runs at least to the end of cycle 6 in January: the end of the trimester would drop it
    before the council after it could look again."""
    start, until = decisions.default_dates(demo_db, TODAY)
    assert (start, until) == (dt.date(2026, 11, 30), dt.date(2027, 1, 22))
    reached = decisions.reach(demo_db, viewer(demo_db, "admin"), learners_of(demo_db, ("1A",))[:1],
                              "remediation", "WIS", start, until, TODAY)
    assert [c.seq for c in reached.cycles] == [5, 6] and not reached.unmet
    # Said by the days the cycles start: a composition reads the decisions open on that day.
    assert decisions.reach_words(reached, NL, "Wiskunde remediëring", True).says == (
        "Geldt voor de cycli 5 en 6, die beginnen van 30/11/2026 tot 04/01/2027.")
    # At the December council the next cycle is January's: the decision runs to the next council.
    start, until = decisions.default_dates(demo_db, dt.date(2026, 12, 16))
    assert start == dt.date(2027, 1, 4) and until > dt.date(2027, 3, 1)


def test_a_decision_no_session_can_meet_is_said_at_the_council(demo_db):
    start, until = decisions.default_dates(demo_db, TODAY)
    learner = learners_of(demo_db, ("1A",))[:1]
    council = viewer(demo_db, "admin")
    sessions = demo_db.read("flex/cycle_sessions", cycle_id=plans.next_cycle(demo_db, TODAY),
                            lang="nl")
    missing = next(code for code in decisions.subject_codes(demo_db)
                   if not ((sessions["kind"] == "remediation")
                           & (sessions["subject_id"] == code)).any())
    reached = decisions.reach(demo_db, council, learner, "remediation", missing, start, until,
                              TODAY)
    said = decisions.reach_words(reached, NL, "Latijn remediëring", True)
    assert [c.seq for c in reached.unmet][:1] == [5]
    assert said.warning.startswith("In de cycli 5") and "verplichte beslissing" in said.warning
    # Ending before the next cycle starts reaches nothing, and says so.
    ended = decisions.reach(demo_db, council, learner, "remediation", "WIS", start,
                            start - dt.timedelta(days=1), TODAY)
    assert not ended.cycles
    assert "Kies een latere einddatum" in decisions.reach_words(ended, NL, "x", True).warning
    # Such a decision is refused: saved, it would only add to the council's open count.
    before = needs_of(demo_db, learner)
    with pytest.raises(UserError) as refused:
        decisions.decide(demo_db, council, learner, decision(
            valid_from=start, valid_until=start - dt.timedelta(days=1)), "klassenraad 1A")
    assert refused.value.key == "council.error.ends_before_start"
    with pytest.raises(UserError) as refused:
        decisions.decide(demo_db, council, learner, decision(
            valid_from=TODAY - dt.timedelta(days=60), valid_until=TODAY - dt.timedelta(days=30)),
            "klassenraad 1A")
    assert refused.value.key == "council.error.reaches_nothing"
    pd.testing.assert_frame_equal(needs_of(demo_db, learner), before)


def test_change_opens_on_the_decision_itself(demo_path, demo_db):
    """'Wijzigen' shows the decision as it stands (kind, subject, binding, reason and dates),
    not the empty form drawn for a new one a moment before."""
    council = viewer(demo_db, "admin")
    at = app_test("pages/council_class.py", role="admin")
    class_id = at.selectbox[0].value
    view = overview.class_view(demo_db, EVERYTHING, int(class_id), None, TODAY, "nl",
                               0.4, 0.5, 0.8)
    learner_id = int(view.learners.index[-1])
    name = view.learners.loc[learner_id, "learner"]
    decisions.decide(demo_db, council, [learner_id], decision(
        kind="deepening", subject_id="FRA", is_hard=False, reason="wil meer lezen",
        valid_from=dt.date(2026, 12, 7), valid_until=dt.date(2027, 5, 28)), "klassenraad 1A")
    at.run()
    shown = at.dataframe[0].value
    _pick_rows(at, [list(shown.iloc[:, 0]).index(name)])
    need_id = int(needs_of(demo_db, [learner_id])["need_id"].iloc[-1])
    assert any("Geldt voor" in c.value for c in at.caption)
    at.button(key=f"council_class.change.{need_id}").click().run()
    assert not at.exception
    form = f"0.{need_id}"
    assert at.text_input(key=f"council_class.decide.reason.{form}").value == "wil meer lezen"
    assert at.toggle(key=f"council_class.decide.hard.{form}").value is False
    assert at.date_input(key=f"council_class.decide.from.{form}").value == dt.date(2026, 12, 7)
    assert at.date_input(key=f"council_class.decide.until.{form}").value == dt.date(2027, 5, 28)
    kinds = [box for box in at.selectbox if box.label == "Soort"]
    subjects = [box for box in at.selectbox if box.label == "Vak"]
    assert kinds[-1].value == "deepening" and subjects[-1].value == "FRA"


# -- the timeline ---------------------------------------------------------------------------------

def test_the_timeline_holds_results_flex_notes_surveys_and_decisions(demo_db):
    council = viewer(demo_db, "admin")
    with demo_db._con.cursor() as cur:
        learner = cur.execute(
            "select n.learner_id from feedback_note n join enrolment e using (learner_id)"
            " where e.school_year_id = ? limit 1", [YEAR]).fetchone()[0]
        results = cur.execute("select count(*) from result where learner_id = ?"
                              " and score is not null", [learner]).fetchone()[0]
    line = timeline.load(demo_db, council.scope, learner, YEAR, "nl")
    assert len(line.results.dropna(subset=["share"])) == results
    assert not line.flex.empty and not line.notes.empty
    page = timeline.printable(line, NL, "Demoschool", TODAY)
    assert line.learner["learner"] in page and "<script" not in page.lower()


def test_the_timeline_shows_the_notes_of_the_year_its_flex_table_is_of(demo_db):
    with db_cursor(demo_db) as cur:
        learner_id = cur.execute(
            "select f.learner_id from feedback_note f join week w using (week_id)"
            " where w.school_year_id = ? group by all order by count(*) desc limit 1",
            [PAST]).fetchone()[0]
    now = timeline.load(demo_db, EVERYTHING, learner_id, YEAR, "nl")
    then = timeline.load(demo_db, EVERYTHING, learner_id, PAST, "nl")
    assert len(then.notes) > 0
    assert not set(then.notes["week_id"]) & set(now.notes["week_id"])
    assert all(str(w).startswith(("2025-W", "2026-W")) for w in then.notes["week_id"])
    assert "Feedback in 2026-2027" in timeline.printable(now, NL, "School", TODAY)


def test_the_printable_timeline_escapes_what_people_typed(demo_db):
    council = viewer(demo_db, "admin")
    learner = learners_of(demo_db, ("1A",))[0]
    decisions.decide(demo_db, council, [learner], decision(reason="<script>alert(1)</script>"),
                     "kr")
    page = timeline.printable(timeline.load(demo_db, council.scope, learner, YEAR, "en"), EN,
                              "<b>School</b>", TODAY)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "&lt;b&gt;School&lt;/b&gt;" in page


def test_a_council_member_gets_no_timeline_of_another_class(demo_db):
    council = viewer(demo_db, "class_council")
    elsewhere = learners_of(demo_db, ("2A",))[0]
    line = timeline.load(demo_db, council.scope, elsewhere, YEAR, "nl")
    assert line is None or line.learner is None


def test_the_printed_timeline_is_logged_and_only_of_a_learner_one_may_see(demo_db):
    council = viewer(demo_db, "class_council")
    mine, elsewhere = learners_of(demo_db, ("1A",))[0], learners_of(demo_db, ("2A",))[0]
    page = timeline.export(demo_db, council, mine, YEAR, NL, "Demoschool", TODAY).decode()
    assert "<!DOCTYPE html>" in page
    with db_cursor(demo_db) as cur:
        logged = cur.execute("select user_id, entity, record_ids, detail from audit_log"
                             " where action = 'export' order by audit_id desc limit 1"
                             ).fetchone()
    assert logged == (council.user_id, "learner", [str(mine)], "timeline")
    with pytest.raises(AccessDenied) as refused:   # the permission model, and it is logged
        timeline.export(demo_db, council, elsewhere, YEAR, NL, "Demoschool", TODAY)
    assert refused.value.render(NL).startswith(
        "Dat mag je alleen voor de leerlingen van je eigen klassen: de tijdlijn van een"
        " leerling afdrukken.")


# -- progress: gains, flags, successes -------------------------------------------------------

def _gain_rows(rows: list[tuple]) -> pd.DataFrame:
    """Rows as gain_learners.sql gives them: (participant, learner, class, subject, before,
    after, session, cycle, kind, present); windows P1 -> P2 for everyone."""
    frame = pd.DataFrame(rows, columns=["participant", "learner_id", "class_id", "subject_id",
                                        "before_share", "after_share", "session_id",
                                        "cycle_seq", "kind", "present"])
    frame = frame.assign(before_id=1, after_id=2, code=frame["session_id"].map(
        lambda s: f"S{s}" if s == s and s is not None else None), weekday=2, lesson_hour=7,
        leader="X")
    return frame.assign(gain=frame["after_share"] - frame["before_share"],
                        band=(frame["before_share"] // progress.BAND).clip(0, 9))


def test_a_learner_counts_once_and_is_compared_at_their_own_starting_level():
    """Learner 1 took remediation in two cycles of one window: one gain, not two. The
    comparison learners who started low rose too (regression to the mean): the participants
    are set beside those of their own band, not beside everyone."""
    rows = _gain_rows([
        (True, 1, 1, "WIS", 0.35, 0.55, 10, 1, "remediation", 3),
        (True, 1, 1, "WIS", 0.35, 0.55, 11, 2, "remediation", 2),
        (True, 2, 1, "WIS", 0.32, 0.48, 10, 1, "remediation", 3),
        (False, 3, 1, "WIS", 0.31, 0.41, None, None, None, 0),    # low start: +0,10
        (False, 4, 1, "WIS", 0.38, 0.48, None, None, None, 0),    # low start: +0,10
        (False, 5, 1, "WIS", 0.85, 0.80, None, None, None, 0),    # high start: -0,05
    ])
    [line] = progress.summarise(rows, "kind", min_group=2).table.to_dict("records")
    assert line["learners"] == 2 and line["comparison_learners"] == 3
    assert line["gain"] == pytest.approx((0.20 + 0.16) / 2)
    assert line["comparison_gain"] == pytest.approx(0.10)    # band 3, not the mean 0,05
    assert line["difference"] == pytest.approx(0.08)
    assert line["dosage"] == pytest.approx(8 / 2)
    assert line["low"] < line["difference"] < line["high"]
    assert not line["too_small"]
    assert progress.summarise(rows, "kind", min_group=3).table["too_small"].iloc[0]
    by_session = progress.summarise(rows, "session", min_group=1).table
    assert sorted(by_session["learners"]) == [1, 2]


def test_a_difference_is_called_clear_only_when_its_interval_leaves_out_zero():
    steady = [(True, i, 1, "WIS", 0.40, 0.60 + 0.001 * i, 10, 1, "remediation", 3)
              for i in range(1, 31)]
    others = [(False, 100 + i, 1, "WIS", 0.40, 0.42 + 0.001 * i, None, None, None, 0)
              for i in range(1, 31)]
    clear = progress.summarise(_gain_rows(steady + others), "kind", 5).table.iloc[0]
    assert clear["verdict"] == "higher" and clear["low"] > 0
    noisy = [(True, i, 1, "WIS", 0.40, 0.40 + (0.3 if i % 2 else -0.28), 10, 1,
              "remediation", 3) for i in range(1, 9)]
    unclear = progress.summarise(_gain_rows(noisy + others), "kind", 5).table.iloc[0]
    assert unclear["verdict"] == "unclear" and unclear["low"] < 0 < unclear["high"]
    assert progress_view.interval(unclear, NL).endswith("%-punt")
    assert NL("progress.verdict.unclear").startswith("geen duidelijk verschil")
    empty = progress.summarise(_gain_rows(others).iloc[0:0], "leader", 5).table
    assert empty.empty and "too_small" in empty.columns


HAND_MADE = """
insert into school_year values ('2026-2027', '2026-09-01', '2027-08-31');
insert into period (period_id, school_year_id, seq, name, starts_on, ends_on) values
    (1, '2026-2027', 1, 'P1', '2026-09-01', '2026-10-01'),
    (2, '2026-2027', 2, 'P2', '2026-10-02', '2026-12-18');
insert into week (week_id, school_year_id, monday) values
    ('2026-W41', '2026-2027', '2026-10-05'), ('2026-W42', '2026-2027', '2026-10-12');
insert into flex_cycle (cycle_id, school_year_id, seq) values (1, '2026-2027', 1);
insert into flex_cycle_week values ('2026-W41', 1), ('2026-W42', 1);
insert into class (class_id, school_year_id, code, year_of_study, grade)
    values (1, '2026-2027', '1A', 1, 1);
insert into learner (learner_id, external_id, first_name, last_name)
    select i, 'L' || i, 'L' || i, 'Test' from range(1, 8) t(i);
insert into enrolment select i, '2026-2027', 1 from range(1, 8) t(i);
insert into subject values ('WIS', 'Wiskunde', 'Mathematics');
insert into result (learner_id, subject_id, period_id, score, max_score, absence_code) values
    (1, 'WIS', 1, 8, 20, null),  (1, 'WIS', 2, 12, 20, null),   -- took part: +0,20
    (2, 'WIS', 1, 10, 20, null), (2, 'WIS', 2, 11, 20, null),   -- took part: +0,05
    (3, 'WIS', 1, 10, 20, null), (3, 'WIS', 2, 10, 20, null),   -- in version 1 only: neither
    (4, 'WIS', 1, 12, 20, null), (4, 'WIS', 2, 14, 20, null),   -- not in flex: +0,10
    (5, 'WIS', 1, 9, 20, null),  (5, 'WIS', 2, 8, 20, null),    -- not in flex: -0,05
    (6, 'WIS', 1, 10, 20, null), (6, 'WIS', 2, 12, 20, null),   -- only in a draft: +0,10
    (7, 'WIS', 1, 10, 20, null), (7, 'WIS', 2, null, null, 'AFW');  -- took part, no result
insert into flex_slot (slot_id, weekday, lesson_hour) values (1, 2, 7);
insert into flex_session (session_id, cycle_id, slot_id, code, kind, subject_id, capacity)
    values (1, 1, 1, 'R1', 'remediation', 'WIS', 10), (2, 1, 1, 'B1', 'broadening', null, 10);
insert into flex_plan (plan_id, cycle_id, status, version) values
    (1, 1, 'published', 1), (2, 1, 'published', 2), (3, 1, 'proposal', 3);
insert into flex_assignment (plan_id, slot_id, learner_id, session_id, reason_code)
    values (1, 1, 3, 1, 'need'), (3, 1, 6, 1, 'need'),
           (2, 1, 1, 1, 'need'), (2, 1, 2, 1, 'need'), (2, 1, 7, 1, 'need'),
           (2, 1, 3, 2, 'fill'), (2, 1, 4, 2, 'fill'), (2, 1, 5, 2, 'fill'),
           (2, 1, 6, 2, 'fill');
insert into flex_attendance (week_id, session_id, learner_id, status) values
    ('2026-W41', 1, 1, 'present'), ('2026-W42', 1, 1, 'present'),
    ('2026-W41', 1, 2, 'present'), ('2026-W42', 1, 2, 'absent');
"""


def test_gain_and_comparison_on_a_class_made_by_hand(db):
    """Seven learners, one remediation session: the answer is worked out in the comments."""
    with db._con.cursor() as cur:
        cur.execute(HAND_MADE)
    rows = progress.learner_gains(db, EVERYTHING, "2026-2027")
    took_part = rows[rows["participant"]]
    assert set(took_part["learner_id"]) == {1, 2}                 # 7 has no result after
    assert set(took_part["code"]) == {"R1"} and took_part["present"].sum() == 3
    # 4, 5 and 6; not 3, who was published into the session once and may have attended
    assert set(rows[~rows["participant"]]["learner_id"]) == {4, 5, 6}
    [line] = progress.summarise(rows, "kind", 5).table.to_dict("records")
    assert line["gain"] == pytest.approx(0.125)
    # 1 began at 40 %, beside 5 (45 %: -0,05); 2 at 50 %, beside 6 (50 %: +0,10)
    assert line["comparison_gain"] == pytest.approx(0.025)
    assert line["difference"] == pytest.approx(0.10)
    assert line["dosage"] == pytest.approx(1.5)
    assert line["too_small"]                                     # 2 participants < 5
    assert not progress.summarise(rows, "kind", 2).table["too_small"].iloc[0]


def _one_participant(db):
    with db._con.cursor() as cur:
        return cur.execute(
            "select learner_id, session_id, subject_id, after_id, class_id"
            " from flex_participation(?) order by learner_id, session_id limit 1",
            [PAST]).fetchone()


def test_a_participants_gain_moves_with_their_result_and_nobody_elses(demo_db):
    learner, _, subject, after, _ = _one_participant(demo_db)
    key = ["participant", "learner_id", "subject_id", "before_id", "after_id", "session_id"]
    before = progress.learner_gains(demo_db, EVERYTHING, PAST).set_index(key)["gain"]
    with demo_db._con.cursor() as cur:
        max_score = cur.execute(
            "update result set score = score - 2 where learner_id = ? and subject_id = ?"
            " and period_id = ? returning max_score", [learner, subject, after]).fetchone()[0]
    after_change = progress.learner_gains(demo_db, EVERYTHING, PAST).set_index(key)["gain"]
    delta = (after_change - before).dropna()
    moved = delta[delta.abs() > 1e-9]
    assert len(moved) and set(moved.index.get_level_values("learner_id")) == {learner}
    assert set(moved.index.get_level_values("subject_id")) == {subject}
    # Its gain into that period falls, a later window's out of it rises, as much.
    assert (moved.abs() - 2 / float(max_score)).abs().max() < 1e-9


def test_the_comparison_holds_classmates_who_did_not_take_part(demo_db):
    _, session, subject, after, _ = _one_participant(demo_db)
    rows = progress.learner_gains(demo_db, EVERYTHING, PAST)
    mine = rows[rows["participant"] & (rows["session_id"] == session)]
    before_id = int(mine["before_id"].iloc[0])
    classes = set(mine["class_id"])
    with demo_db._con.cursor() as cur:
        cycles = [r[0] for r in cur.execute(
            "select distinct cycle_id from flex_participation(?) where before_id = ?"
            " and after_id = ?", [PAST, before_id, after]).fetchall()]
        in_subject = {r[0] for r in cur.execute(
            "select a.learner_id from flex_assignment a join flex_plan p using (plan_id)"
            " join flex_session s on s.session_id = a.session_id where p.cycle_id in ?"
            " and p.status = 'published' and s.subject_id = ?", [cycles, subject]).fetchall()}
        others = cur.execute(
            "select e.learner_id, b.score / b.max_score, f.score / f.max_score"
            " from enrolment e join result b on b.learner_id = e.learner_id"
            " and b.subject_id = $s and b.period_id = $b and b.score is not null"
            " join result f on f.learner_id = e.learner_id and f.subject_id = $s"
            " and f.period_id = $a and f.score is not null where e.class_id in $c",
            {"s": subject, "b": before_id, "a": after, "c": list(classes)}).fetchall()
    expected = {lid: a - b for lid, b, a in others if lid not in in_subject}
    compared = rows[~rows["participant"] & (rows["subject_id"] == subject)
                    & (rows["before_id"] == before_id) & (rows["after_id"] == after)
                    & rows["class_id"].isin(classes)]
    assert len(expected) > 0
    assert dict(zip(compared["learner_id"], compared["gain"], strict=True)) == pytest.approx(
        expected)
    # By learner: a comparison learner of a group is counted once, however many sessions.
    by_kind = progress.summarise(rows, "kind", 5).table
    assert (by_kind["comparison_learners"]
            <= rows[~rows["participant"]]["learner_id"].nunique()).all()


def test_learners_stuck_after_two_remediation_cycles_are_flagged(demo_db):
    flagged = progress.stalled(demo_db, EVERYTHING, PAST, "nl")
    assert not flagged.empty
    with demo_db._con.cursor() as cur:
        for row in flagged.head(10).itertuples():
            cycles = cur.execute(
                "select count(distinct cycle_id) from flex_participation(?)"
                " where learner_id = ? and subject_id = ? and kind = 'remediation'",
                [PAST, row.learner_id, row.subject_id]).fetchone()[0]
            assert cycles >= 2 and row.cycles >= 2
            assert row.last_share <= row.first_share


def test_successes_rise_at_least_the_threshold_and_scopes_hold(demo_db):
    wins = progress.successes(demo_db, EVERYTHING, PAST, 0.10, "nl")
    assert not wins.empty
    assert ((wins["after_share"] - wins["before_share"]) >= 0.10 - 1e-9).all()
    # One rise is one success: three cycles of one trimester listed one learner three times.
    once = ["learner_id", "subject_id", "before_share", "after_share"]
    assert not wins.duplicated(once).any()
    assert (wins["cycles"] >= 1).all() and (wins["cycles"] > 1).any()
    council = viewer(demo_db, "class_council")
    mine = progress.successes(demo_db, council.scope, PAST, 0.10, "nl")
    assert set(mine["class_code"]) <= {"1A", "1B"}
    assert set(progress.stalled(demo_db, council.scope, PAST, "nl")["class_code"]) <= {"1A", "1B"}


def test_wellbeing_trends_come_from_tagged_surveys_of_the_year(demo_db):
    trend = progress.survey_trend(demo_db, EVERYTHING, PAST, "wellbeing")
    assert not trend.empty
    assert set(trend["grouping"]) == {"class", "kind"}
    assert trend["score"].between(0, 1).all()


# -- the pages ----------------------------------------------------------------------------------

def _pick_rows(at, rows: list[int]) -> None:
    class_id = at.selectbox[0].value
    at.session_state[f"council_class.table.{class_id}.0"] = {
        "selection": {"rows": rows, "columns": [], "cells": []}}
    at.run()


def test_the_council_decides_for_two_learners_on_the_class_page(demo_path, demo_db):
    at = app_test("pages/council_class.py", role="class_council")
    assert not at.exception
    assert at.dataframe and at.dataframe[0].value.shape[0] > 5
    _pick_rows(at, [0, 1])
    assert any("2 leerlingen" in m.value for m in at.markdown)
    # Remediation is about a subject: without one the council is told so, nothing is saved.
    at.button(key="council_class.save_decision").click()
    at.run()
    assert any("kies het vak" in e.value for e in at.error)
    subject = [box for box in at.selectbox if box.label == "Vak"][-1]
    subject.select("WIS")
    at.text_input(key="council_class.decide.reason.0.new").input("tafels van vermenigvuldiging")
    at.button(key="council_class.save_decision").click()
    at.run()
    assert not at.exception
    with demo_db._con.cursor() as cur:
        saved = cur.execute("select count(*), any_value(decided_by) from need"
                            " where reason = 'tafels van vermenigvuldiging'").fetchone()
    assert saved[0] == 2 and saved[1].startswith("klassenraad 1")


def test_one_learner_shows_the_detail_and_a_link_to_the_timeline(demo_path):
    at = app_test("pages/council_class.py", role="admin")
    _pick_rows(at, [0])
    assert not at.exception
    assert at.subheader and at.get("page_link")
    assert any("Beslissing voor 1 leerling" in m.value for m in at.markdown)


def test_the_timeline_page_shows_a_learner_and_offers_the_print(demo_path, demo_db):
    learner = learners_of(demo_db, ("1A",))[0]
    at = app_test("pages/council_learner.py", role="class_council")
    at.query_params["learner"] = str(learner)
    at.run()
    assert not at.exception and not at.error
    assert at.get("download_button")
    at = app_test("pages/council_learner.py", role="class_council")
    at.query_params["learner"] = str(learners_of(demo_db, ("2A",))[0])
    at.run()
    assert any("buiten jouw klassen" in e.value for e in at.error)


def test_the_timeline_search_finds_a_learner_by_name(demo_path, demo_db):
    with demo_db._con.cursor() as cur:
        last = cur.execute("select l.last_name from learner l join enrolment e using"
                           " (learner_id) join class c using (class_id) where c.code = '1A'"
                           " limit 1").fetchone()[0]
    at = app_test("pages/council_learner.py", role="class_council")
    at.text_input(key="council_learner.search").input(last).run()
    assert not at.exception
    assert at.selectbox(key="council_learner.pick").options


def test_picking_groups_in_the_chart_narrows_the_lists(demo_path):
    at = app_test("pages/flex_progress.py", role="flex_team")
    everyone = at.dataframe[1].value
    assert set(everyone["Vak"]) > {"Wiskunde"}
    label = next(v for v in at.dataframe[0].value["Groep"] if v.startswith("Wiskunde · rem"))
    at.session_state["flex_progress.chart.subject"] = {"selection": {"group": [{"group": label}]}}
    at.run()
    assert not at.exception
    assert list(at.dataframe[0].value["Groep"]) == [label]
    assert set(at.dataframe[1].value["Vak"]) == {"Wiskunde"}
    assert any("alleen de groepen" in c.value for c in at.caption)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_progress_page_shows_gains_flags_and_successes(demo_path, lang):
    at = app_test("pages/flex_progress.py", role="director", lang=lang)
    assert not at.exception
    assert len(at.dataframe) >= 3
    gains = at.dataframe[0].value
    assert len(gains) >= 2
    heads = [s.value for s in at.subheader]
    assert ("Leerwinst" if lang == "nl" else "Learning gain") in heads
