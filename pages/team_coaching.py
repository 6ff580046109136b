"""Professionalisering › Werkbegeleiding: work-coaching trajectories. Only the teacher, the
adviser and the commissioning manager of a trajectory can open it. Goals (at most fifteen),
the diagnostic visit and three to five coaching visits with their feedback talk, the teacher's
self-assessment before each talk, progress per goal, and the final report: generated, edited,
printable and exportable, then closed."""

import datetime as dt

import pandas as pd
import streamlit as st

from app import clock, display, permissions, web
from app.i18n import plain
from app.team import charts as team_charts
from app.team import coaching

viewer, t, db = web.open_page("team_coaching")
today = clock.today()
saves = web.Saves("team_coaching")
version = saves.version


def done(message: str, trajectory_id: int | None = None) -> None:
    if trajectory_id is not None:
        st.session_state["team_coaching.pick"] = trajectory_id
    saves.saved(message)


def now() -> dt.datetime:
    return dt.datetime.combine(today, dt.datetime.now().time())


def day(value) -> str:
    return t.date(pd.Timestamp(value).date()) if value is not None and value == value else "–"


# -- a new trajectory, commissioned by the director ------------------------------------------------
if permissions.holds(viewer, "team.coaching.create"):
    can = coaching.candidates(db)
    names, teachers, advisers, managers = can.names, can.teachers, can.advisers, can.managers
    with st.expander(t("team.coaching.new"), icon=":material/add:"), \
            st.form(f"team_coaching.new.{version}"):
        a, b, c = st.columns(3)
        teacher = web.selectbox(t("team.coaching.teacher"), teachers, index=None,
                                format_func=names.get, key=f"team_coaching.new_teacher.{version}",
        where=a)
        adviser = web.selectbox(t("team.coaching.adviser"), advisers, index=None,
                              format_func=names.get, key=f"team_coaching.new_adviser.{version}",
        where=b)
        manager = web.selectbox(t("team.coaching.manager"), managers,
                              index=managers.index(viewer.user_id)
                              if viewer.user_id in managers else None,
                              format_func=names.get, key=f"team_coaching.new_manager.{version}",
                              where=c)
        a, b = st.columns(2)
        starts_on = a.date_input(t("team.coaching.starts_on"), value=today, format="DD/MM/YYYY",
                                 key=f"team_coaching.new_start.{version}")
        ends_on = b.date_input(t("team.coaching.ends_on"), value=today + dt.timedelta(days=120),
                               format="DD/MM/YYYY", key=f"team_coaching.new_end.{version}")
        reason = st.text_area(t("team.coaching.reason"), key=f"team_coaching.new_reason.{version}")
        if st.form_submit_button(t("team.coaching.create"), type="primary",
                                 key="team_coaching.create"):
            with web.friendly_errors(t):
                new_id = coaching.create(db, viewer, teacher=teacher, adviser=adviser,
                                         manager=manager, starts_on=starts_on,
                                         ends_on=ends_on, reason=reason)
                done(t("team.coaching.created"), new_id)

listing = coaching.trajectories(db, viewer)
if listing.empty:
    st.info(t("team.coaching.none"), icon=":material/lock:")
    st.stop()
ids = [int(i) for i in listing["trajectory_id"]]
wanted = st.session_state.pop("team_coaching.pick", None)
pick_key = web.lang_key("team_coaching.trajectory")
if wanted in ids:
    st.session_state[pick_key] = wanted
labels = {int(r["trajectory_id"]): t("team.coaching.label", teacher=r["teacher"],
                                     status=t(f"team.coaching.status.{r['status']}"),
                                     start=day(r["starts_on"]), end=day(r["ends_on"]))
          for r in listing.to_dict("records")}
trajectory_id = web.selectbox(t("team.coaching.pick"), ids, format_func=labels.get, key=pick_key)
row = coaching.trajectory(db, viewer, trajectory_id)
me = coaching.party(row, viewer.user_id)
is_open = row["status"] in coaching.OPEN
record = coaching.as_record(row)
steer = permissions.allowed(viewer, "team.coaching.steer", record)
observe = permissions.allowed(viewer, "team.coaching.observe", record)
assess = permissions.allowed(viewer, "team.coaching.self_assess", record)

st.caption(t("team.coaching.confidential"), help=t("team.coaching.confidential_help"))
st.markdown(" · ".join(f"**{t(label)}:** {plain(value)}" for label, value in (
    ("team.coaching.teacher", row["teacher"]), ("team.coaching.adviser", row["adviser"]),
    ("team.coaching.manager", row["manager"]),
    ("team.coaching.status_label", t(f"team.coaching.status.{row['status']}")))))
