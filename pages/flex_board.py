"""Flex › Weekbord: compose a cycle's groups, see each session's learners and why, move and
lock by hand, check, compare with last week, publish; earlier versions stay readable."""

import pandas as pd
import streamlit as st

from app import charts, clock, permissions, web
from app.errors import UserError
from app.flex import board, plans, words
from app.flex.plans import Move
from app.i18n import plain

viewer, t, db = web.open_page("flex_board")
editor = permissions.holds(viewer, "flex.plan.compose")
publisher = permissions.holds(viewer, "flex.plan.publish")
# After a write: say so on the next run, and start the tables' selections afresh.
saves = web.Saves("flex_board")
edits = saves.version
done = saves.saved

today = clock.today()
picked_week = web.week_picker(t, "flex_board.week")
if picked_week is None:
    st.stop()
week_id, cycle_id, weeks = picked_week

# The flex team's weekly job is the next cycle: point there when it still waits.
if editor:
    try:
        upcoming = plans.next_cycle(db, today)
    except UserError:
        upcoming = None
    first = board.first_week_of(weeks, upcoming) if upcoming is not None else None
    if first and upcoming != cycle_id and plans.current(db, upcoming) is None:
        left, right = st.columns([3, 1], vertical_alignment="center")
        left.info(t.md("flex_board.next_waits", week=words.week(t, first)),
                  icon=":material/event_upcoming:")
        right.button(t("flex_board.go_next"), key="flex_board.go_next",
                     on_click=st.session_state.update,
                     args=({web.lang_key("flex_board.week"): first},))

listing = plans.plans(db, cycle_id)
if not editor:
    listing = listing[listing["status"] == "published"]
fill_all = plans.fill(db, cycle_id, None, t.lang)
if fill_all.empty:
    st.info(t("flex_board.no_sessions"))
    st.stop()

# -- which plan ---------------------------------------------------------------------------------
if listing.empty:
    if editor:
        st.info(t("flex_board.not_composed"), icon=":material/auto_awesome:")
    else:
        st.info(t("flex_board.not_published"), icon=":material/edit_calendar:")
    plan = None
else:
    plan_ids = [int(p) for p in listing["plan_id"]]
    key = web.lang_key(f"flex_board.plan.{cycle_id}")
    if st.session_state.get(key) not in plan_ids:
        st.session_state[key] = plan_ids[0]
    labels = {int(r["plan_id"]): board.plan_label(r, t) for r in listing.to_dict("records")}
    chosen = web.selectbox(t("flex_board.plan.pick"), plan_ids, key=key,
                           format_func=labels.get) if len(plan_ids) > 1 else plan_ids[0]
    plan = plans.plan(db, chosen)

# -- the flex team's actions ----------------------------------------------------------------------
if editor:
    actions = st.container(horizontal=True)
    compose_label = t("flex_board.compose" if plan is None else "flex_board.recompose")
    if actions.button(compose_label, key="flex_board.compose", icon=":material/auto_awesome:",
                      type="primary" if plan is None else "secondary",
                      help=t("flex_board.compose_help")):
        with st.spinner(t("flex_board.composing")), web.friendly_errors(t):
            made, _ = plans.compose_cycle(db, viewer, cycle_id, viewer.name, t.lang)
            st.session_state[web.lang_key(f"flex_board.plan.{cycle_id}")] = made.plan_id
            st.session_state["flex_board.report_open"] = True
            done(t("flex_board.composed"))
    if plan is not None and not plan.is_proposal and plans.proposal(db, cycle_id) is None and \
            actions.button(t("flex_board.edit"), key="flex_board.edit", icon=":material/edit:",
                           help=t("flex_board.edit_help")):
        with web.friendly_errors(t):
            copy = plans.working_copy(db, viewer, cycle_id, viewer.name)
            st.session_state[web.lang_key(f"flex_board.plan.{cycle_id}")] = copy.plan_id
            done(t("flex_board.edit_started"))

if plan is None:
    web.chart(charts.fill_by_slot(fill_all, t), t)
    st.stop()

fill = plans.fill(db, cycle_id, plan.plan_id, t.lang)
rows = web.cached_read("flex/plan_assignments", viewer.scope, plan_id=plan.plan_id,
                       lang=t.lang)
