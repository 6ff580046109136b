"""One way to show a value, everywhere: tables, editors, metrics, charts and sentences.

A value from the database reaches the screen only through here (or through the Translator's
``number``/``count``/``percent``/``money``/``date``/``datetime``, which this module uses):

- a missing value (None, NaN, NaT, pandas' NA, an empty text) is an empty cell, or a dash where a
  cell must not look forgotten (``dash=True``; in sentences always the dash);
- numbers, money, percentages and dates the Flemish way in Dutch (1.250,5 · € 150,00 · 35 % ·
  14/10/2026) and the British way in English (1,250.5 · €150.00 · 35% · 14/10/2026);
- a code as its label in the viewer's language (``code(..., codes="prof.source")`` looks up
  ``prof.source.<code>``; a code without a label is a bug, see ``tests/test_display.py``);
- a person by name; when two rows name the same person differently spelled alike, the ``detail``
  column (a class, a team) tells them apart;
- dates stay dates in a table, so that they sort as dates, and are shown dd/mm/jjjj.

Tables (``st.dataframe``). Describe the columns of a frame by kind, pass the result to
``web.table``::

    shown = display.table(frame, t, [
        display.person("learner", "flex_board.col.learner", detail="class_code"),
        display.code("kind", "flex_board.col.kind", codes="kind"),
        display.count("learners", "flex_board.col.learners"),
        display.money("cost", "prof.col.cost"),
        display.date("starts_on", "prof.col.starts_on"),
    ])
    web.table(shown, key="page.table", on_select="rerun")

Only the columns named are shown, in that order, under their catalogue headers (``label=`` for a
header that is itself data, such as a survey question). Numbers keep their numeric type and
dates their date type underneath, so sorting works; what the reader sees comes from Babel in
the interface language (a pandas Styler; Streamlit's own number formats follow the browser's
locale or printf, never the app's language).

Editors (``st.data_editor``). Streamlit shows no Styler values in editable cells, so an editor is
described the same way and gets editor-ready data back::

    form = display.editor(frame, t, [
        display.code("kind", "prof.col.kind", codes="prof.source", required=True),
        display.text("label", "prof.col.label", required=True),
        display.money("amount", "prof.col.amount", required=True),
    ])
    web.editor(form, key=key, num_rows="dynamic")
    edited, removed = web.edited_frame(form.frame, key)
    values = form.read(edited)        # codes back, numbers parsed the local way

In an editor the columns keep their own names (the save reads them). A code column is a drop-down
of labels whose values stay codes; whole numbers are number cells; decimal numbers, money and
percentages are text cells written the local way and read back by ``parse_number`` (a decimal
comma, thousands dots, a euro sign), because a number cell writes and reads them the browser's
way; ``read`` refuses a cell that is no number with its row and column. Dates are date cells.

Sentences: ``display.text_of(value)`` and ``display.day(value, t)`` for values from data in a
text; ``t.md`` still makes them plain for Markdown.

Number fields: ``parse_number(text, lang)`` reads what a person types (``3,5``, ``3.5``,
``1.250,50``, ``€ 12``); ``web.number_field`` is the widget built on it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from app.blank import is_blank
from app.errors import UserError
from app.i18n import Translator

DASH = "–"
TEXT_KINDS = ("text", "person", "code", "items")
NUMBER_KINDS = ("count", "number", "money", "percent", "progress")
KINDS = (*TEXT_KINDS, *NUMBER_KINDS, "date", "datetime", "flag")


# -- missing values -------------------------------------------------------------------------------

def text_of(value: object, dash: str = DASH) -> str:
    """A value from data for a sentence: its text, or a dash when it is missing."""
    if is_blank(value):
        return dash
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value).strip()


def as_date(value: object) -> dt.date | None:
    """A date from whatever the database or pandas hands over (date, datetime, Timestamp,
    numpy datetime64, ISO text), or None."""
    if is_blank(value):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, np.datetime64 | str):
        return pd.Timestamp(value).date()
    raise TypeError(f"not a date: {value!r}")


def as_datetime(value: object) -> dt.datetime | None:
    if is_blank(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time.min)
    if isinstance(value, np.datetime64 | str):
        return pd.Timestamp(value).to_pydatetime()
    raise TypeError(f"not a date and time: {value!r}")


def as_number(value: object) -> float | None:
    if is_blank(value):
        return None
    if isinstance(value, bool | np.bool_):
        return float(value)
    return float(value)  # Decimal, numpy and Python numbers alike


def day(value: object, t: Translator) -> str:
    """A date in a sentence: 14/10/2026, or a dash."""
    found = as_date(value)
    return DASH if found is None else t.date(found)


def moment(value: object, t: Translator) -> str:
    """A date and time in a sentence: 14/10/2026 09:05, or a dash."""
    found = as_datetime(value)
    return DASH if found is None else t.datetime(found)


def label(t: Translator, codes: str | None, code: object) -> str | None:
    """The label of a code in the viewer's language (``prof.source.government`` → 'overheid'),
    or None when there is no code. A code without a label raises in tests (see
    ``app.i18n.STRICT``) and shows the code in production rather than failing the page."""
    if is_blank(code):
        return None
    text = str(code)
    if codes is None:
        return text
    key = f"{codes}.{text}"
    return t(key) if t.has(key) else _no_label(t, key, text)


def _no_label(t: Translator, key: str, code: str) -> str:
    t(key)  # logs the missing text, and raises in tests
    return code


# -- typing numbers -------------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f']+")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_GROUPED = {".": re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$"),
            ",": re.compile(r"^[+-]?\d{1,3}(,\d{3})+$")}


def parse_number(text: object, lang: str) -> float | None:
    """What a person typed, read the local way: ``3,5`` and ``3.5`` are 3.5 in both languages,
    ``1.250,50`` and ``1,250.50`` are 1250.5 (the last mark is the decimal one), ``1.250`` is
    1250 in Dutch and 1.25 in English (``1,250`` the other way round); a euro sign, a percent
    sign and spaces are left out. Empty is None; anything else raises ``ValueError``."""
    if isinstance(text, int | float | Decimal) and not isinstance(text, bool):
        return None if is_blank(text) else float(text)
    if is_blank(text):
        return None
    raw = _SPACES.sub("", str(text).replace("€", "").replace("EUR", "").replace("%", ""))
    if "," in raw and "." in raw:
        mark = "," if raw.rfind(",") > raw.rfind(".") else "."
        group = "." if mark == "," else ","
        whole, _, decimals = raw.rpartition(mark)
        if not _GROUPED[group].match(whole) and group in whole:
            raise ValueError(text)
        raw = f"{whole.replace(group, '')}.{decimals}"
    else:
        thousands = "." if lang == "nl" else ","
        if _GROUPED[thousands].match(raw):
            raw = raw.replace(thousands, "")
        raw = raw.replace(",", ".")
    if not _PLAIN.match(raw):
        raise ValueError(text)
    number = float(raw)
    if not math.isfinite(number):
        raise ValueError(text)
    return number


def number_text(value: object, t: Translator, decimals: int = 1) -> str:
    """A number as a person would type it back (for a text field): 3,5 in Dutch; empty when
    there is none."""
    number = as_number(value)
    return "" if number is None else t.number(number, decimals)


class FieldRefused(UserError):
    """A field's text is no number; the field says so under itself, nothing is saved."""


