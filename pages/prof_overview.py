"""Professionalisering › Overzicht: the staff basis, and what is set up so far."""

import streamlit as st

from app import charts, clock, web
from app.prof import overview

web.page_access("prof_overview")
t = web.translator()
web.header(t, "prof_overview")

basis = overview.staff_basis(web.database(), clock.today())
left, middle, right = st.columns(3)
left.metric(t("prof.staff"), basis.staff)
middle.metric(t("prof.fte"), t.number(basis.fte, 1))
right.metric(t("prof.starters"), basis.starters, help=t("prof.starters_help"))

st.info(t("prof.budget_not_set_up"), icon=":material/savings:")
st.subheader(t("prof.teams"))
if basis.teams.empty:
    st.info(t("prof.no_staff"))
else:
    web.chart(charts.fte_by_team(basis.teams, t), t)
