"""Klassenraad › Klasoverzicht: a class's learners, latest results and open needs."""

import streamlit as st

from app import clock, school_calendar, tables, web
from app.council import overview

viewer = web.page_access("council_class")
t = web.translator()
db = web.database()
web.header(t, "council_class")

today = clock.today()
classes = overview.classes(db, viewer.scope, school_calendar.school_year_of(today))
if classes.empty:
    st.info(t("council.no_classes"))
    st.stop()

left, right = st.columns([2, 1])
class_id = left.selectbox(
    t("council.class"), list(classes["class_id"]), key=web.lang_key("council_class.class"),
    format_func=lambda cid: overview.class_label(
        classes.loc[classes["class_id"] == cid].iloc[0], t
    ),
)
only_needs = right.toggle(t("council.only_needs"), key="council_class.only_needs")
table, period = overview.class_table(db, viewer.scope, int(class_id), today, t,
                                     only_with_needs=only_needs)
if period:
    st.caption(t("council.results_of", period=period))
st.dataframe(
    tables.localized(table, t, percent={t("council.col.average"): 1}),
    hide_index=True, width="stretch",
)
