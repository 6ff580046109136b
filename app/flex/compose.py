"""Composing a cycle's flex groups: an exact optimisation, and a greedy baseline to compare.

The model. Sessions of one slot with the same content for the same audience form an offering;
learners are interchangeable within it, so the decision is per learner, slot and offering.
A learner has explicit edges only to offerings that mean something to them (a need, a choice,
last cycle's group, a hard decision); everything else goes through one "free place" node per
slot and audience that spreads learners over the remaining places. Per slot that is a
transportation network. What couples the slots of a cycle is a handful of side constraints:
at least one session for each hard class-council decision, no identical offering twice, at most
K remediation-only cycles in a row, a session of one's own choice at least once every M cycles,
and a leader in one place at a time (of two sessions with the same leader in one hour, at most
one runs). Those carry lexicographic penalties (routing.py), so a plan always exists, every hard
decision is met whenever the places allow, and when they do not, the report says which and why.

HiGHS (highspy) solves it to a proven optimum and reports the bound and the gap: the network
structure keeps the LP relaxation (nearly) integral, so the LP proves the bound and at most a few
learners need branching (_Model.solve). Free places are then spread over the offerings'
sessions, avoiding the same offering twice, and every placement gets its reason.

Set FLEXWIJS_SOLVER_LOG=1 to see HiGHS at work.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import highspy
import numpy as np
import pandas as pd

from app.flex.routing import (
    FAIRNESS_PENALTY,
    HARD_PENALTY,
    UNASSIGNED_PENALTY,
    UNWANTED_REMEDIATION_COST,
    Cycle,
    Learner,
    Offering,
    OfferKey,
)

TIME_LIMIT = 60.0


@dataclass
class Placement:
    learner_id: int
    slot_id: int
    session_id: int
    reason_code: str                 # hard_decision, need, choice, stability, fill, locked
    detail: dict = field(default_factory=dict)
    locked: bool = False
    moved_by: str | None = None      # a placement made or locked by hand: by whom, when
    moved_at: dt.datetime | None = None


@dataclass
class Composition:
    cycle_id: int
    method: str                      # 'optimal' or 'greedy'
    placements: list[Placement]
    objective: float
    bound: float | None
    gap: float | None
    seconds: float
    learners: int
    unassigned: list[tuple[int, int]]                 # (learner, slot)
    hard_unmet: list[tuple[int, int]]                 # (learner, need id)
    fairness_unmet: list[tuple[int, str]]             # (learner, 'remediation_streak'|'choice')
    messages: list[tuple[str, dict]] = field(default_factory=list)
    over_capacity: list[int] = field(default_factory=list)        # sessions, by locked hands
    closed: list[int] = field(default_factory=list)               # leader elsewhere that hour
    # Recomposing beside a published version: the placements that leave their published group,
    # (learner, slot, the reason of the new placement).
    moved: list[tuple[int, int, str]] = field(default_factory=list)
    kept_from: int | None = None
    move_cost: float = 0.0

    @property
    def assigned(self) -> int:
        return len({p.learner_id for p in self.placements})

    def summary(self) -> dict:
        return {
            "learners": self.learners, "assigned": self.assigned,
            "unassigned": len({learner for learner, _ in self.unassigned}),
            "objective": round(self.objective, 2),
            "bound": None if self.bound is None else round(self.bound, 2),
            "gap": self.gap, "seconds": round(self.seconds, 3),
            "hard_unmet": len(self.hard_unmet), "fairness_unmet": len(self.fairness_unmet),
            "over_capacity": len(self.over_capacity),
            **({"kept_from": self.kept_from, "move_cost": self.move_cost,
                "moved_learners": len({learner for learner, _, _ in self.moved}),
                "moved_placements": len(self.moved),
                "moved_why": dict(sorted(Counter(why for _, _, why in self.moved).items()))}
               if self.kept_from is not None else {}),
        }


# -- what an offering is worth to a learner ----------------------------------------------------

def _matches(wish_key: OfferKey | None, key: OfferKey) -> bool:
    return wish_key == key or (wish_key is None and key[0] == "broadening")


def value(learner: Learner, offering: Offering) -> float:
    return sum(w.weight for w in learner.wishes if _matches(w.key, offering.key)
               and (w.slot_id is None or w.slot_id == offering.slot_id))


def placed_value(learner: Learner, offering: Offering) -> float:
    """What one placement is worth in the objective: the learner's wishes it meets, less the
    cost of a remediation place nobody asked for."""
    return _unwanted(offering, value(learner, offering))


def _unwanted(offering: Offering, worth: float) -> float:
    if worth == 0.0 and offering.key[0] == "remediation":
        return -UNWANTED_REMEDIATION_COST
    return worth


def _worth(learner: Learner):
    """value() for one learner, with the wishes indexed once: the model asks it per edge."""
    by_key: dict[OfferKey | None, list] = defaultdict(list)
    for w in learner.wishes:
        by_key[w.key].append(w)
    if not by_key:
        return lambda offering: 0.0

    def worth(offering: Offering) -> float:
        wishes = by_key.get(offering.key, [])
        if offering.key[0] == "broadening":
            wishes = wishes + by_key.get(None, [])
        return sum(w.weight for w in wishes
                   if w.slot_id is None or w.slot_id == offering.slot_id)
    return worth


def _hard_keys(learner: Learner) -> list[tuple[OfferKey | None, int]]:
    seen, keys = set(), []
    for key, need_id in learner.hard:
        if key not in seen:
            seen.add(key)
            keys.append((key, need_id))
    return keys


def _choice_keys(learner: Learner) -> set[OfferKey]:
    return {w.key for w in learner.wishes if w.reason == "choice" and w.key is not None}


# The fairness rules give way when hard class-council decisions take every flex hour.

def _owed_other_than_remediation(learner: Learner, slots: int) -> bool:
    hard = _hard_keys(learner)
    return learner.needs_other_than_remediation and not (
        len(hard) >= slots and all(k is not None and k[0] == "remediation" for k, _ in hard))


def _owed_a_choice(learner: Learner, slots: int) -> bool:
    return (learner.owed_a_choice and bool(_choice_keys(learner))
            and len(_hard_keys(learner)) < slots)


class _Leaders:
    """Sessions whose leader leads another session in the same slot. A leader is in one place
    at a time, so of each such group at most one session runs: the composition decides which
    (a locked placement keeps its session running)."""

    def __init__(self, cycle: Cycle, locks: _Locks) -> None:
        groups: dict[tuple[int, int], list[int]] = defaultdict(list)
        for s in cycle.sessions.itertuples():
            if pd.notna(s.leader_staff_id):
                groups[(int(s.slot_id), int(s.leader_staff_id))].append(int(s.session_id))
        self.groups = [sorted(g) for g in groups.values() if len(g) > 1]
        locked = set(locks.session.values())
        self.forced = {s for g in self.groups for s in g if s in locked}
        self.shared = {s for g in self.groups for s in g} - self.forced
        self.capacity = {int(s.session_id): int(s.capacity) for s in cycle.sessions.itertuples()}

    def fixed_capacity(self, offering: Offering) -> int:
        """Places in the sessions of an offering that run whatever the choice."""
        return sum(self.capacity[s] for s in offering.sessions if s not in self.shared)

    def first_of_each(self) -> set[int]:
        """Closed sessions when nothing better decides: all but the first (or a locked one)."""
        closed = set()
        for group in self.groups:
            keep = next((s for s in group if s in self.forced), group[0])
            closed |= {s for s in group if s != keep}
        return closed


def room(offering: Offering, closed: set[int], capacity: dict[int, int]) -> int:
    return sum(capacity[s] for s in offering.sessions if s not in closed)


class _Locks:
    """Placements fixed by hand: they take their place first and bind the rest."""

    def __init__(self, cycle: Cycle, offering_of_session: dict[int, Offering]) -> None:
        self.by_learner: dict[int, dict[int, Offering]] = defaultdict(dict)
        self.session: dict[tuple[int, int], int] = {}
        self.used: dict[int, int] = defaultdict(int)
        self.kept: dict[tuple[int, int], Any] = {}     # the locked rows, as they were
        for row in cycle.locks.itertuples():
            offering = offering_of_session.get(int(row.session_id))
            if offering is None:
                continue  # the session left the offer: the lock goes with it
            self.by_learner[int(row.learner_id)][int(row.slot_id)] = offering
            self.session[(int(row.learner_id), int(row.slot_id))] = int(row.session_id)
            self.kept[(int(row.learner_id), int(row.slot_id))] = row
            self.used[offering.index] += 1


# -- the exact model -----------------------------------------------------------------------------

class _Model:
    """Columns and rows collected in plain lists, handed to HiGHS as one row-wise sparse
    matrix (rows are built in order, so there is nothing to sort). A column may name its owner
    (a learner), which lets the solve fix whole learners at once."""

    def __init__(self) -> None:
        self.cost: list[float] = []
        self.upper: list[float] = []
        self.lower: list[float] = []
        self.owner: list[int] = []
        self.row_lower: list[float] = []
        self.row_upper: list[float] = []
        self.starts: list[int] = [0]
        self.index: list[int] = []
        self.values: list[float] = []
        self.offset = 0.0                  # what is already decided (locked placements) is worth

    def column(self, cost: float, upper: float = 1.0, lower: float = 0.0,
               owner: int = -1) -> int:
        self.cost.append(cost)
        self.upper.append(upper)
        self.lower.append(lower)
        self.owner.append(owner)
        return len(self.cost) - 1

    def row(self, lower: float, upper: float, terms: list[tuple[int, float]]) -> int:
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        for column, coefficient in terms:
            self.index.append(column)
            self.values.append(coefficient)
        self.starts.append(len(self.index))
        return len(self.row_lower) - 1

    def _lp(self, lower: np.ndarray, upper: np.ndarray, integer: bool) -> highspy.HighsLp:
        lp = highspy.HighsLp()
        lp.num_col_ = len(self.cost)
        lp.num_row_ = len(self.row_lower)
        lp.col_cost_ = np.array(self.cost, dtype=float)
        lp.col_lower_ = lower
        lp.col_upper_ = upper
        lp.row_lower_ = np.array(self.row_lower, dtype=float)
        lp.row_upper_ = np.array(self.row_upper, dtype=float)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.num_col_ = lp.num_col_
        lp.a_matrix_.num_row_ = lp.num_row_
        lp.a_matrix_.start_ = np.array(self.starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(self.index, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(self.values, dtype=float)
        lp.offset_ = self.offset
        lp.sense_ = highspy.ObjSense.kMaximize
        if integer:
            lp.integrality_ = [highspy.HighsVarType.kInteger] * lp.num_col_
        return lp

    @staticmethod
    def _solver(presolve: bool = True) -> highspy.Highs:
        solver = highspy.Highs()
        solver.setOptionValue("output_flag", bool(os.environ.get("FLEXWIJS_SOLVER_LOG")))
        solver.setOptionValue("time_limit", TIME_LIMIT)
        solver.setOptionValue("mip_rel_gap", 0.0)
        # Every weight is a multiple of 0.25: an absolute gap below that proves the optimum.
        solver.setOptionValue("mip_abs_gap", 0.01)
        solver.setOptionValue("threads", 1)
        if not presolve:
            solver.setOptionValue("presolve", "off")
        return solver

    def solve(self) -> tuple[np.ndarray, float, float | None, float | None, str]:
        """An optimal integral solution, its objective, the proven bound, the gap, the status.

        The LP relaxation of this network model is integral, or nearly so: its optimum is the
        bound. When a few learners come out fractional (locks and side rows can do that), every
        other learner is fixed where the LP put them and only those few are solved as a MIP.
        When that reaches the LP bound, it is optimal, proven by the LP; only otherwise does the
        whole MIP run, starting from that solution. On the 2,000-learner demo with one lock:
        0.8 s instead of 6.6 s for the MIP alone (HiGHS spends it on heuristics at the root)."""
        lower = np.array(self.lower, dtype=float)
        upper = np.array(self.upper, dtype=float)
        relaxed = self._solver(presolve=False)
        relaxed.passModel(self._lp(lower, upper, integer=False))
        relaxed.run()
        if relaxed.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return self._mip(lower, upper, None)
        x = np.array(relaxed.getSolution().col_value)
        bound = float(relaxed.getInfo().objective_function_value)
        fractional = np.abs(x - np.rint(x)) > 1e-6
        if not fractional.any():
            return np.rint(x), bound, bound, 0.0, "Optimal"
        owner = np.array(self.owner)
        open_owners = np.unique(owner[fractional & (owner >= 0)])
        fix = (owner >= 0) & ~np.isin(owner, open_owners)
        near = np.rint(x)
        restricted = self._mip(np.where(fix, near, lower), np.where(fix, near, upper), None,
                               presolve=True)
        if restricted[4] == "Optimal" and restricted[1] >= bound - 0.01:
            return restricted[0], restricted[1], bound, 0.0, "Optimal"
        return self._mip(lower, upper, restricted[0] if restricted[4] == "Optimal" else None)

    def _mip(self, lower: np.ndarray, upper: np.ndarray, start: np.ndarray | None,
             presolve: bool = False) -> tuple[np.ndarray, float, float | None, float | None,
                                              str]:
        # Presolve off for the whole model: a network with few side rows has a tight LP bound
        # already, and MIP presolve costs more than it saves (1.4 s against 0.4 s measured).
        solver = self._solver(presolve=presolve)
        solver.passModel(self._lp(lower, upper, integer=True))
        if start is not None:
            given = highspy.HighsSolution()
            given.col_value = list(start)
            given.value_valid = True
            solver.setSolution(given)
        solver.run()
        status = solver.modelStatusToString(solver.getModelStatus())
        info = solver.getInfo()
        solution = np.array(solver.getSolution().col_value)
        return (np.rint(solution), float(info.objective_function_value),
                float(info.mip_dual_bound), float(info.mip_gap), status)


def compose(cycle: Cycle) -> Composition:
    """The best plan for a cycle, with the proven bound on how good a plan can be.

    Free places are counted per offering, not per learner, so spreading them can, rarely, hand
    a learner the same offering in both slots. Those learners get explicit edges to every
    offering and the model is solved again; once no learner has anything twice, the plan is
    feasible for the full problem and scores the model's optimum, so it is optimal."""
    started = time.perf_counter()
    offering_of_session = {s: o for o in cycle.offerings for s in o.sessions}
    locks = _Locks(cycle, offering_of_session)
    leaders = _Leaders(cycle, locks)
    everywhere: set[int] = set()
    for _ in range(6):
        solved = _solve(cycle, locks, leaders, everywhere)
        chosen = solved.chosen
        _spread_free_places(cycle, solved.free, solved.node_offerings, chosen, locks,
                            solved.closed)
        twice = _twice(cycle, chosen, locks)
        if not twice:
            break
        everywhere |= twice
    placements = _sessions(cycle, chosen, locks, solved.closed)
    result = Composition(
        cycle_id=cycle.cycle_id, method="optimal", placements=placements,
        objective=solved.objective, bound=solved.bound, gap=solved.gap,
        seconds=time.perf_counter() - started, learners=len(cycle.learners),
        unassigned=solved.unassigned, hard_unmet=solved.hard_unmet,
        fairness_unmet=solved.fairness_unmet, closed=sorted(solved.closed),
    )
    if solved.status != "Optimal" or twice:
        result.messages.append(("compose.not_proven", {"status": solved.status}))
    if cycle.kept_from is not None:
        result.kept_from, result.move_cost = cycle.kept_from, cycle.move_cost
        result.moved = moved_from_published(cycle, placements)
        # The score as a first composition would count it: staying in one's published group
        # is worth the move cost to the model, not to the learner; the proven bound moves by
        # the same amount (the kept places are part of this solution).
        kept = _kept_value(cycle, placements)
        result.objective -= kept
        if result.bound is not None:
            result.bound -= kept
    _explain(cycle, result)
    return result


