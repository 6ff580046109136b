"""What the plan page (pages/prof_plan.py) shows beside its editors: the evaluation of the
initiatives at Guskey's levels, and who shares which expertise and whether they did. Plain
pandas over app/prof/plan.py."""

from __future__ import annotations

import pandas as pd

from app import display
from app.blank import is_blank
from app.i18n import Translator


def evaluation_table(initiatives: pd.DataFrame, t: Translator) -> display.Table:
    """Per initiative (plan.depth_table): the levels evaluated and planned, the next
    follow-up, how deep it went and what a level cost."""
    return display.table(initiatives, t, [
        display.text("title", "prof.col.initiative"),
        display.items("done_levels", "prof.col.done_levels"),
        display.items("planned_levels", "prof.col.planned_levels"),
        display.date("next_follow_up", "prof.col.next_follow_up"),
        display.count("depth", "prof.col.depth"),
        # what it cost in all, and what it cost per level reached
        *(display.money(money, f"prof.col.{money}") for money in ("cost", "euros_per_level"))])


def sharing_text(promised: bool, shared_on: object, t: Translator) -> str | None:
    """Whether a promise to share was kept: 'gedeeld op 14/10/2026', 'nog niet gedeeld', or
    nothing when nothing was promised."""
    if not promised:
        return None
    return t("prof.not_shared_yet") if is_blank(shared_on) else \
        t("prof.shared_on", date=display.day(shared_on, t))


def expertise_table(found: pd.DataFrame, t: Translator) -> display.Table:
    """Who declared which expertise, where it comes from, and whether it was shared."""
    shown = found.assign(sharing=[sharing_text(p, d, t) for p, d in
                                  zip(found["promised"], found["shared_on"], strict=True)])
    return display.table(shown, t, [
        display.person("name", "prof.col.staff"), display.text("subject_team", "prof.col.team"),
        display.text("code", "prof.col.competence"),
        display.code("origin", "prof.col.origin", codes="prof.origin"),
        display.text("what", "prof.col.what"), display.text("sharing", "prof.col.sharing")])
