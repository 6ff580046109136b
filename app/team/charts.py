"""Chart builders of the team tools: pure functions from a small, aggregated frame to an
``alt.Chart`` (tested through ``to_dict()``), drawn by ``app.web.chart``."""

from __future__ import annotations

import altair as alt
import pandas as pd

from app.charts import BLUE, TEAL, legend
from app.i18n import Translator

SELF_COLOUR, ADVISER_COLOUR = TEAL, BLUE


def selfcheck_evolution(frame: pd.DataFrame, t: Translator) -> alt.FacetChart:
    """The mean score (1 to 4) of each desired effect across the rounds: one small chart per
    effect, rounds in order of date."""
    order = list(dict.fromkeys(frame.sort_values(["held_on", "round_id"])["round"]))
    effects = list(dict.fromkeys(frame.sort_values("effect_id")["effect"]))
    base = alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("round:O", title=t("team.selfcheck.chart.round"), sort=order),
        y=alt.Y("mean_score:Q", title=t("team.selfcheck.chart.score"),
                scale=alt.Scale(domain=[1, 4]), axis=alt.Axis(values=[1, 2, 3, 4])),
        tooltip=[alt.Tooltip("effect:N", title=t("team.selfcheck.chart.effect")),
                 alt.Tooltip("round:O", title=t("team.selfcheck.chart.round")),
                 alt.Tooltip("mean_score:Q", title=t("team.selfcheck.chart.score"),
                             format=".2f"),
                 alt.Tooltip("scored:Q", title=t("team.selfcheck.chart.scored"))],
    ).properties(width=190, height=120)
    return base.facet(
        facet=alt.Facet("effect:N", title=None, sort=effects,
                        header=alt.Header(labelLimit=260, labelFontSize=11)),
        columns=3)


def leader_load(frame: pd.DataFrame, limit: float, t: Translator) -> alt.LayerChart:
    """The load ratio per person, with the threshold as a dashed line; above it, marked."""
    data = frame.assign(shown=frame["ratio"].fillna(limit * 1.5).astype(float),
                        state=[t("team.leaders.too_high") if w else t("team.leaders.ok")
                               for w in frame["warning"]])
    order = list(data.sort_values("shown", ascending=False)["name"])
    bars = alt.Chart(data).mark_bar().encode(
        y=alt.Y("name:N", title=None, sort=order, axis=alt.Axis(labelLimit=240)),
        x=alt.X("shown:Q", title=t("team.leaders.col.ratio")),
        color=alt.Color("state:N", title=None, legend=legend(),
                        scale=alt.Scale(domain=[t("team.leaders.ok"),
                                                t("team.leaders.too_high")],
                                        range=["#9ecae9", "#e45756"])),
        tooltip=[alt.Tooltip("name:N", title=t("team.leaders.col.person")),
                 alt.Tooltip("roles:N", title=t("team.leaders.col.roles")),
                 alt.Tooltip("shown:Q", title=t("team.leaders.col.ratio"), format=".2f")],
    )
    rule = alt.Chart(pd.DataFrame({"limit": [limit]})).mark_rule(
        strokeDash=[4, 4], color="#555").encode(x="limit:Q")
    return alt.layer(bars, rule).properties(height=alt.Step(22))


def time_compare(frame: pd.DataFrame, t: Translator) -> alt.Chart:
    """Per person and role: estimated, released and reported hours per week side by side."""
    label = {"estimated_hours": t("team.leaders.col.estimated"),
             "released_hours": t("team.leaders.col.released"),
             "hours": t("team.leaders.col.reported")}
    long = frame.assign(who=frame["name"] + " · " + frame["role"]).melt(
        id_vars=["who"], value_vars=list(label), var_name="measure", value_name="value")
    long["measure"] = long["measure"].map(label)
    return alt.Chart(long).mark_bar().encode(
        y=alt.Y("who:N", title=None, axis=alt.Axis(labelLimit=320)),
        yOffset=alt.YOffset("measure:N", sort=list(label.values())),
        x=alt.X("value:Q", title=t("team.leaders.chart.hours")),
        color=alt.Color("measure:N", title=None, sort=list(label.values()),
                        legend=legend()),
        tooltip=[alt.Tooltip("who:N", title=t("team.leaders.col.person")),
                 alt.Tooltip("measure:N", title=" "),
                 alt.Tooltip("value:Q", title=t("team.leaders.chart.hours"), format=".1f")],
    ).properties(height=alt.Step(10))


def coaching_progress(frame: pd.DataFrame, t: Translator) -> alt.FacetChart:
    """Per goal across the coaching visits: the teacher's self-assessment beside the adviser's
    rating (1 to 4)."""
    goals = list(dict.fromkeys(frame.sort_values("goal_seq")["goal"]))
    who = [t("team.coaching.by.self"), t("team.coaching.by.adviser")]
    return alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("visit:O", title=t("team.coaching.chart.visit")),
        y=alt.Y("score:Q", title=t("team.coaching.chart.score"), scale=alt.Scale(domain=[1, 4]),
                axis=alt.Axis(values=[1, 2, 3, 4])),
        color=alt.Color("who:N", title=None, sort=who,
                        scale=alt.Scale(domain=who, range=[SELF_COLOUR, ADVISER_COLOUR]),
                        legend=legend()),
        strokeDash=alt.StrokeDash("who:N", sort=who, legend=None),
        tooltip=[alt.Tooltip("goal:N", title=t("team.coaching.col.goal")),
                 alt.Tooltip("visit:O", title=t("team.coaching.chart.visit")),
                 alt.Tooltip("who:N", title=" "),
                 alt.Tooltip("score:Q", title=t("team.coaching.chart.score"))],
    ).properties(width=150, height=110).facet(
        facet=alt.Facet("goal:N", title=None, sort=goals), columns=4)