def _kept_value(cycle: Cycle, placements: list[Placement]) -> float:
    """What the 'kept' wishes add to a plan's score: every placement still in its published
    offering, in its slot, at the move cost (exactly what the model counted for it)."""
    offering_of = {s: o for o in cycle.offerings for s in o.sessions}
    learners = {lrn.learner_id: lrn for lrn in cycle.learners}
    total = 0.0
    for p in placements:
        learner, offering = learners.get(p.learner_id), offering_of.get(p.session_id)
        if learner is None or offering is None:
            continue
        total += sum(w.weight for w in learner.wishes if w.reason == "kept"
                     and w.slot_id == p.slot_id and _matches(w.key, offering.key))
    return total


def moved_from_published(cycle: Cycle, placements: list[Placement]) -> list[tuple[int, int, str]]:
    """The placements that are not where the published version had them: (learner, slot,
    why the learner is where they are now). A learner published in a slot and now in none
    counts too ('unassigned')."""
    now = {(p.learner_id, p.slot_id): p for p in placements}
    moved = []
    for learner in cycle.learners:
        for slot, session in sorted(learner.published.items()):
            placement = now.get((learner.learner_id, slot))
            if placement is None:
                moved.append((learner.learner_id, slot, "unassigned"))
            elif placement.session_id != session:
                moved.append((learner.learner_id, slot, placement.reason_code))
    return moved


