"""Professionalisering › Werkbegeleiding: work-coaching trajectories. Only the teacher, the
adviser and the commissioning manager of a trajectory can open it. Goals (at most fifteen),
the diagnostic visit and three to five coaching visits with their feedback talk, the teacher's
self-assessment before each talk, progress per goal, and the final report: generated, edited,
printable and exportable, then closed. What each party may do, and every label and table, come
from app/team/coaching_view.py."""

import datetime as dt

import streamlit as st

from app import clock, permissions, web
from app.team import charts as team_charts
from app.team import coaching
from app.team import coaching_view as view

viewer, t, db = web.open_page("team_coaching")
today = clock.today()
saves = web.Saves("team_coaching")
done = saves.saved
pick_key = web.lang_key("team_coaching.trajectory")


def key(*parts) -> str:
    """A widget's key that starts afresh after every save."""
    return ".".join(["team_coaching", *(str(p) for p in parts), str(saves.version)])


def score_radios(side: str, visit_id: int, own: dict) -> dict[int, int | None]:
    """A score from 1 to 4 per goal, in a form: what it holds when the form is sent."""
    entries = {}
    for g in goals.to_dict("records"):
        label, index = view.score_prompt(side, g, own, t)
        entries[int(g["goal_id"])] = st.radio(label, list(coaching.SCORES), horizontal=True,
                                              index=index, key=key(side, visit_id, g["goal_id"]))
    return entries


# -- a new trajectory, commissioned by the director ------------------------------------------------
if permissions.holds(viewer, "team.coaching.create"):
    can = coaching.candidates(db)
    with st.expander(t("team.coaching.new"), icon=":material/add:"), st.form(key("new")):
        offered = (("teacher", can.teachers, None), ("adviser", can.advisers, None),
                   ("manager", can.managers, view.default_manager(can, viewer)))
        parties = {who: web.selectbox(t(f"team.coaching.{who}"), options, index=index,
                                      format_func=can.names.get, key=key(f"new_{who}"), where=at)
                   for (who, options, index), at in zip(offered, st.columns(3), strict=True)}
        a, b = st.columns(2)
        starts_on = a.date_input(t("team.coaching.starts_on"), value=today, format="DD/MM/YYYY",
                                 key=key("new_start"))
        ends_on = b.date_input(t("team.coaching.ends_on"), format="DD/MM/YYYY", key=key("new_end"),
                               value=today + dt.timedelta(days=view.DEFAULT_DAYS))
        reason = st.text_area(t("team.coaching.reason"), key=key("new_reason"))
        if st.form_submit_button(t("team.coaching.create"), type="primary",
                                 key="team_coaching.create"):
            with web.friendly_errors(t):
                new_id = coaching.create(db, viewer, **parties, starts_on=starts_on,
                                         ends_on=ends_on, reason=reason)
                done(t("team.coaching.created"), show=(pick_key, new_id))

listing = coaching.trajectories(db, viewer)
if listing.empty:
    st.info(t("team.coaching.none"), icon=":material/lock:")
    st.stop()
labels = view.trajectory_labels(listing, t)
tid = web.record_picker(t("team.coaching.pick"), list(labels), key=pick_key, labels=labels)
row = coaching.trajectory(db, viewer, tid)
may = view.rights(viewer, row)
st.caption(t("team.coaching.confidential"), help=t("team.coaching.confidential_help"))
st.markdown(view.parties_line(row, t))
st.markdown(view.summary(row, may, t))

if may.moves:
    left, right = st.container(border=True).columns([3, 1], vertical_alignment="bottom")
    target = web.selectbox(t("team.coaching.next_status"), list(may.moves), where=left,
                           format_func=lambda s: t(f"team.coaching.status.{s}"),
                           key=web.lang_key(f"team_coaching.next.{tid}"))
    if right.button(t("team.coaching.move"), key=f"team_coaching.move.{tid}",
                    icon=":material/arrow_forward:"):
        with web.friendly_errors(t):
            coaching.change_status(db, viewer, tid, target, clock.now())
            done(t("team.coaching.moved"))