# -- describing columns ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    """One column as the reader sees it. Made with the functions below (``text``, ``money``...)."""

    name: str                         # the column in the frame handed over
    kind: str                         # one of KINDS
    header: str                       # catalogue key, or the header itself when literal
    literal: bool = False             # the header is text from data (a question, a name)
    decimals: int = 0
    codes: str | None = None          # catalogue prefix of a code column
    options: tuple = ()               # an editor's drop-down: the codes to choose from
    detail: str | None = None         # a person column: what tells namesakes apart
    dash: bool = False                # missing shown as a dash (text kinds only)
    required: bool = False            # an editor cell that may not stay empty
    editable: bool = True             # an editor column that may be changed
    minimum: float | None = None
    maximum: float | None = None
    max_chars: int | None = None      # an editor's text cell
    width: str | None = None          # "small", "medium", "large"
    help: str | None = None           # catalogue key
    pinned: bool = False

    def title(self, t: Translator) -> str:
        return self.header if self.literal else t(self.header)


def _column(kind: str, name: str, header: str, **options: Any) -> Column:
    if options.get("dash") and kind not in TEXT_KINDS:
        # A missing number or date is drawn by the grid itself, the same in the whole table.
        raise ValueError(f"{name}: a dash for missing values is for text columns")
    return Column(name=name, kind=kind, header=header, **options)


