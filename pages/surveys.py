"""Enquêtes: every survey, charted."""

import streamlit as st

from app import charts, web
from app.surveys import summary as surveys

viewer = web.page_access("surveys")
t = web.translator()
db = web.database()
web.header(t, "surveys")

listing = surveys.surveys(db, viewer.scope)
if listing.empty:
    st.info(t("surveys.none"))
    st.stop()

survey_id = st.selectbox(
    t("surveys.pick"), list(listing["survey_id"]), key="surveys.survey",
    format_func=lambda sid: t(
        "surveys.label", **listing.loc[listing["survey_id"] == sid].iloc[0][
            ["title", "respondents"]
        ].to_dict()
    ),
)
row = listing.loc[listing["survey_id"] == survey_id].iloc[0]
left, middle, right = st.columns(3)
left.metric(t("surveys.respondents"), int(row["respondents"]))
middle.metric(t("surveys.complete"), int(row["complete"]))
right.metric(t("surveys.tag"), t(f"tag.{row['tag']}") if row["tag"] else t("surveys.untagged"))

result = surveys.summary(db, viewer.scope, int(survey_id))
if len(result.means):
    st.subheader(t("surveys.scales"))
    web.chart(charts.question_means(result.means, t), t)
for (number, question), answers in result.counts.groupby(["question_no", "question"]):
    st.subheader(f"{number}. {question}")
    web.chart(charts.answer_counts(answers, t), t)
