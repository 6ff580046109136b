"""Tables show Flemish numbers in Dutch and keep the numbers underneath for sorting."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from app import tables
from app.i18n import Translator


def test_display_is_local_and_data_stays_numeric():
    frame = pd.DataFrame(
        {"avg": [0.725, None], "n": [1200, 3], "on": [dt.date(2026, 10, 14), None]}
    )
    styled = tables.localized(frame, Translator("nl"), percent={"avg": 1}, counts=["n"],
                              dates=["on"])
    html = styled.to_html()
    assert "72,5 %" in html and "1.200" in html and "14/10/2026" in html and "–" in html
    assert styled.data["avg"].dtype.kind == "f"  # sorting still works on numbers


def test_english_display():
    styled = tables.localized(pd.DataFrame({"avg": [0.725]}), Translator("en"),
                              percent={"avg": 1})
    assert "72.5%" in styled.to_html()