names = dict(zip(rows["learner_id"], rows["learner"], strict=True))

status = st.container(horizontal=True, vertical_alignment="center")
if plan.is_proposal:
    status.badge(t("flex_board.plan.proposal"), icon=":material/edit_note:", color="orange")
    status.caption(t.md("flex_board.plan.made", who=plan.created_by or "–",
                     when=t.datetime(plan.created_at)))
else:
    status.badge(t.md("flex_board.plan.published", version=plan.version),
                 icon=":material/task_alt:", color="green")
    status.caption(t.md("flex_board.plan.published_by", who=plan.published_by or "–",
                     when=t.datetime(plan.published_at)))

# -- what the composition reported ----------------------------------------------------------------
if editor and plan.report.get("summary"):
    summary = plan.report["summary"]
    with st.expander(t("flex_board.report.title"), icon=":material/insights:",
                     expanded=st.session_state.pop("flex_board.report_open", False)):
        a, b, c, d = st.columns(4)
        a.metric(t("flex_board.report.placed"), f"{t.count(summary['assigned'])} / "
                 f"{t.count(summary['learners'])}")
        b.metric(t("flex_board.report.objective"), t.number(summary["objective"], 2),
                 help=t("flex_board.report.objective_help"))
        proven = summary["gap"] is not None and summary["gap"] <= 1e-9
        c.metric(t("flex_board.report.bound"),
                 t.number(summary["bound"], 2) if summary["bound"] is not None else "–",
                 delta=t("flex_board.report.proven") if proven else
                 t("flex_board.report.gap", gap=t.percent(summary["gap"] or 0, 2)),
                 delta_color="normal" if proven else "inverse",
                 help=t("flex_board.report.bound_help"))
        d.metric(t("flex_board.report.seconds"), t.number(summary["seconds"], 2) + " s")
        e, f, g = st.columns(3)
        e.metric(t("flex_board.report.hard_unmet"), t.count(summary["hard_unmet"]))
        f.metric(t("flex_board.report.fairness_unmet"), t.count(summary["fairness_unmet"]))
        g.metric(t("flex_board.report.locked"), t.count(plan.report.get("locked", 0)))
        for code, params in plan.report.get("messages", []):
            st.warning(plain(words.report_message(code, params, t, names)),
                       icon=":material/info:")
        if not plan.report.get("messages"):
            st.success(t("flex_board.report.all_met"), icon=":material/check_circle:")

# -- the groups -----------------------------------------------------------------------------------
web.chart(charts.fill_by_slot(fill, t), t)

query = st.text_input(t("flex_board.search"), key="flex_board.search",
                      placeholder=t("flex_board.search_hint"), icon=":material/search:")
selected: pd.DataFrame = rows.iloc[0:0]
if query:
    found = board.search(rows, query)
    if found.empty:
        st.caption(t("flex_board.search_none"))
    else:
        picked = web.table(board.learner_table(found, t, with_session=True),
                           on_select="rerun" if editor else "ignore",
                           selection_mode="multi-row", key=f"flex_board.found.{edits}")
        if editor and picked and picked.selection.rows:
            selected = found.iloc[picked.selection.rows]

slots = list(dict.fromkeys(zip(fill["weekday"], fill["lesson_hour"], fill["slot_id"],
                               strict=True)))
tabs = st.tabs([words.slot(t, d, h) for d, h, _ in slots], key="flex_board.slot")
for tab, (_, _, slot_id) in zip(tabs, slots, strict=True):
    in_slot = fill[fill["slot_id"] == slot_id].reset_index(drop=True)
    with tab:
        picked = web.table(board.session_table(in_slot, t), on_select="rerun",
                           selection_mode="single-row", key=f"flex_board.sessions.{slot_id}")
        chosen_rows = picked.selection.rows if picked else []
        if not chosen_rows:
            st.caption(t("flex_board.pick_session"))
            continue
        session = in_slot.iloc[chosen_rows[0]]
        members = rows[rows["session_id"] == session["session_id"]]
        st.markdown(t.md("flex_board.session_head", code=session["code"],
                      what=words.what(t, session["kind"], session["topic"]),
                      learners=t.count(len(members)), capacity=t.count(session["capacity"])))
        chosen = web.table(
            board.learner_table(members, t), on_select="rerun" if editor else "ignore",
            selection_mode="multi-row", key=f"flex_board.members.{session['session_id']}.{edits}")
        if editor and chosen and chosen.selection.rows:
            selected = members.iloc[chosen.selection.rows]