def text(name: str, header: str, **options: Any) -> Column:
    return _column("text", name, header, **options)


def person(name: str, header: str, detail: str | None = None, **options: Any) -> Column:
    return _column("person", name, header, detail=detail, **options)


def count(name: str, header: str, **options: Any) -> Column:
    return _column("count", name, header, **options)


def number(name: str, header: str, decimals: int = 1, **options: Any) -> Column:
    return _column("number", name, header, decimals=decimals, **options)


def money(name: str, header: str, **options: Any) -> Column:
    return _column("money", name, header, decimals=2, **options)


def percent(name: str, header: str, decimals: int = 0, **options: Any) -> Column:
    """A share (0.35) shown as a percentage (35 %)."""
    return _column("percent", name, header, decimals=decimals, **options)


def progress(name: str, header: str, **options: Any) -> Column:
    """A share (0.35) drawn as a bar with its percentage."""
    return _column("progress", name, header, **options)


def date(name: str, header: str, **options: Any) -> Column:
    return _column("date", name, header, **options)


def datetime(name: str, header: str, **options: Any) -> Column:
    return _column("datetime", name, header, **options)


def code(name: str, header: str, codes: str | None, options: Sequence = (), **more: Any
         ) -> Column:
    """A code shown as ``t(f"{codes}.{code}")``; in an editor a drop-down of ``options``.
    Without ``codes`` the values are words already (a slot, a person): the drop-down offers
    them as they are."""
    return _column("code", name, header, codes=codes, options=tuple(options), **more)


def flag(name: str, header: str, **options: Any) -> Column:
    return _column("flag", name, header, **options)


def items(name: str, header: str, codes: str | None = None, **options: Any) -> Column:
    """A list of values (or of codes, with ``codes``) in one cell: 'a, b, c'."""
    return _column("items", name, header, codes=codes, **options)


# -- tables ---------------------------------------------------------------------------------------

@dataclass
class Table:
    """What ``st.dataframe`` gets (see ``web.table``): the frame under its headers, the Styler
    that writes its values the local way, and each header's column."""

    frame: pd.DataFrame
    styler: Styler
    columns: dict[str, Column]        # header -> column
    lang: str


def _values(frame: pd.DataFrame, column: Column, t: Translator) -> pd.Series | list:
    source = frame[column.name]
    kind = column.kind
    if kind in ("text", "person"):
        shown = [None if is_blank(v) else str(v) for v in source]
        if kind == "person" and column.detail:
            shown = _namesakes(shown, frame[column.detail])
    elif kind == "code":
        shown = [label(t, column.codes, v) for v in source]
    elif kind == "items":
        shown = [_joined(v, t, column.codes) for v in source]
    elif kind == "count":
        return pd.array([None if (n := as_number(v)) is None else round(n) for v in source],
                        dtype="Int64")
    elif kind == "progress":
        return pd.array([None if (n := as_number(v)) is None else round(n * 100) for v in source],
                        dtype="Int64")
    elif kind in ("number", "money", "percent"):
        return pd.array([as_number(v) for v in source], dtype="Float64").astype(float)
    elif kind == "date":
        return pd.Series([as_date(v) for v in source], dtype="object")
    elif kind == "datetime":
        return pd.Series(pd.to_datetime([as_datetime(v) for v in source]), dtype="datetime64[us]")
    elif kind == "flag":
        return pd.array([None if is_blank(v) else bool(v) for v in source], dtype="boolean")
    else:
        raise ValueError(kind)
    if column.dash:
        shown = [DASH if v is None else v for v in shown]
    return pd.Series(shown, dtype="object")