@dataclass
class _Solved:
    chosen: dict[tuple[int, int], Offering]
    free: dict[tuple, list[Learner]]
    closed: set[int]
    node_offerings: dict[tuple, list[Offering]]
    objective: float
    bound: float | None
    gap: float | None
    status: str
    unassigned: list[tuple[int, int]]
    hard_unmet: list[tuple[int, int]]
    fairness_unmet: list[tuple[int, str]]


def _twice(cycle: Cycle, chosen: dict[tuple[int, int], Offering], locks: _Locks) -> set[int]:
    keys: dict[int, list[OfferKey]] = defaultdict(list)
    for (learner_id, _), offering in chosen.items():
        keys[learner_id].append(offering.key)
    for learner_id, fixed in locks.by_learner.items():
        keys[learner_id] += [o.key for o in fixed.values()]
    return {lid for lid, ks in keys.items() if len(ks) != len(set(ks))}


def _solve(cycle: Cycle, locks: _Locks, leaders: _Leaders, everywhere: set[int]) -> _Solved:
    """Build and solve the model; learners in `everywhere` get an edge to every offering."""
    by_slot: dict[int, list[Offering]] = defaultdict(list)
    for o in cycle.offerings:
        by_slot[o.slot_id].append(o)

    model = _Model()
    explicit: dict[int, tuple[Learner, int, Offering]] = {}     # column -> edge
    filler: dict[int, tuple[Learner, int, tuple]] = {}          # column -> (learner, slot, node)
    unassigned: dict[int, tuple[Learner, int]] = {}
    hard_slack: dict[int, tuple[Learner, int]] = {}
    fair_slack: dict[int, tuple[Learner, str]] = {}
    offering_terms: dict[int, list[tuple[int, float]]] = defaultdict(list)
    node_terms: dict[tuple, list[tuple[int, float]]] = defaultdict(list)   # learner side
    node_offerings: dict[tuple, list[Offering]] = {}

    open_to: dict[tuple[int, int, str], list[Offering]] = {}
    for learner in cycle.learners:
        fixed = locks.by_learner.get(learner.learner_id, {})
        fixed_keys = {o.key for o in fixed.values()}
        model.offset += sum(placed_value(learner, o) for o in fixed.values())
        edges_by_key: dict[OfferKey, list[int]] = defaultdict(list)
        non_remediation: list[int] = []
        choice_columns: list[int] = []
        hard_keys = _hard_keys(learner)
        wanted = {w.key for w in learner.wishes} | {k for k, _ in hard_keys}
        any_broadening = None in wanted
        choices = _choice_keys(learner)
        all_edges = learner.learner_id in everywhere
        worth = _worth(learner)
        for slot in cycle.slots:
            if slot in fixed:
                continue
            audience = (slot, learner.year, learner.class_code)
            if audience not in open_to:
                open_to[audience] = [o for o in by_slot[slot]
                                     if o.admits(learner.year, learner.class_code)]
            eligible = [o for o in open_to[audience] if o.key not in fixed_keys]
            terms = []
            for o in eligible:
                is_wanted = o.key in wanted or (any_broadening and o.key[0] == "broadening")
                if not all_edges and not is_wanted:
                    continue
                column = model.column(_unwanted(o, worth(o)), owner=learner.learner_id)
                explicit[column] = (learner, slot, o)
                terms.append((column, 1.0))
                offering_terms[o.index].append((column, 1.0))
                edges_by_key[o.key].append(column)
                if o.key[0] != "remediation":
                    non_remediation.append(column)
                if o.key in choices:
                    choice_columns.append(column)
            # Remediation's free-place column first: HiGHS's simplex then needs 0.6 s instead of
            # 1.9 s on the 2,000-learner demo (medians of 4, measured in one run).
            for is_remediation in (True, False) if not all_edges else ():
                # Offerings the learner wants have edges of their own; leaving them out of
                # the free places means a free place can never repeat one of them.
                pool = [o for o in eligible if (o.key[0] == "remediation") == is_remediation
                        and o.key not in wanted
                        and not (any_broadening and o.key[0] == "broadening")]
                if not pool:
                    continue
                node = (slot, is_remediation, tuple(sorted(o.index for o in pool)))
                node_offerings[node] = pool
                column = model.column(-UNWANTED_REMEDIATION_COST if is_remediation else 0.0,
                                      owner=learner.learner_id)
                filler[column] = (learner, slot, node)
                terms.append((column, 1.0))
                node_terms[node].append((column, 1.0))
                if not is_remediation:
                    non_remediation.append(column)
            column = model.column(-UNASSIGNED_PENALTY, owner=learner.learner_id)
            unassigned[column] = (learner, slot)
            terms.append((column, 1.0))
            model.row(1.0, 1.0, terms)                               # one session per slot
        for columns in edges_by_key.values():
            if len(columns) > 1:
                model.row(-highspy.kHighsInf, 1.0, [(c, 1.0) for c in columns])  # not twice
        for key, need_id in hard_keys:
            if any(_matches(key, o.key) for o in fixed.values()):
                continue
            columns = [c for k, cs in edges_by_key.items() if _matches(key, k) for c in cs]
            slack = model.column(-HARD_PENALTY, owner=learner.learner_id)
            hard_slack[slack] = (learner, need_id)
            model.row(1.0, highspy.kHighsInf, [(c, 1.0) for c in columns] + [(slack, 1.0)])
        if _owed_other_than_remediation(learner, len(cycle.slots)) and not any(
                o.key[0] != "remediation" for o in fixed.values()):
            slack = model.column(-FAIRNESS_PENALTY, owner=learner.learner_id)
            fair_slack[slack] = (learner, "remediation_streak")
            model.row(1.0, highspy.kHighsInf, [(c, 1.0) for c in non_remediation]
                      + [(slack, 1.0)])
        if _owed_a_choice(learner, len(cycle.slots)) and not (fixed_keys & choices):
            slack = model.column(-FAIRNESS_PENALTY, owner=learner.learner_id)
            fair_slack[slack] = (learner, "choice")
            model.row(1.0, highspy.kHighsInf, [(c, 1.0) for c in choice_columns]
                      + [(slack, 1.0)])

    flows: dict[int, tuple[tuple, Offering]] = {}
    for node, pool in node_offerings.items():
        terms = list(node_terms[node])
        for o in pool:
            column = model.column(0.0, upper=float(o.capacity))
            flows[column] = (node, o)
            terms.append((column, -1.0))
            offering_terms[o.index].append((column, 1.0))
        model.row(0.0, 0.0, terms)                                   # free places flow on
    runs = {s: model.column(0.0) for s in sorted(leaders.shared)}   # 1: the session runs
    for group in leaders.groups:                                    # a leader, one place
        held = sum(s in leaders.forced for s in group)              # a lock keeps it running
        model.row(-highspy.kHighsInf, max(0.0, 1.0 - held),
                  [(runs[s], 1.0) for s in group if s in runs])
    for o in cycle.offerings:
        left = max(0, leaders.fixed_capacity(o) - locks.used[o.index])
        if offering_terms[o.index]:
            model.row(-highspy.kHighsInf, float(left), offering_terms[o.index] + [
                (runs[s], -float(leaders.capacity[s])) for s in o.sessions if s in runs])

    solution, objective, bound, gap, status = model.solve()
    chosen: dict[tuple[int, int], Offering] = {}
    for column, (learner, slot, offering) in explicit.items():
        if solution[column] > 0.5:
            chosen[(learner.learner_id, slot)] = offering
    free: dict[tuple, list[Learner]] = defaultdict(list)
    for column, (learner, _slot, node) in filler.items():
        if solution[column] > 0.5:
            free[node].append(learner)
    return _Solved(
        chosen=chosen, free=free, node_offerings=node_offerings,
        closed={s for s, column in runs.items() if solution[column] < 0.5},
        objective=objective, bound=bound, gap=gap, status=status,
        unassigned=[(lrn.learner_id, slot) for c, (lrn, slot) in unassigned.items()
                    if solution[c] > 0.5],
        hard_unmet=[(lrn.learner_id, need) for c, (lrn, need) in hard_slack.items()
                    if solution[c] > 0.5],
        fairness_unmet=[(lrn.learner_id, why) for c, (lrn, why) in fair_slack.items()
                        if solution[c] > 0.5],
    )


