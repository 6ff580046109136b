"""Chart builders of the surveys: pure functions from a small, aggregated frame to an
``alt.Chart`` (tested through ``to_dict()``), drawn by ``app.web.chart``."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from app.charts import BLUE, TEAL, legend
from app.i18n import Translator


def question_means(means: pd.DataFrame, t: Translator) -> alt.Chart:
    """Average answer per question, on the scale the answers were given on (from 1)."""
    frame = means.assign(label=[f"{n}. {q}" for n, q in zip(means["question_no"], means["question"],
                                                               strict=True)])
    top = max(2, math.ceil(float(frame["highest"].max()))) if "highest" in frame else 5
    # Bars start at the bottom of the scale (1), not at 0, which lies outside it.
    return alt.Chart(frame).mark_bar(color=BLUE).encode(
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
    return alt.Chart(frame).mark_bar(color=TEAL).encode(
        y=alt.Y("answer_text:N", title=None, sort=list(frame["answer_text"]),
                axis=alt.Axis(labelLimit=360)),
        x=alt.X("answers:Q", title=t("chart.answers")),
        tooltip=[
            alt.Tooltip("answer_text:N", title=t("chart.answer")),
            alt.Tooltip("answers:Q", title=t("chart.answers")),
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


def _number_word(word: object, t: Translator) -> object:
    """An answer label that is a number ('0,5' or '0.5' in the file) written the reader's way."""
    try:
        number = float(str(word).replace(",", "."))
    except ValueError:
        return word
    return t.count(number) if number.is_integer() else t.number(number, 1)


def _point(value: float, word: str, t: Translator) -> str:
    number = t.count(value) if float(value).is_integer() else t.number(value, 1)
    try:
        same = float(str(word).replace(",", ".")) == float(value)
    except ValueError:
        same = False
    return number if same else f"{number} · {word}"


def likert(scales: pd.DataFrame, scale_min: float, scale_max: float, t: Translator) -> alt.Chart:
    """Diverging bars: per question, the share of answers on each point of its scale."""
    frame = likert_segments(scales, scale_min, scale_max)
    # The legend's points the reader's way: '2,5 · eens', and a label that is itself the number
    # (a numeric scale) only once.
    words = dict(zip(frame["value"], [p.partition(" · ")[2] for p in frame["point"]],
                     strict=True))
    frame["point"] = [_point(v, words[v], t) for v in frame["value"]]
    frame["label"] = [_number_word(w, t) for w in frame["label"]]
    points = list(frame.sort_values("value").drop_duplicates("value")["point"])
    colours = DIVERGING.get(len(points))
    colour = alt.Color("point:N", title=t("chart.value"),
                       scale=alt.Scale(domain=points, range=colours) if colours
                       else alt.Scale(scheme="redblue", domain=points),
                       legend=legend(columns=min(len(points), 5)))
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


