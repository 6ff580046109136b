"""The flex self-assessment (kijkwijzer flexwerking): the eleven desired effects and their
indicators, rounds in which the school scores each indicator on four points and decides to drop
(bannen), adjust (bijsturen) or secure (borgen) it, evidence from the data beside each
indicator with the query behind it, the evolution across rounds, and a printable report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from app import permissions, printing, sql
from app.auth import Viewer
from app.blank import is_blank, or_none
from app.db import Database
from app.errors import UserError
from app.i18n import Translator
from app.team import Problem, problem_text

SCORES = (1, 2, 3, 4)
DECISIONS = ("drop", "adjust", "secure")
# How each evidence query's value reads: a share, a rate, a count, days since a date, weeks.
EVIDENCE_KINDS = {
    "council_needs": "share", "self_reflection": "share", "routing_reasons": "share",
    "subject_teacher_needs": "count", "feed_up": "share", "changes_announced": "share",
    "feedback_per_month": "rate", "feed_forward": "share", "own_choice": "share",
    "results_followed": "share", "wellbeing_learners": "days", "wellbeing_staff": "days",
    "fixed_switching": "weeks",
}
MAX_TEXT = 500


def checklist(db: Database) -> pd.DataFrame:
    return db.read("team/selfcheck/checklist")


def text_of(row: Mapping, lang: str, what: str = "text") -> str:
    """The Dutch or English text of an effect or indicator row."""
    return str(row[f"{what}_{'en' if lang == 'en' else 'nl'}"])


def number(indicator_id: int) -> str:
    """The indicator's number as the checklist reads: 101 -> '1.1', 1003 -> '10.3'."""
    return f"{int(indicator_id) // 100}.{int(indicator_id) % 100}"


def rounds(db: Database) -> pd.DataFrame:
    return db.read("team/selfcheck/rounds")


def create_round(db: Database, viewer: Viewer, held_on: dt.date | None, participants: str,
                 today: dt.date) -> int:
    permissions.require(db, viewer, "team.selfcheck.edit")
    participants = (participants or "").strip()
    if held_on is None:
        raise UserError("team.selfcheck.error.no_date")
    if held_on > today:
        raise UserError("team.selfcheck.error.future", day=held_on.isoformat())
    if not participants:
        raise UserError("team.selfcheck.error.no_participants")
    if len(participants) > MAX_TEXT:
        raise UserError("team.error.too_long", limit=MAX_TEXT)
    audit = viewer.audit("edit", "kw_round")
    with db.transaction(audit) as tx:
        round_id = int(tx.scalar("team/selfcheck/round_insert", held_on=held_on,
                                 participants=participants, user_id=viewer.user_id))
        audit.record_ids.append(str(round_id))
    return round_id


def scores(db: Database, round_id: int) -> pd.DataFrame:
    return db.read("team/selfcheck/scores", round_id=round_id)


def check_scores(entries: Mapping[int, Mapping], known: set[int]) -> tuple[list[dict],
                                                                         list[Problem]]:
    """Entries per indicator id into rows to store, and every problem with them.

    A score is 1 to 4 or empty; a decision is drop, adjust or secure or empty; a decision needs an
    owner for the follow-up; texts are at most 500 characters."""
    rows, problems = [], []
    for indicator_id, entry in sorted(entries.items()):
        at = number(indicator_id)
        if int(indicator_id) not in known:
            problems.append(Problem(at, "team.selfcheck.col.indicator", indicator_id,
                                    "team.selfcheck.error.unknown_indicator"))
            continue
        score = entry.get("score")
        if is_blank(score):
            score = None
        else:
            try:
                score = int(float(str(score).replace(",", ".")))
                if float(str(entry.get("score")).replace(",", ".")) != score \
                        or score not in SCORES:
                    raise ValueError
            except ValueError:
                problems.append(Problem(at, "team.selfcheck.col.score", entry.get("score"),
                                        "team.selfcheck.error.score"))
                continue
        decision = None if is_blank(entry.get("decision")) else str(entry["decision"]).strip()
        if decision is not None and decision not in DECISIONS:
            problems.append(Problem(at, "team.selfcheck.col.decision", decision,
                                    "team.selfcheck.error.decision"))
            continue
        note = None if is_blank(entry.get("note")) else str(entry["note"]).strip()
        owner = None if is_blank(entry.get("owner")) else str(entry["owner"]).strip()
        for column, text in (("note", note), ("owner", owner)):
            if text is not None and len(text) > MAX_TEXT:
                problems.append(Problem(at, f"team.selfcheck.col.{column}", text[:20] + "…",
                                        "team.error.too_long", {"limit": MAX_TEXT}))
        if decision is not None and owner is None:
            problems.append(Problem(at, "team.selfcheck.col.owner", "",
                                    "team.selfcheck.error.owner_needed"))
        rows.append({"indicator_id": int(indicator_id), "score": score, "decision": decision,
                     "note": note, "owner": owner})
    return rows, problems


def save_scores(db: Database, viewer: Viewer, round_id: int,
                entries: Mapping[int, Mapping]) -> list[Problem]:
    """Store the entries of one round in one transaction; with any problem, store nothing and
    return the problems."""
    permissions.require(db, viewer, "team.selfcheck.edit")
    if not (rounds(db)["round_id"] == round_id).any():
        raise UserError("team.selfcheck.error.no_round")
    known = set(int(i) for i in checklist(db)["indicator_id"])
    rows, problems = check_scores(entries, known)
    if problems:
        return problems
    audit = viewer.audit("edit", "kw_round", [round_id], detail=f"indicators={len(rows)}")
    with db.transaction(audit) as tx:
        for row in rows:
            if all(row[k] is None for k in ("score", "decision", "note", "owner")):
                tx.execute("team/selfcheck/score_delete", round_id=round_id,
                           indicator_id=row["indicator_id"])
            else:
                tx.execute("team/selfcheck/score_upsert", round_id=round_id, **row)
    return []