st.markdown(t.md("team.coaching.summary", start=day(row["starts_on"]), end=day(row["ends_on"]),
              me=t(f"team.coaching.party.{me}"),
              reason=row["reason"] if isinstance(row["reason"], str) else "–"))

if steer and coaching.allowed_next(row):
    with st.container(border=True):
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        options = list(coaching.allowed_next(row))
        target = web.selectbox(t("team.coaching.next_status"), options,
                                format_func=lambda s: t(f"team.coaching.status.{s}"),
                                key=web.lang_key(f"team_coaching.next.{trajectory_id}"), where=left)
        if right.button(t("team.coaching.move"), key=f"team_coaching.move.{trajectory_id}",
                        icon=":material/arrow_forward:"):
            with web.friendly_errors(t):
                coaching.change_status(db, viewer, trajectory_id, target, now())
                done(t("team.coaching.moved"))

goals = coaching.goals(db, viewer, trajectory_id)
visits = coaching.visits(db, viewer, trajectory_id)
fixed = isinstance(row["goals_fixed_by"], str)
goals_tab, visits_tab, progress_tab, report_tab = st.tabs([
    t("team.coaching.tab.goals", count=len(goals), limit=coaching.MAX_GOALS),
    t("team.coaching.tab.visits"), t("team.coaching.tab.progress"),
    t("team.coaching.tab.report")])

# -- goals ----------------------------------------------------------------------------------------
with goals_tab:
    if fixed:
        st.success(t.md("team.coaching.fixed", day=day(row["goals_fixed_at"]),
                     who=row["goals_fixed_by"]), icon=":material/lock:")
    else:
        st.info(t("team.coaching.not_fixed"), icon=":material/edit_note:")
    if goals.empty:
        st.caption(t("team.coaching.no_goals"))
    else:
        web.table(display.table(goals, t, [
            display.count("seq", "team.coaching.col.seq"),
            display.text("text", "team.coaching.col.goal"),
            display.code("domain", "team.coaching.col.domain", codes="team.coaching.domain"),
            display.code("origin", "team.coaching.col.origin", codes="team.coaching.origin")]))
    if steer and is_open and not fixed:
        with st.form(f"team_coaching.goal.{trajectory_id}.{version}"):
            text = st.text_input(t("team.coaching.goal_text"),
                                 key=f"team_coaching.goal_text.{trajectory_id}.{version}")
            a, b = st.columns(2)
            domain = web.selectbox(t("team.coaching.col.domain"), list(coaching.DOMAINS),
                                 format_func=lambda x: t(f"team.coaching.domain.{x}"),
                                 key=web.lang_key(f"team_coaching.domain.{trajectory_id}"), where=a)
            origin = b.radio(t("team.coaching.col.origin"), list(coaching.ORIGINS),
                             horizontal=True,
                             format_func=lambda x: t(f"team.coaching.origin.{x}"),
                             key=f"team_coaching.origin.{trajectory_id}.{version}")
            if st.form_submit_button(t("team.coaching.add_goal"), icon=":material/add:",
                                     key=f"team_coaching.add_goal.{trajectory_id}"):
                with web.friendly_errors(t):
                    seq = coaching.add_goal(db, viewer, trajectory_id, text, domain, origin)
                    done(t("team.coaching.goal_added", seq=seq))
        a, b = st.columns(2)
        if len(goals):
            seqs = dict(zip(goals["goal_id"], goals["seq"], strict=True))
            gone = web.selectbox(t("team.coaching.remove_goal"), list(seqs), index=None,
                               format_func=lambda g: t("team.coaching.goal_label",
                                                       seq=int(seqs[g])),
                               key=f"team_coaching.remove.{trajectory_id}.{version}", where=a)
            if a.button(t("team.coaching.remove"), key=f"team_coaching.remove_btn.{trajectory_id}",
                        disabled=gone is None):
                with web.friendly_errors(t):
                    coaching.remove_goal(db, viewer, trajectory_id, int(gone))
                    done(t("team.coaching.goal_removed"))
        if b.button(t("team.coaching.fix"), key=f"team_coaching.fix.{trajectory_id}",
                    icon=":material/lock:", help=t("team.coaching.fix_help")):
            with web.friendly_errors(t):
                coaching.fix_goals(db, viewer, trajectory_id, now())
                done(t("team.coaching.fixed_now"))

