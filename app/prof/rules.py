"""The rules of professional development, as pure functions on plain values.

No database and no Streamlit here, so every rule is tested on hand-made data: the allocation key
(shares that add up to the budget to the cent), the request state machine (who may take which
step), the budget warnings, the gap between needed and present competence levels, and how deep
an initiative's evaluation reached on Guskey's five levels.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from app.blank import is_blank
from app.errors import UserError

CENT = Decimal("0.01")
FORMS = ("internal_sharing", "external_training", "coaching", "peer_visit", "learning_network",
         "study_day", "other")
COLLECTIVES = ("individual", "team", "school")
KEY_KINDS = ("pro_rata", "school", "subject_team", "grade", "team", "role", "individual")
SOURCE_KINDS = ("government", "school_board", "other")
STATES = ("draft", "submitted", "approved", "refused", "done", "evaluated")
STRANDS = ("welcome", "personal", "classroom")
LEVELS = (1, 2, 3, 4)
GUSKEY = (1, 2, 3, 4, 5)


def money(value: object) -> Decimal:
    """A euro amount as an exact Decimal with cents (floats go through their text)."""
    if is_blank(value):
        return Decimal("0.00")
    return Decimal(str(value)).quantize(CENT)


# -- the allocation key ------------------------------------------------------------------------

@dataclass(frozen=True)
class KeyLine:
    kind: str                      # one of KEY_KINDS
    target: str                    # team, grade, role, staff id; '' for school and pro rata
    percent: Decimal


@dataclass(frozen=True)
class Staff:
    staff_id: int
    fte: Decimal                   # assignment size / full-time hours


def split(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """Divide `total` over `weights` in cents by the largest remainder: the parts add up to the
    total exactly; leftover cents go to the largest remainders, ties to the earlier weight."""
    total = money(total)
    weight_sum = sum(weights, Decimal(0))
    if not weights or weight_sum <= 0:
        return [Decimal("0.00")] * len(weights)
    cents = int(total / CENT)
    raw = [Decimal(cents) * w / weight_sum for w in weights]
    floors = [int(r.to_integral_value(rounding=ROUND_FLOOR)) for r in raw]
    left = cents - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(raw[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return [Decimal(c) * CENT for c in floors]


def check_key(lines: Sequence[KeyLine]) -> None:
    """A key's percentages are positive and add up to exactly 100; every line names a target
    where its kind needs one. The problem names the line (counted from 1)."""
    if not lines:
        raise UserError("prof.error.key_empty")
    for n, line in enumerate(lines, start=1):
        if line.kind not in KEY_KINDS:
            raise UserError("prof.error.key_kind", line=n)
        if not (Decimal(0) < line.percent <= Decimal(100)):
            raise UserError("prof.error.key_percent", line=n)
        if line.kind not in ("pro_rata", "school") and not str(line.target).strip():
            raise UserError("prof.error.key_target", line=n)
    total = sum((line.percent for line in lines), Decimal(0))
    if total != Decimal(100):
        raise UserError("prof.error.key_total", total=str(total))


def allocate(budget: Decimal, lines: Sequence[KeyLine], staff: Sequence[Staff]
             ) -> dict[tuple[str, str], Decimal]:
    """The pots a key makes of a budget: {(kind, target): euros}. Pro rata divides its share
    over every staff member by FTE into individual pots. The pots add up to the budget."""
    check_key(lines)
    shares = split(money(budget), [line.percent for line in lines])
    pots: dict[tuple[str, str], Decimal] = {}
    for line, share in zip(lines, shares, strict=True):
        if line.kind == "pro_rata":
            people = [s for s in staff if s.fte > 0]
            if not people:
                raise UserError("prof.error.key_no_staff")
            for person, part in zip(people, split(share, [p.fte for p in people]), strict=True):
                key = ("individual", str(person.staff_id))
                pots[key] = pots.get(key, Decimal("0.00")) + part
        else:
            key = (line.kind, "" if line.kind == "school" else str(line.target).strip())
            pots[key] = pots.get(key, Decimal("0.00")) + share
    return pots


# -- the request state machine -------------------------------------------------------------------

# (from, to): who may take the step. 'owner' is the staff member the request is for (or who made
# it); 'director' decides. Nothing else is a step: no skipping, no going back from a decision.
STEPS: dict[tuple[str, str], frozenset[str]] = {
    ("draft", "submitted"): frozenset({"owner", "director"}),
    ("submitted", "draft"): frozenset({"owner", "director"}),      # taken back to edit
    ("submitted", "approved"): frozenset({"director"}),
    ("submitted", "refused"): frozenset({"director"}),
    ("approved", "done"): frozenset({"owner", "director"}),
    ("done", "evaluated"): frozenset({"owner", "director"}),
}
EDITABLE = frozenset({"draft", "submitted"})


def next_states(state: str, actor: Iterable[str]) -> list[str]:
    who = set(actor)
    return [to for (frm, to), allowed in STEPS.items() if frm == state and allowed & who]


def check_step(state: str, to: str, actor: Iterable[str]) -> None:
    """Refuse a step the machine does not have, or one this actor may not take."""
    allowed = STEPS.get((state, to))
    if allowed is None:
        raise UserError("prof.error.step_illegal", state=state, to=to)
    if not allowed & set(actor):
        raise UserError("prof.error.step_not_yours", to=to)


# -- budget warnings -----------------------------------------------------------------------------

class Balance:
    """What is left of money given (allocated) once committed and spent are taken off: below
    zero when they go beyond it. A mixin for the dataclasses with those three fields (its
    annotations are not fields of theirs)."""

    allocated: Decimal
    committed: Decimal
    spent: Decimal

    @property
    def left(self) -> Decimal:
        return self.allocated - self.committed - self.spent


@dataclass(frozen=True)
class PotMoney(Balance):
    """One pot, as the warnings read it: its label names it in a message."""
    label: str
    allocated: Decimal
    committed: Decimal
    spent: Decimal


def warnings(pots: Sequence[PotMoney], today: dt.date, year_start: dt.date, year_end: dt.date,
             unspent_share: Decimal = Decimal("0.25"), months_before_end: int = 3
             ) -> list[tuple[str, dict]]:
    """Catalogue keys and fields: a pot where committed and spent go beyond what it was given;
    the whole budget overspent; money left unspent in the last months of the school year."""
    found: list[tuple[str, dict]] = []
    for pot in pots:
        if pot.left < 0:
            found.append(("prof.warn.pot_over", {"pot": pot.label, "over": -pot.left}))
    allocated = sum((p.allocated for p in pots), Decimal(0))
    left = sum((p.left for p in pots), Decimal(0))
    if allocated > 0 and left < 0:
        found.append(("prof.warn.total_over", {"over": -left}))
    near_end = today >= _months_before(year_end, months_before_end) and today <= year_end
    if near_end and allocated > 0 and left > allocated * unspent_share:
        found.append(("prof.warn.unspent", {"left": left, "days": (year_end - today).days}))
    del year_start
    return found


def _months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - months
    year = day.year
    while month <= 0:
        month += 12
        year -= 1
    return dt.date(year, month, min(day.day, 28))


# -- competence gaps -----------------------------------------------------------------------------

SOURCE_RANK = {"appraisal": 0, "self": 1, "survey": 2, "import": 3}


def present_level(assessments: Iterable[Mapping]) -> int | None:
    """The level that counts: the latest assessment; on the same day an appraisal goes before a
    self-assessment, a survey and an import."""
    rows = sorted(assessments, key=lambda a: (a["assessed_on"], -SOURCE_RANK[a["source"]]))
    return int(rows[-1]["level"]) if rows else None


def needed_level(needs: Iterable[Mapping], roles: Iterable[str], team: str | None,
                 grades: Iterable[int], teams: Iterable[str] = ()) -> int | None:
    """The highest needed level that applies: school-wide, a role held, the subject team, a
    grade taught (and any other team the person belongs to)."""
    roles, grades, teams = set(roles), {str(g) for g in grades}, set(teams)
    best = None
    for need in needs:
        kind, target = need["target_kind"], str(need["target"])
        applies = (kind == "school" or (kind == "role" and target in roles)
                   or (kind == "subject_team" and (target == team or target in teams))
                   or (kind == "grade" and target in grades))
        if applies:
            best = max(best or 0, int(need["level"]))
    return best


def gap(needed: int | None, present: int | None) -> int | None:
    """How many levels short (0 when enough); None when the level is not known."""
    if needed is None:
        return 0
    if present is None:
        return None
    return max(0, needed - present)


# -- Guskey depth ---------------------------------------------------------------------------------

def depth(done_levels: Iterable[int]) -> int:
    """How deep an evaluation reached: the highest level L such that levels 1..L were all
    evaluated. Level 4 without level 3 reaches 2: satisfaction alone is not enough, and a
    deeper level without the ones below it is not evidence of a chain."""
    done = set(done_levels)
    reached = 0
    for level in GUSKEY:
        if level not in done:
            break
        reached = level
    return reached


def follow_ups(done_on: dt.date) -> list[tuple[int, dt.date]]:
    """After levels 1-2 right after an initiative: level 3 (organisational support) after two
    months and level 4 (use in practice) after four, as planned follow-ups."""
    return [(3, done_on + dt.timedelta(days=60)), (4, done_on + dt.timedelta(days=120))]


@contextlib.contextmanager
def named_columns(t) -> Iterator[None]:
    """A problem in a row names its column by the header the reader sees, not by its code."""
    try:
        yield
    except UserError as error:
        for name in ("column", "field"):
            column = error.params.get(name)
            if isinstance(column, str) and t.has(f"prof.col.{column}"):
                error.params[name] = t(f"prof.col.{column}")
        raise
