"""Professionalisering › Budget: sources, the allocation key (simulated before it is applied),
and per pot, team and person what is allocated, committed, spent and left; fairness."""

import pandas as pd
import streamlit as st

from app import clock, display, web
from app.i18n import plain
from app.prof import budget, rules
from app.school import school_calendar

viewer, t, db = web.open_page("prof_budget")
today = clock.today()
year = school_calendar.school_year_of(today)
saves = web.Saves("prof_budget")
version = saves.version




TEAM_COLUMNS = {
    "subject_team": lambda: display.text("subject_team", "prof.col.team"),
    "fte": lambda: display.number("fte", "prof.col.fte", decimals=2),
    "allocated": lambda: display.money("allocated", "prof.money.allocated"),
    "committed": lambda: display.money("committed", "prof.money.committed"),
    "spent": lambda: display.money("spent", "prof.money.spent"),
    "left_over": lambda: display.money("left_over", "prof.money.left"),
    "hours": lambda: display.number("hours", "prof.col.hours", decimals=1),
    "euros_per_fte": lambda: display.money("euros_per_fte", "prof.col.euros_per_fte"),
    "hours_per_fte": lambda: display.number("hours_per_fte", "prof.col.hours_per_fte",
                                            decimals=2),
}


def team_table(teams: pd.DataFrame) -> display.Table:
    """Money, full-time equivalents and hours per subject team, written the reader's way."""
    return display.table(teams, t, [make() for name, make in TEAM_COLUMNS.items()
                                    if name in teams.columns])


def role_word(code: str) -> str:
    return display.label(t, "staff_role", code) or ""


def targets_of(db, kind: str) -> list[str]:
    found = db.read("prof/teams")
    return list(found.loc[found["kind"] == kind, "target"])


def key_lines(frame: pd.DataFrame) -> pd.DataFrame:
    """The key as the save reads it: percentages from their text, roles back to their code."""
    read = key_form.read(frame)
    read["target"] = [roles.get(str(g).strip(), g) if k == "role" and isinstance(g, str) else g
                      for k, g in zip(read["target_kind"], read["target"], strict=True)]
    return read


def pot_word(row) -> str:
    """A pot's name; a role's pot names the role in words."""
    if row["target_kind"] == "role":
        return t("prof.pot.role", target=role_word(row["target"]))
    return budget.pot_label(row, t)


tab_sources, tab_key, tab_pots, tab_fair = st.tabs(
    [t("prof.tab.sources"), t("prof.tab.key"), t("prof.tab.pots"), t("prof.tab.fairness")])

with tab_sources:
    sources = budget.sources(db, year)
    key = f"prof_budget.sources.{version}"
    sources_form = display.editor(sources, t, [
        display.code("kind", "prof.col.kind", codes="prof.source", options=rules.SOURCE_KINDS,
                     required=True),
        display.text("label", "prof.col.label", required=True),
        display.money("amount", "prof.col.amount", minimum=0, required=True)])
    web.editor(sources_form, key=key, num_rows="dynamic")
    st.metric(t("prof.money.budget"), t.money(float(budget.total(db, year))))
    if st.button(t("prof.save"), key="prof_budget.save_sources", type="primary"):
        frame, removed = web.edited_frame(sources_form.frame, key)
        with web.friendly_errors(t), rules.named_columns(t):
            budget.save_sources(db, viewer, year, sources_form.read(frame),
                                [int(sources["source_id"].iloc[p]) for p in removed])
            saves.saved(t("prof.saved"))

