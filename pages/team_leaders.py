"""Professionalisering › Teacher leaders: the register of roles (responsibilities with estimated
hours, holders with released hours), the load of every teacher leader against the school's
threshold with the director's view of where it is unrealistic, and a time-registration survey
compared with the estimates."""

import pandas as pd
import streamlit as st

from app import tables, web
from app.errors import UserError
from app.importing import pipeline
from app.team import charts as team_charts
from app.team import leaders, problem_text

viewer = web.page_access("team_leaders")
t = web.translator()
db = web.database()
web.header(t, "team_leaders")
saves = web.Saves("team_leaders")
version = saves.version


limit = leaders.threshold(db)
load = leaders.load(db, t.lang, limit)
register_tab, load_tab, time_tab = st.tabs([t("team.leaders.tab.register"),
                                            t("team.leaders.tab.load"),
                                            t("team.leaders.tab.time")])

# -- the register ---------------------------------------------------------------------------------
with register_tab:
    roles = leaders.roles(db)
    with st.expander(t("team.leaders.add_role"), expanded=roles.empty,
                     icon=":material/add:"), st.form(f"team_leaders.add.{version}"):
        a, b = st.columns(2)
        name_nl = a.text_input(t("team.leaders.name_nl"), key=f"team_leaders.add_nl.{version}")
        name_en = b.text_input(t("team.leaders.name_en"), key=f"team_leaders.add_en.{version}")
        ask = st.text_input(t("team.leaders.ask_for"), key=f"team_leaders.add_ask.{version}")
        if st.form_submit_button(t("team.leaders.add"), icon=":material/add:"):
            with web.friendly_errors(t):
                leaders.add_role(db, viewer.audit("edit"), name_nl, name_en, ask)
                saves.saved(t("team.leaders.added"))
    if roles.empty:
        st.info(t("team.leaders.no_roles"))
    else:
        st.dataframe(tables.localized(pd.DataFrame({
            t("team.leaders.col.role"): [leaders.role_name(r, t.lang)
                                         for r in roles.to_dict("records")],
            t("team.leaders.col.holders"): roles["holders"],
            t("team.leaders.col.tasks"): roles["tasks"],
            t("team.leaders.col.estimated"): roles["estimated_hours"],
            t("team.leaders.col.released"): roles["released_hours"],
        }), t, numbers={t("team.leaders.col.estimated"): 1,
                        t("team.leaders.col.released"): 1}), hide_index=True, width="stretch")
        ids = [int(r) for r in roles["role_id"]]
        names = {int(r["role_id"]): leaders.role_name(r, t.lang) for r in roles.to_dict("records")}
        role_id = st.selectbox(t("team.leaders.pick_role"), ids, format_func=names.get,
                               key="team_leaders.role")
        row = roles[roles["role_id"] == role_id].iloc[0]
        staff = db.read("common/staff_options")
        with st.container(border=True):
            a, b = st.columns(2)
            edit_nl = a.text_input(t("team.leaders.name_nl"), value=row["name_nl"],
                                   key=f"team_leaders.nl.{role_id}.{version}")
            edit_en = b.text_input(t("team.leaders.name_en"), value=row["name_en"],
                                   key=f"team_leaders.en.{role_id}.{version}")
            edit_ask = st.text_input(t("team.leaders.ask_for"),
                                     value=row["ask_for"] if isinstance(row["ask_for"], str)
                                     else "", key=f"team_leaders.ask.{role_id}.{version}")
            left, right = st.columns(2)
            left.markdown(f"**{t('team.leaders.tasks')}**")
            tasks = leaders.tasks(db, role_id)[["text", "estimated_hours"]]
            edited_tasks = left.data_editor(
                tasks, num_rows="dynamic", hide_index=True, width="stretch",
                key=f"team_leaders.tasks.{role_id}.{version}",
                column_config={
                    "text": st.column_config.TextColumn(t("team.leaders.col.task"),
                                                        width="large"),
                    "estimated_hours": st.column_config.NumberColumn(
                        t("team.leaders.col.estimated"), format="%.1f")})
            right.markdown(f"**{t('team.leaders.holders')}**")
            holders = leaders.holders(db, role_id)[["name", "released_hours"]]
            edited_holders = right.data_editor(
                holders, num_rows="dynamic", hide_index=True, width="stretch",
                key=f"team_leaders.holders.{role_id}.{version}",
                column_config={
                    "name": st.column_config.SelectboxColumn(
                        t("team.leaders.col.holder"), options=list(staff["name"]),
                        width="medium"),
                    "released_hours": st.column_config.NumberColumn(
                        t("team.leaders.col.released"), format="%.1f")})
            if st.button(t("team.leaders.save"), type="primary", icon=":material/save:",
                         key=f"team_leaders.save.{role_id}.{version}"):
                with web.friendly_errors(t):
                    result = leaders.save_role(db, viewer.audit("edit"), role_id, edit_nl,
                                               edit_en, edit_ask, edited_tasks, edited_holders,
                                               staff)
                    if result.problems:
                        st.error(t("team.leaders.problems", count=len(result.problems)),
                                 icon=":material/error:")
                        st.markdown("\n".join(f"- {problem_text(p, t)}"
                                              for p in result.problems))
                    else:
                        saves.saved(t("team.leaders.saved", tasks=result.tasks,
                               holders=result.holders))

