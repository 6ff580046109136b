"""What every chart shares: the palette, the local way of writing numbers and dates, the legend.

The chart builders themselves live with their domain (``app/flex/charts.py``,
``app/surveys/charts.py``, ``app/council/charts.py``, ``app/prof/charts.py``,
``app/team/charts.py``): pure functions from a small, already aggregated frame to an
``alt.Chart``, drawn by ``app.web.chart``, which passes them through ``localized``. Every row of a
chart's data goes to the browser, so callers aggregate first (in SQL where the data is large).
"""

from __future__ import annotations

import altair as alt

from app.i18n import Translator

# d3-format locales for Vega: decimal comma and thousands dot in Dutch (Flemish usage).
NUMBER_LOCALES = {
    "nl": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""],
           "percent": " %"},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]},
}
# Dates the Flemish way (day first) on axes and in tooltips, in both languages.
DATE = "%d/%m/%Y"
DAY_MONTH = "%d/%m"

# One muted palette for all charts, so a colour means nothing by itself (no traffic lights).
BLUE = "#4C78A8"
TEAL = "#72B7B2"
PURPLE = "#B279A2"
ORANGE = "#F58518"
GREY = "#BAB0AC"
RED = "#B2182B"


def localized(chart: alt.TopLevelMixin, t: Translator) -> alt.TopLevelMixin:
    """The chart with numbers on its axes and tooltips written the local way."""
    return chart.configure(locale={"number": NUMBER_LOCALES[t.lang]})


def legend(orient: str = "bottom", **options) -> alt.Legend:
    """A legend below the chart unless asked otherwise: beside it, long Dutch labels squeeze
    the plot on a narrow screen."""
    return alt.Legend(orient=orient, **options)