def _spread_free_places(cycle: Cycle, free: dict[tuple, list[Learner]],
                        node_offerings: dict[tuple, list[Offering]],
                        chosen: dict[tuple[int, int], Offering], locks: _Locks,
                        closed: set[int]) -> None:
    """Give every learner on a free place an offering of their pool with room left, never one
    they already have in another slot. Every free place of a pool is worth the same (nothing,
    or the cost of a remediation place nobody asked for), so any
    such spread scores the same as the optimum's own (the model's flows prove one exists);
    taking all learners of a slot at once, over all the room left, avoids the same offering
    twice far more often than the model's flows would. A transportation problem: integral, so
    an LP solves it."""
    capacity = {int(s.session_id): int(s.capacity) for s in cycle.sessions.itertuples()}
    used: dict[int, int] = defaultdict(int)
    for offering in chosen.values():
        used[offering.index] += 1
    for fixed in locks.by_learner.values():
        for offering in fixed.values():
            used[offering.index] += 1
    for slot in cycle.slots:
        held: dict[int, set[OfferKey]] = defaultdict(set)    # keys in the other slots
        for (learner_id, other), offering in chosen.items():
            if other != slot:
                held[learner_id].add(offering.key)
        for learner_id, fixed in locks.by_learner.items():
            held[learner_id] |= {o.key for o in fixed.values()}
        waiting = [(learner, node_offerings[node]) for node, learners in free.items()
                   if node[0] == slot for learner in learners]
        if not waiting:
            continue
        model = _Model()
        columns: dict[int, tuple[Learner, Offering]] = {}
        per_offering: dict[int, list[tuple[int, float]]] = defaultdict(list)
        for learner, pool in waiting:
            terms = []
            for o in pool:
                if room(o, closed, capacity) - used[o.index] <= 0:
                    continue
                twice = o.key in held[learner.learner_id]
                column = model.column(-1.0 if twice else 0.0)
                columns[column] = (learner, o)
                terms.append((column, 1.0))
                per_offering[o.index].append((column, 1.0))
            model.row(1.0, 1.0, terms)
        offerings = {o.index: o for o in cycle.offerings}
        for index, terms in per_offering.items():
            model.row(0.0, float(room(offerings[index], closed, capacity) - used[index]), terms)
        solution, *_ = model.solve()
        for column, (learner, o) in columns.items():
            if solution[column] > 0.5:
                chosen[(learner.learner_id, slot)] = o
                used[o.index] += 1