# -- evidence from the data ---------------------------------------------------------------------

@dataclass(frozen=True)
class Evidence:
    code: str
    kind: str
    value: float | None
    numerator: int | None
    denominator: int | None
    last_on: dt.date | None

    @property
    def has_data(self) -> bool:
        return self.value is not None and (self.kind in ("count", "days")
                                           or bool(self.denominator))


def evidence_query(code: str) -> str:
    """The name of the query behind an evidence code."""
    if code not in EVIDENCE_KINDS:
        raise KeyError(code)
    return f"team/selfcheck/evidence_{code}"


def evidence_sql(code: str) -> str:
    return sql.query(evidence_query(code)).text


def evidence(db: Database, school_year: str, today: dt.date) -> dict[str, Evidence]:
    found = {}
    for code, kind in EVIDENCE_KINDS.items():
        row = db.one(evidence_query(code), school_year=school_year, today=today) or {}
        last_on = or_none(row.get("last_on"))
        if isinstance(last_on, dt.datetime):
            last_on = last_on.date()
        numerator, denominator = or_none(row.get("numerator")), or_none(row.get("denominator"))
        value = or_none(row.get("value"))
        found[code] = Evidence(code, kind, None if value is None else float(value),
                               None if numerator is None else int(numerator),
                               None if denominator is None else int(denominator), last_on)
    return found


def evidence_text(item: Evidence | None, t: Translator) -> str:
    """One line beside an indicator, in plain words; says so when there is no data."""
    if item is None:
        return t("team.selfcheck.evidence.none")
    if not item.has_data:
        return t("team.selfcheck.evidence.empty")
    value = {
        "share": lambda v: t.percent(v), "rate": lambda v: t.number(v, 2),
        "count": lambda v: t.count(int(v)), "days": lambda v: t.count(int(v)),
        "weeks": lambda v: t.number(v, 1),
    }[item.kind](item.value)
    return t(f"team.selfcheck.evidence.{item.code}", value=value,
             numerator=t.count(item.numerator), denominator=t.count(item.denominator),
             last_on=t.date(item.last_on))


# -- evolution and report -----------------------------------------------------------------------

def evolution(db: Database, lang: str) -> pd.DataFrame:
    """Mean score per effect and round, with the effect's short label, for the chart."""
    frame = db.read("team/selfcheck/evolution")
    if frame.empty:
        return frame.assign(effect="", round="")
    effects = checklist(db).drop_duplicates("effect_id").set_index("effect_id")
    frame["effect"] = [f"{int(e)}. " + _short(text_of(effects.loc[e], lang, "effect"))
                       for e in frame["effect_id"]]
    local = Translator(lang)
    frame["round"] = [local.date(pd.Timestamp(d).date()) for d in frame["held_on"]]
    frame["mean_score"] = frame["mean_score"].astype(float)
    return frame


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _found(found: Mapping[str, Evidence], code: object) -> Evidence | None:
    """The evidence of an indicator's code; None when the indicator has no evidence query."""
    return found.get(code) if isinstance(code, str) and code else None


def report_html(db: Database, round_id: int, t: Translator, school: str,
                found: Mapping[str, Evidence]) -> str:
    """The printable report of one round: per effect its indicators with score, decision,
    note, owner and the evidence from the data (template print/selfcheck.html.j2)."""
    info = rounds(db)
    info = info[info["round_id"] == round_id]
    if info.empty:
        raise UserError("team.selfcheck.error.no_round")
    meta = info.iloc[0]
    items = checklist(db)
    given = scores(db, round_id).set_index("indicator_id")
    effects = []
    for effect_id, rows in items.groupby("effect_id", sort=True):
        lines = []
        for row in rows.to_dict("records"):
            mine = given.loc[row["indicator_id"]] if row["indicator_id"] in given.index else None
            score = or_none(mine["score"]) if mine is not None else None
            decision = or_none(mine["decision"]) if mine is not None else None
            lines.append([
                number(row["indicator_id"]), text_of(row, t.lang),
                None if score is None else int(score),
                t(f"team.decision.{decision}") if decision else None,
                or_none(mine["note"]) if mine is not None else None,
                or_none(mine["owner"]) if mine is not None else None,
                evidence_text(_found(found, row["evidence"]), t)])
        effects.append({"heading": f"{int(effect_id)}. {text_of(rows.iloc[0], t.lang, 'effect')}",
                        "rows": lines})
    return printing.render(
        "selfcheck", t, effects=effects,
        title=t("team.selfcheck.print.title", school=school or "Flexwijs",
                day=t.date(pd.Timestamp(meta["held_on"]).date())),
        participants=t("team.selfcheck.print.participants",
                       participants=str(meta["participants"])),
        legend=t("team.selfcheck.print.legend"),
        headers=[t(k) for k in (
            "team.selfcheck.col.number", "team.selfcheck.col.indicator",
            "team.selfcheck.col.score", "team.selfcheck.col.decision", "team.selfcheck.col.note",
            "team.selfcheck.col.owner", "team.selfcheck.col.evidence")])


__all__ = ["Problem", "problem_text"]