# -- visits ---------------------------------------------------------------------------------------
with visits_tab:
    planned = coaching.visits_warning(visits)
    if planned is not None:
        st.warning(t.plural("team.coaching.few_visits", planned, minimum=coaching.MIN_VISITS),
                   icon=":material/warning:")
    if visits.empty:
        st.caption(t("team.coaching.no_visits"))
    else:
        web.table(display.table(visits.assign(visit=[
            t("team.coaching.visit_name.diagnostic") if k == "diagnostic"
            else t("team.coaching.visit_name.coaching", seq=int(s))
            for k, s in zip(visits["kind"], visits["seq"], strict=True)]), t, [
            display.text("visit", "team.coaching.col.visit"),
            display.date("planned_on", "team.coaching.col.planned_on"),
            display.flag("announced", "team.coaching.col.announced"),
            display.flag("held", "team.coaching.col.held"),
            display.count("self_scores", "team.coaching.col.self"),
            display.date("talk_on", "team.coaching.col.talk_on")]))
    if steer and is_open:
        with st.form(f"team_coaching.plan.{trajectory_id}.{version}"):
            a, b, c = st.columns(3)
            kind = web.selectbox(t("team.coaching.visit_kind"), ["diagnostic", "coaching"],
                               index=1 if (visits["kind"] == "diagnostic").any() else 0,
                               format_func=lambda k: t(f"team.coaching.kind.{k}"),
                               key=web.lang_key(f"team_coaching.plan_kind.{trajectory_id}."
                                                f"{version}"), where=a)
            when = b.date_input(t("team.coaching.col.planned_on"), value=today,
                                format="DD/MM/YYYY",
                                key=f"team_coaching.plan_day.{trajectory_id}.{version}")
            announced = c.checkbox(t("team.coaching.col.announced"), value=True,
                                   key=f"team_coaching.plan_announced.{trajectory_id}.{version}")
            if st.form_submit_button(t("team.coaching.plan"), icon=":material/event:",
                                     key=f"team_coaching.plan_visit.{trajectory_id}"):
                with web.friendly_errors(t):
                    coaching.plan_visit(db, viewer, trajectory_id, kind, when, announced)
                    done(t("team.coaching.planned"))
    given = coaching.ratings(db, viewer, trajectory_id)
    for visit in visits.to_dict("records"):
        vid = int(visit["visit_id"])
        if visit["kind"] == "diagnostic":
            if observe and is_open and not visit["held"] and st.button(
                    t("team.coaching.mark_held"), key=f"team_coaching.held.{vid}"):
                with web.friendly_errors(t):
                    coaching.mark_held(db, viewer, trajectory_id, vid)
                    done(t("team.coaching.saved"))
            continue
        talked = visit["talk_on"] is not None and visit["talk_on"] == visit["talk_on"]
        title = t("team.coaching.visit_title", seq=int(visit["seq"]), day=day(visit["planned_on"]))
        with st.expander(title, expanded=not talked and is_open):
            mine = given[given["visit_id"] == vid]
            own = dict(zip(mine[mine["by_whom"] == "self"]["goal_id"],
                           mine[mine["by_whom"] == "self"]["score"], strict=True))
            theirs = dict(zip(mine[mine["by_whom"] == "adviser"]["goal_id"],
                              mine[mine["by_whom"] == "adviser"]["score"], strict=True))
            if talked:
                st.markdown(t("team.coaching.talk_done", day=day(visit["talk_on"])))
                st.markdown(f"**{t('team.coaching.reflection')}** {plain(visit['reflection'])}")
                st.markdown(f"**{t('team.coaching.advice')}** {plain(visit['advice'])}")
            if goals.empty:
                st.caption(t("team.coaching.no_goals"))
                continue
            if assess and is_open and not talked:
                with st.form(f"team_coaching.self.{vid}.{version}"):
                    st.markdown(f"**{t('team.coaching.self_title')}**")
                    for g in goals.to_dict("records"):
                        previous = own.get(g["goal_id"])
                        st.radio(plain(f"{int(g['seq'])}. {g['text']}"), list(coaching.SCORES),
                                 horizontal=True,
                                 index=None if previous is None else int(previous) - 1,
                                 key=f"team_coaching.self.{vid}.{g['goal_id']}.{version}")
                    if st.form_submit_button(t("team.coaching.self_save"), type="primary",
                                             key=f"team_coaching.self_save.{vid}"):
                        entries = {int(g): st.session_state.get(
                            f"team_coaching.self.{vid}.{g}.{version}") for g in goals["goal_id"]}
                        with web.friendly_errors(t):
                            coaching.self_assess(db, viewer, trajectory_id, vid, entries)
                            done(t("team.coaching.self_saved"))
            elif observe and is_open and not talked:
                missing = len(goals) - len(own)
                if missing:
                    st.warning(t("team.coaching.self_missing", missing=missing),
                               icon=":material/hourglass_top:")
                with st.form(f"team_coaching.talk.{vid}.{version}"):
                    talk_on = st.date_input(t("team.coaching.col.talk_on"), value=today,
                                            format="DD/MM/YYYY",
                                            key=f"team_coaching.talk_on.{vid}.{version}")
                    for g in goals.to_dict("records"):
                        st.radio(t.md("team.coaching.rate_goal", seq=int(g["seq"]), text=g["text"],
                                   own=own.get(g["goal_id"], "–")), list(coaching.SCORES),
                                 horizontal=True, index=None,
                                 key=f"team_coaching.rate.{vid}.{g['goal_id']}.{version}")
                    reflection = st.text_area(t("team.coaching.reflection"),
                                              key=f"team_coaching.reflection.{vid}.{version}")
                    advice = st.text_area(t("team.coaching.advice"),
                                          key=f"team_coaching.advice.{vid}.{version}")
                    if st.form_submit_button(t("team.coaching.talk_save"), type="primary",
                                             key=f"team_coaching.talk_save.{vid}"):
                        entries = {int(g): st.session_state.get(
                            f"team_coaching.rate.{vid}.{g}.{version}") for g in goals["goal_id"]}
                        with web.friendly_errors(t):
                            coaching.record_talk(db, viewer, trajectory_id, vid, talk_on,
                                                 entries, reflection, advice)
                            done(t("team.coaching.talk_saved"))
            elif own or theirs:
                web.table(display.table(goals.assign(
                    goal=[f"{int(g['seq'])}. {g['text']}" for g in goals.to_dict("records")],
                    own=[own.get(g) for g in goals["goal_id"]],
                    theirs=[theirs.get(g) for g in goals["goal_id"]]), t, [
                    display.text("goal", "team.coaching.col.goal"),
                    display.count("own", "team.coaching.by.self"),
                    display.count("theirs", "team.coaching.by.adviser")]))

