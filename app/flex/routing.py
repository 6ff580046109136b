"""What routing weighs for one cycle: the offer, the learners, and each learner's wishes.

A wish is something that makes an offering worth more to one learner: a need (a class-council
decision, a subject teacher, the learner's own self-reflection, or the result rule), one of the
learner's ranked choices, or staying in last cycle's group. Hard class-council decisions and the
fairness rules are not weights but constraints of the composition (app/flex/compose.py).

All weights live here, so the school can read what the optimiser trades off.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from app import settings
from app.db import Database
from app.scope import EVERYTHING

# Points an offering earns for a learner per wish it serves.
NEED_WEIGHT = {"class_council": 8.0, "subject_teacher": 5.0, "self_reflection": 5.0,
               "result_rule": 3.0}
PRIORITY_FACTOR = {1: 1.5, 2: 1.0, 3: 0.75}
CHOICE_WEIGHT = {1: 6.0, 2: 4.0, 3: 2.5, 4: 1.5, 5: 1.0}
STABILITY_WEIGHT = 1.0          # the same group as last cycle, in the same slot
# Penalties that make constraints lexicographic: every learner placed before any hard decision,
# every hard decision before fairness, fairness before all weights (at most ~40 a learner).
UNASSIGNED_PENALTY = 1000.0
HARD_PENALTY = 400.0
FAIRNESS_PENALTY = 100.0
# A remediation place that no need, choice or decision asks for: a learner with nothing to catch
# up sits in broadening or deepening first, and in remediation only when nothing else has room.
# A multiple of 0.25, as every weight (compose._Model proves optimality on that grid).
UNWANTED_REMEDIATION_COST = 0.5

OfferKey = tuple[str, str | None, str | None]   # (kind, subject, title of a broadening)
Label = tuple[str, str | None]                  # (kind, subject name or title)


def offer_key(kind: str, subject: str | None, title: str | None) -> OfferKey:
    """What makes two sessions the same to a learner: the kind and its subject or title."""
    if kind == "broadening":
        return (kind, None, (title or "").strip().lower() or None)
    return (kind, subject, None)


@dataclass
class Offering:
    """Interchangeable sessions of one slot: same kind, same subject or title."""

    index: int
    slot_id: int
    key: OfferKey
    sessions: list[int]
    capacity: int
    years: frozenset[int] | None
    classes: frozenset[str] | None

    def admits(self, year: int, class_code: str) -> bool:
        return (self.years is None or year in self.years) and (
            self.classes is None or class_code in self.classes)


@dataclass
class Wish:
    key: OfferKey | None        # None: any broadening offering (a need without subject)
    weight: float
    reason: str                 # 'need', 'choice', 'stability', 'kept' (published group)
    source: str | None = None   # a need's source
    need_id: int | None = None
    rank: int | None = None
    slot_id: int | None = None  # stability, kept: only in the slot the learner was in
    label: Label | None = None  # a choice as the learner wrote it: ('broadening', 'Debat')
    detail: dict = field(default_factory=dict)   # the result rule: share, period, threshold


@dataclass
class Learner:
    learner_id: int
    name: str
    year: int
    class_code: str
    wishes: list[Wish] = field(default_factory=list)
    hard: list[tuple[OfferKey | None, int]] = field(default_factory=list)  # (key, need id)
    needs_other_than_remediation: bool = False    # fairness K applies
    owed_a_choice: bool = False                   # fairness M applies
    previous: dict[int, OfferKey] = field(default_factory=dict)           # slot -> last cycle
    previous_code: dict[int, str] = field(default_factory=dict)           # slot -> session code
    published: dict[int, int] = field(default_factory=dict)   # slot -> session, when recomposing


@dataclass
class Cycle:
    cycle_id: int
    school_year: str
    seq: int
    first_monday: dt.date
    weeks: list[str]
    slots: list[int]
    sessions: pd.DataFrame
    offerings: list[Offering]
    learners: list[Learner]
    locks: pd.DataFrame
    labels: dict[OfferKey, Label]           # for messages: ('remediation', 'Wiskunde')
    max_remediation_cycles: int
    choice_every_cycles: int
    kept_from: int | None = None            # the published plan a recomposition keeps
    move_cost: float = 0.0                  # what moving a learner out of it costs


def load(db: Database, cycle_id: int, lang: str = "nl", locks_from: int | None = None,
         keep_from: int | None = None) -> Cycle:
    """Everything the composition of one cycle needs, read once."""
    info = db.one("flex/cycle", cycle_id=cycle_id)
    sessions = db.read("flex/cycle_sessions", cycle_id=cycle_id, lang=lang)
    first = info["first_monday"]
    school = settings.load(db)
    k_cycles = int(school["flex.fairness.max_remediation_cycles"])
    m_cycles = int(school["flex.fairness.choice_every_cycles"])

    offerings, labels = group_offerings(sessions)

    learners = {int(r.learner_id): Learner(int(r.learner_id), r.learner, int(r.year_of_study),
                                           r.class_code)
                for r in db.read("flex/cycle_learners", scope=EVERYTHING,
                                 school_year=info["school_year_id"]).itertuples()}
    for n in db.read("flex/needs_at", scope=EVERYTHING, day=first).itertuples():
        learner = learners.get(int(n.learner_id))
        if learner is None:
            continue
        key = None if n.kind == "broadening" and not n.subject_id else offer_key(
            n.kind, n.subject_id, None)
        weight = NEED_WEIGHT[n.source] * PRIORITY_FACTOR.get(int(n.priority), 1.0)
        learner.wishes.append(Wish(key, weight, "need", n.source, int(n.need_id)))
        if n.is_hard:
            learner.hard.append((key, int(n.need_id)))
    below, above = (float(school["flex.rule.remediation_below"]),
                    float(school["flex.rule.deepening_above"]))
    signals = db.read("flex/result_signals", scope=EVERYTHING, school_year=info["school_year_id"],
                      day=first, below=below, above=above)
    for r in signals.itertuples():
        learner = learners.get(int(r.learner_id))
        if learner is not None:
            learner.wishes.append(Wish(
                offer_key(r.kind, r.subject_id, None), NEED_WEIGHT["result_rule"], "need",
                "result_rule", detail={
                    "subject": r.subject_id, "share": round(float(r.share), 3),
                    "period": r.period,
                    "threshold": below if r.kind == "remediation" else above}))
    for c in db.read("flex/choices", scope=EVERYTHING, cycle_id=cycle_id,
                     lang=lang).itertuples():
        learner = learners.get(int(c.learner_id))
        if learner is not None:
            learner.wishes.append(Wish(offer_key(c.kind, c.subject_id, c.title),
                                       CHOICE_WEIGHT.get(int(c.rank), 1.0), "choice",
                                       rank=int(c.rank), label=(c.kind, c.topic)))
    _history(db, learners, first, k_cycles, m_cycles)
    # A decision for a subject no session of the cycle offers is reported by the subject's
    # name too ('Muzische vorming remediëring staat niet in het aanbod'), never its code.
    subjects = db.read("import/subjects")
    names = dict(zip(subjects["subject_id"], subjects[f"name_{'en' if lang == 'en' else 'nl'}"],
                     strict=True))
    for learner in learners.values():
        for key, _ in learner.hard:
            if key is not None and key not in labels and key[1] is not None:
                labels[key] = (key[0], names.get(key[1], key[1]))
    move_cost = float(school["flex.recompose.move_cost"])
    if keep_from is not None:
        _published(db, learners, keep_from, move_cost)
    locks = (db.read("flex/locked", scope=EVERYTHING, plan_id=locks_from)
             if locks_from is not None
             else pd.DataFrame(columns=["learner_id", "slot_id", "session_id"]))
    return Cycle(
        cycle_id=cycle_id, school_year=info["school_year_id"], seq=int(info["seq"]),
        first_monday=first, weeks=list(info["weeks"]),
        slots=sorted({int(s) for s in sessions["slot_id"]}), sessions=sessions,
        offerings=offerings,
        learners=list(learners.values()), locks=locks, labels=labels,
        max_remediation_cycles=k_cycles, choice_every_cycles=m_cycles,
        kept_from=keep_from, move_cost=move_cost if keep_from is not None else 0.0,
    )


def _published(db: Database, learners: dict[int, Learner], plan_id: int,
               move_cost: float) -> None:
    """A recomposition keeps the published groups: staying in one's published offering is worth
    the move cost, and the same session is taken first (as last cycle's group is)."""
    for row in db.read("flex/kept_placements", scope=EVERYTHING, plan_id=plan_id).itertuples():
        learner = learners.get(int(row.learner_id))
        if learner is None:
            continue
        slot_id = int(row.slot_id)
        learner.published[slot_id] = int(row.session_id)
        learner.previous_code[slot_id] = row.code
        if move_cost:
            learner.wishes.append(Wish(offer_key(row.kind, row.subject_id, row.title), move_cost,
                                       "kept", slot_id=slot_id))


def group_offerings(sessions: pd.DataFrame) -> tuple[list[Offering], dict[OfferKey, Label]]:
    """Sessions with the same content for the same audience in one slot are one offering; the
    same content for another audience (1st and 2nd grade) is another one. Also each content's
    label for messages: its kind and topic, which the interface words ('Wiskunde, remediëring')."""
    offerings: dict[tuple, Offering] = {}
    labels: dict[OfferKey, str] = {}
    for s in sessions.itertuples():
        key = offer_key(s.kind, s.subject_id, s.title)
        years = frozenset(int(y) for y in s.years_of_study) if _listy(s.years_of_study) else None
        classes = frozenset(s.class_codes) if _listy(s.class_codes) else None
        group = offerings.setdefault(
            (int(s.slot_id), key, years, classes),
            Offering(len(offerings), int(s.slot_id), key, [], 0, years, classes))
        group.sessions.append(int(s.session_id))
        group.capacity += int(s.capacity)
        labels[key] = (s.kind, s.title if s.kind == "broadening" and s.title
                       else s.subject_name or s.subject_id)
    return list(offerings.values()), labels


def _listy(value) -> bool:
    """A non-empty list from DuckDB (NULL arrives as None, NaN or pd.NA)."""
    return isinstance(value, list | tuple | np.ndarray) and len(value) > 0


def _history(db: Database, learners: dict[int, Learner], before: dt.date, k_cycles: int,
             m_cycles: int) -> None:
    """Last cycle's groups (stability), remediation-only streaks (K), choices given (M)."""
    depth = max(k_cycles, m_cycles - 1, 1)
    past = db.read("flex/history", scope=EVERYTHING, before=before, cycles=depth)
    if past.empty:
        return
    cycles = sorted(past["first_monday"].unique(), reverse=True)
    by_learner: dict[int, dict] = defaultdict(lambda: defaultdict(list))
    for row in past.itertuples():
        by_learner[int(row.learner_id)][row.first_monday].append(row)
    for learner_id, per_cycle in by_learner.items():
        learner = learners.get(learner_id)
        if learner is None:
            continue
        last = per_cycle.get(cycles[0], [])
        for row in last:
            learner.previous[int(row.slot_id)] = offer_key(row.kind, row.subject_id, row.title)
            learner.previous_code[int(row.slot_id)] = row.code
        streak = 0
        for monday in cycles[:k_cycles]:
            rows = per_cycle.get(monday, [])
            if rows and all(r.kind == "remediation" for r in rows):
                streak += 1
            else:
                break
        learner.needs_other_than_remediation = streak >= k_cycles
        recent = cycles[: max(m_cycles - 1, 0)]
        had_choice = any(r.reason_code == "choice" for m in recent for r in per_cycle.get(m, []))
        learner.owed_a_choice = bool(recent) and len(recent) >= m_cycles - 1 and not had_choice
    for learner in learners.values():
        for slot_id, key in learner.previous.items():
            learner.wishes.append(Wish(key, STABILITY_WEIGHT, "stability", slot_id=slot_id))
