"""Chart builders of the class council: one learner's results and surveys over time, as pure
functions from a small, aggregated frame to an ``alt.Chart`` (tested through ``to_dict()``),
drawn by ``app.web.chart``."""

from __future__ import annotations

import altair as alt
import pandas as pd

from app.charts import DATE, legend
from app.i18n import Translator


def results_over_time(results: pd.DataFrame, t: Translator) -> alt.LayerChart:
    """A learner's share of the maximum per subject across the periods (over the years), with
    the line at half the maximum."""
    frame = results.dropna(subset=["share"]).assign(share=lambda f: f["share"].astype(float))
    order = list(dict.fromkeys(frame.sort_values("seq")["period"]))
    lines = alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("period:N", title=None, sort=order,
                axis=alt.Axis(labelAngle=0, labelLimit=160)),
        y=alt.Y("share:Q", title=t("chart.result"), scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")),
        # Below the chart in columns: on the right, ten subjects were cut at 260 px high.
        color=alt.Color("subject:N", title=t("chart.subject"),
                        legend=legend(columns=3, symbolLimit=0, labelLimit=180)),
        tooltip=[alt.Tooltip("subject:N", title=t("chart.subject")),
                 alt.Tooltip("period:N", title=t("chart.period")),
                 alt.Tooltip("share:Q", title=t("chart.result"), format=".0%")],
    )
    half = alt.Chart(pd.DataFrame({"share": [0.5]})).mark_rule(
        strokeDash=[4, 4], color="#888").encode(y="share:Q")
    return alt.layer(half, lines).properties(height=260)


def survey_scores(surveys: pd.DataFrame, t: Translator) -> alt.Chart:
    """One learner's well-being and self-reflection answers over time, each survey as the mean
    share of its scales."""
    frame = surveys.dropna(subset=["score"]).assign(
        score=lambda f: f["score"].astype(float),
        kind=lambda f: [t(f"tag.{tag}") for tag in f["tag"]])
    return alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("answered_at:T", title=None, axis=alt.Axis(format=DATE)),
        y=alt.Y("score:Q", title=t("chart.score"), scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")),
        color=alt.Color("kind:N", title=None, legend=legend()),
        tooltip=[alt.Tooltip("title:N", title=t("chart.survey")),
                 alt.Tooltip("answered_at:T", title=t("chart.date"), format=DATE),
                 alt.Tooltip("score:Q", title=t("chart.score"), format=".0%")],
    ).properties(height=220)


