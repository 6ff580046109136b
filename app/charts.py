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


# -- class council and progress --------------------------------------------------------------

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
        color=alt.Color("subject:N", title=t("chart.subject"),
                        legend=alt.Legend(orient="right")),
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
        x=alt.X("answered_at:T", title=None, axis=alt.Axis(format="%d/%m/%Y")),
        y=alt.Y("score:Q", title=t("chart.score"), scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%")),
        color=alt.Color("kind:N", title=None, legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("title:N", title=t("chart.survey")),
                 alt.Tooltip("answered_at:T", title=t("chart.date"), format="%d/%m/%Y"),
                 alt.Tooltip("score:Q", title=t("chart.score"), format=".0%")],
    ).properties(height=220)


def gains(summary: pd.DataFrame, label_column: str, t: Translator) -> alt.LayerChart:
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
        color=alt.Color("who:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(range=["#4C78A8", "#BAB0AC"])),
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
        x=alt.X("survey_date:T", title=None, axis=alt.Axis(format="%d/%m/%Y")),
        y=alt.Y("score:Q", title=t("chart.score"), axis=alt.Axis(format="%"),
                scale=alt.Scale(zero=False)),
        color=alt.Color("group_name:N", title=None, legend=alt.Legend(orient="right")),
        tooltip=[alt.Tooltip("group_name:N", title=t("chart.group")),
                 alt.Tooltip("title:N", title=t("chart.survey")),
                 alt.Tooltip("score:Q", title=t("chart.score"), format=".0%"),
                 alt.Tooltip("learners:Q", title=t("chart.learners"))],
    ).properties(height=260)


# -- professional development ------------------------------------------------------------------

PROF_MONEY_COLOURS = {"spent": "#4C78A8", "committed": "#F58518", "left": "#BAB0AC",
                      "over": "#B2182B"}


def prof_pots(pots: pd.DataFrame, t: Translator) -> alt.Chart:
    """Per pot: spent, committed and what is left, stacked to what it was given (over: red)."""
    rows = []
    for r in pots.itertuples():
        left = float(r.allocated) - float(r.committed) - float(r.spent)
        for part, value in (("spent", float(r.spent)), ("committed", float(r.committed)),
                            ("left", max(left, 0.0)), ("over", max(-left, 0.0))):
            rows.append({"pot": r.pot, "part": t(f"prof.money.{part}"), "euros": value,
                         "order": list(PROF_MONEY_COLOURS).index(part)})
    frame = pd.DataFrame(rows, columns=["pot", "part", "euros", "order"])
    return alt.Chart(frame).mark_bar().encode(
        y=alt.Y("pot:N", title=None, sort=None),
        x=alt.X("euros:Q", title=t("prof.money.euros"), stack="zero"),
        color=alt.Color("part:N", title=None, scale=alt.Scale(
            domain=[t(f"prof.money.{p}") for p in PROF_MONEY_COLOURS],
            range=list(PROF_MONEY_COLOURS.values())), legend=alt.Legend(orient="bottom")),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("pot:N", title=t("prof.col.pot")),
                 alt.Tooltip("part:N", title=" "),
                 alt.Tooltip("euros:Q", title=t("prof.money.euros"), format=",.2f")],
    ).properties(height=alt.Step(26))


def prof_burndown(frame: pd.DataFrame, t: Translator) -> alt.Chart:
    """What is left of the budget week by week: after spending, after commitments too, and the
    even pace to zero at the end of the school year."""
    names = {"left_spent": t("prof.burn.left_spent"),
             "left_committed": t("prof.burn.left_committed"), "pace": t("prof.burn.pace")}
    long = frame.melt(id_vars=["week"], value_vars=list(names), var_name="line",
                      value_name="euros").dropna(subset=["euros"])
    long["line"] = long["line"].map(names)
    long["week"] = pd.to_datetime(long["week"])
    long["euros"] = long["euros"].astype(float)
    return alt.Chart(long).mark_line(interpolate="step-after").encode(
        x=alt.X("week:T", title=None, axis=alt.Axis(format="%d/%m")),
        y=alt.Y("euros:Q", title=t("prof.money.euros")),
        color=alt.Color("line:N", title=None, scale=alt.Scale(
            domain=list(names.values()), range=["#4C78A8", "#F58518", "#BAB0AC"]),
            legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=400)),
        strokeDash=alt.condition(alt.datum.line == names["pace"], alt.value([4, 4]),
                                 alt.value([1, 0])),
        tooltip=[alt.Tooltip("week:T", title=t("prof.col.week"), format="%d/%m/%Y"),
                 alt.Tooltip("line:N", title=" "),
                 alt.Tooltip("euros:Q", title=t("prof.money.euros"), format=",.2f")],
    ).properties(height=280)


def prof_depth(frame: pd.DataFrame, t: Translator) -> alt.Chart:
    """How deep each initiative's evaluation reached on Guskey's five levels."""
    data = frame[["title", "depth"]].assign(depth=frame["depth"].astype(int))
    return alt.Chart(data).mark_bar(color="#72B7B2").encode(
        y=alt.Y("title:N", title=None, sort="-x", axis=alt.Axis(labelLimit=260)),
        x=alt.X("depth:Q", title=t("prof.col.depth"), scale=alt.Scale(domain=[0, 5]),
                axis=alt.Axis(values=[0, 1, 2, 3, 4, 5], format="d")),
        tooltip=[alt.Tooltip("title:N", title=t("prof.col.initiative")),
                 alt.Tooltip("depth:Q", title=t("prof.col.depth"))],
    ).properties(height=alt.Step(24))
