"""Flex › Weekbord: compose a cycle's groups, see each session's learners and why, move and
lock by hand, check, compare with last week, publish; earlier versions stay readable. The
labels, figures and tables come from app/flex/board.py."""

import pandas as pd
import streamlit as st

from app import clock, permissions, web
from app.flex import board, plans, words
from app.flex import charts as flex_charts
from app.i18n import plain

viewer, t, db = web.open_page("flex_board")
editor = permissions.holds(viewer, "flex.plan.compose")
publisher = permissions.holds(viewer, "flex.plan.publish")
# After a write: say so on the next run, and start the tables' selections afresh.
saves = web.Saves("flex_board")
edits = saves.version
done = saves.saved

picked_week = web.week_picker(t, "flex_board.week")
if picked_week is None:
    st.stop()
week_id, cycle_id, weeks = picked_week
plan_key = web.lang_key(f"flex_board.plan.{cycle_id}")

# The flex team's weekly job is the next cycle: point there when it still waits.
if editor and (first := board.waiting_week(db, weeks, cycle_id, clock.today())):
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.info(t.md("flex_board.next_waits", week=words.week(t, first)),
              icon=":material/event_upcoming:")
    right.button(t("flex_board.go_next"), key="flex_board.go_next",
                 on_click=st.session_state.update, args=({web.lang_key("flex_board.week"): first},))

listing = board.plans_for(db, viewer, cycle_id)
fill_all = plans.fill(db, cycle_id, None, t.lang)
if fill_all.empty:
    st.info(t("flex_board.no_sessions"))
    st.stop()

# -- which plan ---------------------------------------------------------------------------------
plan = None
if listing.empty:
    st.info(t("flex_board.not_composed" if editor else "flex_board.not_published"),
            icon=":material/auto_awesome:" if editor else ":material/edit_calendar:")
else:
    labels = board.plan_labels(listing, t)
    chosen = web.record_picker(t("flex_board.plan.pick"), list(labels), key=plan_key,
                               labels=labels) if len(labels) > 1 else next(iter(labels))
    plan = plans.plan(db, chosen)

# -- the flex team's actions ----------------------------------------------------------------------
if editor:
    actions = st.container(horizontal=True)
    if actions.button(t("flex_board.compose" if plan is None else "flex_board.recompose"),
                      key="flex_board.compose", icon=":material/auto_awesome:",
                      type="primary" if plan is None else "secondary",
                      help=t("flex_board.compose_help")):
        with st.spinner(t("flex_board.composing")), web.friendly_errors(t):
            made, _ = plans.compose_cycle(db, viewer, cycle_id, t.lang)
            st.session_state["flex_board.report_open"] = True
            done(t("flex_board.composed"), show=(plan_key, made.plan_id))
    if plan is not None and not plan.is_proposal and plans.proposal(db, cycle_id) is None and \
            actions.button(t("flex_board.edit"), key="flex_board.edit", icon=":material/edit:",
                           help=t("flex_board.edit_help")):
        with web.friendly_errors(t):
            copy = plans.working_copy(db, viewer, cycle_id)
            done(t("flex_board.edit_started"), show=(plan_key, copy.plan_id))

if plan is None:
    web.chart(flex_charts.fill_by_slot(fill_all, t), t)
    st.caption(t("flex_board.chart_ticks"))
    st.stop()

fill = plans.fill(db, cycle_id, plan.plan_id, t.lang)
rows = web.cached_read("flex/plan_assignments", viewer.scope, plan_id=plan.plan_id, lang=t.lang)
names = dict(zip(rows["learner_id"], rows["learner"], strict=True))

badge = board.status_badge(plan, t)
status = st.container(horizontal=True, vertical_alignment="center")
status.badge(badge.text, icon=badge.icon, color=badge.color)
status.caption(badge.caption)

# -- what the composition reported ----------------------------------------------------------------
if editor and plan.report.get("summary"):
    with st.expander(t("flex_board.report.title"), icon=":material/insights:",
                     expanded=st.session_state.pop("flex_board.report_open", False)):
        for line in board.report_metrics(plan, t):
            for column, m in zip(st.columns(len(line)), line, strict=True):
                column.metric(m.label, m.value, help=m.help, delta=m.delta,
                              delta_color=m.delta_color)
        if moves := board.report_moves(plan, t):
            st.info(plain(moves), icon=":material/swap_horiz:")
        for message in board.report_messages(plan, t, names):
            st.warning(plain(message), icon=":material/info:")
        if not plan.report.get("messages"):
            st.success(t("flex_board.report.all_met"), icon=":material/check_circle:")

# -- the groups -----------------------------------------------------------------------------------
web.chart(flex_charts.fill_by_slot(fill, t), t)
st.caption(t("flex_board.chart_ticks"))

query = st.text_input(t("flex_board.search"), key="flex_board.search",
                      placeholder=t("flex_board.search_hint"), icon=":material/search:")
