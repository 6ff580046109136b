"""The team's own tools: the flex self-assessment (kijkwijzer), the register of teacher leaders,
and work-coaching trajectories (traject werkbegeleiding). No Streamlit here: pages call in."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.i18n import Translator


@dataclass(frozen=True)
class Problem:
    """What is wrong with one value a person entered: row, column, the value, and why."""

    row: int | str                    # as the page shows it: 1-based, or an indicator number
    column: str                       # catalogue key of the column's name
    value: object
    reason: str                       # catalogue key of the reason
    params: dict = field(default_factory=dict)


def problem_text(problem: Problem, t: Translator) -> str:
    value = "" if problem.value is None else str(problem.value)
    where = f"{t(problem.params['table'])}, " if problem.params.get("table") else ""
    return where + t("team.problem", row=problem.row, column=t(problem.column), value=value,
             reason=t(problem.reason, **problem.params))
