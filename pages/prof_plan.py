"""Professionalisering › Plan: priorities for this year and three to five years, the
initiatives serving them, the induction of starters, evaluation at Guskey's levels, and
internal expertise."""

import pandas as pd
import streamlit as st

from app import clock, school_calendar, web
from app.prof import competences, plan, rules

viewer = web.page_access("prof_plan")
t = web.translator()
db = web.database()
web.header(t, "prof_plan")
today = clock.today()
year = school_calendar.school_year_of(today)
saves = web.Saves("prof_plan")
version = saves.version



framework = competences.framework(db)
codes = dict(zip(framework["code"], framework["competence_id"].astype(int), strict=True))
code_of = {v: k for k, v in codes.items()}
priorities = plan.priorities(db, year)
initiatives = plan.depth_table(plan.initiatives(db, year))
tab_prio, tab_init, tab_ind, tab_eval, tab_exp = st.tabs(
    [t("prof.tab.priorities"), t("prof.tab.initiatives"), t("prof.tab.induction"),
     t("prof.tab.evaluation"), t("prof.tab.expertise")])

with tab_prio:
    st.caption(t("prof.priorities_help"))
    original = priorities[["priority_id", "horizon", "until_year", "title", "goal", "form",
                           "collective"]].assign(competences=pd.Series(
                               [", ".join(code_of.get(int(c), "?") for c in ids)
                                for ids in priorities["competence_ids"]],
                               index=priorities.index, dtype="str"))
    key = f"prof_plan.priorities.{version}"
    st.data_editor(original, key=key, num_rows="dynamic", hide_index=True, width="stretch",
                   column_config={
                       "priority_id": None,
                       "horizon": st.column_config.SelectboxColumn(
                           t("prof.col.horizon"), options=["year", "long"], required=True),
                       "until_year": st.column_config.TextColumn(t("prof.col.until_year")),
                       "title": st.column_config.TextColumn(t("prof.col.title"), required=True),
                       "goal": st.column_config.TextColumn(t("prof.col.goal"), width="large"),
                       "form": st.column_config.SelectboxColumn(
                           t("prof.col.form"), options=list(rules.FORMS), required=True),
                       "collective": st.column_config.SelectboxColumn(
                           t("prof.col.collective"), options=list(rules.COLLECTIVES)),
                       "competences": st.column_config.TextColumn(t("prof.col.competences"))})
    st.caption(t("prof.codes_legend", forms=t.join([f"{f} = {t(f'prof.form.{f}')}"
                                                    for f in rules.FORMS])))
    if st.button(t("prof.save"), key="prof_plan.save_priorities", type="primary"):
        frame, removed = web.edited_frame(original, key)
        with web.friendly_errors(t), rules.named_columns(t):
            plan.save_priorities(db, viewer, year, frame,
                                 [int(priorities["priority_id"].iloc[p]) for p in removed],
                                 codes)
            saves.saved(t("prof.saved"))

