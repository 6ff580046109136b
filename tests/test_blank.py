"""One test of blank for all of Flexwijs (app/blank.py), and no second one written beside it."""

from __future__ import annotations

import re
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from app.blank import is_blank, or_none
from tests.conftest import PROJECT_ROOT


@pytest.mark.parametrize("value", [None, float("nan"), np.nan, np.float32("nan"), pd.NA, pd.NaT,
                                   Decimal("NaN"), np.datetime64("NaT"), "", "   ", "\t"])
def test_blank(value):
    assert is_blank(value) and or_none(value) is None


@pytest.mark.parametrize("value", [0, 0.0, False, "0", "–", Decimal("0"), pd.Timestamp(0),
                                   np.int64(0), "x"])
def test_a_value(value):
    assert not is_blank(value) and or_none(value) is value


# The shapes a hand-written blank check takes: NaN as the value unequal to itself, pandas' NA
# or NaT tested by identity, or a private _blank/_missing/_is_set function.
HAND_MADE = re.compile(r"(?<![\w.])(\w+) != \1\b|is pd\.NA\b|is pd\.NaT\b"
                       r"|def _(blank|missing|is_set|is_blank|blank_cell)\(")


def test_no_module_checks_blank_by_hand():
    found = [f"{path.relative_to(PROJECT_ROOT)}:{n}"
             for path in sorted((PROJECT_ROOT / "app").rglob("*.py")) if path.name != "blank.py"
             for n, line in enumerate(path.read_text().splitlines(), start=1)
             if HAND_MADE.search(line)]
    assert not found, "blank checks beside app/blank.py:\n" + "\n".join(found)
