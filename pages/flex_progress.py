"""Flex › Opvolging: does flex help? Learning gains against comparable learners, learners to
bring back to the class council, successes, and well-being and self-regulation over the year."""

import streamlit as st

from app import web
from app.flex import charts as flex_charts
from app.flex import progress
from app.flex import progress_view as view

# Gains run over every cycle of a year: read once per change of the data, not per click.
viewer, t, db = web.open_page("flex_progress", cached=True)
school = web.school_settings()

years = progress.years(db)
if not years:
    st.info(t("progress.no_years"), icon=":material/hourglass_empty:")
    st.stop()
# The latest school year with a period after a cycle; the current one often has none yet.
per_year = {year: progress.learner_gains(db, viewer.scope, year) for year in years}
default = next((i for i, year in enumerate(years) if len(per_year[year])), 0)
left, right = st.columns([1, 2])
year = web.selectbox(t("progress.year"), years, index=default, key="flex_progress.year", where=left)
groupings = list(progress.GROUPINGS)
grouping = right.segmented_control(t("progress.by"), groupings, default="subject",
                                   required=True, key=web.lang_key("flex_progress.by"),
                                   format_func=lambda g: t(f"progress.grouping.{g}"))
min_group = int(school["progress.min_group"])
gains = per_year[year]

st.subheader(t("progress.gains"))
st.caption(t("progress.gains_intro"))
focus = None
if gains.empty:
    st.info(t("progress.no_gains"), icon=":material/hourglass_empty:")
else:
    summary = view.named_groups(db, progress.summarise(gains, grouping, min_group).table,
                                grouping, t)
    picked = web.chart(flex_charts.gains(view.charted(summary, grouping), "label", t), t,
                       on_select="rerun", key=f"flex_progress.chart.{grouping}")
    chosen = view.picked_groups(picked)
    if len(summary) and summary["too_small"].any():
        st.caption(t("progress.small", minimum=min_group))
    table = summary[summary["label"].isin(chosen)] if chosen else summary
    # Groups picked in the chart narrow the lists below to their kinds and subjects.
    focus = table if chosen else None
    if chosen:
        st.caption(t("progress.focused"))
    web.table(view.gains_table(table, t))

st.subheader(t("progress.stalled"))
st.caption(t("progress.stalled_intro"))
stalled = progress.focus(progress.stalled(db, viewer.scope, year, t.lang), focus)
web.table(view.stalled_table(stalled, t), empty=t("progress.none"))

st.subheader(t("progress.successes"))
gain = float(school["progress.success_gain"])
st.caption(t("progress.successes_intro", gain=t.percent(gain)))
wins = progress.focus(progress.successes(db, viewer.scope, year, gain, t.lang), focus)
web.table(view.successes_table(wins, t), empty=t("progress.none"))

st.subheader(t("progress.trends"))
left, right = st.columns(2)
tag = left.segmented_control(t("progress.tag"), ["wellbeing", "self_reflection"],
                             default="wellbeing", required=True,
                             key=web.lang_key("flex_progress.tag"),
                             format_func=lambda g: t(f"tag.{g}"))
by = right.segmented_control(t("progress.trend_by"), ["class", "kind"], default="kind",
                             required=True, key=web.lang_key("flex_progress.trend_by"),
                             format_func=lambda g: t(f"progress.trend.{g}"))
trend = progress.survey_trend(db, viewer.scope, year, tag)
trend = trend[trend["grouping"] == by]
if trend.empty:
    st.caption(t("progress.no_surveys"))
else:
    if by == "kind":
        trend = trend.assign(group_name=[t.kind(k) for k in trend["group_name"]])
    web.chart(flex_charts.survey_trend(trend, t), t)