def _joined(value: object, t: Translator, codes: str | None) -> str | None:
    if value is None or (not isinstance(value, list | tuple | np.ndarray) and is_blank(value)):
        return None
    parts = list(value) if isinstance(value, list | tuple | np.ndarray) else [value]
    words = [label(t, codes, p) if codes else text_of(p, "") for p in parts if not is_blank(p)]
    return ", ".join(w for w in words if w) or None


def _namesakes(names: list[str | None], details: Iterable) -> list[str | None]:
    twice = {n for n, c in Counter(names).items() if n is not None and c > 1}
    return [f"{n} ({text_of(d)})" if n in twice and not is_blank(d) else n
            for n, d in zip(names, details, strict=True)]


def staff_labels(staff: pd.DataFrame) -> dict[int, str]:
    """Staff members as a picker offers them, by id (a frame of common/staff_options): the name,
    namesakes told apart by their subject team and, when they share that too, their personnel
    number. A picker maps its label back to the id, so no two labels may be the same: the last
    pass (the id) covers a name that reads like another's label."""
    ids = [int(s) for s in staff["staff_id"]]
    labels = _namesakes(list(staff["name"]), staff["subject_team"])
    labels = _namesakes(labels, staff["external_id"])
    labels = _namesakes(labels, [f"#{s}" for s in ids])
    return dict(zip(ids, labels, strict=True))


def _formatter(column: Column, t: Translator) -> Callable[[Any], str]:
    kind, decimals = column.kind, column.decimals
    if kind == "count":
        return lambda v: t.count(as_number(v))
    if kind == "number":
        return lambda v: t.number(as_number(v), decimals)
    if kind == "money":
        return lambda v: t.money(as_number(v))
    if kind == "percent":
        return lambda v: t.percent(as_number(v), decimals)
    if kind == "progress":
        return lambda v: t.percent(as_number(v) / 100, 0)
    if kind == "date":
        return lambda v: t.date(as_date(v))
    if kind == "datetime":
        return lambda v: t.datetime(as_datetime(v))
    if kind == "flag":
        return lambda v: t("common.yes") if v else t("common.no")
    return str


def table(frame: pd.DataFrame, t: Translator, columns: Sequence[Column]) -> Table:
    """The columns of ``frame`` as the reader sees them (see the module's docstring)."""
    data: dict[str, Any] = {}
    described: dict[str, Column] = {}
    for column in columns:
        title = column.title(t)
        if title in data:
            raise ValueError(f"two columns under one header: {title!r}")
        data[title] = _values(frame, column, t)
        described[title] = column
    shown = pd.DataFrame(data, index=pd.RangeIndex(len(frame)))
    styler = shown.style.format({title: _formatter(c, t) for title, c in described.items()},
                                na_rep="")
    return Table(shown, styler, described, t.lang)


def labelled(frame: pd.DataFrame, t: Translator, columns: Sequence[Column]) -> pd.DataFrame:
    """The same frame with values a chart or an export can show as they are: codes as labels,
    missing values empty, numbers and dates keeping their types; source column names kept."""
    out = frame.copy()
    for column in columns:
        out[column.name] = list(_values(frame, column, t))
    return out


def matrix(frame: pd.DataFrame, rows: str, columns: str, values: str, t: Translator, *,
           row_header: str, decimals: int = 1, column_label: Callable[[Any], str] = str) -> Table:
    """A cross table (people by competence, teams by competence): one row per ``rows``, a column
    per ``columns`` labelled by ``column_label``, numbers with ``decimals``, empty where
    nothing was measured."""
    wide = frame.pivot_table(index=rows, columns=columns, values=values, aggfunc="mean",
                             sort=True).reset_index()
    described = [text(rows, row_header, pinned=True)]
    for key in wide.columns[1:]:
        described.append(number(key, column_label(key), decimals=decimals, literal=True))
    return table(wide, t, described)


# -- editors --------------------------------------------------------------------------------------

