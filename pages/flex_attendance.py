"""Flex › Aanwezigheid: the register of a session for a week, and a short feedback note per
learner (feed up, feedback, feed forward), for the whole group at once."""

import streamlit as st

from app import web
from app.flex import attendance, board, plans, words

viewer = web.page_access("flex_attendance")
t = web.translator()
db = web.database()
web.header(t, "flex_attendance")

saves = web.Saves("flex_attendance")

picked_week = web.week_picker(t, "flex_attendance.week")
if picked_week is None:
    st.stop()
week_id, cycle_id, _ = picked_week
plan = plans.latest_published(db, cycle_id)
if plan is None:
    st.info(t("flex_lists.not_published"), icon=":material/edit_calendar:")
    st.stop()
mine = attendance.sessions_for(plans.fill(db, cycle_id, plan.plan_id, t.lang), viewer.scope)
if mine.empty:
    st.info(t("attendance.no_sessions" if viewer.scope.all_learners or
              viewer.scope.leader_staff_id is not None else "attendance.no_staff_link"))
    st.stop()

labels = {int(s.session_id): t("flex_lists.session_label", code=s.code,
                               slot=words.slot(t, s.weekday, s.lesson_hour),
                               what=words.what(t, s.kind, s.topic), learners=s.learners)
          for s in mine.itertuples()}
session_id = st.selectbox(t("flex_lists.session"), list(labels), format_func=labels.get,
                          key=web.lang_key(f"flex_attendance.session.{cycle_id}"))
session = mine[mine["session_id"] == session_id].iloc[0]
st.caption(t("attendance.head", room=session["room"] or "–",
             leader=board.leader_text(session["leader"], session["leader_kind"], t)))

rows = attendance.group(db, viewer.scope, plan.plan_id, int(session_id), week_id)
recorded = rows["recorded_at"].dropna()
if len(recorded):
    last = rows.loc[rows["recorded_at"].idxmax()]
    st.caption(t("attendance.last_saved", who=last["recorded_by"] or "–",
                 when=t.datetime(last["recorded_at"].to_pydatetime())))
else:
    st.caption(t("attendance.not_yet"))

status_options = [t(f"attendance.status.{code}") for code in attendance.STATUSES]
edited = st.data_editor(
    attendance.register(rows, t), hide_index=True, width="stretch",
    key=f"flex_attendance.register.{session_id}.{week_id}.{saves.version}@{t.lang}",
    column_order=["learner", "class_code", "status", *attendance.NOTE_FIELDS],
    disabled=["learner", "class_code"],
    column_config={
        "learner": st.column_config.TextColumn(t("flex_lists.col.learner")),
        "class_code": st.column_config.TextColumn(t("flex_lists.col.class"), width="small"),
        "status": st.column_config.SelectboxColumn(t("attendance.col.status"),
                                                   options=status_options, required=True),
        "feed_up": st.column_config.TextColumn(t("attendance.col.feed_up"),
                                               help=t("attendance.help.feed_up")),
        "feedback": st.column_config.TextColumn(t("attendance.col.feedback"),
                                                help=t("attendance.help.feedback")),
        "feed_forward": st.column_config.TextColumn(t("attendance.col.feed_forward"),
                                                    help=t("attendance.help.feed_forward")),
    },
)
present = int((edited["status"] == status_options[0]).sum())
st.caption(t("attendance.count", present=t.count(present), total=t.count(len(edited))))
if st.button(t("attendance.save"), key="flex_attendance.save", type="primary",
             icon=":material/save:"):
    with web.friendly_errors(t):
        saved = attendance.save(db, viewer.scope, int(session_id), week_id, edited, t,
                                viewer.audit("edit"), viewer.name)
        saves.saved(t.plural("attendance.saved", saved))
