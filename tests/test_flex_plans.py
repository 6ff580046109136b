"""Plans on the demo school's real database file: what routing reads, composing and storing a
proposal, moving and locking by hand, publishing versions, the checks, the diff against last
week, the messages to learners and parents, and the exports and command line."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import subprocess
import sys
from collections import defaultdict

import pandas as pd
import pytest

from app import export, i18n, settings
from app.audit import Audit
from app.auth import COMMAND_LINE, Viewer
from app.errors import UserError
from app.flex import board, plans, routing, words
from app.flex.plans import Move
from app.i18n import Translator
from app.scope import EVERYTHING, Scope
from tests.conftest import PROJECT_ROOT, TODAY

NL, EN = Translator("nl"), Translator("en")


def audit(action: str = "edit") -> Audit:
    return Audit(action, user_id=1, scope="all")


# The flex team composes, edits and publishes.
FLEX_TEAM = Viewer(user_id=1, email="flexteam@school.be", name="Flexteam",
                   roles=frozenset({"flex_team"}))


def flex_team(name: str) -> Viewer:
    """A member of the flex team, by name: plans and moves record who made them."""
    return dataclasses.replace(FLEX_TEAM, name=name)


@pytest.fixture
def proposal(demo_db):
    cycle_id = plans.next_cycle(demo_db, TODAY)
    plan, result = plans.compose_cycle(demo_db, flex_team("An Peeters"), cycle_id)
    return plan, result


def placements(db, plan_id: int) -> pd.DataFrame:
    return plans.assignments(db, EVERYTHING, plan_id, "nl")


# -- what routing reads --------------------------------------------------------------------------

def test_routing_reads_the_result_rule_as_configured(demo_db):
    cycle_id = plans.next_cycle(demo_db, TODAY)
    cycle = routing.load(demo_db, cycle_id)
    rule = {(lrn.learner_id, w.key) for lrn in cycle.learners for w in lrn.wishes
            if w.source == "result_rule"}
    # The same rule, counted independently: the latest period with results before the cycle.
    with demo_db._con.cursor() as cur:
        rows = cur.execute("""
            with latest as (
                select p.period_id from period p
                where p.school_year_id = '2026-2027' and p.starts_on <= $day
                  and exists (select 1 from result r where r.period_id = p.period_id)
                order by p.seq desc limit 1)
            select learner_id, subject_id, score / max_score from result
            where period_id = (select period_id from latest) and score is not null
        """, {"day": cycle.first_monday}).fetchall()
    expected = {(lid, ("remediation" if share < 0.5 else "deepening", subject, None))
                for lid, subject, share in rows if share < 0.5 or share > 0.8}
    assert rule == expected and rule

    with demo_db.transaction(audit()) as tx:
        settings.put(tx, "flex.rule.remediation_below", 0.3)
    stricter = routing.load(demo_db, cycle_id)
    fewer = {(lrn.learner_id, w.key) for lrn in stricter.learners for w in lrn.wishes
             if w.source == "result_rule" and w.key[0] == "remediation"}
    assert fewer < {r for r in rule if r[1][0] == "remediation"}


def test_routing_reads_fairness_from_the_published_history(demo_db):
    cycle_id = plans.next_cycle(demo_db, TODAY)
    cycle = routing.load(demo_db, cycle_id)
    history = demo_db.read("flex/history", scope=EVERYTHING, before=cycle.first_monday,
                           cycles=3)
    mondays = sorted(history["first_monday"].unique(), reverse=True)
    kinds = defaultdict(lambda: defaultdict(set))
    reasons = defaultdict(set)
    for row in history.itertuples():
        kinds[row.learner_id][row.first_monday].add(row.kind)
        if row.first_monday in mondays[:2]:
            reasons[row.learner_id].add(row.reason_code)
    for lrn in cycle.learners:
        streak = all(kinds[lrn.learner_id][m] == {"remediation"} for m in mondays[:2])
        assert lrn.needs_other_than_remediation == streak, lrn.learner_id
        assert lrn.owed_a_choice == ("choice" not in reasons[lrn.learner_id]), lrn.learner_id
    assert any(lrn.owed_a_choice for lrn in cycle.learners)


# -- composing and storing -----------------------------------------------------------------------

def test_composing_stores_one_proposal_with_every_learner_in_every_slot(demo_db, proposal):
    plan, result = proposal
    assert plan.is_proposal and plan.gap == 0 and plan.bound == pytest.approx(plan.objective)
    rows = placements(demo_db, plan.plan_id)
    learners = demo_db.read("flex/cycle_learners", scope=EVERYTHING, school_year="2026-2027")
    assert len(rows) == 2 * len(learners) == 2 * result.learners
    assert rows.groupby("learner_id")["slot_id"].nunique().eq(2).all()
    assert plan.report["summary"]["hard_unmet"] == len(result.hard_unmet) == 0
    again, _ = plans.compose_cycle(demo_db, flex_team("An Peeters"), plan.cycle_id)
    listing = plans.plans(demo_db, plan.cycle_id)
    assert list(listing["plan_id"]) == [again.plan_id]          # replaced, not added
    assert plans.plan(demo_db, plan.plan_id) is None
    log = demo_db.read("admin/audit_log", since=dt.datetime(2000, 1, 1),
                       until=dt.datetime(2100, 1, 1), action="compose", outcome="ok",
                       user_id=None, limit=10)
    assert len(log) == 2 and set(log["entity"]) == {"flex_plan"}


def test_a_move_is_locked_and_kept_by_the_next_composition(demo_db, proposal):
    plan, _ = proposal
    rows = placements(demo_db, plan.plan_id)
    first = rows.iloc[0]
    target = rows[(rows["slot_id"] == first["slot_id"])
                  & (rows["session_id"] != first["session_id"])].iloc[-1]
    move = Move(int(first["learner_id"]), int(first["slot_id"]), int(first["session_id"]),
                int(target["session_id"]))
    assert plans.move(demo_db, flex_team("An Peeters"), plan.plan_id, [move]) == 1
    moved = placements(demo_db, plan.plan_id).set_index(["learner_id", "slot_id"]).loc[
        (move.learner_id, move.slot_id)]
    assert moved["session_id"] == move.to_session and moved["is_locked"]
    assert moved["moved_by"] == "An Peeters" and moved["reason_code"] != "moved"
    assert "met de hand geplaatst door An Peeters" in words.reason_text(moved.to_dict(), NL)

    again, _ = plans.compose_cycle(demo_db, flex_team("Flexteam"), plan.cycle_id)
    kept = placements(demo_db, again.plan_id).set_index(["learner_id", "slot_id"]).loc[
        (move.learner_id, move.slot_id)]
    assert kept["session_id"] == move.to_session and kept["is_locked"]
    assert kept["moved_by"] == "An Peeters"


def test_a_stale_move_changes_nothing(demo_db, proposal):
    plan, _ = proposal
    rows = placements(demo_db, plan.plan_id)
    a, b = rows.iloc[0], rows.iloc[1]
    other = int(rows[(rows["slot_id"] == a["slot_id"])
                     & (rows["session_id"] != a["session_id"])]["session_id"].iloc[0])
    good = Move(int(a["learner_id"]), int(a["slot_id"]), int(a["session_id"]), other)
    stale = Move(int(b["learner_id"]), int(b["slot_id"]), other + 99999, other)
    before = placements(demo_db, plan.plan_id)
    with pytest.raises(UserError, match="changed_meanwhile"):
        plans.move(demo_db, flex_team("An"), plan.plan_id, [good, stale])
    pd.testing.assert_frame_equal(placements(demo_db, plan.plan_id), before)
    wrong_slot = rows[rows["slot_id"] != a["slot_id"]]["session_id"].iloc[0]
    with pytest.raises(UserError, match="other_slot"):
        plans.move(demo_db, flex_team("An"), plan.plan_id, [Move(good.learner_id, good.slot_id,
                                                           good.from_session, int(wrong_slot))])


def test_publishing_makes_versions_that_stay_readable(demo_db, proposal):
    plan, _ = proposal
    assert plans.publish(demo_db, flex_team("An Peeters"), plan.plan_id) == 1
    with pytest.raises(UserError, match="changed_meanwhile"):
        plans.publish(demo_db, flex_team("An Peeters"), plan.plan_id)
    v1 = plans.latest_published(demo_db, plan.cycle_id)
    assert (v1.version, v1.published_by) == (1, "An Peeters") and v1.published_at
    v1_rows = placements(demo_db, v1.plan_id)

    copy = plans.working_copy(demo_db, flex_team("Jo"), plan.cycle_id)
    assert copy.is_proposal and copy.plan_id != v1.plan_id
    first = v1_rows.iloc[0]
    other = int(v1_rows[(v1_rows["slot_id"] == first["slot_id"])
                        & (v1_rows["code"] != first["code"])]["session_id"].iloc[0])
    plans.move(demo_db, flex_team("Jo"), copy.plan_id, [
        Move(int(first["learner_id"]), int(first["slot_id"]), int(first["session_id"]), other)])
    changes, base = plans.diff(demo_db, EVERYTHING, copy, "nl")
    assert base.plan_id == v1.plan_id
    assert changes[["learner_id", "change"]].values.tolist() == [[first["learner_id"],
                                                                   "switch"]]
    assert plans.publish(demo_db, flex_team("Jo"), copy.plan_id) == 2
    pd.testing.assert_frame_equal(placements(demo_db, v1.plan_id), v1_rows)   # untouched
    listing = plans.plans(demo_db, plan.cycle_id)
    assert list(listing["version"]) == [2, 1]


def test_checks_name_what_to_look_at_before_publishing(demo_db, proposal):
    plan, _ = proposal
    assert plans.checks(demo_db, plan) == []
    rows = placements(demo_db, plan.plan_id)
    slot = rows["slot_id"].iloc[0]
    in_slot = rows[rows["slot_id"] == slot]
    target = in_slot.groupby("session_id").size().idxmax()
    capacity = int(in_slot[in_slot["session_id"] == target]["capacity"].iloc[0])
    movers = in_slot[in_slot["session_id"] != target].head(capacity + 1)
    plans.move(demo_db, flex_team("An"), plan.plan_id, [Move(int(r.learner_id), int(r.slot_id),
                                                       int(r.session_id), int(target))
                                                  for r in movers.itertuples()])
    with demo_db._con.cursor() as cur:      # a learner without a session on one day
        gone = int(rows["learner_id"].iloc[-1])
        cur.execute("delete from flex_assignment where plan_id = $p and learner_id = $l "
                    "and slot_id = $s", {"p": plan.plan_id, "l": gone, "s": int(slot)})
    found = {c.code: c for c in plans.checks(demo_db, plan)}
    assert found["over_capacity"].count == 1
    assert found["unplaced"].learners == (gone,)
    text = words.check_text(found["over_capacity"], NL, {})
    assert "Sessies met meer leerlingen dan plaatsen (1)" in text


def test_a_flex_teacher_sees_their_own_groups_once_published(demo_db, proposal):
    plan, _ = proposal
    rows = placements(demo_db, plan.plan_id)
    fill = demo_db.read("flex/plan_fill", cycle_id=plan.cycle_id, plan_id=plan.plan_id,
                        lang="nl").dropna(subset=["leader_staff_id"])
    leader = int(fill["leader_staff_id"].iloc[0])
    own = set(fill[fill["leader_staff_id"] == leader]["session_id"])
    teacher = Scope(leader_staff_id=leader, school_year="2026-2027")
    before = plans.assignments(demo_db, teacher, plan.plan_id, "nl")
    # Before publishing, only learners they already had in a published group (earlier
    # cycles) can show up, never a learner new to them.
    earlier = demo_db.read("flex/history", scope=teacher, before=dt.date(2100, 1, 1),
                           cycles=100)
    assert set(before["learner_id"]) <= set(earlier["learner_id"])
    plans.publish(demo_db, flex_team("An"), plan.plan_id)
    seen = plans.assignments(demo_db, teacher, plan.plan_id, "nl")
    assert set(seen["session_id"]) <= own
    assert set(seen["learner_id"]) == set(rows[rows["session_id"].isin(own)]["learner_id"])


def test_a_move_keeps_why_the_learner_is_there(demo_db, proposal):
    """Moved to another group of the same content, a learner placed for a need keeps that
    need as the reason, beside who moved them; the parent still reads why."""
    plan, _ = proposal
    rows = placements(demo_db, plan.plan_id)
    needed = rows[rows["reason_code"].isin(["need", "hard_decision"])]
    for row in needed.itertuples():
        twins = rows[(rows["slot_id"] == row.slot_id) & (rows["kind"] == row.kind)
                     & (rows["subject_id"] == row.subject_id)
                     & (rows["session_id"] != row.session_id)]
        if len(twins):
            break
    else:
        pytest.fail("the demo has no content given in two groups at one hour")
    move = Move(int(row.learner_id), int(row.slot_id), int(row.session_id),
                int(twins["session_id"].iloc[0]))
    plans.move(demo_db, flex_team("An Peeters"), plan.plan_id, [move])
    moved = placements(demo_db, plan.plan_id).set_index(["learner_id", "slot_id"]).loc[
        (move.learner_id, move.slot_id)]
    assert moved["reason_code"] == row.reason_code
    text = words.reason_text(moved.to_dict(), NL)
    assert words.detail_of(moved).get("need_id") == words.detail_of(row._asdict()).get("need_id")
    assert text.startswith(NL(f"reason.{row.reason_code}"))
    assert "met de hand geplaatst door An Peeters" in text
    plans.publish(demo_db, flex_team("An Peeters"), plan.plan_id)
    published = plans.latest_published(demo_db, plan.cycle_id)
    mine = plans.assignments(demo_db, EVERYTHING, published.plan_id, "nl")
    letter = words.message(mine[mine["learner_id"] == move.learner_id],
                           pd.DataFrame(columns=["learner_id", "change"]), NL, "parent",
                           *plans.cycle_span(demo_db, published.cycle_id)).body
    assert "het flexteam koos" not in letter


# -- recomposing beside a published version -------------------------------------------------------

def _three_new_decisions(db, plan, start: dt.date | None = None) -> list[int]:
    """Three learners now in broadening get a binding decision for French remediation."""
    from app.council import decisions
    from app.council.decisions import Decision

    rows = placements(db, plan.plan_id)
    chosen = [int(i) for i in rows[rows["kind"] == "broadening"]["learner_id"]
              .drop_duplicates().head(3)]
    first, until = decisions.default_dates(db, TODAY)
    start = start or first
    decisions.decide(db, COMMAND_LINE, chosen, Decision("remediation", "FRA", True, "toets",
                                                     start, until), "klassenraad 1A")
    return chosen


def _switchers(db, before: int, after: int) -> set[int]:
    old = placements(db, before).set_index(["learner_id", "slot_id"])["session_id"]
    new = placements(db, after).set_index(["learner_id", "slot_id"])["session_id"]
    both = old.to_frame("old").join(new.to_frame("new"), how="outer")
    return {int(lid) for (lid, _), r in both.iterrows() if r["old"] != r["new"]}


def test_recomposing_for_three_decisions_moves_those_three_and_says_why(demo_db, proposal):
    plan, _ = proposal
    plans.publish(demo_db, flex_team("An"), plan.plan_id)
    chosen = _three_new_decisions(demo_db, plan)
    again, _ = plans.compose_cycle(demo_db, flex_team("An"), plan.cycle_id)
    assert _switchers(demo_db, plan.plan_id, again.plan_id) == set(chosen)
    summary = plans.plan(demo_db, again.plan_id).report["summary"]
    assert summary["moved_learners"] == 3 and summary["moved_why"] == {"hard_decision": 3}
    said = board.report_moves(plans.plan(demo_db, again.plan_id), NL)
    assert said == ("Tegenover versie 1 wisselen 3 leerlingen van groep: 3 voor een "
                    "beslissing van de klassenraad.")
    # Before publishing, the checks say who switches: never 'Geen opmerkingen' with switches.
    found = {c.code: c for c in plans.checks(demo_db, again, "nl", TODAY)}
    assert found["switches"].count == 3 and set(found["switches"].learners) == set(chosen)


def test_recomposing_without_changes_keeps_the_groups_and_the_score(demo_db, proposal):
    """The move cost holds the groups, and is no part of the score the flex team reads: the
    same groups score the same (it went from 5.544 to 29.550 for identical groups)."""
    plan, first = proposal
    plans.publish(demo_db, flex_team("An"), plan.plan_id)
    again, result = plans.compose_cycle(demo_db, flex_team("An"), plan.cycle_id)
    assert _switchers(demo_db, plan.plan_id, again.plan_id) == set()
    assert result.objective == pytest.approx(first.objective)
    assert result.bound == pytest.approx(first.bound)


def test_with_no_cost_for_a_move_the_groups_reshuffle(demo_db, proposal):
    """The cost is what holds the groups: at 0 (the school may choose it) ties reshuffle."""
    plan, _ = proposal
    plans.publish(demo_db, flex_team("An"), plan.plan_id)
    with demo_db.transaction(FLEX_TEAM.audit("edit", "setting")) as tx:
        settings.put(tx, "flex.recompose.move_cost", 0)
    chosen = _three_new_decisions(demo_db, plan)
    again, _ = plans.compose_cycle(demo_db, flex_team("An"), plan.cycle_id)
    assert len(_switchers(demo_db, plan.plan_id, again.plan_id) - set(chosen)) > 3


def test_switches_in_a_running_cycle_are_said_as_mid_cycle(demo_db):
    running = plans.cycle_of_week(demo_db, "2026-W48")       # TODAY is in its last week
    plan, _ = plans.compose_cycle(demo_db, flex_team("An"), running)
    plans.publish(demo_db, flex_team("An"), plan.plan_id)
    _three_new_decisions(demo_db, plan, start=plans.cycle_span(demo_db, running)[0])
    again, _ = plans.compose_cycle(demo_db, flex_team("An"), running)
    found = {c.code for c in plans.checks(demo_db, again, "nl", TODAY)}
    assert "switches_running" in found and "switches" not in found


def test_a_decision_for_a_subject_not_on_offer_is_reported_by_its_name(demo_db):
    """The trial read 'MUZ remediëring staat niet in het aanbod': the name, not the code."""
    from app.council import decisions
    from app.council.decisions import Decision

    cycle_id = plans.next_cycle(demo_db, TODAY)
    offered = set(demo_db.read("flex/cycle_sessions", cycle_id=cycle_id, lang="nl")["subject_id"])
    missing = next(code for code in decisions.subject_codes(demo_db) if code not in offered)
    learner = int(placements_of_any(demo_db))
    start, until = decisions.default_dates(demo_db, TODAY)
    decisions.decide(demo_db, COMMAND_LINE, [learner], Decision(
        "remediation", missing, True, "toets", start, until), "klassenraad 1A")
    plan, _ = plans.compose_cycle(demo_db, flex_team("An"), cycle_id)
    said = " ".join(board.report_messages(plans.plan(demo_db, plan.plan_id), NL, {}))
    name = demo_db.read("import/subjects").set_index("subject_id").loc[missing, "name_nl"]
    assert f"{name} remediëring staat niet in het aanbod" in said
    assert not re.search(rf"\b{missing}\b", said)


def placements_of_any(db) -> int:
    with db._con.cursor() as cur:
        return cur.execute("select learner_id from enrolment e join class c using (class_id)"
                           " where c.school_year_id = '2026-2027' order by 1 limit 1"
                           ).fetchone()[0]


# -- a place nobody asked for ---------------------------------------------------------------------

def test_a_learner_without_need_or_choice_sits_in_remediation_only_when_nothing_else_has_room(
        demo_db, proposal):
    """The demo's next cycle: a free place goes to broadening or deepening first. A learner in
    remediation without a need, choice or decision is there only because every other session
    of that hour open to them is full; the reason says which it is, never 'Vrije plaats'."""
    plan, _ = proposal
    rows = placements(demo_db, plan.plan_id)
    sessions = demo_db.read("flex/cycle_sessions", cycle_id=plan.cycle_id, lang="nl")
    fill = rows.groupby("session_id").size()
    open_room = {int(s.session_id): int(s.capacity) - int(fill.get(s.session_id, 0))
                 for s in sessions.itertuples()}
    cycle = routing.load(demo_db, plan.cycle_id)
    learners = {lrn.learner_id: lrn for lrn in cycle.learners}
    free = rows[rows["reason_code"] == "fill"]
    assert len(free), "the demo has no free places: the rule goes untested"
    for row in free.itertuples():
        text = words.reason_text(row._asdict(), NL)
        # No need or choice, or a choice that was full (then the full choice is named too).
        assert text.startswith(("Geen nood of keuze", "Een plaats in")), text
        assert NL.kind(row.kind) in text
        assert text.startswith("Geen nood") != ("Eerste keuze" in text), text
        if row.kind != "remediation":
            continue
        learner = learners[int(row.learner_id)]
        elsewhere = [o for o in cycle.offerings if o.slot_id == row.slot_id
                     and o.key[0] != "remediation" and o.admits(learner.year, learner.class_code)]
        assert all(open_room[s] <= 0 for o in elsewhere for s in o.sessions), (
            f"{row.learner} sits in remediation with room elsewhere")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_reason_says_each_thing_once_and_no_code(demo_db, proposal, lang):
    """Every placement of the demo's next cycle: no subject code, and no word said twice
    ('Nood – vakleerkracht: Vakleerkracht: ... (beslist door Vakleerkracht)')."""
    plan, _ = proposal
    t = Translator(lang)
    codes = set(demo_db.read("import/subjects")["subject_id"])
    for row in plans.assignments(demo_db, EVERYTHING, plan.plan_id, lang).to_dict("records"):
        text = words.reason_text(row, t)
        typed = row.get("need_reason")          # what people typed may say what it says
        ours = text.replace(typed, "") if isinstance(typed, str) and typed else text
        said = [w.casefold() for w in re.findall(r"[^\W\d_]{6,}", ours)]
        assert len(said) == len(set(said)), text
        assert not set(re.findall(r"\b[A-Z]{2,4}\b", text)) & codes, text
        # Two sentences are two sentences: 'Eigen keuze (2e keuze) Eerste keuze ...' ran on.
        assert not re.search(r"[^.!?] (Eerste keuze|First choice)", text), text


# -- messages --------------------------------------------------------------------------------------

def _published_for_letters(demo_db, plan, lang):
    """Publish the proposal and read what a letter is written from: the translator, every
    assignment, the changes against the version before and the cycle's first and last day."""
    plans.publish(demo_db, flex_team("An"), plan.plan_id)
    published = plans.latest_published(demo_db, plan.cycle_id)
    rows = plans.assignments(demo_db, EVERYTHING, published.plan_id, lang)
    changes, _ = plans.diff(demo_db, EVERYTHING, published, lang)
    start, end = plans.cycle_span(demo_db, published.cycle_id)
    return Translator(lang), rows, changes, start, end


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_messages_say_where_when_what_and_why_without_ranking_or_scores(demo_db, proposal, lang):
    plan, _ = proposal
    t, rows, changes, start, end = _published_for_letters(demo_db, plan, lang)
    hard = rows[rows["reason_code"] == "hard_decision"]["learner_id"].iloc[0]
    mine = rows[rows["learner_id"] == hard]
    for audience in ("learner", "parent"):
        note = words.message(mine, changes[changes["learner_id"] == hard], t, audience,
                             start, end)
        first = mine["first_name"].iloc[0]
        assert first in note.body and t.date(start) in note.body and t.date(end) in note.body
        for row in mine.itertuples():
            assert words.slot(t, row.weekday, row.lesson_hour) in note.body
            assert row.leader in note.body and row.room in note.body
        for kind in ("remediation", "deepening", "broadening"):
            assert t.kind(kind) in note.body                  # all three, side by side
        assert "%" not in note.body                           # no scores, no need texts
        assert not any(isinstance(r, str) and r in note.body for r in mine["need_reason"])
        assert note.changed == bool((changes["learner_id"] == hard).any())
    stays = rows[~rows["learner_id"].isin(changes["learner_id"])]
    if len(stays):
        quiet = words.message(stays[stays["learner_id"] == stays["learner_id"].iloc[0]],
                              changes.iloc[0:0], t, "learner", start, end)
        assert not quiet.changed


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_messages_name_groups_and_subjects_in_words_and_address_one_way(demo_db, proposal,
                                                                         lang):
    """No session code (1FRA-R1) or subject code (WIS) in a letter, also not in the change of
    group; 'je' to learners and 'u' to parents, never both in one letter."""
    import re

    plan, _ = proposal
    t, rows, changes, start, end = _published_for_letters(demo_db, plan, lang)
    subjects = set(demo_db.read("import/subjects")["subject_id"])
    codes = set(rows["code"]) | subjects
    switched = set(changes.loc[changes["change"] == "switch", "learner_id"])
    # Every learner: a session without leader or a rare reason is worded in few letters.
    learners = list(rows["learner_id"].drop_duplicates())
    assert switched, "the demo plan switches nobody: the change of group goes untested"
    informal = re.compile(r"\b(je|jij|jou|jouw|you|your)\b", re.IGNORECASE)
    formal = re.compile(r"\b(u|uw)\b", re.IGNORECASE)
    for learner_id in learners:
        mine = rows[rows["learner_id"] == learner_id]
        theirs = changes[changes["learner_id"] == learner_id]
        for audience in ("learner", "parent"):
            body = words.message(mine, theirs, t, audience, start, end).body
            said = set(re.findall(r"[\w-]+", body))
            assert not said & codes, (audience, said & codes)
            assert "nan" not in said and "None" not in said
            if lang == "nl" and audience == "learner":
                assert not formal.search(body), body
            if lang == "nl" and audience == "parent":
                assert not informal.search(body), body
            if lang == "en" and audience == "parent":
                assert "your child" in body


