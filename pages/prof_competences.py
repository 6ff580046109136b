"""Professionalisering › Competenties: the framework and the needed levels (editable), present
levels from self-assessment, a staff survey or an appraisal talk, and the gap matrices."""

import streamlit as st

from app import clock, display, web
from app.prof import competences, rules

viewer, t, db = web.open_page("prof_competences")
today = clock.today()
saves = web.Saves("prof_competences")
version = saves.version

framework = competences.framework(db)


def role_word(code: str) -> str:
    return display.label(t, "staff_role", code) or ""


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
        school_needs = gaps.school_needs.assign(
            name=[names.get(c, c) for c in gaps.school_needs["code"]])
        web.table(display.table(school_needs, t, [
            display.text("code", "prof.col.competence"), display.text("name", "prof.col.name"),
            display.count("short", "prof.col.people_short"),
            display.percent("share_short", "prof.col.share_short")]))
        st.subheader(t("prof.team_matrix"))
        st.caption(t("prof.team_matrix_help"))
        web.table(display.matrix(gaps.by_team, "subject_team", "code", "mean_gap", t,
                                 row_header="prof.col.team", decimals=1))
        st.subheader(t("prof.staff_matrix"))
        st.caption(t("prof.staff_matrix_help"))
        web.table(display.matrix(gaps.staff, "name", "code", "gap", t,
                                 row_header="prof.col.staff", decimals=0))
        st.subheader(t("prof.person_needs"))
        needs = competences.person_needs(gaps.staff)
        web.table(display.table(needs, t, [
            display.person("name", "prof.col.staff"), display.text("code", "prof.col.competence"),
            display.count("needed", "prof.col.needed"),
            display.count("present", "prof.col.present"), display.count("gap", "prof.col.gap")]))

with tab_levels:
    people = db.read("prof/staff_people", scope=viewer.scope)
    st.caption(t("prof.appraisal_help"))
    with st.form(key="prof_competences.appraisal"):
        c1, c2, c3 = st.columns([2, 2, 1])
        staff_id = web.selectbox(t("prof.col.staff"), list(people["staff_id"]),
                                 key=web.lang_key("prof_competences.staff"),
                                 format_func=lambda s: people.loc[people["staff_id"] == s,
                                                                  "name"].iloc[0], where=c1)
        labels = {int(r.competence_id): f"{r.code} · {getattr(r, name_col)}"
                  for r in framework[framework["is_active"]].itertuples()}
        competence = web.selectbox(t("prof.col.competence"), list(labels),
                                   key=web.lang_key("prof_competences.competence"),
                                   format_func=lambda c: labels[c], where=c2)
        level = web.selectbox(t("prof.col.level"), list(rules.LEVELS),
                              key=web.lang_key("prof_competences.level"),
                              format_func=lambda v: t(f"prof.level.{v}"), where=c3)
        note = st.text_input(t("prof.col.note"), key="prof_competences.note")
        if st.form_submit_button(t("prof.save_appraisal"), key="prof_competences.save_level"):
            with web.friendly_errors(t), rules.named_columns(t):
                competences.record_appraisal(db, viewer, int(staff_id), competence, level,
                                             today, note or None)
                saves.saved(t("prof.saved"))
    surveys = db.read("prof/needs_surveys")
    st.subheader(t("prof.from_survey"))
    st.caption(t("prof.from_survey_help"))
    if surveys.empty:
        st.caption(t("prof.no_needs_surveys"))
    else:
        survey = web.selectbox(t("prof.survey"), list(surveys["survey_id"]),
                               key=web.lang_key("prof_competences.survey"),
                               format_func=lambda s: surveys.loc[surveys["survey_id"] == s,
                                                                 "title"].iloc[0])
        if st.button(t("prof.read_survey"), key="prof_competences.read_survey"):
            with web.friendly_errors(t), rules.named_columns(t):
                saves.saved(t.plural("prof.levels_read", competences.levels_from_survey(
                    db, viewer, int(survey))))

with tab_needed:
    needed = competences.needed(db)
    # A role is shown and typed as a word (graadcoördinator) and stored as its code.
    known = db.read("prof/teams")
    roles = {role_word(code): code for code in {
        *needed.loc[needed["target_kind"] == "role", "target"],
        *known.loc[known["kind"] == "role", "target"]}}
    roles.update({code: code for code in list(roles.values())})
    original = needed.assign(target=[role_word(g) if k == "role" else g for k, g in
                                     zip(needed["target_kind"], needed["target"], strict=True)])
    key = f"prof_competences.needed.{version}"
    st.caption(t("prof.needed_help"))
    needed_form = display.editor(original, t, [
        display.code("code", "prof.col.competence", codes=None, options=framework["code"],
                     required=True),
        display.code("target_kind", "prof.col.target_kind", codes="prof.key_kind",
                     options=competences.TARGET_KINDS, required=True),
        display.text("target", "prof.col.target"),
        display.count("level", "prof.col.level", minimum=1, maximum=4, required=True)])
    web.editor(needed_form, key=key, num_rows="dynamic")
    if st.button(t("prof.save"), key="prof_competences.save_needed", type="primary"):
        # The rows the editor holds replace the stored ones: a deleted row is simply absent.
        frame, _ = web.edited_frame(needed_form.frame, key)
        with web.friendly_errors(t), rules.named_columns(t):
            read = needed_form.read(frame)
            read["target"] = [roles.get(str(g).strip(), g) if k == "role" and isinstance(g, str)
                              else g for k, g in zip(read["target_kind"], read["target"],
                                                     strict=True)]
            competences.save_needed(db, viewer, read)
            saves.saved(t("prof.saved"))

with tab_framework:
    key = f"prof_competences.framework.{version}"
    st.caption(t("prof.framework_help"))
    domains = db.read("prof/domains")
    domain_name = dict(zip(domains["domain_id"], domains[name_col].fillna(domains["name_nl"]),
                           strict=True))
    framework_form = display.editor(framework, t, [
        display.code("domain_id", "prof.col.domain", codes=None, options=domains["domain_id"],
                     required=True),
        display.text("code", "prof.col.competence", required=True),
        display.text("name_nl", "prof.col.name_nl", required=True, width="large"),
        display.text("name_en", "prof.col.name_en"),
        display.text("ok_codes", "prof.col.ok_codes"),
        display.count("seq", "prof.col.seq"),
        display.flag("is_active", "prof.col.active")], keep=["competence_id"])
    # Rows can be added, not deleted: levels and plans refer to a competence, so one is retired
    # by switching it off (the help says so), never dropped from the editor and kept silently.
    # The domain is a code of the school's own framework: its name comes from the database.
    web.editor(framework_form, key=key, num_rows="add", column_config={
        "domain_id": st.column_config.SelectboxColumn(
            t("prof.col.domain"), options=list(domains["domain_id"]), required=True,
            format_func=lambda d: domain_name.get(d, d))})
    if st.button(t("prof.save"), key="prof_competences.save_framework", type="primary"):
        frame, _ = web.edited_frame(framework_form.frame, key)
        with web.friendly_errors(t), rules.named_columns(t):
            competences.save_framework(db, viewer, framework_form.read(frame))
            saves.saved(t("prof.saved"))
