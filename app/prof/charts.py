"""Chart builders of professionalisation: the budget and the evaluation of initiatives, as pure
functions from a small, aggregated frame to an ``alt.Chart`` (tested through ``to_dict()``),
drawn by ``app.web.chart``."""

from __future__ import annotations

import altair as alt
import pandas as pd

from app.charts import BLUE, DATE, DAY_MONTH, GREY, ORANGE, RED, TEAL, legend
from app.i18n import Translator

MONEY_COLOURS = {"spent": BLUE, "committed": ORANGE, "left": GREY, "over": RED}


def pots(pots: pd.DataFrame, t: Translator) -> alt.Chart:
    """Per pot: spent, committed and what is left, stacked to what it was given (over: red)."""
    rows = []
    for r in pots.itertuples():
        left = float(r.allocated) - float(r.committed) - float(r.spent)
        for part, value in (("spent", float(r.spent)), ("committed", float(r.committed)),
                            ("left", max(left, 0.0)), ("over", max(-left, 0.0))):
            rows.append({"pot": r.pot, "part": t(f"prof.money.{part}"), "euros": value,
                         "order": list(MONEY_COLOURS).index(part)})
    frame = pd.DataFrame(rows, columns=["pot", "part", "euros", "order"])
    return alt.Chart(frame).mark_bar().encode(
        y=alt.Y("pot:N", title=None, sort=None),
        x=alt.X("euros:Q", title=t("prof.money.euros"), stack="zero"),
        color=alt.Color("part:N", title=None, scale=alt.Scale(
            domain=[t(f"prof.money.{p}") for p in MONEY_COLOURS],
            range=list(MONEY_COLOURS.values())), legend=legend(columns=2)),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("pot:N", title=t("prof.col.pot")),
                 alt.Tooltip("part:N", title=" "),
                 alt.Tooltip("euros:Q", title=t("prof.money.euros"), format=",.2f")],
    ).properties(height=alt.Step(26))


def burndown(frame: pd.DataFrame, t: Translator) -> alt.Chart:
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
        x=alt.X("week:T", title=None, axis=alt.Axis(format=DAY_MONTH)),
        y=alt.Y("euros:Q", title=t("prof.money.euros")),
        color=alt.Color("line:N", title=None, scale=alt.Scale(
            domain=list(names.values()), range=[BLUE, ORANGE, GREY]),
            legend=legend(direction="vertical", labelLimit=400)),
        strokeDash=alt.condition(alt.datum.line == names["pace"], alt.value([4, 4]),
                                 alt.value([1, 0])),
        tooltip=[alt.Tooltip("week:T", title=t("prof.col.week"), format=DATE),
                 alt.Tooltip("line:N", title=" "),
                 alt.Tooltip("euros:Q", title=t("prof.money.euros"), format=",.2f")],
    ).properties(height=280)


def depth(frame: pd.DataFrame, t: Translator) -> alt.Chart:
    """How deep each initiative's evaluation reached on Guskey's five levels."""
    data = frame[["title", "depth"]].assign(depth=frame["depth"].astype(int))
    return alt.Chart(data).mark_bar(color=TEAL).encode(
        y=alt.Y("title:N", title=None, sort="-x", axis=alt.Axis(labelLimit=260)),
        x=alt.X("depth:Q", title=t("prof.col.depth"), scale=alt.Scale(domain=[0, 5]),
                axis=alt.Axis(values=[0, 1, 2, 3, 4, 5], format="d")),
        tooltip=[alt.Tooltip("title:N", title=t("prof.col.initiative")),
                 alt.Tooltip("depth:Q", title=t("prof.col.depth"))],
    ).properties(height=alt.Step(24))

