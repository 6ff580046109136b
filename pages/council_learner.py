"""Klassenraad › Leerling: one learner's timeline: results per subject and period, flex sessions
attended and missed, feedback notes, well-being and self-reflection over time, decisions. Printable
for a coach talk or a parents' evening."""

import streamlit as st

from app import clock, display, web
from app.council import charts as council_charts
from app.council import timeline
from app.i18n import plain
from app.school import school_calendar

viewer, t, db = web.open_page("council_learner")
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
learner_id = web.selectbox(t("timeline.learner"), options, key="council_learner.pick",
                           format_func=lambda i: labels.get(i, t("timeline.from_overview")))
line = timeline.load(db, viewer.scope, int(learner_id), school_year, t.lang)
if line is None:
    st.error(t("timeline.not_visible"), icon=":material/block:")
    st.stop()

who = line.learner
st.subheader(plain(f"{who['learner']} · {display.text_of(who['class_code'])}"))
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
    web.chart(council_charts.results_over_time(line.results, t), t)

st.markdown(f"#### {t('timeline.flex', year=school_year)}")
if line.flex.empty:
    st.caption(t("timeline.none"))
else:
    web.table(timeline.flex_table(line.flex, t))

st.markdown(f"#### {t('timeline.notes', year=school_year)}")
if line.notes.empty:
    st.caption(t("timeline.none"))
for note in line.notes.head(12).itertuples():
    with st.container(border=True):
        st.caption(t.md("timeline.note_head", date=display.day(note.created_at, t),
                        session=display.text_of(note.code), author=display.text_of(note.author)))
        for label, text in ((t("attendance.col.feed_up"), note.feed_up),
                            (t("attendance.col.feedback"), note.feedback),
                            (t("attendance.col.feed_forward"), note.feed_forward)):
            if isinstance(text, str) and text:
                st.markdown(f"**{label}:** {plain(text)}")

st.markdown(f"#### {t('timeline.surveys')}")
if line.surveys.empty:
    st.caption(t("timeline.none"))
else:
    web.chart(council_charts.survey_scores(line.surveys, t), t)
    words_said = line.surveys.dropna(subset=["words"])
    for survey in words_said.itertuples():
        st.caption(t.md("timeline.said", date=display.day(survey.answered_at, t),
                        words=survey.words))

st.markdown(f"#### {t('timeline.decisions')}")
if line.decisions.empty:
    st.caption(t("timeline.none"))
else:
    web.table(timeline.decisions_table(line.decisions, t))

st.download_button(
    t("timeline.print"), icon=":material/print:", key="council_learner.print",
    data=lambda: timeline.export(db, viewer, int(learner_id), school_year, t,
                                 web.school_settings().get("school.name", ""), today),
    file_name=f"{t('export.file.timeline')}-{who['external_id']}.html", mime="text/html",
    help=t("timeline.print_help"))