def _sessions(cycle: Cycle, chosen: dict[tuple[int, int], Offering], locks: _Locks,
              closed: set[int]) -> list[Placement]:
    """Learners of an offering into its running sessions: the same group as last cycle when it
    can be, otherwise the emptiest session, so groups fill evenly."""
    capacity = {int(s.session_id): int(s.capacity) for s in cycle.sessions.itertuples()}
    code = {int(s.session_id): s.code for s in cycle.sessions.itertuples()}
    load = defaultdict(int)
    placements = []
    learners = {lrn.learner_id: lrn for lrn in cycle.learners}
    for (learner_id, slot), session in locks.session.items():
        load[session] += 1
        row = locks.kept[(learner_id, slot)]
        detail = getattr(row, "reason_detail", None)
        moved_at = getattr(row, "moved_at", None)
        placements.append(Placement(
            learner_id, slot, session, getattr(row, "reason_code", None) or "moved",
            json.loads(detail) if isinstance(detail, str) else {}, locked=True,
            moved_by=getattr(row, "moved_by", None),
            moved_at=None if moved_at is None or pd.isna(moved_at)
            else pd.Timestamp(moved_at).to_pydatetime()))
    members: dict[tuple[int, int], list[int]] = defaultdict(list)
    for (learner_id, slot), offering in chosen.items():
        members[(offering.index, slot)].append(learner_id)
    offerings = {o.index: o for o in cycle.offerings}
    for (index, slot), learner_ids in sorted(members.items()):
        sessions = [s for s in offerings[index].sessions if s not in closed]
        by_code = {code[s]: s for s in sessions}
        waiting = []
        for learner_id in sorted(learner_ids):
            previous = by_code.get(learners[learner_id].previous_code.get(slot, ""))
            if previous is not None and load[previous] < capacity[previous]:
                load[previous] += 1
                placements.append(Placement(learner_id, slot, previous, ""))
            else:
                waiting.append(learner_id)
        for learner_id in waiting:
            session = min(sessions, key=lambda s: (load[s] / capacity[s], s))
            load[session] += 1
            placements.append(Placement(learner_id, slot, session, ""))
    offering_of = {s: o for o in cycle.offerings for s in o.sessions}
    for placement in placements:
        if not placement.locked:
            _reason(learners[placement.learner_id], offering_of[placement.session_id], placement)
    return placements


