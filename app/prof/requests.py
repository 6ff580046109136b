"""Requests for professional development: a short form saved as a draft, editable until it is
approved, and moved through draft → submitted → approved | refused → done → evaluated, with
who and when for every step.

Safe when two people act at once: every edit and step names the version it was made on, and the
update only happens if the stored request still has that version (and state). Otherwise nothing
is written and the person is told to reload (``prof.error.changed``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from app import clock, permissions
from app.auth import Viewer
from app.blank import is_blank, or_none
from app.db import Database
from app.errors import UserError, WriteConflict
from app.prof import rules
from app.prof.rules import money


@dataclass
class RequestForm:
    title: str
    goal: str
    starts_on: dt.date | None
    ends_on: dt.date | None = None
    partner: str | None = None
    form: str = "external_training"
    initiative_id: int | None = None
    competence_id: int | None = None
    subject_id: str | None = None
    class_ids: tuple[int, ...] = ()
    fee: Decimal | float | str = 0
    travel: Decimal | float | str = 0
    substitute: Decimal | float | str = 0
    hours: Decimal | float | str = 0
    sharing_plan: str | None = None

    def checked(self) -> dict:
        """The form's values for the database; the first problem names the field and why."""
        title, goal = (self.title or "").strip(), (self.goal or "").strip()
        if not title:
            raise UserError("prof.error.field_missing", field="title")
        if not goal:
            raise UserError("prof.error.field_missing", field="goal")
        if self.starts_on is None:
            raise UserError("prof.error.field_missing", field="starts_on")
        if self.ends_on is not None and self.ends_on < self.starts_on:
            raise UserError("prof.error.ends_before_start")
        if self.form not in rules.FORMS:
            raise UserError("prof.error.field_invalid", field="form")
        values = {}
        for name in ("fee", "travel", "substitute", "hours"):
            try:
                amount = money(getattr(self, name))
            except Exception as error:
                raise UserError("prof.error.field_invalid", field=name) from error
            if amount < 0:
                raise UserError("prof.error.negative", field=name)
            values[name] = amount
        return {
            "title": title, "goal": goal, "partner": (self.partner or "").strip() or None,
            "form": self.form, "initiative_id": self.initiative_id,
            "competence_id": self.competence_id, "subject_id": self.subject_id,
            "class_ids": [int(c) for c in self.class_ids] or None,
            "starts_on": self.starts_on, "ends_on": self.ends_on,
            "sharing_plan": (self.sharing_plan or "").strip() or None, **values,
        }


def actor(viewer: Viewer, request: dict) -> set[str]:
    """What the viewer is to this request in the state machine (rules.STEPS): its owner (the
    staff member it is for), the director (whoever holds prof.request.edit over every request,
    not only their own), or both, or nothing."""
    who = set()
    if permissions.allowed(viewer, "prof.request.edit"):
        who.add("director")
    staff_id = _int(request["staff_id"])
    mine = viewer.staff_id is not None and viewer.staff_id == staff_id
    if mine and permissions.allowed(viewer, "prof.request.edit",
                                    permissions.StaffMember(staff_id)):
        who.add("owner")
    return who


def next_steps(viewer: Viewer, request: dict | pd.Series) -> list[str]:
    """The steps this viewer may take on this request now: what a page offers as buttons."""
    return rules.next_states(request["state"], actor(viewer, request))


def _record(db: Database, request_id: int) -> permissions.StaffMember:
    """A request as the permission model sees it: whose it is (nobody's when there is none)."""
    found = db.one("prof/request_one", request_id=request_id)
    return permissions.StaffMember(None if found is None else _int(found["staff_id"]),
                                   record_id=request_id)


def visible(db: Database, viewer: Viewer, school_year: str) -> pd.DataFrame:
    return db.read("prof/requests", scope=viewer.scope, school_year=school_year)


def steps(db: Database, viewer: Viewer, school_year: str) -> pd.DataFrame:
    return db.read("prof/request_steps", scope=viewer.scope, school_year=school_year)


def queue(requests: pd.DataFrame) -> pd.DataFrame:
    """The director's queue: submitted requests, oldest submission first."""
    waiting = requests[requests["state"] == "submitted"]
    return waiting.sort_values(["submitted_at", "request_id"])


def create(db: Database, viewer: Viewer, school_year: str, form: RequestForm,
           staff_id: int | None = None) -> int:
    """Save a new request as a draft, for the viewer (or, for the director, any staff member)."""
    permissions.require(db, viewer, "prof.request.edit", lambda: permissions.StaffMember(
        staff_id if staff_id is not None else viewer.staff_id))
    staff_id = staff_id if staff_id is not None else viewer.staff_id
    if staff_id is None:
        raise UserError("prof.error.no_staff_link")
    values = form.checked()
    now = clock.now()
    audit = viewer.audit("edit", "prof_request", detail="create")
    with db.transaction(audit) as tx:
        request_id = tx.next_ids("prof_request_id_seq", 1)[0]
        tx.execute("prof/request_insert", request_id=request_id, school_year=school_year,
                   staff_id=staff_id, made_by=viewer.user_id, now=now, **values)
        tx.execute("prof/request_step_insert", request_id=request_id, from_state=None,
                   to_state="draft", by_user_id=viewer.user_id, by_name=viewer.name, now=now,
                   note=None)
        tx.audit.record_ids.append(str(request_id))
    return request_id


