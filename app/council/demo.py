"""The demo school's needs: what class councils, subject teachers and the learners themselves
decided after each period's results, for the flex hours to answer.

Called from :meth:`app.demo.Builder.build` once the results are drawn and before the flex
history (:mod:`app.flex.demo`), which places learners by these needs.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from app.demo import CLASS_CHANGE, CORE_SUBJECTS, DEEPENING_SUBJECTS, SUBJECT_NAME_NL, Builder
from app.school import school_calendar


def build(demo: Builder) -> pd.DataFrame:
    """The needs of every period with results, with their ids; added to the demo school."""
    decided: list[dict] = []
    for year in demo.years:
        for p in school_calendar.trimesters(year):
            decided += _needs_for(demo, year, p.seq)
    if demo.class_change:
        decided.append(_before_the_class_change(demo, *demo.class_change))
    needs = pd.DataFrame(decided)
    needs.insert(0, "need_id", demo.tx.next_ids("need_id_seq", len(needs)))
    demo.school.add("need", needs)
    return needs


def _before_the_class_change(demo: Builder, learner_id: int, moved_on: dt.date) -> dict:
    """The decision the council of the learner's first class took a week before the move: the
    one place that class still shows, for a learner has one class a school year."""
    before, after = CLASS_CHANGE
    year_start, year_end = school_calendar.school_year_bounds(demo.current_year)
    decided = max(year_start, moved_on - dt.timedelta(days=7))
    return {
        "learner_id": learner_id, "valid_from": decided, "valid_until": year_end,
        "created_at": dt.datetime.combine(decided, dt.time(16, 30)),
        "subject_id": "FRA", "kind": "remediation", "source": "class_council", "priority": 2,
        "is_hard": False, "decided_by": f"Klassenraad {before}",
        "reason": f"Bijwerken in Frans; na de klaswissel naar {after} volgt de klassenraad van "
                  f"{after} dit op.",
    }


def _weak_reason(percent: float, subject: str) -> str:
    # A class council writes a need's reason in its own words: the subject's name, not its code.
    return f"Resultaat {percent:.0f} % in {SUBJECT_NAME_NL[subject]}: bijwerken."


def _needs_for(demo: Builder, year: str, seq: int) -> list[dict]:
    """Needs decided after a period's results: by the class council, subject teachers and the
    learners' own self-reflection. Valid until the end of the next period."""
    rng = demo.rng
    percent = demo.percent.get((year, seq))
    if percent is None:
        return []
    period = demo.periods[(year, seq)]
    decided = min(period["ends_on"], demo.today - dt.timedelta(days=14))
    next_key = (year, seq + 1) if (year, seq + 1) in demo.periods else None
    valid_until = (
        demo.periods[next_key]["ends_on"] if next_key
        else school_calendar.school_year_bounds(year)[1]
    )
    enrolled = demo.enrolment[year]["index"].to_numpy()
    needs = []
    for index in enrolled:
        learner_id = int(demo.learners.at[index, "learner_id"])
        row = percent[index]
        core = [(row[demo.subject_index[s]], s) for s in CORE_SUBJECTS]
        weakest_pct, weakest = min(core)
        best_pct, best = max(
            (row[demo.subject_index[s]], s) for s in DEEPENING_SUBJECTS
        )
        base = {"learner_id": learner_id, "valid_from": decided, "valid_until": valid_until,
                "created_at": dt.datetime.combine(decided, dt.time(16, 30))}
        if weakest_pct < 50 and rng.random() < 0.45:
            hard = rng.random() < 0.45
            needs.append({
                **base, "subject_id": weakest, "kind": "remediation",
                "source": "class_council", "priority": 1 if hard else 2, "is_hard": hard,
                "reason": _weak_reason(weakest_pct, weakest),
                "decided_by": "Klassenraad",
            })
            second_pct, second = sorted(core)[1]
            if hard and second_pct < 50 and rng.random() < 0.5:
                needs.append({
                    **base, "subject_id": second, "kind": "remediation",
                    "source": "class_council", "priority": 1, "is_hard": True,
                    "reason": _weak_reason(second_pct, second),
                    "decided_by": "Klassenraad",
                })
        elif weakest_pct < 58 and rng.random() < 0.15:
            needs.append({
                **base, "subject_id": weakest, "kind": "remediation",
                "source": "subject_teacher", "priority": 2, "is_hard": False,
                "reason": f"Basisleerstof {SUBJECT_NAME_NL[weakest]} inoefenen.",
                "decided_by": "Vakleerkracht",
            })
        if best_pct > 80 and rng.random() < 0.35:
            needs.append({
                **base, "subject_id": best, "kind": "deepening", "source": "subject_teacher",
                "priority": 3, "is_hard": False,
                "reason": f"Sterk in {SUBJECT_NAME_NL[best]}: verdieping aanbieden.",
                "decided_by": "Vakleerkracht",
            })
        if rng.random() < 0.3:
            wish = rng.random()
            if wish < 0.4:
                kind, subject, reason = "remediation", weakest, "Ik wil bijwerken."
            elif wish < 0.7:
                kind, subject, reason = "deepening", best, "Ik wil verder gaan."
            else:
                kind, subject, reason = "broadening", None, "Ik wil iets nieuws leren."
            needs.append({
                **base, "subject_id": subject, "kind": kind, "source": "self_reflection",
                "priority": 3, "is_hard": False, "reason": reason, "decided_by": "Leerling",
            })
    return needs