def reason_of(learner: Learner | None, offering: Offering | None) -> tuple[str, dict]:
    """Why a learner would be in an offering, as a composition would say it: the reason of a
    placement made by hand, so that moving a learner keeps what they are there for."""
    placement = Placement(0, 0, 0, "fill")
    if learner is not None and offering is not None:
        _reason(learner, offering, placement)
    return placement.reason_code, placement.detail


def _reason(learner: Learner, offering: Offering, placement: Placement) -> None:
    """Why a learner is here, strongest reason first: a hard decision, a need, an own choice,
    the same group as before, or a free place."""
    hard = [need for key, need in learner.hard if _matches(key, offering.key)]
    matching = [w for w in learner.wishes if _matches(w.key, offering.key)
                and (w.slot_id is None or w.slot_id == offering.slot_id)]
    needs = sorted((w for w in matching if w.reason == "need"), key=lambda w: -w.weight)
    choice = next((w for w in matching if w.reason == "choice"), None)
    if hard:
        placement.reason_code = "hard_decision"
        placement.detail = {"need_id": max(hard)}   # the latest decision says why, today
    elif needs:
        placement.reason_code = "need"
        placement.detail = {"need_id": needs[0].need_id, "source": needs[0].source,
                            **needs[0].detail}
        if placement.detail["need_id"] is None:
            del placement.detail["need_id"]
    elif choice:
        placement.reason_code = "choice"
        placement.detail = {"rank": choice.rank}
    elif any(w.reason == "stability" for w in matching):
        placement.reason_code = "stability"
    else:
        placement.reason_code = "fill"


