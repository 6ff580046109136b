"""The team's own tools: the flex self-assessment (kijkwijzer), the register of teacher leaders,
and work-coaching trajectories (traject werkbegeleiding). No Streamlit here: pages call in."""

from __future__ import annotations

from app.i18n import Translator
from app.problems import Problem


def problem_text(problem: Problem, t: Translator) -> str:
    value = "" if problem.value is None else str(problem.value)
    where = f"{t(problem.params['table'])}, " if problem.params.get("table") else ""
    return where + t("team.problem", row=problem.row, column=t(problem.column), value=value,
             reason=t(problem.reason, **problem.params))
