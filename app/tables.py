"""Tables formatted the local way: Flemish numbers and dates in Dutch, British ones in English.

Streamlit's own column formats follow the browser's locale or printf (always a decimal point).
A pandas Styler with Babel-formatted display values shows "72,5 %" while the table still sorts
on the numbers underneath.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import pandas as pd
from pandas.io.formats.style import Styler

from app.blank import is_blank
from app.i18n import Translator


def localized(
    frame: pd.DataFrame,
    t: Translator,
    *,
    percent: Mapping[str, int] | None = None,   # column -> decimals; values are shares (0.725)
    numbers: Mapping[str, int] | None = None,   # column -> decimals
    counts: Iterable[str] = (),
    money: Iterable[str] = (),
    dates: Iterable[str] = (),
    datetimes: Iterable[str] = (),
) -> Styler:
    formatters = {}
    for column, decimals in (percent or {}).items():
        formatters[column] = lambda v, d=decimals: t.percent(_number(v), d)
    for column, decimals in (numbers or {}).items():
        formatters[column] = lambda v, d=decimals: t.number(_number(v), d)
    for column in counts:
        formatters[column] = lambda v: t.count(_number(v))
    for column in money:
        formatters[column] = lambda v: t.money(_number(v))
    for column in dates:
        formatters[column] = lambda v: t.date(_date(v))
    for column in datetimes:
        formatters[column] = lambda v: t.datetime(None if pd.isna(v) else pd.Timestamp(v))
    return frame.style.format(formatters, na_rep="–")


def _number(value: object) -> float | None:
    return None if is_blank(value) else float(value)


def _date(value: object) -> dt.date | None:
    if is_blank(value):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    return value  # already a date
