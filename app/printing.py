"""Printable reports: Jinja2 templates in app/templates/print/, all on one base layout and one
style sheet for paper, with autoescaping, so every value from data is written as the characters
it is. A blank value (None, NaN, NA, NaT) is an empty cell: one test of blank for every report
(``app.blank.is_blank``)."""

from __future__ import annotations

from pathlib import Path

import jinja2

from app.blank import is_blank
from app.i18n import Translator

TEMPLATES = Path(__file__).parent / "templates"

_environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,  # every template is HTML: values are escaped, whatever their file name
    undefined=jinja2.StrictUndefined,  # a field the code forgot fails, never prints empty
    trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
)
_environment.filters["cell"] = lambda value: "" if is_blank(value) else str(value)


def render(report: str, t: Translator, *, title: str, **fields) -> str:
    """The printable page of one report (`print/<report>.html.j2`), in the translator's
    language."""
    template = _environment.get_template(f"print/{report}.html.j2")
    return template.render(lang=t.lang, title=title, kind=report, **fields)
