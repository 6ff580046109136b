"""Flex › Weekbord: the groups of a flex week, their fill, and who is in each and why."""

import streamlit as st

from app import charts, clock, school_calendar, web
from app.flex import board

viewer = web.page_access("flex_board")
t = web.translator()
db = web.database()
web.header(t, "flex_board")

today = clock.today()
weeks = board.weeks(db, school_calendar.school_year_of(today))
if weeks.empty:
    st.info(t("flex_board.no_weeks"))
    st.stop()

default = board.default_week(weeks, today)
week_id = st.selectbox(
    t("flex_board.week"), list(weeks["week_id"]), index=default, key="flex_board.week",
    format_func=lambda w: board.week_label(weeks, w, t),
)
cycle_id = int(weeks.loc[weeks["week_id"] == week_id, "cycle_id"].iloc[0])
sessions = board.sessions(db, cycle_id, t.lang)
if sessions.empty:
    st.info(t("flex_board.no_sessions"))
    st.stop()
if not sessions["is_published"].iloc[0]:
    st.warning(t("flex_board.not_published"), icon=":material/edit_calendar:")

web.chart(charts.fill_by_slot(sessions, t), t)

slots = list(dict.fromkeys(zip(sessions["weekday"], sessions["lesson_hour"], strict=True)))
tabs = st.tabs([charts.slot_label(t, d, h) for d, h in slots])
for tab, (day, hour) in zip(tabs, slots, strict=True):
    in_slot = sessions[(sessions["weekday"] == day) & (sessions["lesson_hour"] == hour)]
    with tab:
        table = board.session_table(in_slot, t)
        picked = st.dataframe(
            table, hide_index=True, width="stretch", on_select="rerun",
            selection_mode="single-row", key=f"flex_board.sessions.{day}.{hour}",
            column_config={
                t("flex_board.col.fill"): st.column_config.ProgressColumn(
                    t("flex_board.col.fill"), min_value=0.0, max_value=1.0, format="percent"
                ),
            },
        )
        rows = picked.selection.rows if picked else []
        if rows:
            session_id = int(in_slot.iloc[rows[0]]["session_id"])
            st.markdown(f"**{table.iloc[rows[0]][t('flex_board.col.code')]}**")
            st.dataframe(board.learner_table(db, viewer.scope, session_id, t), hide_index=True,
                         width="stretch")
        else:
            st.caption(t("flex_board.pick_session"))
