"""Chart builders: pure functions from a small, already aggregated frame to an ``alt.Chart``.

Every row of a chart's data goes to the browser, so callers aggregate first (in SQL where the
data is large). The three kinds of flex hour get neutral, equal-weight colours: no traffic
lights, since flex hours must never read as a ranking.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from app.i18n import Translator

KINDS = ("remediation", "deepening", "broadening")
# d3-format locales for Vega: decimal comma and thousands dot in Dutch (Flemish usage).
NUMBER_LOCALES = {
    "nl": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""],
           "percent": " %"},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]},
}
KIND_COLOURS = {"remediation": "#4C78A8", "deepening": "#72B7B2", "broadening": "#B279A2"}


def localized(chart: alt.TopLevelMixin, t: Translator) -> alt.TopLevelMixin:
    """The chart with numbers on its axes and tooltips written the local way."""
    return chart.configure(locale={"number": NUMBER_LOCALES[t.lang]})


def kind_scale(t: Translator) -> alt.Scale:
    return alt.Scale(domain=[t.kind(k) for k in KINDS], range=[KIND_COLOURS[k] for k in KINDS])


def slot_label(t: Translator, weekday: int, lesson_hour: int) -> str:
    return t("flex.slot", day=t.weekday(int(weekday)), hour=int(lesson_hour))


def fill_by_slot(sessions: pd.DataFrame, t: Translator) -> alt.LayerChart:
    """Learners per slot and kind, with each slot's total capacity as a tick."""
    grouped = (
        sessions.groupby(["weekday", "lesson_hour", "kind"], as_index=False)
        .agg(learners=("learners", "sum"), capacity=("capacity", "sum"), sessions=("code", "count"))
    )
    grouped["slot"] = [
        slot_label(t, d, h) for d, h in zip(grouped["weekday"], grouped["lesson_hour"], strict=True)
    ]
    grouped["kind_label"] = [t.kind(k) for k in grouped["kind"]]
    totals = grouped.groupby("slot", as_index=False, sort=False)["capacity"].sum()
    order = list(dict.fromkeys(grouped["slot"]))
    bars = alt.Chart(grouped).mark_bar().encode(
        y=alt.Y("slot:N", title=None, sort=order),
        x=alt.X("learners:Q", title=t("chart.learners")),
        color=alt.Color("kind_label:N", scale=kind_scale(t),
                        legend=alt.Legend(title=None, orient="bottom")),
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


def question_means(means: pd.DataFrame, t: Translator) -> alt.Chart:
    """Average answer per question, on the scale the answers were given on (from 1)."""
    frame = means.assign(label=[f"{n}. {q}" for n, q in zip(means["question_no"], means["question"],
                                                               strict=True)])
    top = max(2, math.ceil(float(frame["highest"].max()))) if "highest" in frame else 5
    # Bars start at the bottom of the scale (1), not at 0, which lies outside it.
    return alt.Chart(frame).mark_bar(color="#4C78A8").encode(
        y=alt.Y("label:N", title=None, sort=list(frame["label"]),
                axis=alt.Axis(labelLimit=360)),
        x=alt.X("mean:Q", title=t("chart.mean"), scale=alt.Scale(domain=[1, top])),
        x2=alt.datum(1),
        tooltip=[
            alt.Tooltip("question:N", title=t("chart.question")),
            alt.Tooltip("mean:Q", title=t("chart.mean"), format=".2f"),
            alt.Tooltip("answers:Q", title=t("chart.answers")),
        ],
    ).properties(height=alt.Step(28))


def answer_counts(counts: pd.DataFrame, t: Translator) -> alt.Chart:
    """How often each answer was chosen, for one question."""
    frame = counts.sort_values("answers", ascending=False)
    return alt.Chart(frame).mark_bar(color="#72B7B2").encode(
        y=alt.Y("answer_text:N", title=None, sort=list(frame["answer_text"]),
                axis=alt.Axis(labelLimit=360)),
        x=alt.X("answers:Q", title=t("chart.answers")),
        tooltip=[
            alt.Tooltip("answer_text:N", title=t("chart.answer")),
            alt.Tooltip("answers:Q", title=t("chart.answers")),
        ],
    ).properties(height=alt.Step(24))


def fte_by_team(teams: pd.DataFrame, t: Translator) -> alt.Chart:
    return alt.Chart(teams).mark_bar(color="#4C78A8").encode(
        y=alt.Y("subject_team:N", title=None, sort="-x"),
        x=alt.X("fte:Q", title=t("chart.fte")),
        tooltip=[
            alt.Tooltip("subject_team:N", title=t("chart.team")),
            alt.Tooltip("staff:Q", title=t("chart.staff")),
            alt.Tooltip("fte:Q", title=t("chart.fte"), format=".1f"),
        ],
    ).properties(height=alt.Step(24))


# Low answers in red, high in blue, the middle grey: readable for red-green colour blindness.
DIVERGING = {
    2: ["#d6604d", "#4393c3"],
    3: ["#d6604d", "#d9d9d9", "#4393c3"],
    4: ["#b2182b", "#ef8a62", "#67a9cf", "#2166ac"],
    5: ["#b2182b", "#ef8a62", "#d9d9d9", "#67a9cf", "#2166ac"],
}


def likert_segments(scales: pd.DataFrame, scale_min: float, scale_max: float) -> pd.DataFrame:
    """Where each answer's bar starts and ends: disagreeing answers to the left of zero, agreeing
    ones to the right, the middle answer split across it. Shares of each question's answers."""
    middle = (scale_min + scale_max) / 2
    rows = []
    for (number, question, item), group in scales.groupby(
            ["question_no", "question", scales["item"].fillna("")], sort=True):
        total = group["answers"].sum()
        label = f"{number}. {question}" + (f" – {item}" if item else "")
        shares = {float(v): n / total for v, n in zip(group["answer_value"], group["answers"],
                                                        strict=True)}
        labels = dict(zip(group["answer_value"].astype(float), group["label"], strict=True))
        neutral = shares.get(middle, 0.0)
        left, right = -neutral / 2, neutral / 2
        if neutral:
            rows.append((label, middle, labels[middle], left, right, neutral, int(
                group.loc[group["answer_value"] == middle, "answers"].sum())))
        for value in sorted((v for v in shares if v < middle), reverse=True):
            rows.append((label, value, labels[value], left - shares[value], left, shares[value],
                         int(group.loc[group["answer_value"] == value, "answers"].sum())))
            left -= shares[value]
        for value in sorted(v for v in shares if v > middle):
            rows.append((label, value, labels[value], right, right + shares[value],
                         shares[value],
                         int(group.loc[group["answer_value"] == value, "answers"].sum())))
            right += shares[value]
    frame = pd.DataFrame(rows, columns=["question", "value", "label", "start", "end", "share",
                                        "answers"])
    # One word per point of the scale for the legend: the label given most often there.
    words = (frame.groupby(["value", "label"], as_index=False)["answers"].sum()
             .sort_values("answers", ascending=False).drop_duplicates("value")
             .set_index("value")["label"])
    frame["point"] = [f"{v:g} · {words[v]}" for v in frame["value"]]
    return frame


def likert(scales: pd.DataFrame, scale_min: float, scale_max: float, t: Translator) -> alt.Chart:
    """Diverging bars: per question, the share of answers on each point of its scale."""
    frame = likert_segments(scales, scale_min, scale_max)
    points = list(frame.sort_values("value").drop_duplicates("value")["point"])
    colours = DIVERGING.get(len(points))
    colour = alt.Color("point:N", title=t("chart.value"),
                       scale=alt.Scale(domain=points, range=colours) if colours
                       else alt.Scale(scheme="redblue", domain=points),
                       legend=alt.Legend(orient="bottom", columns=min(len(points), 5)))
    order = list(dict.fromkeys(frame["question"]))
    return alt.Chart(frame).mark_bar().encode(
        y=alt.Y("question:N", title=None, sort=order, axis=alt.Axis(labelLimit=380)),
        # Shares to both sides of zero, labelled without a minus sign.
        x=alt.X("start:Q", title=t("chart.share"), scale=alt.Scale(domain=[-1, 1]),
                axis=alt.Axis(labelExpr="format(abs(datum.value), '.0%')")),
        x2="end:Q",
        color=colour,
        tooltip=[
            alt.Tooltip("question:N", title=t("chart.question")),
            alt.Tooltip("label:N", title=t("chart.answer")),
            alt.Tooltip("answers:Q", title=t("chart.answers")),
            alt.Tooltip("share:Q", title=t("chart.share"), format=".0%"),
        ],
    ).properties(height=alt.Step(30))