def _explain(cycle: Cycle, result: Composition) -> None:
    """In words: hard decisions the plan could not meet and why, learners without a place,
    leaders booked twice in one hour and which session runs, first choices not given."""
    result.over_capacity = over_capacity(cycle, result.placements)
    learners = {lrn.learner_id: lrn for lrn in cycle.learners}
    days = {int(s.slot_id): (int(s.weekday), int(s.lesson_hour))
            for s in cycle.sessions.itertuples()}
    capacity = {int(s.session_id): int(s.capacity) for s in cycle.sessions.itertuples()}
    closed = set(result.closed)

    def label(key: OfferKey | None) -> dict:
        kind, topic = cycle.labels.get(key, (key[0], key[1] or key[2])) if key else (
            "broadening", None)
        return {"kind": kind, "topic": topic}

    # Why each unmet hard decision is unmet: not on offer, not for this learner's year or
    # class, two decisions only offered at the same hour, or more learners than places.
    by_cause: dict[tuple[str, OfferKey | None], list[int]] = defaultdict(list)
    for learner_id, need_id in result.hard_unmet:
        learner = learners[learner_id]
        key = next(k for k, n in learner.hard if n == need_id)
        offered = [o for o in cycle.offerings if _matches(key, o.key)]
        open_to = [o for o in offered if o.admits(learner.year, learner.class_code)]
        hard_slots = {o.slot_id for k, _ in _hard_keys(learner) for o in cycle.offerings
                      if _matches(k, o.key) and o.admits(learner.year, learner.class_code)}
        if not offered:
            by_cause[("hard_not_offered", key)].append(learner_id)
        elif not open_to:
            by_cause[("hard_not_open", key)].append(learner_id)
        elif len(hard_slots) < len(_hard_keys(learner)):
            by_cause[("hard_clash", key)].append(learner_id)
        else:
            by_cause[("hard_over_capacity", key)].append(learner_id)
    for (cause, key), learner_ids in by_cause.items():
        offered = [o for o in cycle.offerings if _matches(key, o.key)]
        demand = [lrn for lrn in cycle.learners if any(k == key for k, _ in lrn.hard)]
        result.messages.append((f"compose.{cause}", {
            **label(key), "slots": sorted({days[o.slot_id] for o in offered}),
            "required": len(demand), "count": len(learner_ids),
            "places": sum(room(o, closed, capacity) for o in offered),
            "learners": sorted(learner_ids)[:50]}))
    per_slot: dict[int, list[int]] = defaultdict(list)
    for learner_id, slot in result.unassigned:
        per_slot[slot].append(learner_id)
    for slot, learner_ids in per_slot.items():
        places = sum(room(o, closed, capacity) for o in cycle.offerings if o.slot_id == slot)
        result.messages.append(("compose.no_place", {
            "slots": [days.get(slot, (0, 0))], "learners": sorted(learner_ids)[:50],
            "count": len(learner_ids), "places": places}))
    for rule in ("remediation_streak", "choice"):
        learner_ids = sorted(lid for lid, why in result.fairness_unmet if why == rule)
        if learner_ids:
            result.messages.append((f"compose.fairness_{rule}", {
                "count": len(learner_ids), "learners": learner_ids[:50],
                "cycles": cycle.max_remediation_cycles if rule == "remediation_streak"
                else cycle.choice_every_cycles}))
    code = {int(s.session_id): s.code for s in cycle.sessions.itertuples()}
    leader = {int(s.session_id): s.leader for s in cycle.sessions.itertuples()}
    slot_of = {int(s.session_id): int(s.slot_id) for s in cycle.sessions.itertuples()}
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for s in cycle.sessions.itertuples():
        if pd.notna(s.leader_staff_id):
            groups[(int(s.slot_id), int(s.leader_staff_id))].append(int(s.session_id))
    for sessions in groups.values():
        if len(sessions) > 1:
            running = [code[s] for s in sorted(sessions) if s not in closed]
            result.messages.append(("compose.leader_one_place", {
                "leader": leader[sessions[0]], "slots": [days[slot_of[sessions[0]]]],
                "sessions": ", ".join(sorted(code[s] for s in sessions)),
                "running": ", ".join(running) or "–"}))
    _first_choices(cycle, result)


def _first_choices(cycle: Cycle, result: Composition) -> None:
    """A learner who did not get a first choice is told why, in the placement's detail."""
    learners = {lrn.learner_id: lrn for lrn in cycle.learners}
    offering_of = {s: o for o in cycle.offerings for s in o.sessions}
    placed: dict[int, list[Placement]] = defaultdict(list)
    for placement in result.placements:
        placed[placement.learner_id].append(placement)
    fill = defaultdict(int)
    for placement in result.placements:
        fill[offering_of[placement.session_id].index] += 1
    for learner_id, placements in placed.items():
        learner = learners[learner_id]
        first = next((w for w in learner.wishes if w.reason == "choice" and w.rank == 1), None)
        if first is None:
            continue
        got = {offering_of[p.session_id].key for p in placements}
        if first.key in got:
            continue
        offered = [o for o in cycle.offerings if o.key == first.key
                   and o.admits(learner.year, learner.class_code)]
        if not offered:
            why = "not_offered"
        elif all(p.reason_code == "hard_decision" or p.locked for p in placements):
            why = "decision"
        elif all(fill[o.index] >= o.capacity for o in offered):
            why = "full"
        else:
            why = "needs"
        kind, topic = cycle.labels.get(first.key) or first.label or (
            first.key[0], first.key[1] or first.key[2])
        for placement in placements:
            if placement.locked:
                continue  # as the hand left it
            placement.detail = {**placement.detail, "first_choice": [kind, topic],
                                "why_not": why}