def update(db: Database, viewer: Viewer, request_id: int, version: int,
           form: RequestForm) -> None:
    """Change a request while it is a draft or submitted, if nobody changed it meanwhile."""
    permissions.require(db, viewer, "prof.request.edit", lambda: _record(db, request_id))
    values = form.checked()
    audit = viewer.audit("edit", "prof_request", record_ids=[request_id], detail="update")
    with db.transaction(audit) as tx:
        stored = _stored(tx, request_id)
        if stored["state"] not in rules.EDITABLE:
            raise UserError("prof.error.not_editable", state=stored["state"])
        changed = tx.count("prof/request_update", request_id=request_id, version=version,
                           now=clock.now(), **values)
        if not changed:
            raise WriteConflict("prof.error.changed")


def move(db: Database, viewer: Viewer, request_id: int, version: int, to: str, *,
         note: str | None = None, pot_id: int | None = None,
         actual_cost: Decimal | float | str | None = None,
         spent_on: dt.date | None = None) -> None:
    """Take one step of the state machine. Approval charges the request to a pot (the one given,
    else the staff member's own, team or school pot) and adds them as a participant; 'done'
    records what it actually cost as spent (the estimate unless told otherwise). The viewer
    may edit the request (prof.request.edit); the state machine says which steps are theirs."""
    permissions.require(db, viewer, "prof.request.edit", lambda: _record(db, request_id))
    now = clock.now()
    audit = viewer.audit("edit", "prof_request", record_ids=[request_id], detail=f"to={to}")
    with db.transaction(audit) as tx:
        stored = _stored(tx, request_id)
        state = stored["state"]
        rules.check_step(state, to, actor(viewer, stored))
        if to == "refused" and not (note or "").strip():
            raise UserError("prof.error.refusal_reason")
        if to == "approved" and pot_id is None:
            pot_id = tx.scalar("prof/pot_for_staff", school_year=stored["school_year_id"],
                               staff_id=stored["staff_id"], cost=stored["cost"])
        changed = tx.count("prof/request_move", request_id=request_id, version=version,
                           from_state=state, to_state=to, pot_id=pot_id, now=now)
        if not changed:
            raise WriteConflict("prof.error.changed")
        tx.execute("prof/request_step_insert", request_id=request_id, from_state=state,
                   to_state=to, by_user_id=viewer.user_id, by_name=viewer.name, now=now,
                   note=(note or "").strip() or None)
        if to == "approved" and stored["initiative_id"] is not None:
            tx.execute("prof/participant_upsert", initiative_id=stored["initiative_id"],
                       staff_id=stored["staff_id"], request_id=request_id, attended=False)
        if to == "done":
            amount = money(stored["cost"] if actual_cost is None else actual_cost)
            if amount < 0:
                raise UserError("prof.error.negative", field="actual_cost")
            if amount:
                tx.execute("prof/spending_insert", school_year=stored["school_year_id"],
                           pot_id=stored["pot_id"], request_id=request_id,
                           initiative_id=stored["initiative_id"],
                           spent_on=spent_on or now.date(), amount=amount,
                           description=None, recorded_by=viewer.name)
            if stored["initiative_id"] is not None:
                tx.execute("prof/participant_upsert", initiative_id=stored["initiative_id"],
                           staff_id=stored["staff_id"], request_id=request_id, attended=True)


def mark_shared(db: Database, viewer: Viewer, request_id: int, shared_on: dt.date,
                note: str | None) -> None:
    """Note that what was learnt has been shared, as the request promised."""
    permissions.require(db, viewer, "prof.request.edit", lambda: _record(db, request_id))
    audit = viewer.audit("edit", "prof_request", record_ids=[request_id], detail="shared")
    with db.transaction(audit) as tx:
        stored = _stored(tx, request_id)
        if stored["state"] not in ("done", "evaluated"):
            raise UserError("prof.error.not_done")
        tx.execute("prof/request_shared", request_id=request_id, shared_on=shared_on,
                   shared_note=(note or "").strip() or None, now=clock.now())


def _stored(tx, request_id: int) -> dict:
    rows = tx.records("prof/request_one", request_id=request_id)
    if not rows:
        raise UserError("prof.error.no_request", request_id=request_id)
    return rows[0]


def form_of(row: dict | pd.Series) -> RequestForm:
    """The form filled with a stored request, to edit it."""
    def opt(value):
        return or_none(value)

    def day(value):
        value = opt(value)
        return None if value is None else pd.Timestamp(value).date()

    return RequestForm(
        title=row["title"], goal=row["goal"], starts_on=day(row["starts_on"]),
        ends_on=day(row["ends_on"]), partner=opt(row["partner"]), form=row["form"],
        initiative_id=_int(row["initiative_id"]), competence_id=_int(row["competence_id"]),
        subject_id=opt(row["subject_id"]),
        # A list column reads as a numpy array: its truth value is refused, so no `or ()`.
        class_ids=tuple(int(c) for c in (() if opt(row["class_ids"]) is None
                                         else row["class_ids"])),
        fee=money(row["fee"]), travel=money(row["travel"]), substitute=money(row["substitute"]),
        hours=money(row["hours"]), sharing_plan=opt(row["sharing_plan"]))


def _int(value) -> int | None:
    return None if is_blank(value) else int(value)
