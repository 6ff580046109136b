"""Professionalisering › Competenties: the framework and the needed levels (editable), present
levels from self-assessment, a staff survey or an appraisal talk, and the gap matrices."""

import pandas as pd
import streamlit as st

from app import clock, web
from app.prof import competences, rules

viewer = web.page_access("prof_competences")
t = web.translator()
db = web.database()
web.header(t, "prof_competences")
today = clock.today()
saves = web.Saves("prof_competences")
version = saves.version



framework = competences.framework(db)
name_col = competences.name_column(t.lang)
gaps = competences.load_gaps(db, viewer.scope)
tab_gaps, tab_levels, tab_needed, tab_framework = st.tabs(
    [t("prof.tab.gaps"), t("prof.tab.levels_all"), t("prof.tab.needed"),
     t("prof.tab.framework")])

with tab_gaps:
    if gaps.staff.empty:
        st.info(t("prof.no_gaps"))
    else:
        st.subheader(t("prof.school_needs"))
        names = framework.set_index("code")[name_col]
        st.dataframe(pd.DataFrame({
            t("prof.col.competence"): gaps.school_needs["code"],
            t("prof.col.name"): [names.get(c, c) for c in gaps.school_needs["code"]],
            t("prof.col.people_short"): gaps.school_needs["short"],
            t("prof.col.share_short"): [t.percent(float(v)) for v in
                                        gaps.school_needs["share_short"]],
        }), hide_index=True, width="stretch")
        st.subheader(t("prof.team_matrix"))
        st.caption(t("prof.team_matrix_help"))
        st.dataframe(competences.matrix(gaps.by_team, "subject_team", "mean_gap").round(1)
                     .rename_axis(t("prof.col.team")), width="stretch")
        st.subheader(t("prof.staff_matrix"))
        st.caption(t("prof.staff_matrix_help"))
        st.dataframe(competences.matrix(gaps.staff, "name", "gap").rename_axis(
            t("prof.col.staff")), width="stretch")
        st.subheader(t("prof.person_needs"))
        needs = competences.person_needs(gaps.staff)
        st.dataframe(pd.DataFrame({
            t("prof.col.staff"): needs["name"], t("prof.col.competence"): needs["code"],
            t("prof.col.needed"): needs["needed"], t("prof.col.present"): needs["present"],
            t("prof.col.gap"): needs["gap"],
        }), hide_index=True, width="stretch")

with tab_levels:
    people = db.read("prof/staff_people", scope=viewer.scope)
    st.caption(t("prof.appraisal_help"))
    with st.form(key="prof_competences.appraisal"):
        c1, c2, c3 = st.columns([2, 2, 1])
        staff_id = c1.selectbox(t("prof.col.staff"), list(people["staff_id"]),
                                key=web.lang_key("prof_competences.staff"),
                                format_func=lambda s: people.loc[people["staff_id"] == s,
                                                                 "name"].iloc[0])
        labels = {int(r.competence_id): f"{r.code} · {getattr(r, name_col)}"
                  for r in framework[framework["is_active"]].itertuples()}
        competence = c2.selectbox(t("prof.col.competence"), list(labels),
                                  key=web.lang_key("prof_competences.competence"),
                                  format_func=lambda c: labels[c])
        level = c3.selectbox(t("prof.col.level"), list(rules.LEVELS),
                             key=web.lang_key("prof_competences.level"),
                             format_func=lambda v: t(f"prof.level.{v}"))
        note = st.text_input(t("prof.col.note"), key="prof_competences.note")
        if st.form_submit_button(t("prof.save_appraisal"), key="prof_competences.save_level"):
            with web.friendly_errors(t), rules.named_columns(t):
                competences.record_level(db, viewer, int(staff_id), competence, level,
                                         "appraisal", today, note or None)
                saves.saved(t("prof.saved"))
    surveys = db.read("prof/needs_surveys")
    st.subheader(t("prof.from_survey"))
    st.caption(t("prof.from_survey_help"))
    if surveys.empty:
        st.caption(t("prof.no_needs_surveys"))
    else:
        survey = st.selectbox(t("prof.survey"), list(surveys["survey_id"]),
                              key=web.lang_key("prof_competences.survey"),
                              format_func=lambda s: surveys.loc[surveys["survey_id"] == s,
                                                                "title"].iloc[0])
        if st.button(t("prof.read_survey"), key="prof_competences.read_survey"):
            with web.friendly_errors(t), rules.named_columns(t):
                saves.saved(t("prof.levels_read", count=competences.levels_from_survey(
                    db, viewer, int(survey))))

with tab_needed:
    needed = competences.needed(db)
    original = needed[["code", "target_kind", "target", "level"]]
    key = f"prof_competences.needed.{version}"
    st.caption(t("prof.needed_help"))
    st.data_editor(original, key=key, num_rows="dynamic", hide_index=True, width="stretch",
                   column_config={
                       "code": st.column_config.SelectboxColumn(
                           t("prof.col.competence"), options=list(framework["code"]),
                           required=True),
                       "target_kind": st.column_config.SelectboxColumn(
                           t("prof.col.target_kind"), options=list(competences.TARGET_KINDS),
                           required=True),
                       "target": st.column_config.TextColumn(t("prof.col.target")),
                       "level": st.column_config.NumberColumn(t("prof.col.level"), min_value=1,
                                                              max_value=4, required=True)})
    if st.button(t("prof.save"), key="prof_competences.save_needed", type="primary"):
        with web.friendly_errors(t), rules.named_columns(t):
            competences.save_needed(db, viewer, web.edited_frame(original, key))
            saves.saved(t("prof.saved"))

with tab_framework:
    original = framework[["competence_id", "domain_id", "code", "name_nl", "name_en",
                          "ok_codes", "seq", "is_active"]]
    key = f"prof_competences.framework.{version}"
    st.caption(t("prof.framework_help"))
    domains = db.read("prof/domains")
    st.data_editor(original, key=key, num_rows="dynamic", hide_index=True, width="stretch",
                   disabled=["competence_id"],
                   column_config={
                       "competence_id": None,
                       "domain_id": st.column_config.SelectboxColumn(
                           t("prof.col.domain"), options=list(domains["domain_id"]),
                           required=True),
                       "code": st.column_config.TextColumn(t("prof.col.competence"),
                                                           required=True),
                       "name_nl": st.column_config.TextColumn(t("prof.col.name_nl"),
                                                              required=True, width="large"),
                       "name_en": st.column_config.TextColumn(t("prof.col.name_en")),
                       "ok_codes": st.column_config.TextColumn(t("prof.col.ok_codes")),
                       "seq": st.column_config.NumberColumn(t("prof.col.seq")),
                       "is_active": st.column_config.CheckboxColumn(t("prof.col.active"))})
    if st.button(t("prof.save"), key="prof_competences.save_framework", type="primary"):
        with web.friendly_errors(t), rules.named_columns(t):
            competences.save_framework(db, viewer, web.edited_frame(original, key))
            saves.saved(t("prof.saved"))
