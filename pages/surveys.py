"""Enquêtes: upload any survey export and see it charted at once; name it, tag it, place its
labels; every survey one may see, charted."""

import pandas as pd
import streamlit as st

from app import permissions, web
from app.errors import UserError
from app.i18n import plain
from app.importing import pipeline
from app.surveys import charts as survey_charts
from app.surveys import summary as surveys

viewer, t, db = web.open_page("surveys")

listing = surveys.surveys(db, viewer.scope)

# -- a quick upload -------------------------------------------------------------------------------
with st.expander(t("surveys.upload.title"), expanded=listing.empty,
                 icon=":material/upload_file:"):
    st.caption(t("surveys.upload.intro"))
    upload = web.file_uploader(t("surveys.upload.file"), key="surveys.upload")
# What the upload needs from the person, or what is wrong with it, stays in view below.
if upload is not None and st.session_state.get("surveys.uploaded") != upload.file_id:
    order = st.session_state.get(web.lang_key("surveys.upload.order"))
    # Kept beyond the radio: a confirmation below reruns the page without drawing it, and
    # Streamlit forgets the value of a widget that was not drawn.
    if order:
        st.session_state["surveys.upload.order_for"] = (upload.file_id, order)
    elif st.session_state.get("surveys.upload.order_for", (None,))[0] == upload.file_id:
        order = st.session_state["surveys.upload.order_for"][1]
    try:
        with st.spinner(t("import.ui.checking")):
            prepared = pipeline.prepare(db, viewer, "survey", upload.name, upload.getvalue(),
                                        order=order)
    except UserError as error:  # unreadable, or not the viewer's to upload
        st.error(pipeline.refusal(error, upload.name, t.md))
        prepared = None
    if prepared is not None and prepared.needs_date_order:
        st.radio(t("import.ui.date_order"), ["dmy", "mdy"],
                 key=web.lang_key("surveys.upload.order"), index=None,
                 format_func=lambda o: t(f"import.ui.order_{o}"), horizontal=True)
    elif prepared is not None:
        partial = False
        if prepared.problems:
            st.error(t("import.ui.problems", problems=t.count(len(prepared.problems)),
                       rows=t.count(len(prepared.built.refused_rows)),
                       total=t.count(prepared.built.rows)))
            web.dataframe(pipeline.problems_table(prepared, t), hide_index=True, width="stretch")
            if st.button(t("surveys.upload.partial"), key="surveys.upload.partial",
                         disabled=prepared.partial_counts is None):
                # Remembered for this file: a confirmation below may need one more run.
                st.session_state["surveys.upload.partial_for"] = upload.file_id
            partial = st.session_state.get("surveys.upload.partial_for") == upload.file_id
        held_back = prepared.built.held_back
        if held_back and (not prepared.problems or partial):
            # Said before anything is written: which answers will not reach a learner, and why.
            st.warning(t("surveys.upload.held_back"), icon=":material/link_off:")
            for note in held_back:
                st.markdown("- " + pipeline.render_note(note, t.md))
            confirmed = st.button(t("surveys.upload.confirm"), key="surveys.upload.confirm",
                                  type="primary")
        else:
            confirmed = True
        if (not prepared.problems or partial) and confirmed:
            result = pipeline.commit(db, viewer, prepared, partial=partial)
            st.session_state["surveys.uploaded"] = upload.file_id
            st.session_state["surveys.just_uploaded"] = result.import_id
            st.session_state["surveys.warning"] = result.warning
            st.session_state["surveys.just_held_back"] = held_back
            # Show the new survey at once.
            st.session_state[web.lang_key("surveys.survey")] = result.record_id("survey")
            st.rerun()

just = st.session_state.pop("surveys.just_uploaded", None)
if just:
    st.success(t("surveys.upload.done"), icon=":material/task_alt:")
    if warning := st.session_state.pop("surveys.warning", None):
        st.warning(t(warning), icon=":material/hard_drive:")
    for note in st.session_state.pop("surveys.just_held_back", []):
        st.info(pipeline.render_note(note, t.md), icon=":material/link_off:")
    listing = surveys.surveys(db, viewer.scope)
if listing.empty:
    st.info(t("surveys.none"))
    st.stop()

# -- one survey ---------------------------------------------------------------------------------
survey_id = web.selectbox(
    t("surveys.pick"), list(listing["survey_id"]), key=web.lang_key("surveys.survey"),
    format_func=lambda sid: t("surveys.label", title=listing.loc[
        listing["survey_id"] == sid, "title"].iloc[0], respondents=t.plural(
        "count.respondents", int(listing.loc[listing["survey_id"] == sid, "respondents"].iloc[0]))),
)
row = listing.loc[listing["survey_id"] == survey_id].iloc[0]
tag_now = row["tag"] if isinstance(row["tag"], str) else None
left, middle, right = st.columns(3)
left.metric(t("surveys.respondents"), t.count(int(row["respondents"])))
middle.metric(t("surveys.complete"), t.count(int(row["complete"])))
right.metric(t("surveys.tag"), t(f"tag.{tag_now}") if tag_now else t("surveys.untagged"))