def test_every_text_a_letter_can_use_addresses_its_reader_one_way():
    """'je' to learners, 'u' to parents, neither in the texts both letters share: the catalogue
    itself, so that a text no demo letter happens to use is checked too."""
    informal = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)
    formal = re.compile(r"\b(u|uw)\b", re.IGNORECASE)
    texts = {key: text for key, text in i18n.catalogue("nl").items()
             if key.startswith("flex.message.")}
    assert len(texts) > 30
    for key, text in texts.items():
        if key.startswith("flex.message.parent."):
            assert not informal.search(text), key
        elif key.startswith("flex.message.learner."):
            assert not formal.search(text), key
        else:
            assert not informal.search(text) and not formal.search(text), key


# -- exports and the command line -----------------------------------------------------------------

def test_exports_of_a_plan_carry_week_slot_session_learner_kind_subject_reason(demo_db,
                                                                                proposal):
    plan, _ = proposal
    week = demo_db.one("flex/cycle", cycle_id=plan.cycle_id)["weeks"][0]
    frame = export.frame_for(demo_db, EVERYTHING, "assignments", EN, plan_id=plan.plan_id,
                             cycle_id=plan.cycle_id, week=week)
    assert {"Week", "Flex hour", "Session id", "Learner id", "Kind", "Subject code",
            "Reason"} <= set(frame.columns)
    assert set(frame["Week"]) == {week} and frame["Reason"].str.len().min() > 3
    sessions = export.frame_for(demo_db, EVERYTHING, "sessions", EN, plan_id=plan.plan_id,
                                cycle_id=plan.cycle_id, week=week)
    assert {"Session id", "Kind", "Places", "Leader"} <= set(sessions.columns)
    assert sessions["Learners"].sum() == len(frame)