# -- load per person ----------------------------------------------------------------------------
with load_tab:
    st.caption(t("team.leaders.load_intro"))
    with st.form(f"team_leaders.threshold.{version}"):
        a, b = st.columns([2, 1], vertical_alignment="bottom")
        new_limit = a.number_input(t("team.leaders.threshold"), min_value=1.0, max_value=3.0,
                                   step=0.05, value=float(limit), format="%.2f",
                                   key=f"team_leaders.limit.{version}")
        if b.form_submit_button(t("team.leaders.threshold_save")):
            with web.friendly_errors(t):
                leaders.set_threshold(db, viewer.audit("edit"), float(new_limit))
                saves.saved(t("team.leaders.threshold_saved"))
    if load.empty:
        st.info(t("team.leaders.no_load"))
    else:
        heavy = load[load["warning"]]
        a, b, c = st.columns(3)
        a.metric(t("team.leaders.people"), t.count(len(load)))
        b.metric(t("team.leaders.unrealistic"), t.count(len(heavy)))
        c.metric(t("team.leaders.unreleased"), t.number(float(load["unreleased"].sum()), 1))
        if not heavy.empty:
            st.subheader(t("team.leaders.director_view"))
            for person in heavy.sort_values("ratio", ascending=False,
                                            na_position="first").itertuples():
                st.warning(t("team.leaders.warning_line", name=person.name, roles=person.roles,
                             ratio=t.number(person.ratio, 2) if person.ratio == person.ratio
                             and person.ratio is not None else "∞",
                             limit=t.number(limit, 2),
                             unreleased=t.number(person.unreleased, 1)),
                           icon=":material/warning:")
        web.chart(team_charts.leader_load(load, limit, t), t, key="team_leaders.load_chart")
        hours = ("assignment", "teaching", "released", "estimated")
        st.dataframe(tables.localized(
            leaders.load_table(load, t), t,
            numbers={**{t(f"team.leaders.col.{h}"): 1 for h in hours},
                     t("team.leaders.col.ratio"): 2}), hide_index=True, width="stretch")

# -- time registration -----------------------------------------------------------------------------
with time_tab:
    st.caption(t("team.leaders.time_intro"))
    upload = st.file_uploader(t("team.leaders.time_upload"),
                              type=["csv", "txt", "tsv", "xlsx", "xls"],
                              key="team_leaders.upload")
    if upload is not None and st.session_state.get("team_leaders.uploaded") != upload.file_id:
        try:
            prepared = pipeline.prepare(db, "survey", upload.name, upload.getvalue(),
                                        order="dmy",
                                        options={"tag": "time_registration",
                                                 "audience": "staff"})
            if prepared.problems:
                st.error(t("import.ui.problems", problems=t.count(len(prepared.problems)),
                           rows=t.count(len(prepared.built.refused_rows)),
                           total=t.count(prepared.built.rows)))
                st.dataframe(pipeline.problems_table(prepared, t), hide_index=True,
                             width="stretch")
            else:
                result = pipeline.commit(db, prepared, viewer.audit("import"))
                st.session_state["team_leaders.uploaded"] = upload.file_id
                st.session_state["team_leaders.survey"] = result.record_id("survey")
                saves.saved(t("team.leaders.time_uploaded"))
        except UserError as error:
            st.error(t("import.ui.unreadable", file=upload.name, reason=error.render(t)))
    surveys = leaders.time_surveys(db, viewer.scope)
    if surveys.empty:
        st.info(t("team.leaders.no_time"))
    else:
        ids = [int(s) for s in surveys["survey_id"]]
        wanted = st.session_state.pop("team_leaders.survey", None)
        if wanted in ids:
            st.session_state["team_leaders.pick_survey"] = wanted
        titles = dict(zip(ids, surveys["title"], strict=True))
        survey_id = st.selectbox(t("team.leaders.time_pick"), ids, format_func=titles.get,
                                 key="team_leaders.pick_survey")
        compared, unmatched = leaders.compare_time(db, viewer.scope, survey_id, t.lang)
        if unmatched:
            st.warning(t("team.leaders.unmatched", questions="; ".join(unmatched)),
                       icon=":material/help:")
        if compared.empty:
            st.info(t("team.leaders.time_empty"))
        else:
            web.chart(team_charts.time_compare(compared, t), t, key="team_leaders.time_chart")
            st.dataframe(tables.localized(pd.DataFrame({
                t("team.leaders.col.person"): compared["name"],
                t("team.leaders.col.role"): compared["role"],
                t("team.leaders.col.estimated"): compared["estimated_hours"],
                t("team.leaders.col.released"): compared["released_hours"],
                t("team.leaders.col.reported"): compared["hours"],
                t("team.leaders.col.difference"): compared["difference"],
                t("team.leaders.col.holds"): [t("team.leaders.yes") if h
                                              else t("team.leaders.not_holder")
                                              for h in compared["holds_role"]],
            }), t, numbers={t(f"team.leaders.col.{h}"): 1 for h in (
                "estimated", "released", "reported", "difference")}),
                hide_index=True, width="stretch")
