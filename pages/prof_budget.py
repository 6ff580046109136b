"""Professionalisering › Budget: sources, the allocation key (simulated before it is applied),
and per pot, team and person what is allocated, committed, spent and left; fairness."""

import pandas as pd
import streamlit as st

from app import clock, school_calendar, tables, web
from app.prof import budget, rules

viewer = web.page_access("prof_budget")
t = web.translator()
db = web.database()
web.header(t, "prof_budget")
today = clock.today()
year = school_calendar.school_year_of(today)
saves = web.Saves("prof_budget")
version = saves.version




def team_table(teams: pd.DataFrame):
    """Money, full-time equivalents and hours per subject team, written the reader's way."""
    names = {"subject_team": t("prof.col.team"), "fte": t("prof.col.fte"),
             "allocated": t("prof.money.allocated"), "committed": t("prof.money.committed"),
             "spent": t("prof.money.spent"), "left_over": t("prof.money.left"),
             "hours": t("prof.col.hours"), "euros_per_fte": t("prof.col.euros_per_fte"),
             "hours_per_fte": t("prof.col.hours_per_fte")}
    shown = teams.rename(columns=names)
    shown = shown.astype({c: float for c in shown.columns if c != names["subject_team"]})
    money = [names[c] for c in ("allocated", "committed", "spent", "left_over",
                                "euros_per_fte") if c in teams.columns]
    numbers = {names[c]: d for c, d in (("fte", 2), ("hours", 1), ("hours_per_fte", 2))
               if c in teams.columns}
    return tables.localized(shown, t, money=money, numbers=numbers)


tab_sources, tab_key, tab_pots, tab_fair = st.tabs(
    [t("prof.tab.sources"), t("prof.tab.key"), t("prof.tab.pots"), t("prof.tab.fairness")])

with tab_sources:
    sources = budget.sources(db, year)
    original = sources[["kind", "label", "amount"]].assign(
        amount=[float(a) for a in sources["amount"]])
    key = f"prof_budget.sources.{version}"
    st.data_editor(
        original, key=key, num_rows="dynamic", hide_index=True, width="stretch",
        column_config={
            # Codes stay codes in the data; people pick words (streamlit 1.67 format_func).
            "kind": st.column_config.SelectboxColumn(
                t("prof.col.kind"), options=list(rules.SOURCE_KINDS), required=True,
                format_func=lambda k: t(f"prof.source.{k}")),
            "label": st.column_config.TextColumn(t("prof.col.label"), required=True),
            # "euro": the browser writes the amount its reader's way (€ 9.850,00 in Flemish).
            "amount": st.column_config.NumberColumn(t("prof.col.amount"), min_value=0.0,
                                                    format="euro", required=True)})
    st.metric(t("prof.money.budget"), t.money(float(budget.total(db, year))))
    if st.button(t("prof.save"), key="prof_budget.save_sources", type="primary"):
        frame, removed = web.edited_frame(original, key)
        with web.friendly_errors(t), rules.named_columns(t):
            budget.save_sources(db, viewer, year, frame,
                                [int(sources["source_id"].iloc[p]) for p in removed])
            saves.saved(t("prof.saved"))

