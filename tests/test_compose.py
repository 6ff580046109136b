"""Composing flex groups on small cases made by hand, whose optimum is known or can be found by
trying every plan: optimality and the proven bound, each constraint, the fairness rules, locked
placements, the messages when no plan meets everything, and the reason of every placement."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections import defaultdict

import pandas as pd
import pytest

from app.flex import compose, routing
from app.flex.compose import Placement
from app.flex.routing import Cycle, Learner, Wish, offer_key

TUESDAY, THURSDAY = 1, 2
DAYS = {TUESDAY: (2, 7), THURSDAY: (4, 7)}
NAMES = {"WIS": "Wiskunde", "NED": "Nederlands", "FRA": "Frans"}


def session(session_id: int, slot: int, kind: str, subject: str | None = None,
            title: str | None = None, capacity: int = 2, years=None, classes=None,
            leader: int | None = None, code: str | None = None) -> dict:
    return {
        "session_id": session_id, "slot_id": slot, "weekday": DAYS[slot][0],
        "lesson_hour": DAYS[slot][1], "code": code or f"S{session_id}", "kind": kind,
        "subject_id": subject, "subject_name": NAMES.get(subject or ""), "title": title,
        "leader_staff_id": leader, "leader": f"Leerkracht {leader}" if leader else None,
        "leader_kind": "teacher", "room": None, "capacity": capacity,
        "years_of_study": years, "class_codes": classes,
    }


def learner(learner_id: int, year: int = 1, class_code: str = "1A", **flags) -> Learner:
    return Learner(learner_id, f"Leerling {learner_id}", year, class_code, **flags)


def need(who: Learner, kind: str, subject: str | None, weight: float = 8.0,
         hard: bool = False, need_id: int | None = None, source: str = "class_council") -> None:
    key = offer_key(kind, subject, None) if subject or kind != "broadening" else None
    need_id = need_id if need_id is not None else 100 * who.learner_id + len(who.wishes)
    who.wishes.append(Wish(key, weight, "need", source, need_id))
    if hard:
        who.hard.append((key, need_id))


def choice(who: Learner, rank: int, kind: str, subject: str | None = None,
           title: str | None = None) -> None:
    who.wishes.append(Wish(offer_key(kind, subject, title), routing.CHOICE_WEIGHT[rank],
                           "choice", rank=rank, label=(kind, title or NAMES.get(subject))))


def make_cycle(sessions: list[dict], learners: list[Learner], locks: list[dict] | None = None,
               k: int = 2, m: int = 3) -> Cycle:
    frame = pd.DataFrame(sessions)
    offerings, labels = routing.group_offerings(frame)
    return Cycle(
        cycle_id=1, school_year="2026-2027", seq=1, first_monday=dt.date(2026, 11, 30),
        weeks=["2026-W49"], slots=sorted({s["slot_id"] for s in sessions}), sessions=frame,
        offerings=offerings, learners=learners,
        locks=pd.DataFrame(locks or [], columns=["learner_id", "slot_id", "session_id",
                                                 "moved_by", "moved_at"]),
        labels=labels, max_remediation_cycles=k, choice_every_cycles=m)


def placed(result) -> dict[tuple[int, int], int]:
    return {(p.learner_id, p.slot_id): p.session_id for p in result.placements}


def brute_force_optimum(cycle: Cycle) -> float:
    """The best objective over every plan that keeps the rules: capacity, eligibility, nothing
    twice, locks, a leader in one place. Exponential: for a handful of learners only."""
    by_slot = defaultdict(list)
    for s in cycle.sessions.itertuples():
        by_slot[int(s.slot_id)].append(s)
    locks = {(int(r.learner_id), int(r.slot_id)): int(r.session_id)
             for r in cycle.locks.itertuples()}
    cells, options = [], []
    for lrn in cycle.learners:
        for slot in cycle.slots:
            cells.append((lrn.learner_id, slot))
            if (lrn.learner_id, slot) in locks:
                options.append([locks[(lrn.learner_id, slot)]])
                continue
            open_to = [int(s.session_id) for s in by_slot[slot]
                       if (s.years_of_study is None or lrn.year in s.years_of_study)
                       and (s.class_codes is None or lrn.class_code in s.class_codes)]
            options.append([*open_to, None])
    info = {int(s.session_id): s for s in cycle.sessions.itertuples()}
    best = -float("inf")
    for plan in itertools.product(*options):
        load = defaultdict(int)
        keys = defaultdict(list)
        for (lid, _), sid in zip(cells, plan, strict=True):
            if sid is not None:
                load[sid] += 1
                s = info[sid]
                keys[lid].append(offer_key(s.kind, s.subject_id, s.title))
        if any(load[sid] > info[sid].capacity for sid in load):
            continue
        if any(len(ks) != len(set(ks)) for ks in keys.values()):
            continue
        running = defaultdict(int)
        for sid in load:
            if pd.notna(info[sid].leader_staff_id):
                running[(info[sid].slot_id, info[sid].leader_staff_id)] += 1
        if any(n > 1 for n in running.values()):
            continue
        placements = [Placement(lid, slot, sid, "") for (lid, slot), sid
                      in zip(cells, plan, strict=True) if sid is not None]
        best = max(best, compose.evaluate(cycle, placements).objective)
    return best


def random_case(seed: int) -> Cycle:
    rng = random.Random(seed)
    contents = [("remediation", "WIS", None), ("remediation", "NED", None),
                ("deepening", "WIS", None), ("broadening", None, "Debat"),
                ("broadening", None, "Schaken")]
    sessions, sid = [], 1
    for slot in (TUESDAY, THURSDAY):
        for kind, subject, title in rng.sample(contents, 3):
            sessions.append(session(sid, slot, kind, subject, title,
                                    capacity=rng.choice([1, 1, 2]),
                                    years=rng.choice([None, None, [1], [2]]),
                                    leader=rng.choice([None, None, 7])))
            sid += 1
    learners = []
    for lid in range(1, 4):
        lrn = learner(lid, year=rng.choice([1, 2]),
                      needs_other_than_remediation=rng.random() < 0.3,
                      owed_a_choice=rng.random() < 0.3)
        for _ in range(rng.randint(0, 2)):
            kind, subject, title = rng.choice(contents)
            if kind == "broadening":
                choice(lrn, rng.randint(1, 3), kind, title=title)
            else:
                need(lrn, kind, subject, weight=rng.choice([3.0, 5.0, 8.0, 12.0]),
                     hard=rng.random() < 0.3)
        if rng.random() < 0.5:
            kind, subject, title = rng.choice(contents)
            lrn.wishes.append(Wish(offer_key(kind, subject, title), 1.0, "stability",
                                   slot_id=rng.choice([TUESDAY, THURSDAY])))
        learners.append(lrn)
    locks = []
    if rng.random() < 0.3:
        first = sessions[0]
        locks.append({"learner_id": 1, "slot_id": first["slot_id"],
                      "session_id": first["session_id"], "moved_by": "Flexteam",
                      "moved_at": pd.Timestamp("2026-11-20 10:00")})
    return make_cycle(sessions, learners, locks)


# -- optimality ------------------------------------------------------------------------------------

# Seeds 0-29 take every path of the solve: an integral LP, a few fractional learners solved
# on their own, and the whole MIP from a start (seeds 2, 3, 22, 29).
@pytest.mark.parametrize("seed", range(40))
def test_composition_is_the_optimum_of_every_possible_plan(seed):
    cycle = random_case(seed)
    result = compose.compose(cycle)
    assert result.gap == pytest.approx(0.0, abs=1e-9)
    assert result.bound == pytest.approx(result.objective)
    assert compose.evaluate(cycle, result.placements).objective == pytest.approx(
        result.objective)
    assert result.objective == pytest.approx(brute_force_optimum(cycle))


def test_priority_order_misleads_greedy_but_not_the_optimum():
    # Learner 1 has the strongest wish (WIS remediation, 12) but would be equally happy in
    # deepening NED (11); learner 2 can only use the one WIS place. Greedy serves learner 1
    # first and takes that place; the optimum gives it to learner 2.
    a, b = learner(1), learner(2)
    need(a, "remediation", "WIS", weight=12.0)
    need(a, "deepening", "NED", weight=11.0)
    need(b, "remediation", "WIS", weight=8.0)
    cycle = make_cycle([session(1, TUESDAY, "remediation", "WIS", capacity=1),
                        session(2, TUESDAY, "deepening", "NED", capacity=1),
                        session(3, TUESDAY, "broadening", title="Debat", capacity=5)],
                       [a, b])
    best, quick = compose.compose(cycle), compose.greedy(cycle)
    assert placed(best) == {(1, TUESDAY): 2, (2, TUESDAY): 1}
    assert best.objective == 19.0
    assert quick.objective == 12.0
    assert best.objective > quick.objective


# -- each constraint -------------------------------------------------------------------------------

def test_every_learner_gets_one_session_per_slot_within_capacity():
    learners = [learner(i) for i in range(1, 8)]
    for lrn in learners:
        need(lrn, "remediation", "WIS")
    cycle = make_cycle([session(1, TUESDAY, "remediation", "WIS", capacity=3),
                        session(2, TUESDAY, "broadening", title="Debat", capacity=4),
                        session(3, THURSDAY, "remediation", "WIS", capacity=3),
                        session(4, THURSDAY, "broadening", title="Schaken", capacity=4)],
                       learners)
    result = compose.compose(cycle)
    plan = placed(result)
    assert len(plan) == 14 and not result.unassigned
    load = defaultdict(int)
    for sid in plan.values():
        load[sid] += 1
    assert dict(load) == {1: 3, 2: 4, 3: 3, 4: 4}
    # Everyone who needs mathematics gets it once, and only once: 6 of the 7 fit.
    wis = defaultdict(int)
    for (lid, _), sid in plan.items():
        wis[lid] += sid in (1, 3)
    assert sorted(wis.values()) == [0, 1, 1, 1, 1, 1, 1]


def test_the_same_content_is_never_given_twice_in_a_cycle():
    lrn = learner(1)
    choice(lrn, 1, "broadening", title="Debat")
    cycle = make_cycle([session(1, TUESDAY, "broadening", title="Debat"),
                        session(2, TUESDAY, "broadening", title="Schaken"),
                        session(3, THURSDAY, "broadening", title="Debat"),
                        session(4, THURSDAY, "broadening", title="Schaken")], [lrn])
    plan = placed(compose.compose(cycle))
    assert sorted(plan.values()) in ([1, 4], [2, 3])


def test_sessions_for_other_years_or_classes_are_closed():
    first, third, other_class = learner(1, 1, "1A"), learner(2, 3, "3B"), learner(3, 1, "1C")
    for lrn in (first, third, other_class):
        need(lrn, "remediation", "WIS", weight=20.0)
    cycle = make_cycle([session(1, TUESDAY, "remediation", "WIS", years=[1, 2],
                                classes=["1A", "1B"], capacity=5),
                        session(2, TUESDAY, "broadening", title="Debat", years=[1, 2],
                                capacity=5),
                        session(3, TUESDAY, "broadening", title="Schaken", years=[3, 4],
                                capacity=5)],
                       [first, third, other_class])
    plan = placed(compose.compose(cycle))
    assert plan == {(1, TUESDAY): 1, (2, TUESDAY): 3, (3, TUESDAY): 2}


def test_a_hard_decision_wins_over_any_weight():
    lrn = learner(1)
    need(lrn, "remediation", "FRA", weight=1.0, hard=True)
    choice(lrn, 1, "broadening", title="Debat")
    need(lrn, "deepening", "WIS", weight=30.0)
    cycle = make_cycle([session(1, TUESDAY, "remediation", "FRA"),
                        session(2, TUESDAY, "deepening", "WIS"),
                        session(3, TUESDAY, "broadening", title="Debat")], [lrn])
    result = compose.compose(cycle)
    assert placed(result) == {(1, TUESDAY): 1}
    assert not result.hard_unmet


def test_a_leader_is_in_one_place_at_a_time():
    # Teacher 7 is listed for two sessions on Tuesday: only one can run. Four learners want
    # the WIS one (more points than the two who want NED), so that one runs.
    learners = [learner(i) for i in range(1, 7)]
    for lrn in learners[:4]:
        need(lrn, "remediation", "WIS")
    for lrn in learners[4:]:
        need(lrn, "remediation", "NED")
    cycle = make_cycle([session(1, TUESDAY, "remediation", "WIS", capacity=4, leader=7,
                                code="WIS-R"),
                        session(2, TUESDAY, "remediation", "NED", capacity=4, leader=7,
                                code="NED-R"),
                        session(3, TUESDAY, "broadening", title="Debat", capacity=6)],
                       learners)
    result = compose.compose(cycle)
    plan = placed(result)
    assert 2 not in plan.values() and result.closed == [2]
    assert sorted(lid for (lid, _), sid in plan.items() if sid == 1) == [1, 2, 3, 4]
    assert ("compose.leader_one_place", {"leader": "Leerkracht 7", "slots": [(2, 7)],
                                         "sessions": "NED-R, WIS-R",
                                         "running": "WIS-R"}) in result.messages


# -- fairness over time ----------------------------------------------------------------------------

def remediation_heavy(lrn: Learner) -> None:
    need(lrn, "remediation", "WIS", weight=12.0)
    need(lrn, "remediation", "NED", weight=12.0)


def fairness_offer() -> list[dict]:
    return [session(1, TUESDAY, "remediation", "WIS"), session(2, TUESDAY, "broadening",
                                                               title="Debat"),
            session(3, THURSDAY, "remediation", "NED"),
            session(4, THURSDAY, "broadening", title="Schaken")]


def test_after_k_cycles_of_only_remediation_a_learner_gets_something_else():
    streak = learner(1, needs_other_than_remediation=True)
    fresh = learner(2)
    remediation_heavy(streak)
    remediation_heavy(fresh)
    result = compose.compose(make_cycle(fairness_offer(), [streak, fresh]))
    plan = placed(result)
    assert {plan[(2, TUESDAY)], plan[(2, THURSDAY)]} == {1, 3}      # all remediation: fine
    assert {plan[(1, TUESDAY)], plan[(1, THURSDAY)]} & {2, 4}       # not again
    assert not result.fairness_unmet


def test_hard_decisions_may_keep_a_learner_in_remediation():
    streak = learner(1, needs_other_than_remediation=True)
    need(streak, "remediation", "WIS", hard=True)
    need(streak, "remediation", "NED", hard=True)
    result = compose.compose(make_cycle(fairness_offer(), [streak]))
    assert set(placed(result).values()) == {1, 3}
    assert not result.fairness_unmet and not result.hard_unmet


def test_a_learner_owed_a_choice_gets_one_even_against_stronger_needs():
    owed = learner(1, owed_a_choice=True)
    remediation_heavy(owed)
    choice(owed, 2, "broadening", title="Schaken")
    not_owed = learner(2)
    remediation_heavy(not_owed)
    choice(not_owed, 2, "broadening", title="Schaken")
    result = compose.compose(make_cycle(fairness_offer(), [owed, not_owed]))
    plan = placed(result)
    assert plan[(1, THURSDAY)] == 4 and plan[(1, TUESDAY)] == 1
    assert {plan[(2, TUESDAY)], plan[(2, THURSDAY)]} == {1, 3}


def test_fairness_that_cannot_be_kept_is_reported():
    owed = [learner(i, owed_a_choice=True) for i in (1, 2, 3)]
    for lrn in owed:
        choice(lrn, 1, "broadening", title="Schaken")
    offer = [session(1, TUESDAY, "broadening", title="Schaken", capacity=1),
             session(2, TUESDAY, "broadening", title="Debat", capacity=5)]
    result = compose.compose(make_cycle(offer, owed))
    assert len(result.fairness_unmet) == 2
    _, params = next(m for m in result.messages if m[0] == "compose.fairness_choice")
    assert params["count"] == 2 and params["cycles"] == 3


# -- locks -----------------------------------------------------------------------------------------

def test_a_locked_placement_is_kept_and_takes_its_place():
    hand, other = learner(1), learner(2)
    need(hand, "remediation", "WIS", weight=12.0)
    need(other, "remediation", "WIS", weight=12.0)
    lock = {"learner_id": 2, "slot_id": TUESDAY, "session_id": 2, "moved_by": "An Peeters",
            "moved_at": pd.Timestamp("2026-11-20 10:15")}
    cycle = make_cycle([session(1, TUESDAY, "remediation", "WIS", capacity=1),
                        session(2, TUESDAY, "broadening", title="Debat", capacity=1),
                        session(3, TUESDAY, "broadening", title="Schaken", capacity=1)],
                       [hand, other], [lock])
    result = compose.compose(cycle)
    plan = placed(result)
    assert plan == {(1, TUESDAY): 1, (2, TUESDAY): 2}
    locked = next(p for p in result.placements if p.learner_id == 2)
    assert locked.locked and locked.reason_code == "moved"
    assert (locked.moved_by, locked.moved_at) == ("An Peeters", dt.datetime(2026, 11, 20, 10, 15))


def test_locks_beyond_capacity_are_kept_and_flagged():
    learners = [learner(i) for i in (1, 2)]
    locks = [{"learner_id": i, "slot_id": TUESDAY, "session_id": 1, "moved_by": "X",
              "moved_at": pd.NaT} for i in (1, 2)]
    cycle = make_cycle([session(1, TUESDAY, "broadening", title="Debat", capacity=1),
                        session(2, TUESDAY, "broadening", title="Schaken", capacity=3)],
                       learners, locks)
    result = compose.compose(cycle)
    assert result.over_capacity == [1] and result.summary()["over_capacity"] == 1


# -- when not everything fits: which constraint, which learners ------------------------------------

def test_more_hard_decisions_than_places_names_subject_day_and_numbers():
    learners = [learner(i) for i in range(1, 6)]
    for lrn in learners:
        need(lrn, "remediation", "WIS", hard=True)
    cycle = make_cycle([session(1, TUESDAY, "remediation", "WIS", capacity=3),
                        session(2, TUESDAY, "broadening", title="Debat", capacity=5)],
                       learners)
    result = compose.compose(cycle)
    assert len(result.hard_unmet) == 2 and not result.unassigned
    code, params = result.messages[0]
    assert code == "compose.hard_over_capacity"
    assert params["kind"] == "remediation" and params["topic"] == "Wiskunde"
    assert params["slots"] == [(2, 7)] and params["required"] == 5 and params["places"] == 3
    assert len(params["learners"]) == 2


def test_hard_decisions_that_cannot_be_met_say_why():
    not_offered, other_year, clash = learner(1), learner(2, year=3), learner(3)
    need(not_offered, "remediation", "FRA", hard=True)
    need(other_year, "remediation", "WIS", hard=True)
    need(clash, "remediation", "WIS", hard=True)
    need(clash, "remediation", "NED", hard=True)
    cycle = make_cycle([session(1, TUESDAY, "remediation", "WIS", years=[1, 2], capacity=5),
                        session(2, TUESDAY, "remediation", "NED", years=[1, 2], capacity=5),
                        session(3, TUESDAY, "broadening", title="Debat", capacity=5)],
                       [not_offered, other_year, clash])
    result = compose.compose(cycle)
    causes = {code: params["learners"] for code, params in result.messages}
    assert causes["compose.hard_not_offered"] == [1]
    assert causes["compose.hard_not_open"] == [2]
    assert causes["compose.hard_clash"] == [3]


def test_learners_without_any_place_are_named_per_slot():
    learners = [learner(i) for i in range(1, 5)]
    cycle = make_cycle([session(1, TUESDAY, "broadening", title="Debat", capacity=3),
                        session(2, THURSDAY, "broadening", title="Schaken", capacity=4)],
                       learners)
    result = compose.compose(cycle)
    assert len(result.unassigned) == 1
    code, params = result.messages[0]
    assert code == "compose.no_place"
    assert params["slots"] == [(2, 7)] and params["count"] == 1 and params["places"] == 3


# -- reasons ---------------------------------------------------------------------------------------

def test_every_placement_says_why():
    decided, needy, chooser, stayer, filler = (learner(i) for i in range(1, 6))
    need(decided, "remediation", "WIS", hard=True, need_id=11)
    need(needy, "deepening", "WIS", source="subject_teacher", need_id=21)
    choice(chooser, 1, "broadening", title="Debat")
    stayer.wishes.append(Wish(offer_key("broadening", None, "Schaken"), 1.0, "stability",
                              slot_id=TUESDAY))
    cycle = make_cycle([session(1, TUESDAY, "remediation", "WIS", capacity=1),
                        session(2, TUESDAY, "deepening", "WIS", capacity=1),
                        session(3, TUESDAY, "broadening", title="Debat", capacity=1),
                        session(4, TUESDAY, "broadening", title="Schaken", capacity=1),
                        session(5, TUESDAY, "broadening", title="Koken", capacity=1)],
                       [decided, needy, chooser, stayer, filler])
    reasons = {p.learner_id: (p.reason_code, p.detail) for p in compose.compose(cycle).placements}
    assert reasons == {
        1: ("hard_decision", {"need_id": 11}),
        2: ("need", {"need_id": 21, "source": "subject_teacher"}),
        3: ("choice", {"rank": 1}),
        4: ("stability", {}),
        5: ("fill", {}),
    }


@pytest.mark.parametrize(("offer", "hard", "why"), [
    ([session(1, TUESDAY, "broadening", title="Schaken", capacity=5)], False, "not_offered"),
    ([session(1, TUESDAY, "broadening", title="Debat", capacity=1),
      session(2, TUESDAY, "broadening", title="Schaken", capacity=5)], False, "full"),
    ([session(1, TUESDAY, "broadening", title="Debat", capacity=5),
      session(2, TUESDAY, "remediation", "WIS", capacity=5)], True, "decision"),
])
def test_a_learner_without_a_first_choice_is_told_why(offer, hard, why):
    rival, lrn = learner(1), learner(2)
    need(rival, "broadening", None, weight=0.0)
    choice(rival, 1, "broadening", title="Debat")
    rival.wishes.append(Wish(offer_key("broadening", None, "Debat"), 30.0, "need", "x", 9))
    choice(lrn, 1, "broadening", title="Debat")
    if hard:
        need(lrn, "remediation", "WIS", hard=True)
    result = compose.compose(make_cycle(offer, [rival, lrn]))
    mine = next(p for p in result.placements if p.learner_id == 2)
    assert mine.detail["why_not"] == why
    assert mine.detail["first_choice"] == ["broadening", "Debat"]


def test_learners_stay_in_last_cycles_group_when_they_can():
    learners = [learner(i, previous_code={TUESDAY: "DEB-2"}) for i in (1, 2)]
    for lrn in learners:
        choice(lrn, 1, "broadening", title="Debat")
    cycle = make_cycle([session(1, TUESDAY, "broadening", title="Debat", code="DEB-1"),
                        session(2, TUESDAY, "broadening", title="Debat", code="DEB-2")],
                       learners)
    assert set(placed(compose.compose(cycle)).values()) == {2}