# -- the baseline ---------------------------------------------------------------------------------

def greedy(cycle: Cycle) -> Composition:
    """Highest priority first: learners with hard decisions, then by their strongest wish, each
    taking the best offering with a place left. What schools do by hand, as a yardstick."""
    started = time.perf_counter()
    offering_of_session = {s: o for o in cycle.offerings for s in o.sessions}
    locks = _Locks(cycle, offering_of_session)
    closed = _Leaders(cycle, locks).first_of_each()
    capacity = {int(s.session_id): int(s.capacity) for s in cycle.sessions.itertuples()}
    left = {o.index: room(o, closed, capacity) - locks.used[o.index] for o in cycle.offerings}
    by_slot: dict[int, list[Offering]] = defaultdict(list)
    for o in cycle.offerings:
        by_slot[o.slot_id].append(o)
    order = sorted(cycle.learners, key=lambda lrn: (
        -len(lrn.hard), -max((w.weight for w in lrn.wishes), default=0.0), lrn.learner_id))
    chosen: dict[tuple[int, int], Offering] = {}
    for learner in order:
        fixed = locks.by_learner.get(learner.learner_id, {})
        keys = {o.key for o in fixed.values()}
        open_slots = [s for s in cycle.slots if s not in fixed]
        wanted = [(key, True) for key, _ in _hard_keys(learner)]
        wanted += [(None, False)] * len(open_slots)     # then the best of what is left
        for key, is_hard in wanted:
            if is_hard and any(_matches(key, k) for k in keys):
                continue
            for slot in list(open_slots):
                options = [o for o in by_slot[slot] if left[o.index] > 0 and o.key not in keys
                           and o.admits(learner.year, learner.class_code)
                           and (not is_hard or _matches(key, o.key))]
                if options:
                    best = max(options, key=lambda o: (placed_value(learner, o),
                                                       left[o.index]))
                    chosen[(learner.learner_id, slot)] = best
                    left[best.index] -= 1
                    keys.add(best.key)
                    open_slots.remove(slot)
                    break
    placements = _sessions(cycle, chosen, locks, closed)
    result = evaluate(cycle, placements, "greedy")
    result.closed = sorted(closed)
    result.seconds = time.perf_counter() - started
    _explain(cycle, result)
    return result


def evaluate(cycle: Cycle, placements: list[Placement], method: str = "evaluated"
             ) -> Composition:
    """The objective of any plan, with the same weights and penalties as the optimisation."""
    offering_of = {s: o for o in cycle.offerings for s in o.sessions}
    by_learner: dict[int, list[Offering]] = defaultdict(list)
    slots_of: dict[int, set[int]] = defaultdict(set)
    for p in placements:
        by_learner[p.learner_id].append(offering_of[p.session_id])
        slots_of[p.learner_id].add(p.slot_id)
    objective = 0.0
    unassigned, hard_unmet, fairness_unmet = [], [], []
    for learner in cycle.learners:
        got = by_learner.get(learner.learner_id, [])
        objective += sum(placed_value(learner, o) for o in got)
        for slot in cycle.slots:
            if slot not in slots_of.get(learner.learner_id, set()):
                unassigned.append((learner.learner_id, slot))
                objective -= UNASSIGNED_PENALTY
        keys = {o.key for o in got}
        for key, need_id in _hard_keys(learner):
            if not any(_matches(key, k) for k in keys):
                hard_unmet.append((learner.learner_id, need_id))
                objective -= HARD_PENALTY
        if _owed_other_than_remediation(learner, len(cycle.slots)) and not any(
                k[0] != "remediation" for k in keys):
            fairness_unmet.append((learner.learner_id, "remediation_streak"))
            objective -= FAIRNESS_PENALTY
        choices = _choice_keys(learner)
        if _owed_a_choice(learner, len(cycle.slots)) and not (keys & choices):
            fairness_unmet.append((learner.learner_id, "choice"))
            objective -= FAIRNESS_PENALTY
    return Composition(
        cycle_id=cycle.cycle_id, method=method, placements=placements, objective=objective,
        bound=None, gap=None, seconds=0.0, learners=len(cycle.learners),
        unassigned=unassigned, hard_unmet=hard_unmet, fairness_unmet=fairness_unmet,
        over_capacity=over_capacity(cycle, placements),
    )


def over_capacity(cycle: Cycle, placements: list[Placement]) -> list[int]:
    """Sessions with more learners than places (only hands can do that: locks, moves)."""
    load: dict[int, int] = defaultdict(int)
    for p in placements:
        load[p.session_id] += 1
    return sorted(int(s.session_id) for s in cycle.sessions.itertuples()
                  if load[int(s.session_id)] > int(s.capacity))


def detail_json(placement: Placement) -> str | None:
    return json.dumps(placement.detail, ensure_ascii=False) if placement.detail else None