# -- progress -------------------------------------------------------------------------------------
with progress_tab:
    frame = coaching.progress(db, viewer, trajectory_id, t)
    if frame.empty:
        st.caption(t("team.coaching.no_progress"))
    else:
        web.chart(team_charts.coaching_progress(frame, t), t,
                  key=f"team_coaching.chart.{trajectory_id}")

# -- the final report ----------------------------------------------------------------------------
with report_tab:
    _, parts, degree_goals = coaching.report_parts(db, viewer, trajectory_id, t)
    editable = observe and row["status"] == "final_report"
    if not editable:
        st.caption(t("team.coaching.report_readonly"))
    with st.form(f"team_coaching.report.{trajectory_id}.{version}"):
        chosen = {}
        if len(degree_goals):
            st.markdown(f"**{t('team.coaching.report.degrees')}**")
        degrees = [None, *coaching.DEGREES]
        for g in degree_goals.to_dict("records"):
            chosen[int(g["goal_id"])] = web.selectbox(
                plain(f"{int(g['seq'])}. {g['text']}"), degrees, index=degrees.index(g["degree"]),
                format_func=lambda d: t(f"team.coaching.degree.{d}") if d else "–",
                disabled=not editable,
                key=web.lang_key(f"team_coaching.degree.{g['goal_id']}.{version}"))
        texts = {p: st.text_area(t(f"team.coaching.report.{p}"), value=parts[p], height=120,
                                 disabled=not editable,
                                 key=f"team_coaching.part.{trajectory_id}.{p}.{version}")
                 for p in coaching.REPORT_PARTS}
        if st.form_submit_button(t("team.coaching.report_save"), disabled=not editable,
                                 key=f"team_coaching.report_save.{trajectory_id}",
                                 type="primary"):
            with web.friendly_errors(t):
                coaching.save_report(db, viewer, trajectory_id, texts, chosen, now())
                done(t("team.coaching.report_saved"))
    school = web.school_settings().get("school.name", "")

    def _printable() -> bytes:
        return coaching.export_report(db, viewer, trajectory_id, "html", t, school)

    def _csv() -> bytes:
        return coaching.export_report(db, viewer, trajectory_id, "csv", t, school)

    row_buttons = st.container(horizontal=True)
    row_buttons.download_button(t("team.coaching.print_button"), data=_printable, mime="text/html",
                                file_name=f"{t('export.file.coaching')}-{trajectory_id}.html",
                                icon=":material/print:", key="team_coaching.print")
    row_buttons.download_button(t("export.csv"), data=_csv, mime="text/csv",
                                file_name=f"{t('export.file.coaching')}-{trajectory_id}.csv",
                                icon=":material/download:", key="team_coaching.csv")
