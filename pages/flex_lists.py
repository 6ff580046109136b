"""Flex › Lijsten en berichten: after publishing, a list per session for its leader (printable,
CSV, XLSX) and the message to every learner and parent, in Dutch or English."""

import streamlit as st

from app import permissions, web
from app.flex import board, lists, plans, words
from app.i18n import Translator, plain

viewer, t, db = web.open_page("flex_lists")
editor = permissions.holds(viewer, "flex.plan.publish")  # the flex team: board and messages

week_id, cycle_id, plan = web.published_week(t, "flex_lists.week", board_link=editor)
st.caption(t.md("flex_lists.version", label=board.plan_label(plan, t)))

start, end = plans.cycle_span(db, cycle_id)
mondays = plans.cycle_mondays(db, cycle_id)
rows = web.cached_read("flex/plan_assignments", viewer.scope, plan_id=plan.plan_id, lang=t.lang)
fill = plans.fill(db, cycle_id, plan.plan_id, t.lang)
# A flex teacher gets the lists of the sessions they lead; the flex team and the direction all.
sessions = lists.sessions_for(fill, viewer.scope)
if sessions.empty:
    st.info(t("flex_lists.no_sessions"))
    st.stop()

# Messages go out from the flex team; a flex teacher needs the lists only. A switch, not tabs:
# it keeps its place when the language changes.
view = "lists"
if editor:
    view = st.segmented_control(
        t("flex_lists.view"), ["lists", "messages"], default="lists", required=True,
        format_func=lambda v: t(f"flex_lists.tab.{v}"), key=web.lang_key("flex_lists.view"),
        label_visibility="collapsed")

# -- lists per session ---------------------------------------------------------------------------
if view == "lists":
    labels = board.session_labels(sessions, t)
    session_id = web.selectbox(t("flex_lists.session"), list(labels), format_func=labels.get,
                               key=web.lang_key(f"flex_lists.session.{cycle_id}"))
    session = sessions[sessions["session_id"] == session_id].iloc[0]
    members = rows[rows["session_id"] == session_id]
    st.markdown(t.md("flex_lists.head", slot=words.slot(t, session["weekday"],
                                                     session["lesson_hour"]),
                  room=session["room"] or "–",
                  leader=board.leader_text(session["leader"], session["leader_kind"], t),
                  start=t.date(start), end=t.date(end)))
    web.table(lists.list_table(members, t))
    school = web.school_settings().get("school.name", "")
    buttons = st.container(horizontal=True)
    buttons.download_button(
        t("flex_lists.print_one"), icon=":material/print:", key="flex_lists.print_one",
        # One session's list is small: made with the page, so the click downloads at once
        # (a list made on the click waits for the server's turn, which a busy morning delays).
        data=lists.printable(sessions[sessions["session_id"] == session_id], rows, t,
                             school, week_id, mondays).encode("utf-8"),
        file_name=f"{t('export.file.session_list')}-{week_id}-{session['code']}.html",
        mime="text/html",
        help=t("flex_lists.print_help"))
    if len(sessions) > 1:  # one session: the button above is the same list
        buttons.download_button(
            t.plural("flex_lists.print_all", len(sessions)), icon=":material/print:",
            key="flex_lists.print_all",
            data=lambda: lists.printable(sessions, rows, t, school, week_id,
                                         mondays).encode("utf-8"),
            file_name=f"{t('export.file.lists')}-{week_id}.html", mime="text/html",
            help=t("flex_lists.print_help"))
    st.caption(t("flex_lists.export"))
    web.export_buttons(viewer, t, "assignments", key=f"flex_lists.export.{session_id}",
                       plan_id=plan.plan_id, cycle_id=cycle_id, week=week_id,
                       session_ids=[int(session_id)])

# -- messages to learners and parents -----------------------------------------------------------
if view == "messages":
    st.caption(t("flex_lists.messages_intro"))
    left, right = st.columns([2, 1])
    message_lang = right.segmented_control(
        t("flex_lists.message_lang"), ["nl", "en"], default=t.lang, required=True,
        format_func=lambda code: t(f"language.{code}"), key="flex_lists.message_lang")
    # The groups before and after are named in the message's language.
    changes, _ = web.flex_diff(viewer.scope, plan.plan_id, message_lang)
    people = rows.drop_duplicates("learner_id").sort_values("learner")
    learner_labels = dict(zip(people["learner_id"], people["learner"] + " · " +
                              people["class_code"].fillna(""), strict=True))
    switched = set(changes.loc[changes["change"] == "switch", "learner_id"])
    learner_id = web.selectbox(
        t("flex_lists.learner"), list(learner_labels), index=None,
        format_func=lambda i: learner_labels[i] + (" ⇄" if i in switched else ""),
        placeholder=t("flex_lists.learner_hint"),
        key=web.lang_key(f"flex_lists.learner.{cycle_id}"), where=left)
    a, b = st.columns(2)
    a.metric(t("flex_lists.count.learners"), t.count(len(people)))
    b.metric(t("flex_lists.count.switch"), t.count(len(switched)))
    if learner_id is not None:
        lang_t = Translator(message_lang)
        mine = rows[rows["learner_id"] == learner_id]
        if message_lang != t.lang:
            mine = db.read("flex/plan_assignments", scope=viewer.scope,
                           plan_id=plan.plan_id, lang=message_lang)
            mine = mine[mine["learner_id"] == learner_id]
        theirs = changes[changes["learner_id"] == learner_id]
        for column, audience in zip(st.columns(2), words.AUDIENCES, strict=True):
            note = words.message(mine, theirs, lang_t, audience, start, end)
            with column.container(border=True):
                st.markdown(f"**{t(f'flex_lists.audience.{audience}')}** · "
                            f"{plain(note.subject)}")
                st.text(note.body)
    st.caption(t("flex_lists.messages_export"))
    web.export_buttons(viewer, t, "messages", key=f"flex_lists.messages.{plan.plan_id}",
                       plan_id=plan.plan_id, cycle_id=cycle_id, week=week_id,
                       message_lang=message_lang, changes=changes, start=start, end=end)