with tab_key:
    lines = budget.key_lines(db, year)
    original = lines[["target_kind", "target", "percent"]].assign(
        percent=[float(p) for p in lines["percent"]])
    key = f"prof_budget.key.{version}"
    st.caption(t("prof.key_help"))
    targets = db.read("prof/teams")
    st.caption(t("prof.key_targets", targets=t.join(
        [f"{t(f'prof.key_kind.{k}')}: {', '.join(g['target'])}"
         for k, g in targets.groupby("kind")])))
    st.data_editor(
        original, key=key, num_rows="dynamic", hide_index=True, width="stretch",
        column_config={
            "target_kind": st.column_config.SelectboxColumn(
                t("prof.col.target_kind"), options=list(rules.KEY_KINDS), required=True,
                format_func=lambda k: t(f"prof.key_kind.{k}")),
            "target": st.column_config.TextColumn(t("prof.col.target")),
            "percent": st.column_config.NumberColumn(t("prof.col.percent"), min_value=0.01,
                                                     max_value=100.0, format="%.2f %%",
                                                     required=True)})
    frame, _ = web.edited_frame(original, key)
    c1, c2 = st.columns(2)
    if c1.button(t("prof.simulate"), key="prof_budget.simulate", icon=":material/science:"):
        with web.friendly_errors(t), rules.named_columns(t):
            sim = budget.simulate(db, year, budget.lines_of(frame))
            people = budget.person_money(db, viewer.scope, year)
            names = dict(zip(people["staff_id"].astype(str), people["name"], strict=True))
            sim["pot"] = [names.get(r["target"], r["target"]) if r["target_kind"] ==
                          "individual" else budget.pot_label(r, t) for _, r in sim.iterrows()]
            st.success(t("prof.simulated", total=t.money(float(sum(sim["new"]))),
                         pots=len(sim[sim["new"] > 0])))
            st.dataframe(pd.DataFrame({
                t("prof.col.pot"): sim["pot"],
                t("prof.col.now"): [float(v) for v in sim["allocated"]],
                t("prof.col.new"): [float(v) for v in sim["new"]],
                t("prof.col.change"): [float(v) for v in sim["change"]],
            }), hide_index=True, width="stretch")
    if c2.button(t("prof.apply_key"), key="prof_budget.apply", type="primary",
                 icon=":material/done_all:"):
        with web.friendly_errors(t), rules.named_columns(t):
            made = budget.apply_key(db, viewer, year, budget.lines_of(frame))
            saves.saved(t("prof.applied", pots=made))
    applied = db.one("prof/key_applied", school_year=year)
    if applied:
        st.caption(t("prof.applied_by", who=applied["applied_by"],
                     when=t.datetime(applied["applied_at"]),
                     budget=t.money(float(applied["budget"]))))

with tab_pots:
    pots = budget.pot_money(db, year)
    for warning in budget.warnings(pots, t, year, today):
        st.warning(warning, icon=":material/warning:")
    if pots.empty:
        st.info(t("prof.budget_not_set_up"))
    else:
        st.dataframe(pd.DataFrame({
            t("prof.col.pot"): [budget.pot_label(r, t) for _, r in pots.iterrows()],
            t("prof.col.target_kind"): [t(f"prof.key_kind.{k}") for k in pots["target_kind"]],
            t("prof.money.allocated"): [float(v) for v in pots["allocated"]],
            t("prof.money.committed"): [float(v) for v in pots["committed"]],
            t("prof.money.spent"): [float(v) for v in pots["spent"]],
            t("prof.money.left"): [float(v) for v in pots["left_over"]],
        }), hide_index=True, width="stretch",
            column_config={c: st.column_config.NumberColumn(format="euro") for c in (
                t("prof.money.allocated"), t("prof.money.committed"), t("prof.money.spent"),
                t("prof.money.left"))})
    people = budget.person_money(db, viewer.scope, year)
    teams = budget.team_money(people, pots)
    st.subheader(t("prof.per_team"))
    st.dataframe(team_table(teams), hide_index=True, width="stretch")
    st.subheader(t("prof.per_person"))
    st.dataframe(tables.localized(pd.DataFrame({
        t("prof.col.staff"): people["name"], t("prof.col.team"): people["subject_team"],
        t("prof.col.fte"): [float(v) for v in people["fte"]],
        t("prof.money.allocated"): [float(v) for v in people["allocated"]],
        t("prof.money.committed"): [float(v) for v in people["committed"]],
        t("prof.money.spent"): [float(v) for v in people["spent"]],
        t("prof.money.left"): [float(v) for v in people["left_over"]],
        t("prof.col.hours"): [float(v) for v in people["hours"]],
    }), t, numbers={t("prof.col.fte"): 2, t("prof.col.hours"): 1}, money=[
        t("prof.money.allocated"), t("prof.money.committed"), t("prof.money.spent"),
        t("prof.money.left")]), hide_index=True, width="stretch")

with tab_fair:  # every tab is drawn on every run: the pots tab's figures serve here too
    st.caption(t("prof.fairness_help"))
    st.dataframe(team_table(teams[["subject_team", "fte", "euros_per_fte", "hours_per_fte"]]),
                 hide_index=True, width="stretch")
    nothing = budget.no_development(db, viewer.scope, today)
    st.subheader(t("prof.no_development", count=len(nothing)))
    st.dataframe(pd.DataFrame({
        t("prof.col.staff"): nothing["name"], t("prof.col.team"): nothing["subject_team"],
        t("prof.col.started_on"): [t.date(d) for d in nothing["started_on"]],
    }), hide_index=True, width="stretch")
