"""Start: the week at a glance."""

import streamlit as st

from app import clock, demo, home, permissions, web
from app.flex import charts as flex_charts
from app.flex import offer, words
from app.surveys import charts as survey_charts

viewer, t, _ = web.open_page("home")
school = web.school_settings()
if school["school.demo"]:
    notice = t.md("home.demo_notice", school=school["school.name"])
    if permissions.holds(viewer, "page.admin_database"):  # who runs the server acts on this
        notice += " " + t("home.demo_own_school")
    st.info(notice, icon=":material/science:")
    if demo.real_data_in_demo(web.database()):
        st.warning(t("home.demo_real_data"), icon=":material/warning:")

sees_budget = permissions.holds(viewer, "page.prof_budget")  # the director's business
glance = home.week_at_a_glance(web.database(), viewer.scope, clock.today(), t.lang,
                               with_budget=sees_budget)

if permissions.holds(viewer, "home.learner_figures"):
    st.subheader(t("home.needs.title"))
    columns = st.columns(4)
    columns[0].metric(t("home.needs.any"), t.count(glance.open_needs.get("all", 0)),
                      help=t("home.needs.any_help",
                             learners=t.plural("count.learners", glance.learners)))
    for column, kind in zip(columns[1:], offer.KINDS, strict=True):
        column.metric(t.kind(kind), t.count(glance.open_needs.get(kind, 0)))

st.subheader(t("home.flex.title"))
week = glance.flex_week
if week is None:
    st.info(t("home.flex.none"))
else:
    when = t("home.flex.this_week") if week.is_this_week else t("home.flex.next_week")
    st.caption(t("home.flex.caption", when=when, week=words.week(t, week.week_id),
                 monday=t.date(week.monday), cycle=week.cycle_seq))
    if not week.is_published:
        st.warning(t("home.flex.not_published"), icon=":material/edit_calendar:")
    else:
        sessions = week.sessions
        placed, capacity = int(sessions["learners"].sum()), int(sessions["capacity"].sum())
        full = int((sessions["learners"] >= sessions["capacity"]).sum())
        left, middle, right = st.columns(3)
        left.metric(t("home.flex.sessions"), t.count(len(sessions)))
        middle.metric(t("home.flex.placed"), t.count(placed),
                      help=t("home.flex.placed_help", capacity=t.count(capacity)))
        right.metric(t("home.flex.full"), t.count(full))
        web.chart(flex_charts.fill_by_slot(sessions, t), t)
        st.caption(t("flex_board.chart_ticks"))

if glance.budget is not None:
    st.subheader(t("home.budget.title"))
    money = glance.budget
    if money.budget <= 0:
        st.info(t("home.budget.not_set_up"), icon=":material/savings:")
    else:
        left, middle, right = st.columns(3)
        left.metric(t("prof.money.budget"), t.money(float(money.budget)))
        middle.metric(t("prof.money.spent"), t.money(float(money.spent)),
                      help=t("home.budget.committed", committed=t.money(float(money.committed))))
        right.metric(t("prof.money.left"), t.money(float(money.left)))
    web.page_link("prof_budget", t("home.budget.open"), icon=":material/savings:")

st.subheader(t("home.survey.title"))
survey = glance.latest_survey
if survey is None:
    st.info(t("home.survey.none"))
else:
    st.caption(t.md("home.survey.caption", title=survey["title"], date=t.date(survey["created_at"]),
                    respondents=t.plural("count.respondents", int(survey["respondents"]))))
    if len(glance.survey_means):
        web.chart(survey_charts.question_means(glance.survey_means, t), t)
