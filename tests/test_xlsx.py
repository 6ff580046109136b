"""Excel exports (app/export.xlsx_workbook), written in openpyxl's write-only mode, still read
as a school expects: a bold header that stays in view, numbers and dates as themselves, blanks
empty, text never a formula, a sheet per part."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pandas as pd
from openpyxl import load_workbook

from app.export import xlsx_workbook


def test_an_export_reads_back_as_written():
    frame = pd.DataFrame({"Naam": ["=1+1", "Aerts", None], "Score": [12, 7.5, np.nan],
                          "Datum": [dt.date(2026, 11, 3), pd.NaT, pd.Timestamp("2026-11-04")],
                          "Leeg": [pd.NA, "  ", "x"]})
    book = load_workbook(io.BytesIO(xlsx_workbook([("Resultaten", frame), ("Tweede", frame)])))
    assert book.sheetnames == ["Resultaten", "Tweede"]
    sheet = book["Resultaten"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == ["Naam", "Score", "Datum", "Leeg"]
    assert all(c.font.bold for c in sheet[1])
    first = sheet[2]
    assert first[0].value == "'=1+1" and first[0].data_type == "s"  # defused, and text
    assert first[1].value == 12
    assert first[2].value == dt.datetime(2026, 11, 3) and first[2].number_format == "DD/MM/YYYY"
    assert first[3].value is None
    assert [c.value for c in sheet[3]] == ["Aerts", 7.5, None, None]
    assert [c.value for c in sheet[4]][:3] == [None, None, dt.datetime(2026, 11, 4)]