with tab_key:
    lines = budget.key_lines(db, year)
    # A role is written as a word in the key (zorgcoördinator) and stored as its code.
    roles = {role_word(code): code for code in targets_of(db, "role")}
    roles.update({code: code for code in roles.values()})
    original = lines.assign(target=[role_word(g) if k == "role" else g for k, g in
                                    zip(lines["target_kind"], lines["target"], strict=True)])
    key = f"prof_budget.key.{version}"
    st.caption(t("prof.key_help"))
    targets = db.read("prof/teams")
    st.caption(t.md("prof.key_targets", targets=t.join(
        [f"{t(f'prof.key_kind.{k}')}: "
         + ", ".join(role_word(x) if k == "role" else x for x in g["target"])
         for k, g in targets.groupby("kind")])))
    key_form = display.editor(original, t, [
        display.code("target_kind", "prof.col.target_kind", codes="prof.key_kind",
                     options=rules.KEY_KINDS, required=True),
        display.text("target", "prof.col.target"),
        display.number("percent", "prof.col.percent", decimals=2, minimum=0.01, maximum=100,
                       required=True)])
    web.editor(key_form, key=key, num_rows="dynamic")
    frame, _ = web.edited_frame(key_form.frame, key)
    c1, c2 = st.columns(2)
    if c1.button(t("prof.simulate"), key="prof_budget.simulate", icon=":material/science:"):
        with web.friendly_errors(t), rules.named_columns(t):
            sim = budget.simulate(db, year, budget.lines_of(key_lines(frame)))
            people = budget.person_money(db, viewer.scope, year)
            names = dict(zip(people["staff_id"].astype(str), people["name"], strict=True))
            sim["pot"] = [names.get(r["target"], r["target"]) if r["target_kind"] ==
                          "individual" else pot_word(r) for _, r in sim.iterrows()]
            st.success(t("prof.simulated", total=t.money(float(sum(sim["new"]))),
                         pots=t.plural("count.pots", len(sim[sim["new"] > 0]))))
            web.table(display.table(sim, t, [
                display.text("pot", "prof.col.pot"),
                display.money("allocated", "prof.col.now"),
                display.money("new", "prof.col.new"),
                display.money("change", "prof.col.change")]))
    if c2.button(t("prof.apply_key"), key="prof_budget.apply", type="primary",
                 icon=":material/done_all:"):
        with web.friendly_errors(t), rules.named_columns(t):
            made = budget.apply_key(db, viewer, year, budget.lines_of(key_lines(frame)))
            saves.saved(t("prof.applied", pots=t.plural("count.pots", made)))
    applied = db.one("prof/key_applied", school_year=year)
    if applied:
        st.caption(t.md("prof.applied_by", who=applied["applied_by"],
                     when=t.datetime(applied["applied_at"]),
                     budget=t.money(float(applied["budget"]))))

with tab_pots:
    pots = budget.pot_money(db, year)
    for warning in budget.warnings(pots, t, year, today):
        st.warning(plain(warning), icon=":material/warning:")
    if pots.empty:
        st.info(t("prof.budget_not_set_up"))
    else:
        web.table(display.table(pots.assign(pot=[pot_word(r) for _, r in pots.iterrows()]),
                                t, [
            display.text("pot", "prof.col.pot"),
            display.code("target_kind", "prof.col.target_kind", codes="prof.key_kind"),
            display.money("allocated", "prof.money.allocated"),
            display.money("committed", "prof.money.committed"),
            display.money("spent", "prof.money.spent"),
            display.money("left_over", "prof.money.left")]))
    people = budget.person_money(db, viewer.scope, year)
    teams = budget.team_money(people, pots)
    st.subheader(t("prof.per_team"))
    web.table(team_table(teams))
    st.subheader(t("prof.per_person"))
    web.table(display.table(people, t, [
        display.person("name", "prof.col.staff"), display.text("subject_team", "prof.col.team"),
        display.number("fte", "prof.col.fte", decimals=2),
        display.money("allocated", "prof.money.allocated"),
        display.money("committed", "prof.money.committed"),
        display.money("spent", "prof.money.spent"), display.money("left_over", "prof.money.left"),
        display.number("hours", "prof.col.hours", decimals=1)]))

with tab_fair:  # every tab is drawn on every run: the pots tab's figures serve here too
    st.caption(t("prof.fairness_help"))
    web.table(team_table(teams[["subject_team", "fte", "euros_per_fte", "hours_per_fte"]]))
    nothing = budget.no_development(db, viewer.scope, today)
    st.subheader(t("prof.no_development", count=len(nothing)))
    web.table(display.table(nothing, t, [
        display.person("name", "prof.col.staff"), display.text("subject_team", "prof.col.team"),
        display.date("started_on", "prof.col.started_on")]))