# -- moving and locking by hand ----------------------------------------------------------------
if editor and len(selected):
    with st.container(border=True):
        st.markdown(t.plural("flex_board.move.title", len(selected)))
        if not plan.is_proposal:
            st.info(t("flex_board.move.published"), icon=":material/lock:")
        else:
            slot_ids = selected["slot_id"].unique()
            if len(slot_ids) > 1:
                st.caption(t("flex_board.move.one_slot"))
            else:
                slot_id = int(slot_ids[0])
                options = board.target_options(fill, slot_id, selected, t)
                target = web.selectbox(t("flex_board.move.to"), list(options), index=None,
                                       format_func=options.get,
                                       placeholder=t("flex_board.move.pick"),
                                       key=web.lang_key(f"flex_board.move.to.{slot_id}.{edits}"))
                buttons = st.container(horizontal=True)
                if buttons.button(t("flex_board.move.go"), key="flex_board.move.go",
                                  icon=":material/move_down:", type="primary",
                                  disabled=target is None):
                    moves = [Move(int(r.learner_id), int(r.slot_id), int(r.session_id),
                                  int(target)) for r in selected.itertuples()
                             if int(r.session_id) != int(target)]
                    with web.friendly_errors(t):
                        plans.move(db, viewer, plan.plan_id, moves, viewer.name)
                        done(t.plural("flex_board.move.done", len(moves)))
                cells = [(int(r.learner_id), int(r.slot_id)) for r in selected.itertuples()]
                if buttons.button(t("flex_board.lock"), key="flex_board.lock",
                                  icon=":material/lock:"):
                    with web.friendly_errors(t):
                        plans.set_locked(db, viewer, plan.plan_id, cells, True, viewer.name)
                        done(t.plural("flex_board.locked", len(cells)))
                if selected["is_locked"].any() and buttons.button(
                        t("flex_board.unlock"), key="flex_board.unlock",
                        icon=":material/lock_open:"):
                    with web.friendly_errors(t):
                        plans.set_locked(db, viewer, plan.plan_id, cells, False, viewer.name)
                        done(t.plural("flex_board.unlocked", len(cells)))

# -- against last week, and before publishing ---------------------------------------------------
if editor or plans.compares_whole_plan(viewer.scope):
    changes, base = web.flex_diff(viewer.scope, plan.plan_id, t.lang)
    title = t.md("flex_board.diff.title", base=board.plan_label(base, t)) if base else \
        t("flex_board.diff.none_title")
    with st.expander(title, icon=":material/compare_arrows:"):
        if base is None:
            st.caption(t("flex_board.diff.nothing_before"))
        else:
            counts = changes["change"].value_counts()
            for column, code in zip(st.columns(3), words.CHANGE_CODES, strict=True):
                column.metric(t(f"flex_board.change.{code}"), t.count(int(counts.get(code, 0))))
            if len(changes):
                web.table(board.change_table(changes, t))

if (editor or publisher) and plan.is_proposal:
    with st.expander(t("flex_board.checks.title"), icon=":material/fact_check:",
                     expanded=False):
        found = web.flex_checks(plan.plan_id, t.lang)
        for check in found:
            st.warning(plain(words.check_text(check, t, names)), icon=":material/warning:")
        if not found:
            st.success(t("flex_board.checks.none"), icon=":material/check_circle:")
        agreed = True
        if found:
            agreed = st.checkbox(t("flex_board.checks.agree"), key=f"flex_board.agree.{edits}")
        if publisher and st.button(t("flex_board.publish"), key="flex_board.publish",
                                   type="primary", icon=":material/publish:",
                                   disabled=not agreed, help=t("flex_board.publish_help")):
            with web.friendly_errors(t):
                version = plans.publish(db, viewer, plan.plan_id, viewer.name)
                done(t("flex_board.published", version=version))

st.divider()
st.caption(t("flex_board.export"))
web.export_buttons(viewer, t, "assignments", key=f"flex_board.export.{plan.plan_id}",
                   plan_id=plan.plan_id, cycle_id=cycle_id, week=week_id)
