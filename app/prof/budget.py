"""The professional-development budget of a school year: sources, the allocation key and the
pots it makes (simulated before it is applied), and what is allocated, committed, spent and
left per pot, per team and per person, over the year (burn-down), with warnings and fairness.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from app import clock, permissions
from app.auth import Viewer
from app.blank import is_blank
from app.db import Database
from app.errors import UserError
from app.prof import rules
from app.prof.rules import Balance, KeyLine, PotMoney, Staff, money
from app.school import school_calendar
from app.scope import Scope


def sources(db: Database, school_year: str) -> pd.DataFrame:
    return db.read("prof/sources", school_year=school_year)


def total(db: Database, school_year: str) -> Decimal:
    frame = db.records("prof/sources", school_year=school_year)
    return sum((money(r["amount"]) for r in frame), Decimal("0.00"))


def save_sources(db: Database, viewer: Viewer, school_year: str, frame: pd.DataFrame,
                 removed: list[int]) -> int:
    """Write the sources editor in one transaction; a bad row is named and nothing is saved."""
    permissions.require(db, viewer, "prof.sources.edit")
    rows = []
    for n, row in enumerate(frame.to_dict("records"), start=1):
        kind = row.get("kind")
        label = str(row.get("label") or "").strip()
        if kind not in rules.SOURCE_KINDS:
            raise UserError("prof.error.row_invalid", row=n, column="kind")
        if not label:
            raise UserError("prof.error.row_missing", row=n, column="label")
        try:
            amount = money(row.get("amount"))
        except Exception as error:
            raise UserError("prof.error.row_number", row=n, column="amount") from error
        if amount < 0:
            raise UserError("prof.error.row_negative", row=n, column="amount")
        rows.append({"school_year": school_year, "kind": kind, "label": label, "amount": amount})
    keys = [(r["kind"], r["label"]) for r in rows]
    if len(set(keys)) != len(keys):
        twice = next(n for n, k in enumerate(keys, start=1) if keys.count(k) > 1)
        raise UserError("prof.error.row_twice", row=twice, column="label")
    audit = viewer.audit("edit", "prof_budget_source", detail=f"rows={len(rows)}")
    with db.transaction(audit) as tx:
        for source_id in removed:
            tx.execute("prof/source_delete", source_id=int(source_id))
        tx.execute_many("prof/source_upsert", rows)
    return len(rows)


# -- the key -------------------------------------------------------------------------------------

def key_lines(db: Database, school_year: str) -> pd.DataFrame:
    return db.read("prof/key_lines", school_year=school_year)


def lines_of(frame: pd.DataFrame) -> list[KeyLine]:
    """Key lines from an editor's frame; a row that is not a line is named by its number."""
    lines = []
    for n, row in enumerate(frame.to_dict("records"), start=1):
        kind = row.get("target_kind")
        if kind not in rules.KEY_KINDS:
            raise UserError("prof.error.key_kind", line=n)
        try:
            percent = Decimal(str(row.get("percent"))).quantize(Decimal("0.01"))
        except Exception as error:
            raise UserError("prof.error.key_percent", line=n) from error
        target = row.get("target")
        target = "" if is_blank(target) else str(target).strip()
        lines.append(KeyLine(kind, target, percent))
    return lines


def staff_fte(db: Database) -> list[Staff]:
    people = db.read("prof/staff_people", scope=Scope(staff_data=True))
    return [Staff(int(r.staff_id), Decimal(str(r.fte))) for r in people.itertuples()]