@dataclass
class Form:
    """What ``st.data_editor`` gets (see ``web.editor``) and how to read its edits back."""

    frame: pd.DataFrame
    columns: dict[str, Column]        # column name -> column
    t: Translator
    order: list[str] = field(default_factory=list)

    def read(self, edited: pd.DataFrame) -> pd.DataFrame:
        """The edited frame with its values as the save needs them: numbers from their text
        (refused with row and column when a cell is no number), missing values as None."""
        out = edited.copy()
        for name, column in self.columns.items():
            if name not in out.columns:
                continue
            if column.kind in ("number", "money", "percent"):
                values = []
                for row, value in enumerate(out[name], start=1):
                    try:
                        number = parse_number(value, self.t.lang)
                    except ValueError:
                        raise UserError("display.refused.cell", row=row,
                                        column=column.title(self.t), value=text_of(value)
                                        ) from None
                    if number is not None and column.kind == "percent":
                        number /= 100
                    values.append(number)
                out[name] = pd.Series(values, index=out.index, dtype="object")
            elif column.kind in ("text", "person", "code"):
                out[name] = pd.Series([None if is_blank(v) else v for v in out[name]],
                                      index=out.index, dtype="object")
        return out


def _editable(frame: pd.DataFrame, column: Column, t: Translator) -> pd.Series:
    source = frame[column.name]
    if column.kind in ("number", "money", "percent"):
        write = _formatter(column, t)
        return pd.Series([None if as_number(v) is None else write(v) for v in source],
                         index=frame.index, dtype="object")
    if column.kind == "count":
        return pd.Series(pd.array([None if (n := as_number(v)) is None else round(n)
                                   for v in source], dtype="Int64"), index=frame.index)
    if column.kind == "date":
        return pd.Series([as_date(v) for v in source], index=frame.index, dtype="object")
    if column.kind == "datetime":
        return pd.Series(pd.to_datetime([as_datetime(v) for v in source]), index=frame.index)
    if column.kind == "flag":
        return pd.Series(pd.array([None if is_blank(v) else bool(v) for v in source],
                                  dtype="boolean"), index=frame.index)
    # Object columns, not pandas 3's str dtype: an editor cell must be able to hold None.
    return pd.Series([None if is_blank(v) else v for v in source], index=frame.index,
                     dtype="object")


def editor(frame: pd.DataFrame, t: Translator, columns: Sequence[Column],
           keep: Sequence[str] = ()) -> Form:
    """An editor's data: the columns named (``keep``: hidden ones the save needs, such as ids)
    with values an editor cell can hold and show the local way."""
    data = {name: frame[name].reset_index(drop=True) for name in keep}
    described = {}
    for column in columns:
        data[column.name] = _editable(frame, column, t).reset_index(drop=True)
        described[column.name] = column
    shown = pd.DataFrame(data, index=pd.RangeIndex(len(frame)))
    return Form(shown, described, t, [c.name for c in columns])


def with_options(column: Column, options: Sequence) -> Column:
    return replace(column, options=tuple(options))


# -- number fields --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Entered:
    """What a number field holds: the text as typed, and the number read from it or why not."""

    label: str
    text: str
    number: float | None
    refused: str | None = None        # catalogue key of the reason
    params: dict = field(default_factory=dict)

    @property
    def value(self) -> float | None:
        """The number (None when the field is empty); raises ``FieldRefused`` when the text
        was refused, so nothing is saved (the field shows why under itself)."""
        if self.refused:
            raise FieldRefused(self.refused, field=self.label, value=self.text, **self.params)
        return self.number


def read_field(typed: str, t: Translator, label: str, *, decimals: int = 1,
               minimum: float | None = None, maximum: float | None = None,
               required: bool = False) -> Entered:
    """Read a number field's text the local way, within its bounds."""
    try:
        found = parse_number(typed, t.lang)
    except ValueError:
        return Entered(label, typed, None, "display.refused.not_a_number",
                       {"example": t.number(12.5, 1)})
    if found is None:
        return Entered(label, typed, None, "display.refused.required" if required else None)
    found = round(found, decimals)
    if minimum is not None and found < minimum:
        return Entered(label, typed, None, "display.refused.below",
                       {"minimum": t.number(minimum, decimals)})
    if maximum is not None and found > maximum:
        return Entered(label, typed, None, "display.refused.above",
                       {"maximum": t.number(maximum, decimals)})
    return Entered(label, typed, found)
