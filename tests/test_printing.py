"""Printable reports are templates on one layout (app/printing.py, app/templates/print/):
values are escaped, blanks are empty, a forgotten field fails, and no module writes a page of
HTML by hand any more."""

from __future__ import annotations

import re

import jinja2
import numpy as np
import pandas as pd
import pytest

from app import printing
from app.i18n import Translator
from tests.conftest import PROJECT_ROOT

NL = Translator("nl")


def test_a_value_is_written_as_the_characters_it_is():
    page = printing.render("timeline", NL, title="<script>alert(1)</script>", learner="A & B",
                           meta="m", parts=[{"heading": "h", "empty_text": None, "numeric": {1},
                                             "headers": ["<i>x</i>", "n"],
                                             "rows": [["<b>vet</b>", 3]]}])
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "&lt;b&gt;vet&lt;/b&gt;" in page and "&lt;i&gt;x&lt;/i&gt;" in page
    assert "A &amp; B" in page
    assert '<td class="num">3</td>' in page
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page


@pytest.mark.parametrize("blank", [None, float("nan"), pd.NA, pd.NaT, np.nan, ""])
def test_a_blank_value_is_an_empty_cell(blank):
    page = printing.render("timeline", NL, title="t", learner="l", meta="m",
                           parts=[{"heading": "h", "empty_text": None, "numeric": set(),
                                   "headers": ["a"], "rows": [[blank]]}])
    assert "<td></td>" in page
    assert not re.search(r"\b(nan|NaN|NaT|None|<NA>)\b", page)


def test_a_field_the_code_forgot_fails_instead_of_printing_empty():
    with pytest.raises(jinja2.UndefinedError):
        printing.render("timeline", NL, title="t", learner="l", parts=[])


def test_every_report_extends_the_one_layout():
    folder = PROJECT_ROOT / "app" / "templates" / "print"
    reports = [p for p in folder.glob("*.html.j2") if p.name not in ("base.html.j2",
                                                                      "macros.html.j2")]
    assert len(reports) >= 5
    for report in reports:
        assert '{% extends "print/base.html.j2" %}' in report.read_text(), report.name


def test_no_module_writes_a_page_of_html_by_hand():
    by_hand = [str(p.relative_to(PROJECT_ROOT)) for p in (PROJECT_ROOT / "app").rglob("*.py")
               if re.search(r"<!doctype html|<html", p.read_text(), re.IGNORECASE)]
    assert not by_hand, f"HTML pages built as strings: {by_hand}"
