"""Class-council decisions, recorded during the meeting, with their history.

A decision is a need with source 'class_council': hard (the composition must place the learner
in such a session) or advisory, about a kind and subject, with a reason and an end date. Several
learners can get the same decision at once. Changing a decision ends it and adds its successor,
ending one marks it ended: nothing is overwritten, so the history stays readable, with who
entered, changed or ended what and when. The next composition of flex groups reads the decisions
open on its first day (app/flex/routing.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from app import clock, display, permissions
from app.auth import Viewer
from app.db import Database
from app.errors import AccessDenied, UserError
from app.flex import routing

KINDS = ("remediation", "deepening", "broadening")
MAX_REASON = 500


@dataclass(frozen=True)
class Decision:
    kind: str
    subject_id: str | None
    is_hard: bool
    reason: str | None
    valid_from: dt.date
    valid_until: dt.date | None
    priority: int = 1
    source: str = "class_council"       # or 'self_reflection': the learner's own ask


def _check(decision: Decision) -> None:
    if decision.kind not in KINDS:
        raise UserError("council.error.kind")
    if decision.kind in ("remediation", "deepening") and not decision.subject_id:
        raise UserError("council.error.subject_needed")
    if decision.valid_until is not None and decision.valid_until < decision.valid_from:
        raise UserError("council.error.ends_before_start")
    if decision.reason and len(decision.reason) > MAX_REASON:
        raise UserError("council.error.reason_long", maximum=MAX_REASON)
    if decision.priority not in (1, 2, 3):
        raise UserError("council.error.priority")


def _reaches_a_cycle(db: Database, viewer: Viewer, learner_ids: list[int],
                     decision: Decision) -> None:
    """A decision no composition would ever read (it ends before the next cycle starts) is
    refused: saved, it would only add to the council's count of open decisions."""
    if decision.source != "class_council":
        return
    if not reach(db, viewer, learner_ids, decision.kind, decision.subject_id,
                 decision.valid_from, decision.valid_until, clock.today()).cycles:
        raise UserError("council.error.reaches_nothing")


def _record(db: Database, learner_ids: list[int]) -> permissions.Learners:
    """The learners a decision is about: a class council decides for the learners of its own
    classes, and one outside refuses them all (the refusal counts them)."""
    learners = tuple(permissions.learner_records(db, learner_ids).values())
    if not learners:
        raise UserError("council.error.no_learners")
    return permissions.Learners(learners)


def decide(db: Database, viewer: Viewer, learner_ids: list[int], decision: Decision,
           decided_by: str) -> list[int]:
    """The same decision for one or more learners, in one transaction; returns the new ids."""
    permissions.require(db, viewer, "council.decide",
                        lambda: _record(db, learner_ids))
    learner_ids = sorted({int(i) for i in learner_ids})
    if not learner_ids:
        raise UserError("council.error.no_learners")
    _check(decision)
    _reaches_a_cycle(db, viewer, learner_ids, decision)
    with db.transaction(viewer.audit("decide", "need")) as tx:
        ids = tx.next_ids("need_id_seq", len(learner_ids))
        for need_id, learner_id in zip(ids, learner_ids, strict=True):
            tx.execute("council/need_insert", **_params(need_id, learner_id, decision,
                                                        decided_by, viewer.name, None))
        tx.audit.record_ids = [str(i) for i in ids]
        tx.audit.detail = (f"learners={len(learner_ids)} kind={decision.kind} "
                           f"hard={decision.is_hard} source={decision.source}")
    return ids


def _params(need_id: int, learner_id: int, decision: Decision, decided_by: str,
            recorded_by: str, replaces: int | None) -> dict:
    return dict(
        need_id=need_id, learner_id=learner_id,
        subject_id=decision.subject_id if decision.kind != "broadening" else None,
        kind=decision.kind, source=decision.source, priority=decision.priority,
        is_hard=decision.is_hard and decision.source == "class_council",
        reason=(decision.reason or "").strip() or None, valid_from=decision.valid_from,
        valid_until=decision.valid_until, decided_by=decided_by, recorded_by=recorded_by,
        replaces_need_id=replaces,
    )


