"""Professionalisering › Plan: priorities for this year and three to five years, the
initiatives serving them, the induction of starters, evaluation at Guskey's levels, and
internal expertise."""

import pandas as pd
import streamlit as st

from app import clock, display, web
from app.prof import competences, plan, plan_view, rules
from app.school import school_calendar

viewer, t, db = web.open_page("prof_plan")
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
    form = display.editor(original, t, [
        display.code("horizon", "prof.col.horizon", codes="prof.horizon",
                     options=["year", "long"], required=True),
        display.text("until_year", "prof.col.until_year"),
        display.text("title", "prof.col.title", required=True),
        display.text("goal", "prof.col.goal", width="large"),
        display.code("form", "prof.col.form", codes="prof.form", options=rules.FORMS,
                     required=True),
        display.code("collective", "prof.col.collective", codes="prof.collective",
                     options=rules.COLLECTIVES),
        display.text("competences", "prof.col.competences")], keep=["priority_id"])
    web.editor(form, key=key, num_rows="dynamic")
    if st.button(t("prof.save"), key="prof_plan.save_priorities", type="primary"):
        frame, removed = web.edited_frame(form.frame, key)
        with web.friendly_errors(t), rules.named_columns(t):
            plan.save_priorities(db, viewer, year, form.read(frame),
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
    form = display.editor(original, t, [
        display.code("priority_id", "prof.col.priority", codes=None, options=list(prio_titles)),
        display.text("title", "prof.col.title", required=True),
        display.code("form", "prof.col.form", codes="prof.form", options=rules.FORMS,
                     required=True),
        display.code("collective", "prof.col.collective", codes="prof.collective",
                     options=rules.COLLECTIVES),
        display.text("partner", "prof.col.partner"),
        display.code("competence", "prof.col.competence", codes=None, options=list(codes)),
        display.date("starts_on", "prof.col.starts_on"),
        display.date("ends_on", "prof.col.ends_on"),
        display.number("hours", "prof.col.hours", decimals=1, minimum=0),
        display.money("estimated_cost", "prof.col.estimated_cost", minimum=0)],
        keep=["initiative_id"])
    web.editor(form, key=key, num_rows="dynamic")
    st.caption(t.md("prof.priority_legend", priorities=t.join(
        [f"{k} = {v}" for k, v in prio_titles.items()])))
    if st.button(t("prof.save"), key="prof_plan.save_initiatives", type="primary"):
        frame, _ = web.edited_frame(form.frame, key)
        with web.friendly_errors(t), rules.named_columns(t):
            plan.save_initiatives(db, viewer, year, form.read(frame), codes, set(prio_titles))
            saves.saved(t("prof.saved"))

with tab_ind:
    st.caption(t("prof.induction_help"))
    inductions = plan.inductions(db, viewer.scope, year)
    web.table(display.table(inductions.assign(progress=[
        f"{t.count(d)}/{t.count(a)}" for d, a in zip(inductions["done"], inductions["activities"],
                                                     strict=True)]), t, [
        display.person("starter", "prof.col.starter"), display.person("mentor", "prof.col.mentor"),
        display.text("agreement", "prof.col.agreement"),
        display.text("welcome", "prof.strand.welcome"),
        display.text("personal", "prof.strand.personal"),
        display.text("classroom", "prof.strand.classroom"),
        display.text("progress", "prof.col.done")]))
    people = db.read("prof/staff_people", scope=viewer.scope)
    name_of = dict(zip(people["staff_id"].astype(int), people["name"], strict=True))
    with st.form(key="prof_plan.induction_form"):
        c1, c2 = st.columns(2)
        starter = web.selectbox(t("prof.col.starter"), list(name_of),
                                key=web.lang_key("prof_plan.starter"),
                                format_func=lambda s: name_of[s], where=c1)
        mentor = web.selectbox(t("prof.col.mentor"), [None, *name_of],
                               key=web.lang_key("prof_plan.mentor"),
                               format_func=lambda s: t("prof.none") if s is None else name_of[s],
                               where=c2)
        agreement = st.text_area(t("prof.col.agreement"), key="prof_plan.agreement")
        if st.form_submit_button(t("prof.save_induction"), key="prof_plan.save_induction"):
            with web.friendly_errors(t), rules.named_columns(t):
                plan.save_induction(db, viewer, year, int(starter), mentor, agreement, today)
                saves.saved(t("prof.saved"))
    if len(inductions):
        ind_id = web.selectbox(t("prof.col.starter"), list(inductions["induction_id"]),
                              key=web.lang_key("prof_plan.induction"),
                              format_func=lambda i: inductions.loc[
                                  inductions["induction_id"] == i, "starter"].iloc[0])
        activities = db.read("prof/induction_activities", induction_id=int(ind_id))
        for strand in rules.STRANDS:
            st.markdown(f"**{t(f'prof.strand.{strand}')}**")
            mine = activities[activities["strand"] == strand]
            web.table(display.table(mine, t, [
                display.text("title", "prof.col.title"),
                display.date("planned_on", "prof.col.planned_on"),
                display.date("done_on", "prof.col.done_on")]))
        with st.form(key="prof_plan.activity_form"):
            c1, c2, c3 = st.columns([1, 2, 1])
            strand = web.selectbox(t("prof.col.strand"), list(rules.STRANDS),
                                  key=web.lang_key("prof_plan.strand"),
                                  format_func=lambda s: t(f"prof.strand.{s}"), where=c1)
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
        web.table(plan_view.evaluation_table(initiatives, t))
        titles = dict(zip(initiatives["initiative_id"].astype(int), initiatives["title"],
                          strict=True))
        with st.form(key="prof_plan.evaluation_form"):
            c1, c2, c3 = st.columns([2, 2, 1])
            initiative = web.selectbox(t("prof.col.initiative"), list(titles),
                                      key=web.lang_key("prof_plan.eval_initiative"),
                                      format_func=lambda i: titles[i], where=c1)
            level = web.selectbox(t("prof.col.level"), [1, 2, 3, 4],
                                 key=web.lang_key("prof_plan.eval_level"),
                                 format_func=lambda v: t(f"prof.guskey.{v}"), where=c2)
            score = web.number_field(t, "prof.col.score", "prof_plan.eval_score", 4.0,
                                     decimals=1, minimum=1, maximum=5, required=True,
                                     container=c3)
            note = st.text_input(t("prof.col.note"), key="prof_plan.eval_note")
            if st.form_submit_button(t("prof.save_evaluation"), key="prof_plan.save_eval"):
                with web.friendly_errors(t), rules.named_columns(t):
                    plan.record_evaluation(db, viewer, int(initiative), int(level), today,
                                           score.value, note or None)
                    saves.saved(t("prof.saved"))
        level5_for = web.selectbox(t("prof.level5_for"), list(titles),
                                  key=web.lang_key("prof_plan.level5"),
                                  format_func=lambda i: titles[i])
        if st.button(t("prof.level5"), key="prof_plan.level5_go", help=t("prof.level5_help")):
            with web.friendly_errors(t), rules.named_columns(t):
                found = plan.level5(db, viewer, int(level5_for), today)
                saves.saved(t("prof.level5_done", before=t.number(float(found["before_value"]), 1),
                        after=t.number(float(found["after_value"]), 1),
                        learners=t.plural("count.learners", int(found["learners"]))))

with tab_exp:
    st.caption(t("prof.expertise_help"))
    web.table(plan_view.expertise_table(plan.expertise(db, viewer.scope), t))