with tab_init:
    st.caption(t("prof.initiatives_help"))
    original = initiatives[["initiative_id", "priority_id", "title", "form", "collective",
                            "partner", "competence", "starts_on", "ends_on", "hours",
                            "estimated_cost"]].assign(
        hours=[float(h) for h in initiatives["hours"]],
        estimated_cost=[float(c) for c in initiatives["estimated_cost"]])
    prio_titles = dict(zip(priorities["priority_id"].astype(int), priorities["title"],
                           strict=True))
    key = f"prof_plan.initiatives.{version}"
    st.data_editor(original, key=key, num_rows="dynamic", hide_index=True, width="stretch",
                   column_config={
                       "initiative_id": None,
                       "priority_id": st.column_config.SelectboxColumn(
                           t("prof.col.priority"), options=list(prio_titles)),
                       "title": st.column_config.TextColumn(t("prof.col.title"), required=True),
                       "form": st.column_config.SelectboxColumn(
                           t("prof.col.form"), options=list(rules.FORMS), required=True),
                       "collective": st.column_config.SelectboxColumn(
                           t("prof.col.collective"), options=list(rules.COLLECTIVES)),
                       "partner": st.column_config.TextColumn(t("prof.col.partner")),
                       "competence": st.column_config.SelectboxColumn(
                           t("prof.col.competence"), options=list(codes)),
                       "starts_on": st.column_config.DateColumn(t("prof.col.starts_on"),
                                                                format="DD/MM/YYYY"),
                       "ends_on": st.column_config.DateColumn(t("prof.col.ends_on"),
                                                              format="DD/MM/YYYY"),
                       "hours": st.column_config.NumberColumn(t("prof.col.hours"), min_value=0),
                       "estimated_cost": st.column_config.NumberColumn(
                           t("prof.col.estimated_cost"), min_value=0, format="euro")})
    st.caption(t("prof.priority_legend", priorities=t.join(
        [f"{k} = {v}" for k, v in prio_titles.items()])))
    if st.button(t("prof.save"), key="prof_plan.save_initiatives", type="primary"):
        frame, _ = web.edited_frame(original, key)
        with web.friendly_errors(t), rules.named_columns(t):
            plan.save_initiatives(db, viewer, year, frame, codes, set(prio_titles))
            saves.saved(t("prof.saved"))

with tab_ind:
    st.caption(t("prof.induction_help"))
    inductions = plan.inductions(db, viewer.scope, year)
    st.dataframe(pd.DataFrame({
        t("prof.col.starter"): inductions["starter"], t("prof.col.mentor"): inductions["mentor"],
        t("prof.col.agreement"): inductions["agreement"],
        t("prof.strand.welcome"): inductions["welcome"],
        t("prof.strand.personal"): inductions["personal"],
        t("prof.strand.classroom"): inductions["classroom"],
        t("prof.col.done"): [f"{d}/{a}" for d, a in zip(inductions["done"],
                                                       inductions["activities"], strict=True)],
    }), hide_index=True, width="stretch")
    people = db.read("prof/staff_people", scope=viewer.scope)
    name_of = dict(zip(people["staff_id"].astype(int), people["name"], strict=True))
    with st.form(key="prof_plan.induction_form"):
        c1, c2 = st.columns(2)
        starter = c1.selectbox(t("prof.col.starter"), list(name_of),
                               key=web.lang_key("prof_plan.starter"),
                               format_func=lambda s: name_of[s])
        mentor = c2.selectbox(t("prof.col.mentor"), [None, *name_of],
                              key=web.lang_key("prof_plan.mentor"),
                              format_func=lambda s: t("prof.none") if s is None else name_of[s])
        agreement = st.text_area(t("prof.col.agreement"), key="prof_plan.agreement")
        if st.form_submit_button(t("prof.save_induction"), key="prof_plan.save_induction"):
            with web.friendly_errors(t), rules.named_columns(t):
                plan.save_induction(db, viewer, year, int(starter), mentor, agreement, today)
                saves.saved(t("prof.saved"))
    if len(inductions):
        ind_id = st.selectbox(t("prof.col.starter"), list(inductions["induction_id"]),
                              key=web.lang_key("prof_plan.induction"),
                              format_func=lambda i: inductions.loc[
                                  inductions["induction_id"] == i, "starter"].iloc[0])
        activities = db.read("prof/induction_activities", induction_id=int(ind_id))
        for strand in rules.STRANDS:
            st.markdown(f"**{t(f'prof.strand.{strand}')}**")
            mine = activities[activities["strand"] == strand]
            st.dataframe(pd.DataFrame({
                t("prof.col.title"): mine["title"],
                t("prof.col.planned_on"): [t.date(d) for d in mine["planned_on"]],
                t("prof.col.done_on"): [t.date(d) if not pd.isna(d) else "" for d in
                                        mine["done_on"]],
            }), hide_index=True, width="stretch")
        with st.form(key="prof_plan.activity_form"):
            c1, c2, c3 = st.columns([1, 2, 1])
            strand = c1.selectbox(t("prof.col.strand"), list(rules.STRANDS),
                                  key=web.lang_key("prof_plan.strand"),
                                  format_func=lambda s: t(f"prof.strand.{s}"))
            title = c2.text_input(t("prof.col.title"), key="prof_plan.activity_title")
            planned = c3.date_input(t("prof.col.planned_on"), value=today,
                                    key="prof_plan.activity_date", format="DD/MM/YYYY")
            if st.form_submit_button(t("prof.add_activity"), key="prof_plan.add_activity"):
                with web.friendly_errors(t), rules.named_columns(t):
                    plan.add_activity(db, viewer, int(ind_id), strand, title, planned)
                    saves.saved(t("prof.saved"))