def _open(db: Database, viewer: Viewer, need_id: int) -> pd.Series:
    history = db.read("council/decisions", scope=viewer.scope, lang="nl",
                      learner_ids=_learner_of(db, viewer, need_id))
    row = history[history["need_id"] == need_id]
    if row.empty:
        raise AccessDenied("council.error.not_your_learners")
    if pd.notna(row["ended_at"].iloc[0]):
        raise UserError("council.error.changed_meanwhile")
    return row.iloc[0]


def _learner_of(db: Database, viewer: Viewer, need_id: int) -> list[int]:
    found = db.one("council/need_learner", need_id=need_id)
    return [int(found["learner_id"])] if found else []


def _need_record(db: Database, viewer: Viewer, need_id: int) -> permissions.Learner | None:
    """The learner a decision is about (None: no such decision)."""
    learner_ids = _learner_of(db, viewer, need_id)
    return permissions.learner_records(db, learner_ids)[learner_ids[0]] if learner_ids else None


def end(db: Database, viewer: Viewer, need_id: int) -> None:
    """End a decision or need: it stays in the history, marked ended by whom and when."""
    permissions.require(db, viewer, "council.decide", lambda: _need_record(db, viewer, need_id))
    _open(db, viewer, need_id)
    with db.transaction(viewer.audit("decide", "need", record_ids=[need_id])) as tx:
        if tx.scalar("council/need_end", need_id=need_id, ended_by=viewer.name,
                     ended_at=clock.now()) is None:
            raise UserError("council.error.changed_meanwhile")
        tx.audit.detail = "ended"


def change(db: Database, viewer: Viewer, need_id: int, decision: Decision,
           decided_by: str) -> int:
    """Replace a decision by a changed one: the old one ends, the new one names it."""
    permissions.require(db, viewer, "council.decide", lambda: _need_record(db, viewer, need_id))
    row = _open(db, viewer, need_id)
    _check(decision)
    learner_id = int(row["learner_id"])
    _reaches_a_cycle(db, viewer, [learner_id], decision)
    with db.transaction(viewer.audit("decide", "need", record_ids=[need_id])) as tx:
        if tx.scalar("council/need_end", need_id=need_id, ended_by=viewer.name,
                     ended_at=clock.now()) is None:
            raise UserError("council.error.changed_meanwhile")
        new_id = tx.next_ids("need_id_seq", 1)[0]
        tx.execute("council/need_insert", **_params(new_id, learner_id, decision, decided_by,
                                                    viewer.name, need_id))
        tx.audit.record_ids = [str(need_id), str(new_id)]
        tx.audit.detail = f"changed kind={decision.kind} hard={decision.is_hard}"
    return new_id


def default_dates(db: Database, today: dt.date) -> tuple[dt.date, dt.date]:
    """A decision starts with the next flex cycle and runs to the end of the period in which
    that cycle starts (the next council), and at least to the end of the cycle after it: a
    decision taken in the last weeks of a trimester still reaches the first cycle of the next,
    so that the council that follows can look at it before it lapses."""
    from app.school import school_calendar

    start = today
    cycle_id = db.scalar("flex/next_cycle", today=today)
    if cycle_id is not None:
        start = pd.Timestamp(db.one("flex/cycle", cycle_id=int(cycle_id))["first_monday"]).date()
    year = school_calendar.school_year_of(start)
    periods = db.read("council/all_periods", school_year=year)
    later = periods[pd.to_datetime(periods["ends_on"]).dt.date > start]
    until = (pd.Timestamp(later["ends_on"].iloc[0]).date() if len(later)
             else school_calendar.school_year_bounds(year)[1])
    after = db.scalar("flex/next_cycle", today=start + dt.timedelta(days=1))
    if after is not None:
        last_monday = pd.Timestamp(db.one("flex/cycle", cycle_id=int(after))["last_monday"]).date()
        until = max(until, last_monday + dt.timedelta(days=4))
    return start, until


@dataclass(frozen=True)
class CycleReach:
    """One flex cycle a decision reaches, and whether its offer can meet the decision."""
    seq: int
    school_year: str
    first_monday: dt.date
    last_monday: dt.date
    has_offer: bool           # False: the flex team has not made this cycle's offer yet
    unmet: int                # learners of the decision no session of its kind is open to


@dataclass(frozen=True)
class Reach:
    cycles: tuple[CycleReach, ...]
    learners: int

    @property
    def unmet(self) -> tuple[CycleReach, ...]:
        """The cycles with an offer in which no session could take (some of) the learners."""
        return tuple(c for c in self.cycles if c.has_offer and c.unmet)