goals = coaching.goals(db, viewer, tid)
visits = coaching.visits(db, viewer, tid)
goals_tab, visits_tab, progress_tab, report_tab = st.tabs([
    t("team.coaching.tab.goals", count=len(goals), limit=coaching.MAX_GOALS),
    t("team.coaching.tab.visits"), t("team.coaching.tab.progress"), t("team.coaching.tab.report")])

# -- goals ----------------------------------------------------------------------------------------
with goals_tab:
    if may.fixed:
        st.success(view.fixed_text(row, t), icon=":material/lock:")
    else:
        st.info(t("team.coaching.not_fixed"), icon=":material/edit_note:")
    web.table(view.goals_table(goals, t), empty=t("team.coaching.no_goals"))
    if may.edit_goals:
        with st.form(key("goal", tid)):
            text = st.text_input(t("team.coaching.goal_text"), key=key("goal_text", tid))
            a, b = st.columns(2)
            domain = web.selectbox(t("team.coaching.col.domain"), list(coaching.DOMAINS), where=a,
                                   format_func=lambda x: t(f"team.coaching.domain.{x}"),
                                   key=web.lang_key(f"team_coaching.domain.{tid}"))
            origin = b.radio(t("team.coaching.col.origin"), list(coaching.ORIGINS), horizontal=True,
                             format_func=lambda x: t(f"team.coaching.origin.{x}"),
                             key=key("origin", tid))
            if st.form_submit_button(t("team.coaching.add_goal"), icon=":material/add:",
                                     key=f"team_coaching.add_goal.{tid}"):
                with web.friendly_errors(t):
                    seq = coaching.add_goal(db, viewer, tid, text, domain, origin)
                    done(t("team.coaching.goal_added", seq=seq))
        a, b = st.columns(2)
        if choices := view.goal_choices(goals, t):
            gone = web.selectbox(t("team.coaching.remove_goal"), list(choices), index=None,
                                 format_func=choices.get, key=key("remove", tid), where=a)
            if a.button(t("team.coaching.remove"), key=f"team_coaching.remove_btn.{tid}",
                        disabled=gone is None):
                with web.friendly_errors(t):
                    coaching.remove_goal(db, viewer, tid, int(gone))
                    done(t("team.coaching.goal_removed"))
        if b.button(t("team.coaching.fix"), key=f"team_coaching.fix.{tid}",
                    icon=":material/lock:", help=t("team.coaching.fix_help")):
            with web.friendly_errors(t):
                coaching.fix_goals(db, viewer, tid, clock.now())
                done(t("team.coaching.fixed_now"))

