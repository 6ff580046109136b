"""Klassenraad › Leerling: one learner's timeline: results per subject and period, flex sessions
attended and missed, feedback notes, well-being and self-reflection over time, decisions. Printable
for a coach talk or a parents' evening."""

import pandas as pd
import streamlit as st

from app import charts, clock, school_calendar, web
from app.council import timeline
from app.flex import words

viewer = web.page_access("council_learner")
t = web.translator()
db = web.database()
web.header(t, "council_learner")
today = clock.today()
school_year = school_calendar.school_year_of(today)

# A learner chosen on the class overview arrives in the address; otherwise search.
from_link = st.query_params.get("learner")
query = st.text_input(t("timeline.search"), key="council_learner.search",
                      placeholder=t("timeline.search_hint"), icon=":material/search:")
found = timeline.find(db, viewer.scope, query, school_year)
options = [int(i) for i in found["learner_id"]]
labels = dict(zip(found["learner_id"], found["learner"] + " · " + found["class_code"],
                  strict=True))
if from_link and from_link.isdigit() and int(from_link) not in options:
    options.insert(0, int(from_link))
if not options:
    st.info(t("timeline.pick"), icon=":material/person_search:")
    st.stop()
learner_id = st.selectbox(t("timeline.learner"), options, key="council_learner.pick",
                          format_func=lambda i: labels.get(i, t("timeline.from_overview")))
line = timeline.load(db, viewer.scope, int(learner_id), school_year, t.lang)
if line is None:
    st.error(t("timeline.not_visible"), icon=":material/block:")
    st.stop()

who = line.learner
st.subheader(f"{who['learner']} · {who['class_code'] or '–'}")
counts = timeline.attendance(line.flex)
a, b, c, d = st.columns(4)
a.metric(t("timeline.cycles"), t.count(line.flex["cycle"].nunique()))
b.metric(t("timeline.present"), t.count(counts["present"]))
c.metric(t("timeline.absent"), t.count(counts["absent"]))
d.metric(t("timeline.excused"), t.count(counts["excused"]))

st.markdown(f"#### {t('timeline.results')}")
if line.results.empty:
    st.caption(t("timeline.none"))
else:
    web.chart(charts.results_over_time(line.results, t), t)

st.markdown(f"#### {t('timeline.flex')}")
if line.flex.empty:
    st.caption(t("timeline.none"))
else:
    st.dataframe(pd.DataFrame({
        t("timeline.cycle"): line.flex["cycle"],
        t("timeline.slot"): [words.slot(t, d, h) for d, h in
                             zip(line.flex["weekday"], line.flex["lesson_hour"], strict=True)],
        t("timeline.session"): [f"{c} · {words.what(t, k, p)}" for c, k, p in
                                zip(line.flex["code"], line.flex["kind"], line.flex["topic"],
                                    strict=True)],
        t("timeline.present"): line.flex["present"],
        t("timeline.absent"): line.flex["absent"],
        t("timeline.excused"): line.flex["excused"],
    }), hide_index=True, width="stretch")

st.markdown(f"#### {t('timeline.notes')}")
if line.notes.empty:
    st.caption(t("timeline.none"))
for note in line.notes.head(12).itertuples():
    with st.container(border=True):
        st.caption(t("timeline.note_head", date=t.date(pd.Timestamp(note.created_at).date()),
                     session=note.code or "–", author=note.author or "–"))
        for label, text in ((t("attendance.col.feed_up"), note.feed_up),
                            (t("attendance.col.feedback"), note.feedback),
                            (t("attendance.col.feed_forward"), note.feed_forward)):
            if isinstance(text, str) and text:
                st.markdown(f"**{label}:** {text}")

st.markdown(f"#### {t('timeline.surveys')}")
if line.surveys.empty:
    st.caption(t("timeline.none"))
else:
    web.chart(charts.survey_scores(line.surveys, t), t)
    words_said = line.surveys.dropna(subset=["words"])
    for survey in words_said.itertuples():
        st.caption(t("timeline.said", date=t.date(pd.Timestamp(survey.answered_at).date()),
                     words=survey.words))

st.markdown(f"#### {t('timeline.decisions')}")
if line.decisions.empty:
    st.caption(t("timeline.none"))
else:
    st.dataframe(pd.DataFrame({
        t("timeline.date"): [t.date(pd.Timestamp(v).date()) for v in
                             line.decisions["created_at"]],
        t("timeline.decision"): [timeline.decision_text(r, t) for r in
                                 line.decisions.to_dict("records")],
        t("timeline.reason"): line.decisions["reason"],
        t("timeline.by"): line.decisions["decided_by"],
        t("timeline.status"): [t("timeline.ended_by", who=by or "–") if pd.notna(ended)
                               else t("timeline.open") for ended, by in
                               zip(line.decisions["ended_at"], line.decisions["ended_by"],
                                   strict=True)],
    }), hide_index=True, width="stretch")

st.download_button(
    t("timeline.print"), icon=":material/print:", key="council_learner.print",
    data=lambda: timeline.printable(line, t, web.school_settings().get("school.name", ""),
                                    today).encode("utf-8"),
    file_name=f"flexwijs-tijdlijn-{who['external_id']}.html", mime="text/html",
    on_click=lambda: db.record(viewer.audit("export", "learner", record_ids=[learner_id],
                                            detail="timeline")),
    help=t("timeline.print_help"))
