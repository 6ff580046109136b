"""Flex › Aanwezigheid: the register of a session for a week, and a short feedback note per
learner (feed up, feedback, feed forward), for the whole group at once."""

import streamlit as st

from app import web
from app.flex import attendance, board, plans

viewer, t, db = web.open_page("flex_attendance")

saves = web.Saves("flex_attendance")

week_id, cycle_id, plan = web.published_week(t, "flex_attendance.week")
mine = attendance.sessions_for(plans.fill(db, cycle_id, plan.plan_id, t.lang), viewer)
if mine.empty:
    st.info(t(attendance.no_sessions_text(viewer)))
    st.stop()

labels = board.session_labels(mine, t)
session_id = web.selectbox(t("flex_lists.session"), list(labels), format_func=labels.get,
                           key=web.lang_key(f"flex_attendance.session.{cycle_id}"))
session = mine[mine["session_id"] == session_id].iloc[0]
st.caption(t.md("attendance.head", room=session["room"] or "–",
             leader=board.leader_text(session["leader"], session["leader_kind"], t)))

rows = attendance.group(db, viewer.scope, plan.plan_id, int(session_id), week_id)
st.caption(attendance.saved_text(rows, t))

stored = attendance.register(rows, t)
# What the editor starts from: the stored register with this person's unsaved draft over it,
# fixed for as long as this editor lives (feeding it new data on every run would lose edits,
# streamlit/streamlit#7749); a refresh, a save or a discard starts it again.
editor_key = f"flex_attendance.register.{session_id}.{week_id}.{saves.version}@{t.lang}"
base_key = f"flex_attendance.base.{session_id}.{week_id}.{saves.version}@{t.lang}"
if base_key not in st.session_state:
    st.session_state[base_key] = attendance.with_draft(db, viewer.user_id, int(session_id),
                                                       week_id, stored)
base, drafted_at = st.session_state[base_key]


def keep_draft() -> None:
    """Every change is kept at once as a draft, so a refresh loses nothing."""
    typed, _ = web.edited_frame(base.frame, editor_key)
    with web.friendly_errors(t):
        attendance.keep_draft(db, viewer, int(session_id), week_id, typed, stored.frame, t)


if drafted_at is not None:
    st.info(t("attendance.draft.restored", when=t.datetime(drafted_at.to_pydatetime())),
            icon=":material/restore:")
edited = web.editor(base, key=editor_key, on_change=keep_draft)
present = int((edited["status"] == "present").sum())
st.caption(t("attendance.count", present=t.count(present), total=t.count(len(edited))))
st.caption(t("attendance.draft.kept"))
save_col, discard_col = st.columns([1, 3])
if save_col.button(t("attendance.save"), key="flex_attendance.save", type="primary",
                   icon=":material/save:"):
    with web.friendly_errors(t):
        saved = attendance.save(db, viewer, int(session_id), week_id, edited, t)
        saves.saved(t.plural("attendance.saved", saved), forget=(base_key,))
typed_now = drafted_at is not None or (st.session_state.get(editor_key) or {}).get("edited_rows")
if typed_now and discard_col.button(t("attendance.draft.discard"), key="flex_attendance.discard",
                                    icon=":material/undo:"):
    with web.friendly_errors(t):
        attendance.discard_draft(db, viewer, int(session_id), week_id)
        saves.saved(t("attendance.draft.discarded"), forget=(base_key,))
