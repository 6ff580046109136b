"""Flex › Opvolging: does flex help? Learning gains against comparable learners, learners to
bring back to the class council, successes, and well-being and self-regulation over the year."""

import streamlit as st

from app import charts, display, web
from app.flex import progress

# Gains run over every cycle of a year: read once per change of the data, not per click.
viewer, t, db = web.open_page("flex_progress", cached=True)
school = web.school_settings()

years = progress.years(db)
if not years:
    st.info(t("progress.no_years"), icon=":material/hourglass_empty:")
    st.stop()
# The latest school year with a period after a cycle; the current one often has none yet.
per_year = {year: progress.sessions(db, year) for year in years}
default = next((i for i, year in enumerate(years) if len(per_year[year])), 0)
left, right = st.columns([1, 2])
year = web.selectbox(t("progress.year"), years, index=default, key="flex_progress.year", where=left)
groupings = list(progress.GROUPINGS)
grouping = right.segmented_control(t("progress.by"), groupings, default="subject",
                                   required=True, key=web.lang_key("flex_progress.by"),
                                   format_func=lambda g: t(f"progress.grouping.{g}"))
min_group = int(school["progress.min_group"])
per_session = per_year[year]

st.subheader(t("progress.gains"))
st.caption(t("progress.gains_intro"))
focus = None
if per_session.empty:
    st.info(t("progress.no_gains"), icon=":material/hourglass_empty:")
else:
    summary = progress.summarise(per_session, grouping, min_group).table
    names = db.read("import/subjects")
    subjects = dict(zip(names["subject_id"], names[f"name_{t.lang}"], strict=True))
    label = {"kind": lambda r: t.kind(r["kind"]),
             "subject": lambda r: f"{subjects.get(r['subject_id'], r['subject_id'])} · "
                                  f"{t.kind(r['kind'])}",
             "leader": lambda r: f"{display.text_of(r['leader'])} · {t.kind(r['kind'])}",
             "session": lambda r: f"{t('progress.cycle', cycle=int(r['cycle_seq']))} · "
                                  f"{r['code']}"}[grouping]
    summary["label"] = [label(r) for r in summary.to_dict("records")]
    shown = summary if grouping != "session" else summary.sort_values("difference").head(40)
    picked = web.chart(charts.gains(shown, "label", t), t, on_select="rerun",
                       key=f"flex_progress.chart.{grouping}")
    chosen = [p["group"] for p in ((picked or {}).get("selection", {}).get("group") or [])]
    if len(summary) and summary["too_small"].any():
        st.caption(t("progress.small", minimum=min_group))
    table = summary[summary["label"].isin(chosen)] if chosen else summary
    # Groups picked in the chart narrow the lists below to their kinds and subjects.
    focus = table if chosen else None
    if chosen:
        st.caption(t("progress.focused"))
    web.table(display.table(table.assign(caution=[
        t("progress.too_small") if small else None for small in table["too_small"]]), t, [
        display.text("label", "progress.col.group"),
        display.count("learners", "progress.col.learners"),
        display.percent("gain", "progress.col.gain", decimals=1),
        display.count("comparison_learners", "progress.col.comparison_learners"),
        display.percent("comparison_gain", "progress.col.comparison_gain", decimals=1),
        display.percent("difference", "progress.col.difference", decimals=1),
        display.number("dosage", "progress.col.dosage", decimals=1),
        display.text("caution", "progress.col.caution"),
    ]))

st.subheader(t("progress.stalled"))
st.caption(t("progress.stalled_intro"))
stalled = progress.focus(progress.stalled(db, viewer.scope, year, t.lang), focus)
if stalled.empty:
    st.caption(t("progress.none"))
else:
    web.table(display.table(stalled, t, [
        display.person("learner", "progress.col.learner"),
        display.text("class_code", "progress.col.class"),
        display.text("subject", "progress.col.subject"),
        display.count("cycles", "progress.col.cycles"),
        display.percent("first_share", "progress.col.before"),
        display.percent("last_share", "progress.col.after"),
        display.count("present", "progress.col.present"),
    ]))

st.subheader(t("progress.successes"))
gain = float(school["progress.success_gain"])
st.caption(t("progress.successes_intro", gain=t.percent(gain)))
wins = progress.focus(progress.successes(db, viewer.scope, year, gain, t.lang), focus).head(50)
if wins.empty:
    st.caption(t("progress.none"))
else:
    web.table(display.table(wins, t, [
        display.person("learner", "progress.col.learner"),
        display.text("class_code", "progress.col.class"),
        display.text("subject", "progress.col.subject"),
        display.code("kind", "progress.col.kind", codes="kind"),
        display.percent("before_share", "progress.col.before"),
        display.percent("after_share", "progress.col.after"),
    ]))

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
    web.chart(charts.survey_trend(trend, t), t)