# -- visits ---------------------------------------------------------------------------------------
with visits_tab:
    if (planned := coaching.visits_warning(visits)) is not None:
        st.warning(t.plural("team.coaching.few_visits", planned, minimum=coaching.MIN_VISITS),
                   icon=":material/warning:")
    web.table(view.visits_table(visits, t), empty=t("team.coaching.no_visits"))
    if may.plan:
        with st.form(key("plan", tid)):
            a, b, c = st.columns(3)
            kind = web.selectbox(t("team.coaching.visit_kind"), list(view.VISIT_KINDS), where=a,
                                 index=view.next_visit_kind(visits),
                                 format_func=lambda k: t(f"team.coaching.kind.{k}"),
                                 key=web.lang_key(key("plan_kind", tid)))
            when = b.date_input(t("team.coaching.col.planned_on"), value=today,
                                format="DD/MM/YYYY", key=key("plan_day", tid))
            announced = c.checkbox(t("team.coaching.col.announced"), value=True,
                                   key=key("plan_announced", tid))
            if st.form_submit_button(t("team.coaching.plan"), icon=":material/event:",
                                     key=f"team_coaching.plan_visit.{tid}"):
                with web.friendly_errors(t):
                    coaching.plan_visit(db, viewer, tid, kind, when, announced)
                    done(t("team.coaching.planned"))
    given = coaching.ratings(db, viewer, tid)
    for visit in visits.to_dict("records"):
        vid = int(visit["visit_id"])
        own, theirs = view.split_scores(given, vid)
        mode = view.visit_mode(may, visit, goals, own, theirs)
        if visit["kind"] == "diagnostic":
            if mode == "held" and st.button(t("team.coaching.mark_held"),
                                            key=f"team_coaching.held.{vid}"):
                with web.friendly_errors(t):
                    coaching.mark_held(db, viewer, tid, vid)
                    done(t("team.coaching.saved"))
            continue
        opened = may.is_open and not view.talked(visit)
        with st.expander(view.visit_title(visit, t), expanded=opened):
            for line in view.talk_lines(visit, t):
                st.markdown(line)
            if mode == "no_goals":
                st.caption(t("team.coaching.no_goals"))
            elif mode == "self":
                with st.form(key("self", vid)):
                    st.markdown(f"**{t('team.coaching.self_title')}**")
                    entries = score_radios("self", vid, own)
                    if st.form_submit_button(t("team.coaching.self_save"), type="primary",
                                             key=f"team_coaching.self_save.{vid}"):
                        with web.friendly_errors(t):
                            coaching.self_assess(db, viewer, tid, vid, entries)
                            done(t("team.coaching.self_saved"))
            elif mode == "talk":
                if missing := view.self_missing(goals, own):
                    st.warning(t("team.coaching.self_missing", missing=missing),
                               icon=":material/hourglass_top:")
                with st.form(key("talk", vid)):
                    talk_on = st.date_input(t("team.coaching.col.talk_on"), value=today,
                                            format="DD/MM/YYYY", key=key("talk_on", vid))
                    entries = score_radios("rate", vid, own)
                    reflection = st.text_area(t("team.coaching.reflection"),
                                              key=key("reflection", vid))
                    advice = st.text_area(t("team.coaching.advice"), key=key("advice", vid))
                    if st.form_submit_button(t("team.coaching.talk_save"), type="primary",
                                             key=f"team_coaching.talk_save.{vid}"):
                        with web.friendly_errors(t):
                            coaching.record_talk(db, viewer, tid, vid, talk_on, entries,
                                                 reflection, advice)
                            done(t("team.coaching.talk_saved"))
            elif mode == "scores":
                web.table(view.scores_table(goals, own, theirs, t))

# -- progress -------------------------------------------------------------------------------------
with progress_tab:
    frame = coaching.progress(db, viewer, tid, t)
    if frame.empty:
        st.caption(t("team.coaching.no_progress"))
    else:
        web.chart(team_charts.coaching_progress(frame, t), t, key=f"team_coaching.chart.{tid}")

# -- the final report ----------------------------------------------------------------------------
with report_tab:
    _, parts, degree_goals = coaching.report_parts(db, viewer, tid, t)
    if not may.report:
        st.caption(t("team.coaching.report_readonly"))
    with st.form(key("report", tid)):
        if len(degree_goals):
            st.markdown(f"**{t('team.coaching.report.degrees')}**")
        chosen = {int(g["goal_id"]): web.selectbox(
            view.goal_label(g), view.DEGREE_OPTIONS, disabled=not may.report,
            index=view.DEGREE_OPTIONS.index(g["degree"]),
            format_func=lambda d: view.degree_label(d, t),
            key=web.lang_key(key("degree", g["goal_id"])))
            for g in degree_goals.to_dict("records")}
        texts = {p: st.text_area(t(f"team.coaching.report.{p}"), value=parts[p], height=120,
                                 disabled=not may.report, key=key("part", tid, p))
                 for p in coaching.REPORT_PARTS}
        if st.form_submit_button(t("team.coaching.report_save"), disabled=not may.report,
                                 key=f"team_coaching.report_save.{tid}", type="primary"):
            with web.friendly_errors(t):
                coaching.save_report(db, viewer, tid, texts, chosen, clock.now())
                done(t("team.coaching.report_saved"))
    buttons = st.container(horizontal=True)
    for file in view.report_downloads(db, viewer, may, tid, t,
                                      web.school_settings().get("school.name", "")):
        buttons.download_button(file.label, data=file.data, mime=file.mime, icon=file.icon,
                                file_name=file.file_name, key=f"team_coaching.{file.name}")