def simulate(db: Database, school_year: str, lines: list[KeyLine],
             budget: Decimal | None = None) -> pd.DataFrame:
    """The pots a key would make, next to what the pots hold now: nothing is written."""
    budget = total(db, school_year) if budget is None else money(budget)
    if budget <= 0:
        raise UserError("prof.error.no_budget")
    pots = rules.allocate(budget, lines, staff_fte(db))
    frame = pd.DataFrame([{"target_kind": k, "target": t, "new": v}
                          for (k, t), v in pots.items()],
                         columns=["target_kind", "target", "new"])
    now = db.read("prof/pot_money", school_year=school_year)[
        ["target_kind", "target", "staff_name", "allocated"]]
    merged = frame.merge(now, on=["target_kind", "target"], how="outer")
    merged["new"] = [money(v) if v == v and v is not None else Decimal("0.00")
                     for v in merged["new"]]
    merged["allocated"] = [money(v) if v == v and v is not None else Decimal("0.00")
                           for v in merged["allocated"]]
    merged["change"] = merged["new"] - merged["allocated"]
    names = {str(s.staff_id): None for s in staff_fte(db)}
    del names
    return merged


def apply_key(db: Database, viewer: Viewer, school_year: str, lines: list[KeyLine]) -> int:
    """Save the key and make its pots, in one transaction. Pots keep their ids (what is charged
    to them stays); pots the key no longer makes drop to zero, or go when nothing uses them."""
    permissions.require(db, viewer, "prof.sources.edit")
    budget = total(db, school_year)
    if budget <= 0:
        raise UserError("prof.error.no_budget")
    pots = rules.allocate(budget, lines, staff_fte(db))
    audit = viewer.audit("edit", "prof_pot", detail=f"key lines={len(lines)} pots={len(pots)}")
    with db.transaction(audit) as tx:
        tx.execute("prof/key_delete", school_year=school_year)
        tx.execute_many("prof/key_insert", [
            {"school_year": school_year, "seq": n, "target_kind": line.kind,
             "target": line.target, "percent": line.percent}
            for n, line in enumerate(lines, start=1)])
        tx.execute("prof/pot_reset", school_year=school_year)
        tx.execute_many("prof/pot_upsert", [
            {"school_year": school_year, "target_kind": k, "target": t, "allocated": v}
            for (k, t), v in pots.items()])
        tx.execute("prof/pot_prune", school_year=school_year)
        tx.execute("prof/key_applied_upsert", school_year=school_year, budget=budget,
                   applied_by=viewer.name, applied_at=clock.now())
    return len(pots)


# -- execution -----------------------------------------------------------------------------------

def pot_money(db: Database, school_year: str) -> pd.DataFrame:
    return db.read("prof/pot_money", school_year=school_year)


def pot_label(row, t) -> str:
    kind, target = row["target_kind"], row["target"]
    if kind == "school":
        return t("prof.pot.school")
    if kind == "individual":
        name = row.get("staff_name")
        return name if isinstance(name, str) else t("prof.pot.individual", target=target)
    return t(f"prof.pot.{kind}", target=target)


def pot_groups(pots: pd.DataFrame, t) -> pd.DataFrame:
    """Pots as the overview shows them: each shared pot on its own, the individual pots together
    (one bar, not one per person)."""
    if pots.empty:
        return pd.DataFrame(columns=["pot", "allocated", "committed", "spent", "left_over"])
    frame = pots.copy()
    frame["pot"] = [t("prof.pot.individuals") if k == "individual" else pot_label(r, t)
                    for k, (_, r) in zip(frame["target_kind"], frame.iterrows(), strict=True)]
    grouped = frame.groupby("pot", sort=False)[["allocated", "committed", "spent",
                                                "left_over"]].sum().reset_index()
    for column in ("allocated", "committed", "spent", "left_over"):
        grouped[column] = grouped[column].astype(float)
    return grouped


def person_money(db: Database, scope: Scope, school_year: str) -> pd.DataFrame:
    return db.read("prof/person_money", scope=scope, school_year=school_year)


