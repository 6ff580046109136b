"""One answer to "is there a value here?" for all of Flexwijs.

Blank: None, NaN (a float, a NumPy float, a Decimal), NaT (pandas' or NumPy's), pandas' NA,
and a text of nothing but spaces. A value: everything else, 0, False and "0" included. About
twenty checks used to answer this each in their own way (one let NaT through, another NA, a
third an empty text), so the same empty cell could be a dash on one screen and "nan" on the
next.
"""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pandas as pd


def is_blank(value: object) -> bool:
    # pd.NaT is a datetime and NaN a float: they are tested before any isinstance of a kind.
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    if isinstance(value, Decimal):
        return value.is_nan()
    if isinstance(value, np.datetime64 | np.timedelta64):
        return bool(np.isnat(value))
    if isinstance(value, str):
        return not value.strip()
    return False


def or_none(value: object) -> object:
    """The value, or None when it is blank: what a query parameter or a cell should get."""
    return None if is_blank(value) else value