def run_cli(*args: str, db) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args, "--db", str(db)],
                          capture_output=True, text=True, cwd=PROJECT_ROOT,
                          env={"FLEXWIJS_TODAY": TODAY.isoformat(), "PATH": "/usr/bin:/bin"},
                          timeout=300)


def test_compose_and_export_on_the_command_line(demo_path, tmp_path):
    done = run_cli("compose", "--json", db=demo_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert {"week", "learners", "assigned", "unassigned", "objective", "bound", "gap",
            "seconds", "hard_unmet", "over_capacity"} <= set(report)
    assert report["gap"] == 0 and report["assigned"] == report["learners"]
    assert re.fullmatch(r"\d{4}-W\d{2}", report["week"])
    out = tmp_path / "a.csv"
    done = run_cli("export", "assignments", "--week", report["week"], "--out", str(out),
                   db=demo_path)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8-sig").count("\n") == 2 * report["learners"] + 1
    refused = run_cli("export", "sessions", "--week", report["week"], "--published",
                      "--out", str(tmp_path / "s.csv"), db=demo_path)
    assert refused.returncode == 2 and "gepubliceerd" in refused.stderr
    assert not (tmp_path / "s.csv").exists()
    wrong = run_cli("compose", "--week", "2031-W01", db=demo_path)
    assert wrong.returncode == 2 and "2031-W01" in wrong.stderr