def team_money(people: pd.DataFrame, pots: pd.DataFrame) -> pd.DataFrame:
    """Per subject team: members' own pots plus the team's pot; what members' requests committed
    and spent plus spending on the team pot; FTE, euros and hours per FTE (fairness)."""
    columns = ["subject_team", "fte", "allocated", "committed", "spent", "left_over", "hours",
               "euros_per_fte", "hours_per_fte"]
    if people.empty:
        return pd.DataFrame(columns=columns)
    frame = people.copy()
    for column in ("fte", "allocated", "committed", "spent", "hours"):
        frame[column] = frame[column].astype(float)
    teams = frame.groupby("subject_team")[["fte", "allocated", "committed", "spent",
                                           "hours"]].sum()
    shared = pots[pots["target_kind"] == "subject_team"].set_index("target") if len(pots) else \
        pd.DataFrame()
    for team in teams.index:
        if team in shared.index:
            # Requests are charged to the person's pot first, so only the team pot's own
            # allocation adds here; its spending is part of the members' requests already.
            teams.loc[team, "allocated"] += float(shared.loc[team, "allocated"])
    teams["left_over"] = teams["allocated"] - teams["committed"] - teams["spent"]
    teams["euros_per_fte"] = (teams["committed"] + teams["spent"]) / teams["fte"].where(
        teams["fte"] > 0)
    teams["hours_per_fte"] = teams["hours"] / teams["fte"].where(teams["fte"] > 0)
    return teams.reset_index()[columns]


def burndown(db: Database, school_year: str, budget: Decimal | None = None) -> pd.DataFrame:
    """Week by week over the school year: what is left after spending, what is left after
    commitments too, and the even pace from the full budget to zero on the last day.
    Weeks after today are only on the even-pace line."""
    budget = total(db, school_year) if budget is None else money(budget)
    start, end = school_calendar.school_year_bounds(school_year)
    events = db.read("prof/money_events", school_year=school_year)
    today = clock.today()
    return burndown_frame(events, budget, start, end, today)


def burndown_frame(events: pd.DataFrame, budget: Decimal, start: dt.date, end: dt.date,
                   today: dt.date) -> pd.DataFrame:
    rows = []
    monday = school_calendar.monday_of(start)
    days = (end - start).days or 1
    budget_f = float(budget)
    if not events.empty:
        events = events.assign(day=pd.to_datetime(events["day"]).dt.date)
    while monday <= end:
        sunday = monday + dt.timedelta(days=6)
        pace = budget_f * max(0.0, 1 - (min(sunday, end) - start).days / days)
        row = {"week": monday, "pace": round(pace, 2), "left_spent": None,
               "left_committed": None}
        if monday <= today:
            upto = events[events["day"] <= sunday] if len(events) else events
            spent = float(upto["spent"].astype(float).sum()) if len(upto) else 0.0
            committed = float(upto["committed"].astype(float).sum()) if len(upto) else 0.0
            row["left_spent"] = round(budget_f - spent, 2)
            row["left_committed"] = round(budget_f - spent - committed, 2)
        rows.append(row)
        monday += dt.timedelta(days=7)
    return pd.DataFrame(rows)


def warnings(pots: pd.DataFrame, t, school_year: str, today: dt.date) -> list[str]:
    start, end = school_calendar.school_year_bounds(school_year)
    money_rows = [PotMoney(pot_label(r, t), money(r["allocated"]), money(r["committed"]),
                           money(r["spent"])) for _, r in pots.iterrows()]
    found = rules.warnings(money_rows, today, start, end)
    return [t(key, **{k: (t.money(v) if isinstance(v, Decimal) else v)
                      for k, v in fields.items()}) for key, fields in found]


@dataclass(frozen=True)
class Glance(Balance):
    budget: Decimal
    allocated: Decimal
    committed: Decimal
    spent: Decimal


def glance(db: Database, school_year: str) -> Glance:
    pots = db.records("prof/pot_money", school_year=school_year)
    return Glance(
        budget=total(db, school_year),
        allocated=sum((money(p["allocated"]) for p in pots), Decimal("0.00")),
        committed=sum((money(p["committed"]) for p in pots), Decimal("0.00")),
        spent=sum((money(p["spent"]) for p in pots), Decimal("0.00")),
    )


def no_development(db: Database, scope: Scope, today: dt.date) -> pd.DataFrame:
    return db.read("prof/no_development", scope=scope, today=today)
