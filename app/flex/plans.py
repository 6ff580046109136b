"""Plans of a cycle: the proposal the flex team composes and edits, and the published versions.

A cycle has at most one proposal. Composing replaces it (placements locked by hand stay put);
moving a learner locks the new placement; publishing turns the proposal into the next version,
with author and time, and every earlier version stays readable. Editing after publishing starts
from a working copy of the latest version. Each write is one transaction with its audit entry,
and each checks that the plan is still what the editor saw: two people on one board never
overwrite each other silently.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from app import clock, permissions
from app.auth import Viewer
from app.blank import is_blank
from app.db import Database
from app.errors import UserError
from app.flex import compose, routing
from app.flex.compose import Composition, Placement
from app.scope import EVERYTHING, Scope


@dataclass(frozen=True)
class Plan:
    plan_id: int
    cycle_id: int
    status: str                      # 'proposal' or 'published'
    version: int
    created_by: str | None
    created_at: dt.datetime | None
    published_by: str | None
    published_at: dt.datetime | None
    objective: float | None
    bound: float | None
    gap: float | None
    seconds: float | None
    report: dict = field(default_factory=dict)

    @property
    def is_proposal(self) -> bool:
        return self.status == "proposal"


def _plan(row: dict | None) -> Plan | None:
    if row is None:
        return None
    report = json.loads(row["report"]) if isinstance(row.get("report"), str) else {}
    values = {k: (None if is_blank(v) else v) for k, v in row.items() if k != "report"}
    return Plan(**{**values, "report": report})


def plan(db: Database, plan_id: int) -> Plan | None:
    return _plan(db.one("flex/plan", plan_id=plan_id))


def plans(db: Database, cycle_id: int) -> pd.DataFrame:
    """The proposal first, then the published versions, newest first."""
    return db.read("flex/plans", cycle_id=cycle_id)


def proposal(db: Database, cycle_id: int) -> Plan | None:
    row = db.one("flex/proposal", cycle_id=cycle_id)
    return plan(db, int(row["plan_id"])) if row else None


def latest_published(db: Database, cycle_id: int) -> Plan | None:
    """The version of a cycle that counts: published_plans in the schema (009) decides."""
    plan_id = db.scalar("flex/latest_published", cycle_id=cycle_id)
    return plan(db, int(plan_id)) if plan_id is not None else None


def current(db: Database, cycle_id: int) -> Plan | None:
    """What the board opens on: the proposal being worked on, else the latest version."""
    return proposal(db, cycle_id) or latest_published(db, cycle_id)


def cycle_of_week(db: Database, week_id: str) -> int:
    cycle_id = db.scalar("flex/cycle_of_week", week_id=week_id)
    if cycle_id is None:
        raise UserError("flex.error.no_cycle", week=week_id)
    return int(cycle_id)


def next_cycle(db: Database, today: dt.date | None = None) -> int:
    cycle_id = db.scalar("flex/next_cycle", today=today or clock.today())
    if cycle_id is None:
        raise UserError("flex.error.no_next_cycle")
    return int(cycle_id)


def cycle_span(db: Database, cycle_id: int) -> tuple[dt.date, dt.date]:
    """The first Monday of a cycle and the Friday of its last week."""
    info = db.one("flex/cycle", cycle_id=cycle_id)
    return (pd.Timestamp(info["first_monday"]).date(),
            pd.Timestamp(info["last_monday"]).date() + dt.timedelta(days=4))


def cycle_mondays(db: Database, cycle_id: int) -> list[dt.date]:
    """The Mondays of the weeks flex runs in a cycle (holidays are not among them)."""
    return [pd.Timestamp(m).date() for m in db.one("flex/cycle", cycle_id=cycle_id)["mondays"]]


def for_week(db: Database, week_id: str, published: bool) -> Plan:
    """The plan of the cycle a week belongs to: its proposal, or its latest published version."""
    cycle_id = cycle_of_week(db, week_id)
    found = latest_published(db, cycle_id) if published else proposal(db, cycle_id)
    if found is None:
        raise UserError("flex.error.no_published" if published else "flex.error.no_proposal",
                        week=week_id)
    return found


# -- composing ---------------------------------------------------------------------------------

def compose_cycle(db: Database, viewer: Viewer, cycle_id: int,
                  lang: str = "nl") -> tuple[Plan, Composition]:
    """Compose a cycle to a proven optimum and store it as its proposal, in place of the
    previous one; placements locked by hand (in the proposal, else in the latest version)
    are kept."""
    permissions.require(db, viewer, "flex.plan.compose")
    start = current(db, cycle_id)
    # Beside a published version, the groups stay where a rule does not need a change: each
    # learner moved out of it costs the school's move cost (routing._published).
    published = latest_published(db, cycle_id)
    cycle = routing.load(db, cycle_id, lang, locks_from=start.plan_id if start else None,
                         keep_from=published.plan_id if published else None)
    if cycle.sessions.empty:
        raise UserError("flex.error.no_offer")
    if not cycle.learners:
        raise UserError("flex.error.no_learners")
    result = compose.compose(cycle)
    report = {
        "summary": result.summary(),
        "messages": [[code, params] for code, params in result.messages],
        "closed": result.closed,
        "locked": sum(p.locked for p in result.placements),
        "kept_version": published.version if published else None,
    }
    with db.transaction(viewer.audit("compose", "flex_plan")) as tx:
        old = tx.scalar("flex/proposal", cycle_id=cycle_id)
        if old is not None:
            tx.execute("flex/plan_drop_assignments", plan_id=int(old))
            tx.execute("flex/plan_drop", plan_id=int(old))
        plan_id = tx.next_ids("flex_plan_id_seq", 1)[0]
        tx.execute("flex/plan_create", plan_id=plan_id, cycle_id=cycle_id, created_by=viewer.name,
                   objective=result.objective, bound=result.bound, gap=result.gap,
                   seconds=result.seconds, report=json.dumps(report, ensure_ascii=False))
        tx.insert_frame("flex_assignment", assignment_frame(plan_id, result.placements))
        tx.audit.record_ids = [str(plan_id)]
        summary = result.summary()
        tx.audit.detail = (f"cycle={cycle_id} learners={summary['learners']} "
                           f"assigned={summary['assigned']} gap={summary['gap']} "
                           f"hard_unmet={summary['hard_unmet']}")
    return plan(db, plan_id), result


def assignment_frame(plan_id: int, placements: list[Placement]) -> pd.DataFrame:
    return pd.DataFrame({
        "plan_id": [plan_id] * len(placements),
        "slot_id": [p.slot_id for p in placements],
        "learner_id": [p.learner_id for p in placements],
        "session_id": [p.session_id for p in placements],
        "reason_code": [p.reason_code for p in placements],
        "reason_detail": [compose.detail_json(p) for p in placements],
        "is_locked": [p.locked for p in placements],
        "moved_by": pd.Series([p.moved_by for p in placements], dtype="object"),
        "moved_at": pd.Series([p.moved_at for p in placements], dtype="datetime64[us]"),
    })


def working_copy(db: Database, viewer: Viewer, cycle_id: int) -> Plan:
    """The proposal to edit: the one there is, or a copy of the latest published version."""
    permissions.require(db, viewer, "flex.plan.compose")
    existing = proposal(db, cycle_id)
    if existing is not None:
        return existing
    base = latest_published(db, cycle_id)
    if base is None:
        raise UserError("flex.error.nothing_to_edit")
    with db.transaction(viewer.audit("edit", "flex_plan")) as tx:
        if tx.scalar("flex/proposal", cycle_id=cycle_id) is not None:
            raise UserError("flex.error.changed_meanwhile")
        plan_id = tx.next_ids("flex_plan_id_seq", 1)[0]
        tx.execute("flex/plan_create", plan_id=plan_id, cycle_id=cycle_id, created_by=viewer.name,
                   objective=base.objective, bound=base.bound, gap=base.gap,
                   seconds=base.seconds, report=json.dumps(base.report, ensure_ascii=False))
        tx.execute("flex/plan_copy", from_plan=base.plan_id, to_plan=plan_id)
        tx.audit.record_ids = [str(plan_id)]
        tx.audit.detail = f"copy of version {base.version}"
    return plan(db, plan_id)


# -- editing by hand ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Move:
    learner_id: int
    slot_id: int
    from_session: int | None          # where the editor saw the learner (None: nowhere yet)
    to_session: int


def move(db: Database, viewer: Viewer, plan_id: int, moves: list[Move]) -> int:
    """Move learners to other sessions of the same slot, all or none. Each move is locked, so
    the next composition keeps it. Refused when a learner is no longer where the editor saw
    them (someone else moved them first) or the plan is no longer a proposal."""
    permissions.require(db, viewer, "flex.plan.compose")
    target = plan(db, plan_id)
    if target is None or not target.is_proposal:
        raise UserError("flex.error.changed_meanwhile")
    sessions = db.read("flex/cycle_sessions", cycle_id=target.cycle_id, lang="nl")
    slot_of = dict(zip(sessions["session_id"], sessions["slot_id"], strict=True))
    if any(slot_of.get(m.to_session) != m.slot_id for m in moves):
        raise UserError("flex.error.other_slot")
    # A move keeps why the learner is there (a need, a decision, a choice), as composition
    # would say it for the new session, marked as made by hand: the parent's letter says why.
    cycle = routing.load(db, target.cycle_id)
    learners = {lrn.learner_id: lrn for lrn in cycle.learners}
    offering_of = {s: o for o in cycle.offerings for s in o.sessions}
    now = clock.now()
    with db.transaction(viewer.audit("edit", "flex_assignment")) as tx:
        for m in moves:
            code, detail = compose.reason_of(learners.get(m.learner_id),
                                             offering_of.get(m.to_session))
            reason = dict(plan_id=plan_id, learner_id=m.learner_id, slot_id=m.slot_id,
                          to_session=m.to_session, moved_by=viewer.name, moved_at=now,
                          reason_code=code,
                          reason_detail=json.dumps({**detail, "by_hand": True},
                                                   ensure_ascii=False))
            if m.from_session is None:
                done = tx.scalar("flex/place", **reason)
            else:
                done = tx.scalar("flex/move", from_session=m.from_session, **reason)
            if done is None:
                raise UserError("flex.error.changed_meanwhile")
        tx.audit.record_ids = [str(plan_id)] + [str(m.learner_id) for m in moves]
        tx.audit.detail = f"moved={len(moves)}"
    return len(moves)


def set_locked(db: Database, viewer: Viewer, plan_id: int, cells: list[tuple[int, int]],
               locked: bool) -> int:
    """Lock (or unlock) placements: (learner, slot) pairs of a proposal."""
    permissions.require(db, viewer, "flex.plan.compose")
    now = clock.now()
    with db.transaction(viewer.audit("edit", "flex_assignment")) as tx:
        for learner_id, slot_id in cells:
            done = tx.scalar("flex/lock", plan_id=plan_id, learner_id=learner_id,
                             slot_id=slot_id, locked=locked, moved_by=viewer.name, moved_at=now)
            if done is None:
                raise UserError("flex.error.changed_meanwhile")
        tx.audit.record_ids = [str(plan_id)] + [str(lid) for lid, _ in cells]
        tx.audit.detail = f"{'locked' if locked else 'unlocked'}={len(cells)}"
    return len(cells)


def publish(db: Database, viewer: Viewer, plan_id: int) -> int:
    """The proposal becomes the next published version; returns its number."""
    permissions.require(db, viewer, "flex.plan.publish")
    with db.transaction(viewer.audit("publish", "flex_plan")) as tx:
        version = tx.scalar("flex/plan_publish", plan_id=plan_id, published_by=viewer.name,
                            published_at=clock.now())
        if version is None:
            raise UserError("flex.error.changed_meanwhile")
        tx.audit.record_ids = [str(plan_id)]
        tx.audit.detail = f"version={version}"
    return int(version)


# -- reading a plan -----------------------------------------------------------------------------

def assignments(db: Database, scope: Scope, plan_id: int, lang: str) -> pd.DataFrame:
    return db.read("flex/plan_assignments", scope=scope, plan_id=plan_id, lang=lang)


KIND_ORDER = {"remediation": 0, "deepening": 1, "broadening": 2}


def natural(code: str) -> tuple:
    """'1VB-B2' before '1VB-B10': numbers inside a code compare as numbers."""
    return tuple(int(part) if part.isdigit() else part
                 for part in re.split(r"(\d+)", str(code)))


def fill(db: Database, cycle_id: int, plan_id: int | None, lang: str) -> pd.DataFrame:
    """Every session of a cycle with its learners in a plan (none: no plan yet), per slot,
    by kind and code the way people count (B2 before B10)."""
    frame = db.read("flex/plan_fill", cycle_id=cycle_id, plan_id=plan_id or -1, lang=lang)
    order = sorted(range(len(frame)), key=lambda i: (
        frame["weekday"].iloc[i], frame["lesson_hour"].iloc[i],
        KIND_ORDER.get(frame["kind"].iloc[i], 9), natural(frame["code"].iloc[i])))
    return frame.iloc[order].reset_index(drop=True)


def baseline(db: Database, target: Plan) -> Plan | None:
    """What a plan is compared with: the version before it in its cycle, else the latest
    version of the cycle before (last week's groups, when a new cycle starts)."""
    listing = plans(db, target.cycle_id)
    published = listing[listing["status"] == "published"]
    earlier = published if target.is_proposal else published[
        published["version"] < target.version]
    if len(earlier):
        return plan(db, int(earlier["plan_id"].iloc[0]))
    previous = db.scalar("flex/previous_cycle", cycle_id=target.cycle_id)
    return latest_published(db, int(previous)) if previous is not None else None


CHANGES = ("switch", "new", "leaves")


def compares_whole_plan(scope: Scope) -> bool:
    """Whether the board shows who switches group against last week: to whoever sees every
    learner of the plan (the flex team, the direction). A flex teacher sees the learners of
    their own sessions only, and a comparison of that part says little."""
    return scope.all_learners


def diff(db: Database, scope: Scope, target: Plan, lang: str) -> tuple[pd.DataFrame,
                                                                       Plan | None]:
    """Who switches group, who is new, who leaves, against the baseline (by session code, so
    a group that carries on into the next cycle under the same code is the same group)."""
    base = baseline(db, target)
    now = assignments(db, scope, target.plan_id, lang)
    before = (assignments(db, scope, base.plan_id, lang) if base is not None
              else now.iloc[0:0])
    columns = ["learner_id", "learner", "class_code", "weekday", "lesson_hour", "change",
               "before", "after", "before_kind", "before_topic", "after_kind", "after_topic"]
    if base is None:
        return pd.DataFrame(columns=columns), None
    key = ["learner_id", "weekday", "lesson_hour"]
    keep = [*key, "learner", "class_code", "code", "kind", "topic"]
    both = before[keep].merge(now[keep], on=key, how="outer", suffixes=("_was", "_is"))
    learners_before = set(before["learner_id"])
    learners_now = set(now["learner_id"])
    change = pd.Series(None, index=both.index, dtype="object")
    change[both["code_was"].fillna("") != both["code_is"].fillna("")] = "switch"
    change[~both["learner_id"].isin(learners_now)] = "leaves"
    change[~both["learner_id"].isin(learners_before)] = "new"
    both = both.assign(change=change).dropna(subset=["change"])
    both = both.sort_values(key)

    def label(code, topic):
        # For the flex team: the session's code and its topic (a session without one: the code).
        return [None if pd.isna(c) else c if pd.isna(t) else f"{c} · {t}"
                for c, t in zip(code, topic, strict=True)]

    rows = pd.DataFrame({
        "learner_id": both["learner_id"],
        "learner": both["learner_is"].fillna(both["learner_was"]),
        "class_code": both["class_code_is"].fillna(both["class_code_was"]),
        "weekday": both["weekday"], "lesson_hour": both["lesson_hour"],
        "change": both["change"],
        "before": label(both["code_was"], both["topic_was"]),
        "after": label(both["code_is"], both["topic_is"]),
        # For learners and parents: the group in words (kind and topic), without its code.
        "before_kind": both["kind_was"], "before_topic": both["topic_was"],
        "after_kind": both["kind_is"], "after_topic": both["topic_is"],
    })
    return rows[columns].reset_index(drop=True), base


# -- checks before publishing ------------------------------------------------------------------

@dataclass(frozen=True)
class Check:
    code: str                         # over_capacity, leader_twice, hard_unmet, unplaced, ...
    count: int
    learners: tuple[int, ...] = ()
    params: dict = field(default_factory=dict)


def checks(db: Database, target: Plan, lang: str = "nl",
           today: dt.date | None = None) -> list[Check]:
    """What the flex team should look at before publishing: learners who would switch group
    against the published version (said louder while the cycle runs), sessions over capacity,
    a leader in two places, hard decisions unmet, learners without a session in a slot, the
    same content twice, learners in a session not open to them. Empty: nothing to look at."""
    published = latest_published(db, target.cycle_id) if target.is_proposal else None
    cycle = routing.load(db, target.cycle_id, lang,
                         keep_from=published.plan_id if published else None)
    rows = assignments(db, EVERYTHING, target.plan_id, lang)
    placements = [Placement(int(r.learner_id), int(r.slot_id), int(r.session_id),
                            r.reason_code) for r in rows.itertuples()]
    evaluated = compose.evaluate(cycle, placements)
    found: list[Check] = []
    if published is not None:
        switching = sorted({lid for lid, _, _ in compose.moved_from_published(cycle,
                                                                              placements)})
        if switching:
            today = today or clock.today()
            start, end = cycle_span(db, target.cycle_id)
            running = start <= today <= end
            found.append(Check("switches_running" if running else "switches", len(switching),
                               tuple(switching), params={"version": published.version}))
    code = {int(s.session_id): s.code for s in cycle.sessions.itertuples()}
    if evaluated.over_capacity:
        found.append(Check("over_capacity", len(evaluated.over_capacity), params={
            "sessions": ", ".join(code[s] for s in evaluated.over_capacity)}))
    load = defaultdict(int)
    for p in placements:
        load[p.session_id] += 1
    leaders: dict[tuple[int, int], list[int]] = defaultdict(list)
    for s in cycle.sessions.itertuples():
        if pd.notna(s.leader_staff_id) and load[int(s.session_id)]:
            leaders[(int(s.slot_id), int(s.leader_staff_id))].append(int(s.session_id))
    twice_led = [g for g in leaders.values() if len(g) > 1]
    if twice_led:
        found.append(Check("leader_twice", len(twice_led), params={
            "sessions": "; ".join(", ".join(code[s] for s in g) for g in twice_led)}))
    if evaluated.hard_unmet:
        found.append(Check("hard_unmet", len(evaluated.hard_unmet),
                           tuple(sorted({lid for lid, _ in evaluated.hard_unmet}))))
    unplaced = sorted({lid for lid, _ in evaluated.unassigned})
    if unplaced:
        found.append(Check("unplaced", len(unplaced), tuple(unplaced)))
    offering_of = {s: o for o in cycle.offerings for s in o.sessions}
    learners = {lrn.learner_id: lrn for lrn in cycle.learners}
    keys: dict[int, list] = defaultdict(list)
    closed_to: set[int] = set()
    for p in placements:
        offering = offering_of.get(p.session_id)
        if offering is None:
            continue
        keys[p.learner_id].append(offering.key)
        lrn = learners.get(p.learner_id)
        if lrn is not None and not offering.admits(lrn.year, lrn.class_code):
            closed_to.add(p.learner_id)
    twice = sorted(lid for lid, ks in keys.items() if len(ks) != len(set(ks)))
    if twice:
        found.append(Check("twice", len(twice), tuple(twice)))
    if closed_to:
        found.append(Check("not_open", len(closed_to), tuple(sorted(closed_to))))
    return found