editable = permissions.allowed(viewer, "survey.edit", surveys.record(db, int(survey_id)))
if editable:
    with st.expander(t("surveys.edit.title"), expanded=bool(just),
                     icon=":material/edit:"), st.form(f"surveys.edit.{survey_id}"):
        title = st.text_input(t("surveys.edit.name"), value=row["title"],
                              key=f"surveys.edit.{survey_id}.title")
        # Only the tags this viewer may set (and the survey's own, to keep it as it is).
        offered = surveys.tags_for(viewer)
        tags = [None, *[g for g in surveys.TAGS if g in offered or g == tag_now]]
        tag = web.selectbox(t("surveys.edit.tag"), tags, index=tags.index(tag_now),
                           key=web.lang_key(f"surveys.edit.{survey_id}.tag"),
                           format_func=lambda g: t("surveys.untagged") if g is None
                           else t(f"tag.{g}"), help=t("surveys.edit.tag_help"))
        audience = web.selectbox(t("surveys.edit.audience"), list(surveys.AUDIENCES),
                                index=list(surveys.AUDIENCES).index(row["audience"]),
                                key=web.lang_key(f"surveys.edit.{survey_id}.audience"),
                                format_func=lambda a: t(f"audience.{a}"))
        withheld = [g for g in surveys.TAGS if g not in offered]
        if withheld:
            st.caption(t("surveys.edit.tags_withheld",
                         tags=t.join([t(f"tag.{g}") for g in withheld])))
        if st.form_submit_button(t("surveys.edit.save"), key=f"surveys.edit.{survey_id}.save"):
            try:
                surveys.rename(db, viewer, int(survey_id), title, tag, audience)
            except UserError as error:
                st.error(error.render(t.md), icon=":material/block:")
            else:
                st.toast(t("surveys.edit.saved"))
                st.rerun()

result, coded = surveys.worded(surveys.summary(db, viewer.scope, int(survey_id)), t)
if coded:
    st.caption(t("surveys.codes_only"))
if result.scales.empty and result.counts.empty and result.means.empty:
    st.info(t("surveys.no_answers"))
scale_info = result.questions.set_index("question_no") if len(result.questions) else None
if len(result.scales):
    st.subheader(t("surveys.scales"))
    if scale_info is not None:
        groups = result.scales.assign(
            low=result.scales["question_no"].map(scale_info["scale_min"]).fillna(1.0),
            high=result.scales["question_no"].map(scale_info["scale_max"]).fillna(
                result.scales["answer_value"].max()))
    else:
        groups = result.scales.assign(low=1.0, high=result.scales["answer_value"].max())
    for (low, high), part in groups.groupby(["low", "high"]):
        web.chart(survey_charts.likert(part, float(low), float(high), t), t)
if len(result.means):
    st.subheader(t("surveys.numbers"))
    web.chart(survey_charts.question_means(result.means, t), t)
for (number, question), answers in result.counts.groupby(["question_no", "question"]):
    st.subheader(plain(f"{number}. {question}"))
    web.chart(survey_charts.answer_counts(answers, t), t)

if editable and len(result.unknown):
    st.subheader(t("surveys.labels.title"))
    st.caption(t("surveys.labels.intro"))
    for number, labels in result.unknown.groupby("question_no"):
        top = scale_info.loc[number, "scale_max"] if scale_info is not None else 5
        low = scale_info.loc[number, "scale_min"] if scale_info is not None else 1
        original = pd.DataFrame({"label": labels["label"], "answers": labels["answers"],
                                 "value": [None] * len(labels)})
        edited = st.data_editor(
            original, key=f"surveys.labels.{survey_id}.{number}", hide_index=True,
            disabled=["label", "answers"], width="stretch",
            column_config={
                "label": st.column_config.TextColumn(f"{number}. {labels['question'].iloc[0]}"),
                "answers": st.column_config.NumberColumn(t("chart.answers")),
                "value": st.column_config.NumberColumn(t("surveys.labels.value"),
                                                       min_value=float(low or 0),
                                                       max_value=float(top or 10), step=1.0,
                                                       help=t("surveys.labels.value_help")),
            },
        )
        if st.button(t("surveys.labels.save"), key=f"surveys.labels.save.{survey_id}.{number}"):
            placements = {r.label: (None if pd.isna(r.value) else float(r.value))
                          for r in edited.itertuples()}
            try:
                surveys.place_labels(db, viewer, int(survey_id), int(number), placements)
            except UserError as error:
                st.error(error.render(t.md), icon=":material/block:")
            else:
                st.rerun()

st.divider()
st.caption(t("surveys.export"))
web.export_buttons(viewer, t, "survey", key=f"surveys.export.{survey_id}",
                   survey_id=int(survey_id))