with tab_eval:
    st.caption(t("prof.evaluation_help"))
    if initiatives.empty:
        st.caption(t("prof.no_initiatives"))
    else:
        st.dataframe(pd.DataFrame({
            t("prof.col.initiative"): initiatives["title"],
            t("prof.col.done_levels"): [", ".join(str(v) for v in ls)
                                        for ls in initiatives["done_levels"]],
            t("prof.col.planned_levels"): [", ".join(str(v) for v in ls)
                                           for ls in initiatives["planned_levels"]],
            t("prof.col.next_follow_up"): [t.date(d) if not pd.isna(d) else "" for d in
                                           initiatives["next_follow_up"]],
            t("prof.col.depth"): initiatives["depth"],
            t("prof.col.cost"): initiatives["cost"],
            t("prof.col.euros_per_level"): initiatives["euros_per_level"],
        }), hide_index=True, width="stretch")
        titles = dict(zip(initiatives["initiative_id"].astype(int), initiatives["title"],
                          strict=True))
        with st.form(key="prof_plan.evaluation_form"):
            c1, c2, c3 = st.columns([2, 2, 1])
            initiative = c1.selectbox(t("prof.col.initiative"), list(titles),
                                      key=web.lang_key("prof_plan.eval_initiative"),
                                      format_func=lambda i: titles[i])
            level = c2.selectbox(t("prof.col.level"), [1, 2, 3, 4],
                                 key=web.lang_key("prof_plan.eval_level"),
                                 format_func=lambda v: t(f"prof.guskey.{v}"))
            score = c3.number_input(t("prof.col.score"), min_value=1.0, max_value=5.0,
                                    value=4.0, step=0.1, key="prof_plan.eval_score")
            note = st.text_input(t("prof.col.note"), key="prof_plan.eval_note")
            if st.form_submit_button(t("prof.save_evaluation"), key="prof_plan.save_eval"):
                with web.friendly_errors(t), rules.named_columns(t):
                    plan.record_evaluation(db, viewer, int(initiative), int(level), today,
                                           score, note or None)
                    saves.saved(t("prof.saved"))
        level5_for = st.selectbox(t("prof.level5_for"), list(titles),
                                  key=web.lang_key("prof_plan.level5"),
                                  format_func=lambda i: titles[i])
        if st.button(t("prof.level5"), key="prof_plan.level5_go", help=t("prof.level5_help")):
            with web.friendly_errors(t), rules.named_columns(t):
                found = plan.level5(db, viewer, int(level5_for), today)
                saves.saved(t("prof.level5_done", before=t.number(float(found["before_value"]), 1),
                        after=t.number(float(found["after_value"]), 1),
                        learners=found["learners"]))

with tab_exp:
    st.caption(t("prof.expertise_help"))
    found = plan.expertise(db, viewer.scope)
    st.dataframe(pd.DataFrame({
        t("prof.col.staff"): found["name"], t("prof.col.team"): found["subject_team"],
        t("prof.col.competence"): found["code"],
        t("prof.col.origin"): [t(f"prof.origin.{o}") for o in found["origin"]],
        t("prof.col.what"): found["what"],
        t("prof.col.sharing"): [
            "" if not promised else (t("prof.shared_on", date=t.date(d)) if not pd.isna(d)
                                     else t("prof.not_shared_yet"))
            for promised, d in zip(found["promised"], found["shared_on"], strict=True)],
    }), hide_index=True, width="stretch")