def reach(db: Database, viewer: Viewer, learner_ids: list[int], kind: str,
          subject_id: str | None, valid_from: dt.date, valid_until: dt.date | None,
          today: dt.date, learners: dict[str, pd.DataFrame] | None = None) -> Reach:
    """The cycles not over yet that a decision reaches, each with how many of its learners no
    session of its kind and subject is open to (year of study and classes, as composition
    reads them). `learners` keeps each school year's learners between calls."""
    rows = db.read("council/decision_reach", kind=kind,
                   subject_id=subject_id if kind != "broadening" else None,
                   valid_from=valid_from, valid_until=valid_until, today=today)
    learners = {} if learners is None else learners
    cycles = []
    for _cycle_id, sessions in rows.groupby("cycle_id", sort=False):
        first = sessions.iloc[0]
        year = str(first["school_year_id"])
        if year not in learners:
            # Year of study and class, as the composition reads them (flex/cycle_learners).
            of_year = db.read("flex/cycle_learners", scope=viewer.scope, school_year=year)
            learners[year] = of_year[of_year["learner_id"].isin([int(i) for i in learner_ids])]
        # Who a session is open to is composition's own rule (routing.Offering.admits).
        offerings, _ = routing.group_offerings(sessions.dropna(subset=["session_id"]))
        unmet = sum(1 for learner in learners[year].itertuples()
                    if not any(o.admits(int(learner.year_of_study), learner.class_code)
                               for o in offerings))
        cycles.append(CycleReach(
            seq=int(first["seq"]), school_year=year,
            first_monday=pd.Timestamp(first["first_monday"]).date(),
            last_monday=pd.Timestamp(first["last_monday"]).date(),
            has_offer=bool(first["sessions"]), unmet=unmet))
    return Reach(tuple(cycles), len(learner_ids))


def reach_of_needs(db: Database, viewer: Viewer, needs: pd.DataFrame,
                   today: dt.date) -> dict[int, Reach]:
    """The reach of each open need or decision (rows of council/decisions), by need id; each
    school year's learners read once."""
    learners: dict[str, pd.DataFrame] = {}
    return {int(n["need_id"]): reach(
        db, viewer, [int(n["learner_id"])], n["kind"],
        n["subject_id"] if isinstance(n["subject_id"], str) else None,
        display.as_date(n["valid_from"]), display.as_date(n["valid_until"]), today, learners)
        for n in needs.to_dict("records")}


@dataclass(frozen=True)
class ReachWords:
    says: str                  # which cycles, from when to when
    warning: str | None        # a decision that reaches nothing, or that no session can meet


def reach_words(reach: Reach, t, what: str, is_hard: bool) -> ReachWords:
    """What the council reads beside a decision: the cycles it reaches, and plainly when it
    reaches none or a cycle's offer has no session that could take the learners."""
    if not reach.cycles:
        return ReachWords(t("council.reach.none"), t("council.reach.none_warning"))
    seqs = t.join([t.count(c.seq) for c in reach.cycles])
    # The cycles by the day each starts: a composition reads the decisions open on that day,
    # so these are the dates the decision's own 'van' and 'tot en met' are measured against.
    says = t.plural("council.reach.cycles", len(reach.cycles), cycles=seqs,
                    start=t.date(reach.cycles[0].first_monday),
                    last=t.date(reach.cycles[-1].first_monday))
    waiting = [c for c in reach.cycles if not c.has_offer]
    if waiting:
        says += " " + t.plural("council.reach.no_offer_yet", len(waiting),
                               cycles=t.join([t.count(c.seq) for c in waiting]))
    warning = None
    if reach.unmet:
        most = max(c.unmet for c in reach.unmet)
        who = (t("council.reach.this_learner") if reach.learners == 1
               else t("council.reach.some_learners", count=t.count(most),
                      total=t.count(reach.learners)))
        warning = t.plural("council.reach.unmet_hard" if is_hard else "council.reach.unmet",
                           len(reach.unmet), what=what, who=who,
                           cycles=t.join([t.count(c.seq) for c in reach.unmet]))
    return ReachWords(says, warning)


def subject_codes(db: Database) -> list[str]:
    return list(db.read("import/subjects")["subject_id"])