selected: pd.DataFrame = rows.iloc[0:0]
if query:
    found = board.search(rows, query)
    picked = web.table(board.learner_table(found, t, with_session=True),
                       empty=t("flex_board.search_none"), on_select="rerun" if editor else "ignore",
                       selection_mode="multi-row", key=f"flex_board.found.{edits}")
    if editor and picked and picked.selection.rows:
        selected = found.iloc[picked.selection.rows]

slots = board.slots(fill)
tabs = st.tabs([words.slot(t, d, h) for d, h, _ in slots], key="flex_board.slot")
for tab, (_, _, slot_id) in zip(tabs, slots, strict=True):
    in_slot = fill[fill["slot_id"] == slot_id].reset_index(drop=True)
    with tab:
        picked = web.table(board.session_table(in_slot, t), on_select="rerun",
                           selection_mode="single-row", key=f"flex_board.sessions.{slot_id}")
        if not (picked and picked.selection.rows):
            st.caption(t("flex_board.pick_session"))
            continue
        session = in_slot.iloc[picked.selection.rows[0]]
        members = rows[rows["session_id"] == session["session_id"]]
        st.markdown(board.session_head(session, members, t))
        chosen = web.table(
            board.learner_table(members, t), on_select="rerun" if editor else "ignore",
            selection_mode="multi-row", key=f"flex_board.members.{session['session_id']}.{edits}")
        if editor and chosen and chosen.selection.rows:
            selected = members.iloc[chosen.selection.rows]

# -- moving and locking by hand ----------------------------------------------------------------
if editor and len(selected):
    with st.container(border=True):
        st.markdown(t.plural("flex_board.move.title", len(selected)))
        slot_ids = selected["slot_id"].unique()
        if not plan.is_proposal:
            st.info(t("flex_board.move.published"), icon=":material/lock:")
        elif len(slot_ids) > 1:
            st.caption(t("flex_board.move.one_slot"))
        else:
            slot_id = int(slot_ids[0])
            options = board.target_options(fill, slot_id, selected, t)
            target = web.selectbox(t("flex_board.move.to"), list(options), index=None,
                                   format_func=options.get, placeholder=t("flex_board.move.pick"),
                                   key=web.lang_key(f"flex_board.move.to.{slot_id}.{edits}"))
            buttons = st.container(horizontal=True)
            if buttons.button(t("flex_board.move.go"), key="flex_board.move.go", type="primary",
                              icon=":material/move_down:", disabled=target is None):
                with web.friendly_errors(t):
                    moves = board.moves_to(selected, target)
                    plans.move(db, viewer, plan.plan_id, moves)
                    done(t.plural("flex_board.move.done", len(moves)))
            cells = board.cells(selected)
            if buttons.button(t("flex_board.lock"), key="flex_board.lock", icon=":material/lock:"):
                with web.friendly_errors(t):
                    plans.set_locked(db, viewer, plan.plan_id, cells, True)
                    done(t.plural("flex_board.locked", len(cells)))
            if selected["is_locked"].any() and buttons.button(
                    t("flex_board.unlock"), key="flex_board.unlock", icon=":material/lock_open:"):
                with web.friendly_errors(t):
                    plans.set_locked(db, viewer, plan.plan_id, cells, False)
                    done(t.plural("flex_board.unlocked", len(cells)))

# -- against last week, and before publishing ---------------------------------------------------
if editor or plans.compares_whole_plan(viewer.scope):
    changes, base = web.flex_diff(viewer.scope, plan.plan_id, t.lang)
    with st.expander(board.diff_title(base, t), icon=":material/compare_arrows:"):
        if base is None:
            st.caption(t("flex_board.diff.nothing_before"))
        else:
            counts = board.change_counts(changes)
            for column, (code, count) in zip(st.columns(3), counts.items(), strict=True):
                column.metric(t(f"flex_board.change.{code}"), t.count(count))
            if len(changes):
                web.table(board.change_table(changes, t))

if (editor or publisher) and plan.is_proposal:
    with st.expander(t("flex_board.checks.title"), icon=":material/fact_check:", expanded=False):
        found = web.flex_checks(plan.plan_id, t.lang)
        for check in found:
            st.warning(plain(words.check_text(check, t, names)), icon=":material/warning:")
        if not found:
            st.success(t("flex_board.checks.none"), icon=":material/check_circle:")
        agreed = not found or st.checkbox(t("flex_board.checks.agree"),
                                          key=f"flex_board.agree.{edits}")
        if publisher and st.button(t("flex_board.publish"), key="flex_board.publish",
                                   type="primary", icon=":material/publish:",
                                   disabled=not agreed, help=t("flex_board.publish_help")):
            with web.friendly_errors(t):
                version = plans.publish(db, viewer, plan.plan_id)
                done(t("flex_board.published", version=version))

st.divider()
st.caption(t("flex_board.export"))
web.export_buttons(viewer, t, "assignments", key=f"flex_board.export.{plan.plan_id}",
                   plan_id=plan.plan_id, cycle_id=cycle_id, week=week_id)
