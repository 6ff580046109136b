"""Chart builders of the flex hours: pure functions from a small, aggregated frame to an
``alt.Chart`` (tested through ``to_dict()``), drawn by ``app.web.chart``.

The three kinds of flex hour get neutral, equal-weight colours: no traffic lights, since flex
hours must never read as a ranking.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from app.charts import BLUE, DATE, GREY, PURPLE, TEAL, legend
from app.flex.offer import KINDS
from app.flex.words import slot
from app.i18n import Translator

KIND_COLOURS = {"remediation": BLUE, "deepening": TEAL, "broadening": PURPLE}


def kind_scale(t: Translator) -> alt.Scale:
    return alt.Scale(domain=[t.kind(k) for k in KINDS], range=[KIND_COLOURS[k] for k in KINDS])


def fill_by_slot(sessions: pd.DataFrame, t: Translator) -> alt.LayerChart:
    """Learners per slot and kind, with each slot's total capacity as a tick."""
    grouped = (
        sessions.groupby(["weekday", "lesson_hour", "kind"], as_index=False)
        .agg(learners=("learners", "sum"), capacity=("capacity", "sum"), sessions=("code", "count"))
    )
    grouped["slot"] = [
        slot(t, d, h) for d, h in zip(grouped["weekday"], grouped["lesson_hour"], strict=True)
    ]
    grouped["kind_label"] = [t.kind(k) for k in grouped["kind"]]
    totals = grouped.groupby("slot", as_index=False, sort=False)["capacity"].sum()
    order = list(dict.fromkeys(grouped["slot"]))
    bars = alt.Chart(grouped).mark_bar().encode(
        y=alt.Y("slot:N", title=None, sort=order),
        x=alt.X("learners:Q", title=t("chart.learners")),
        color=alt.Color("kind_label:N", scale=kind_scale(t), legend=legend(title=None)),
        tooltip=[
            alt.Tooltip("slot:N", title=t("chart.slot")),
            alt.Tooltip("kind_label:N", title=t("chart.kind")),
            alt.Tooltip("sessions:Q", title=t("chart.sessions")),
            alt.Tooltip("learners:Q", title=t("chart.learners")),
            alt.Tooltip("capacity:Q", title=t("chart.capacity")),
        ],
    )
    ticks = alt.Chart(totals).mark_tick(color="#333", thickness=2, size=28).encode(
        y=alt.Y("slot:N", sort=order),
        x=alt.X("capacity:Q"),
        tooltip=[alt.Tooltip("capacity:Q", title=t("chart.capacity"))],
    )
    return alt.layer(bars, ticks).properties(height=alt.Step(40))


def gains(summary: pd.DataFrame, label_column: str, t: Translator) -> alt.Chart:
    """Mean gain of participants beside comparable learners, per group; groups too small to
    conclude anything are drawn faint. Clicking a group selects it (named selection 'group')."""
    rows = []
    for r in summary.itertuples():
        label = getattr(r, label_column)
        rows.append({"group": label, "who": t("chart.participants"), "gain": r.gain,
                     "learners": r.learners, "small": bool(r.too_small)})
        if r.comparison_learners:
            rows.append({"group": label, "who": t("chart.comparison"), "gain": r.comparison_gain,
                         "learners": r.comparison_learners, "small": bool(r.too_small)})
    frame = pd.DataFrame(rows, columns=["group", "who", "gain", "learners", "small"])
    pick = alt.selection_point(name="group", fields=["group"])
    return alt.Chart(frame).mark_bar().encode(
        y=alt.Y("group:N", title=None, sort=list(dict.fromkeys(frame["group"]))),
        yOffset=alt.YOffset("who:N"),
        x=alt.X("gain:Q", title=t("chart.gain"), axis=alt.Axis(format="+%")),
        color=alt.Color("who:N", title=None, legend=legend(),
                        scale=alt.Scale(range=[BLUE, GREY])),
        opacity=alt.condition(alt.datum.small, alt.value(0.35), alt.value(1.0)),
        tooltip=[alt.Tooltip("group:N", title=t("chart.group")),
                 alt.Tooltip("who:N", title=" "),
                 alt.Tooltip("gain:Q", title=t("chart.gain"), format="+.1%"),
                 alt.Tooltip("learners:Q", title=t("chart.learners"))],
    ).add_params(pick).properties(height=alt.Step(16))


def survey_trend(trend: pd.DataFrame, t: Translator) -> alt.Chart:
    """Mean share of the scales per survey over a year, one line per class or flex kind."""
    frame = trend.assign(score=trend["score"].astype(float),
                         survey_date=pd.to_datetime(trend["survey_date"]))
    return alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("survey_date:T", title=None, axis=alt.Axis(format=DATE)),
        y=alt.Y("score:Q", title=t("chart.score"), axis=alt.Axis(format="%"),
                scale=alt.Scale(zero=False)),
        color=alt.Color("group_name:N", title=None, legend=legend("right")),
        tooltip=[alt.Tooltip("group_name:N", title=t("chart.group")),
                 alt.Tooltip("title:N", title=t("chart.survey")),
                 alt.Tooltip("score:Q", title=t("chart.score"), format=".0%"),
                 alt.Tooltip("learners:Q", title=t("chart.learners"))],
    ).properties(height=260)
