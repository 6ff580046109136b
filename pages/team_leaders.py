"""Professionalisering › Teacher leaders: the register of roles (responsibilities with estimated
hours, holders with released hours), the load of every teacher leader against the school's
threshold with the director's view of where it is unrealistic, and a time-registration survey
compared with the estimates."""

import streamlit as st

from app import display, web
from app.errors import UserError
from app.i18n import plain
from app.importing import pipeline
from app.team import charts as team_charts
from app.team import leaders, problem_text

viewer, t, db = web.open_page("team_leaders")
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
        if st.form_submit_button(t("team.leaders.add"), icon=":material/add:",
                                 key="team_leaders.add"):
            with web.friendly_errors(t):
                leaders.add_role(db, viewer, name_nl, name_en, ask)
                saves.saved(t("team.leaders.added"))
    if roles.empty:
        st.info(t("team.leaders.no_roles"))
    else:
        web.table(leaders.roles_table(roles, t))
        ids = [int(r) for r in roles["role_id"]]
        names = {int(r["role_id"]): leaders.role_name(r, t.lang) for r in roles.to_dict("records")}
        role_id = web.selectbox(t("team.leaders.pick_role"), ids, format_func=names.get,
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
            # Hours are text cells written the local way (2,5); leaders.save_role reads them
            # with a decimal comma or point and names a row that holds no number.
            with left:
                edited_tasks = web.editor(display.editor(tasks, t, [
                    display.text("text", "team.leaders.col.task", width="large"),
                    display.number("estimated_hours", "team.leaders.col.estimated")]),
                    key=f"team_leaders.tasks.{role_id}.{version}", num_rows="dynamic")
            right.markdown(f"**{t('team.leaders.holders')}**")
            holders = leaders.holders_for_editor(db, role_id, staff)
            with right:
                edited_holders = web.editor(display.editor(holders, t, [
                    display.code("name", "team.leaders.col.holder", codes=None,
                                 options=list(display.staff_labels(staff).values()),
                                 width="medium"),
                    display.number("released_hours", "team.leaders.col.released")]),
                    key=f"team_leaders.holders.{role_id}.{version}", num_rows="dynamic")
            if st.button(t("team.leaders.save"), type="primary", icon=":material/save:",
                         key=f"team_leaders.save.{role_id}.{version}"):
                with web.friendly_errors(t):
                    result = leaders.save_role(db, viewer, role_id, edit_nl, edit_en,
                                               edit_ask, edited_tasks, edited_holders, staff)
                    if result.problems:
                        st.error(t("team.leaders.problems", count=len(result.problems)),
                                 icon=":material/error:")
                        st.markdown("\n".join(f"- {plain(problem_text(p, t))}"
                                              for p in result.problems))
                    else:
                        saves.saved(t("team.leaders.saved",
                                      tasks=t.plural("count.tasks", result.tasks),
                                      holders=t.plural("count.holders", result.holders)))

# -- load per person ----------------------------------------------------------------------------
with load_tab:
    st.caption(t("team.leaders.load_intro"))
    with st.form(f"team_leaders.threshold.{version}"):
        a, b = st.columns([2, 1], vertical_alignment="bottom")
        new_limit = web.number_field(t, "team.leaders.threshold", f"team_leaders.limit.{version}",
                                     limit, decimals=2, minimum=1, maximum=3, required=True,
                                     container=a)
        if b.form_submit_button(t("team.leaders.threshold_save"),
                                key="team_leaders.threshold.save"):
            with web.friendly_errors(t):
                leaders.set_threshold(db, viewer, new_limit.value)
                saves.saved(t("team.leaders.threshold_saved"))
    if load.empty:
        st.info(t("team.leaders.no_load"))
    else:
        heavy = leaders.warnings(load, limit, t)
        a, b, c = st.columns(3)
        a.metric(t("team.leaders.people"), t.count(len(load)))
        b.metric(t("team.leaders.unrealistic"), t.count(len(heavy)))
        c.metric(t("team.leaders.unreleased"), t.number(float(load["unreleased"].sum()), 1))
        if heavy:
            st.subheader(t("team.leaders.director_view"))
        for line in heavy:
            st.warning(line, icon=":material/warning:")
        web.chart(team_charts.leader_load(load, limit, t), t, key="team_leaders.load_chart")
        web.table(leaders.load_table(load, t))

# -- time registration -----------------------------------------------------------------------------
with time_tab:
    st.caption(t("team.leaders.time_intro"))
    upload = web.file_uploader(t("team.leaders.time_upload"),
                               key="team_leaders.upload")
    if upload is not None and st.session_state.get("team_leaders.uploaded") != upload.file_id:
        try:
            prepared = pipeline.prepare(db, viewer, "survey", upload.name, upload.getvalue(),
                                        order="dmy",
                                        options={"tag": "time_registration",
                                                 "audience": "staff"})
            if prepared.problems:
                st.error(t("import.ui.problems", problems=t.count(len(prepared.problems)),
                           rows=t.count(len(prepared.built.refused_rows)),
                           total=t.count(prepared.built.rows)))
                web.dataframe(pipeline.problems_table(prepared, t), hide_index=True,
                              width="stretch")
            else:
                for note in prepared.built.held_back:
                    st.warning(pipeline.render_note(note, t.md), icon=":material/link_off:")
                result = pipeline.commit(db, viewer, prepared)
                st.session_state["team_leaders.uploaded"] = upload.file_id
                saves.saved(" ".join([t("team.leaders.time_uploaded"),
                                      *([t(result.warning)] if result.warning else [])]),
                            show=("team_leaders.pick_survey", result.record_id("survey")))
        except UserError as error:
            st.error(pipeline.refusal(error, upload.name, t.md))
    surveys = leaders.time_surveys(db, viewer.scope)
    if surveys.empty:
        st.info(t("team.leaders.no_time"))
    else:
        titles = dict(zip(surveys["survey_id"].astype(int), surveys["title"], strict=True))
        survey_id = web.record_picker(t("team.leaders.time_pick"), list(titles),
                                      key="team_leaders.pick_survey", labels=titles)
        compared, unmatched = leaders.compare_time(db, viewer.scope, survey_id, t.lang)
        if unmatched:
            st.warning(t.md("team.leaders.unmatched", questions="; ".join(unmatched)),
                       icon=":material/help:")
        if compared.empty:
            st.info(t("team.leaders.time_empty"))
        else:
            web.chart(team_charts.time_compare(compared, t), t, key="team_leaders.time_chart")
            web.table(leaders.time_table(compared, t))
