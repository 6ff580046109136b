"""What a person sees on every page, for every role that may open it, in Dutch and in English:
one sweep that the screen checks (tests/test_screens.py) and the Markdown check
(tests/test_plain_text.py) share.

A page is opened through the whole app (navigation and sign-in included) in AppTest, then the
sweep digs as a person would (searches, picks the first row of every table that can be picked,
two rows where a table takes several) and collects, after every run, everything drawn:

- element texts: bodies, titles, labels, help, captions, placeholders, the options of select
  boxes, multiselects, radios, segmented controls and pills (as drawn through format_func),
  metric values and deltas, button labels, toasts, tab, expander and popover labels;
- tables: headers and cells of every st.dataframe and st.data_editor, decoded from the Arrow
  bytes in the element (a pandas Styler's display values where the page passed one, as the
  browser shows them), with column_config labels, hidden columns, formats and select-box
  labels applied as the browser applies them;
- charts: titles, axis and legend titles (a field without a title shows its name) and the data
  values that become labels, from the Vega-Lite spec and datasets in the element;
- downloads: file names, and the sheet names of an XLSX;
- the texts Streamlit itself draws in English when a page leaves them to it (a select box
  without a placeholder reads "Choose an option").

Checks then run over what was collected (see ``CHECKS``); each finding names the check, the
element and the offending text, so a page, role and language plus a finding is one line of the
inventory in tests/data/screen_findings.txt.
"""

from __future__ import annotations

import decimal
import functools
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
from google.protobuf.message import Message
from streamlit.proto.Dataframe_pb2 import Dataframe as DataframeProto

from app import i18n
from app.navigation import PAGES
from tests.conftest import MAIN_SCRIPT, PROJECT_ROOT, ROLE_ORDER, SAMPLES, demo_user_id, shown
from tests.conftest import SAMPLE_OF as USUAL_SAMPLE_OF
from tests.hostile import HOSTILE

# -- opening a page -------------------------------------------------------------------------------

LANGS = ("nl", "en")


@dataclass(frozen=True)
class Case:
    page: str            # page key ("login" for the sign-in page)
    path: str
    role: str | None     # None: not signed in
    lang: str

    @property
    def id(self) -> str:
        return f"{self.page}-{self.role or 'anonymous'}-{self.lang}"


def cases(langs: Iterable[str] = LANGS) -> list[Case]:
    """The sign-in page, then every page for every role that may open it, per language."""
    found = []
    for lang in langs:
        found.append(Case("login", "pages/login.py", None, lang))
        found += [Case(spec.key, spec.path, role, lang)
                  for spec in PAGES for role in ROLE_ORDER if role in spec.roles]
    return found


def open_page(case: Case, timeout: float = 60):
    """An AppTest of the whole app on one page, signed in as the demo account of the role."""
    from streamlit.testing.v1 import AppTest
    from streamlit.util import calc_hash

    at = AppTest.from_file(MAIN_SCRIPT, default_timeout=timeout)
    at.session_state["app.lang"] = case.lang
    if case.role is not None:
        at.session_state["auth.user_id"] = demo_user_id(case.role)
        # st.Page hashes its url_path; AppTest.switch_page needs a first run to learn it, and
        # that run would draw the home page for nothing. Ask for the page by its hash at once.
        spec = next(s for s in PAGES if s.key == case.page)
        at._page_hash = calc_hash(spec.url_path)
    at.run()
    if case.role is not None and not at.exception:
        title = i18n.translate(case.lang, f"page.{case.page}.title")
        assert [h.value for h in at.title][:1] == [title], (case.id, [h.value for h in at.title])
    return at


# Searches that find learners: every learner's first name on the hostile school carries the
# image, and "a" finds someone on any school.
SEARCHES = {"flex_board.search": "pixel", "council_learner.search": "pixel",
            "admin_privacy.search": "pixel"}
MULTI_ROW = DataframeProto.SelectionMode.MULTI_ROW


def _selectable(at) -> Iterator:
    for node in at._tree:
        if getattr(node, "type", None) == "dataframe" and node.key and node.proto.selection_mode:
            yield node


def _pick(at, key: str, rows: list[int]) -> None:
    at.session_state[key] = {"selection": {"rows": rows, "columns": [], "cells": []}}


# The school's own exports, one per import kind: the previews of an upload show their values.
# For a survey, LimeSurvey's.
SAMPLE_OF = {**USUAL_SAMPLE_OF, "survey": "professionaliseringsnoden_limesurvey.csv"}
# Surveys charted the moment they are uploaded: LimeSurvey names its questions by code.
SURVEY_SAMPLES = ("professionaliseringsnoden_limesurvey.csv",)


def _mime(name: str) -> str:
    return "text/csv" if name.endswith(".csv") else \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload_samples(at, lang: str, visit: Callable) -> None:
    """Beheer › Importeren: every kind the viewer may import, with its sample file; Enquêtes:
    the survey samples. `visit(at)` after each."""
    kind_key = f"admin_import.kind@{lang}"
    boxes = [box for box in at.selectbox if box.key == kind_key]
    if boxes:
        by_label = {i18n.translate(lang, f"import.kind.{k}"): k for k in SAMPLE_OF}
        for kind in [by_label[label] for label in boxes[0].options]:
            at.selectbox(key=kind_key).set_value(kind).run()
            name = SAMPLE_OF[kind]
            at.file_uploader(key=f"admin_import.file.{kind}").set_value(
                (name, (SAMPLES / name).read_bytes(), _mime(name))).run()
            assert not at.exception, [e.value for e in at.exception]
            visit(at)
    if any(box.key == "surveys.upload" for box in at.file_uploader):
        for name in SURVEY_SAMPLES:
            at.file_uploader(key="surveys.upload").set_value(
                (name, (SAMPLES / name).read_bytes(), _mime(name))).run()
            assert not at.exception, [e.value for e in at.exception]
            visit(at)


def dig(at, visit: Callable, lang: str = "nl") -> None:
    """What a person does next on any page: search, pick the first row of every table that can
    be picked (three rounds, as new ones appear), then two rows at once where a table allows
    several, then upload the sample files where the page takes one. `visit(at)` after every
    run, the first one included."""
    visit(at)
    picked = set()
    for _ in range(3):
        changed = False
        for box in at.text_input:
            if box.key in SEARCHES and box.value != SEARCHES[box.key]:
                box.input(SEARCHES[box.key])
                changed = True
        for table in _selectable(at):
            if table.key not in picked:
                _pick(at, table.key, [0])
                picked.add(table.key)
                changed = True
        if not changed:
            break
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        visit(at)
    several = [table.key for table in _selectable(at)
               if MULTI_ROW in table.proto.selection_mode]
    if several:
        for key in several:
            _pick(at, key, [0, 1])
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        visit(at)
    upload_samples(at, lang, visit)


# -- what is drawn ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Seen:
    where: str             # the element, e.g. "selectbox prof_plan.year@nl options"
    text: str              # what the reader sees (for Markdown: the source, escapes and all)
    markdown: bool = False  # Streamlit draws it as Markdown
    value: bool = False    # a value on its own: a table cell, an option, a chart label
    arrow: str = ""        # for a table cell: the Arrow type of the column underneath


# Proto message -> its string fields drawn as Markdown. Every other message: `label` and `help`.
# Read from the docstrings of the installed Streamlit 1.67 and checked in Chromium.
MARKDOWN_FIELDS = {
    "Markdown": ("body", "help"),            # st.markdown, st.write, st.caption, st.divider
    "Heading": ("body", "help"),             # st.title, st.header, st.subheader
    "Alert": ("body", "title", "help"),      # st.info, st.success, st.warning, st.error
    "Toast": ("body",),
    "Metric": ("label", "body", "delta", "delta_description", "help"),
    "Radio": ("label", "options", "captions", "help"),
    "Slider": ("label", "options", "help"),  # st.select_slider's options
    "Option": ("content",),                  # st.segmented_control and st.pills options
    "Image": ("caption",),
    "Progress": ("text",),
    "Spinner": ("text",),
    "Dialog": ("title",),
}
WIDGET_FIELDS = ("label", "help")
# Texts drawn as they are (not Markdown), per message.
PLAIN_FIELDS = {
    "Selectbox": ("options", "placeholder"),
    "MultiSelect": ("options", "placeholder"),
    "TextInput": ("placeholder", "default", "value"),
    "TextArea": ("placeholder", "default", "value"),
    "NumberInput": ("placeholder",),
    "Text": ("body",),
    "Json": ("body",),
    # st.code is left out: the kijkwijzer shows the query behind each piece of evidence on
    # purpose, and a query is code by intent.
}
VALUE_FIELDS = {"options", "content"}  # a field whose every entry is a value on its own


def _proto_texts(message: Message, where: str) -> Iterator[Seen]:
    name = message.DESCRIPTOR.name
    markdown = MARKDOWN_FIELDS.get(name, WIDGET_FIELDS)
    plain_fields = PLAIN_FIELDS.get(name, ())
    for field, value in message.ListFields():
        if field.type == field.TYPE_MESSAGE:
            if name in ("Dataframe", "VegaLiteChart"):
                continue   # read as tables and charts
            for part in (value if field.is_repeated else [value]):
                if isinstance(part, Message):
                    yield from _proto_texts(part, where)
        elif field.type == field.TYPE_STRING and field.name in (*markdown, *plain_fields):
            for text in (value if field.is_repeated else [value]):
                if text:
                    yield Seen(f"{where} {field.name}", text, markdown=field.name in markdown,
                               value=field.name in VALUE_FIELDS)


def _where(node) -> str:
    key = getattr(node, "key", None)
    return f"{node.type} {key}" if key else str(node.type)


def hidden_by_style(at) -> frozenset[str]:
    """Which of Streamlit's own texts the page's style hides (app/look.py, injected by
    app/main.py on every run): the input hints, the uploader's drop-zone texts. The browser
    scan (tests/browser/test_screen_flows.py) checks that the style does hide them."""
    from app import look

    style = " ".join(node.proto.body for node in at._tree
                     if getattr(node, "type", None) == "html" and "<style" in node.proto.body)
    hidden = set()
    if f"{look.INPUT_HINTS} {{ display: none; }}" in style:
        hidden.add("input hints")
    if f"{look.UPLOADER_TEXT} > div > span" in style:
        hidden.add("uploader")
    return frozenset(hidden)


def _streamlit_own(node, in_form: Message | None, hidden: frozenset[str] = frozenset()
                   ) -> Iterator[Seen]:
    """Texts the browser draws in Streamlit's English where the page left them to it (and
    its style does not hide them)."""
    kind, proto, where = node.type, node.proto, _where(node)
    if kind == "file_uploader" and "uploader" not in hidden:
        yield Seen(f"{where} drop zone", "Drag and drop file here")
        yield Seen(f"{where} drop zone", "Browse files")
    if kind == "selectbox" and not proto.placeholder:
        if not proto.options:
            yield Seen(f"{where} placeholder", "No options to select")
        elif node.value is None:
            yield Seen(f"{where} placeholder", "Choose an option")
    if kind == "multiselect":
        if not proto.placeholder and not node.value:
            yield Seen(f"{where} placeholder",
                       "Choose options" if proto.options else "No options to select")
        if proto.select_all and proto.options:
            yield Seen(f"{where} menu", "Select all")
    if kind == "radio" and not proto.options:
        yield Seen(f"{where} options", "No options to select")
    if kind in ("text_input", "number_input") and in_form is not None \
            and in_form.enter_to_submit and "input hints" not in hidden:
        yield Seen(f"{where} while typing", "Press Enter to submit form")


def _walk(node, form: Message | None = None) -> Iterator[tuple[object, Message | None]]:
    yield node, form
    proto = getattr(node, "proto", None)
    if isinstance(proto, Message) and proto.DESCRIPTOR.name == "Block" \
            and proto.WhichOneof("type") == "form":
        form = proto.form
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _walk(child, form)


def element_texts(at) -> list[Seen]:
    """Every text of the page's elements, tables and charts excepted."""
    found = []
    hidden = hidden_by_style(at)
    for node, form in _walk(at._tree):
        proto = getattr(node, "proto", None)
        if not isinstance(proto, Message):
            continue
        found.extend(_proto_texts(proto, _where(node)))
        if getattr(node, "type", None) in ("selectbox", "multiselect", "radio", "text_input",
                                           "number_input", "text_area", "file_uploader"):
            found.extend(_streamlit_own(node, form, hidden))
        if proto.DESCRIPTOR.name == "Dataframe" and proto.columns:
            for column, config in json.loads(proto.columns).items():
                if isinstance(config, dict) and config.get("help"):
                    found.append(Seen(f"{_where(node)} column {column!r} help", config["help"],
                                      markdown=True))
    return found


def markdown_texts(at) -> list[tuple[str, str]]:
    """(where, text) of every text the page's elements would draw as Markdown."""
    return [(seen.where, seen.text) for seen in element_texts(at) if seen.markdown]


# -- tables -------------------------------------------------------------------------------------

def _arrow(data: bytes) -> pa.Table | None:
    return pa.ipc.open_stream(data).read_all() if data else None


def _index_columns(table: pa.Table) -> set[str]:
    meta = (table.schema.metadata or {}).get(b"pandas")
    if not meta:
        return set()
    return {c for c in json.loads(meta).get("index_columns", []) if isinstance(c, str)}


def _number_text(value: float, arrow_type: pa.DataType, config: dict, lang: str) -> str:
    """A number as Streamlit's grid writes it (frontend formatNumber of 1.67): no format: up to
    four decimals, a decimal point, no thousands separator; a decimal column with its scale; a
    printf format with printf; the Intl formats ("localized", "euro", "percent", ...) follow
    the browser's language, taken here to be the language of the page."""
    fmt = (config.get("type_config") or {}).get("format") or ""
    if fmt in ("localized", "euro", "dollar", "percent", "compact", "accounting"):
        t = i18n.Translator(lang)
        if fmt == "euro":
            return t.money(value)
        if fmt == "percent":
            return t.percent(value, 2 if value * 100 != round(value * 100) else 0)
        return t.number(value, 0 if float(value).is_integer() else 2)
    if fmt and fmt != "plain" and "%" in fmt:
        try:
            return fmt.replace("%,", "%") % value
        except (TypeError, ValueError):
            return str(value)
    if pa.types.is_integer(arrow_type):
        return str(int(value))
    if pa.types.is_decimal(arrow_type):
        return f"{decimal.Decimal(value):.{arrow_type.scale}f}"
    number = float(value)
    if number.is_integer():
        return str(int(number))
    return f"{number:.4f}".rstrip("0").rstrip(".")


def _cell_texts(value, arrow_type: pa.DataType, config: dict, lang: str) -> list[str]:
    if value is None:
        return []
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return [str(item) for item in value if item is not None]
    if pa.types.is_boolean(arrow_type) or pa.types.is_temporal(arrow_type):
        return []
    if pa.types.is_integer(arrow_type) or pa.types.is_floating(arrow_type) \
            or pa.types.is_decimal(arrow_type):
        if isinstance(value, float) and value != value:
            return []
        return [_number_text(value, arrow_type, config, lang)]
    options = (config.get("type_config") or {}).get("options") or []
    labels = {o["value"]: o["label"] for o in options if isinstance(o, dict)}
    return [str(labels.get(value, value))]


def table_texts(node, lang: str) -> list[Seen]:
    """Headers and cells of one st.dataframe or st.data_editor as the browser draws them."""
    proto = node.proto
    arrow = proto.arrow_data if proto.HasField("arrow_data") else proto.lazy_data.initial_chunk
    table = _arrow(arrow.data)
    if table is None:
        return []
    display = _arrow(arrow.styler.display_values) if arrow.HasField("styler") else None
    configs = json.loads(proto.columns) if proto.columns else {}
    index = _index_columns(table)
    hide_index = (configs.get("_index") or {}).get("hidden", False)
    order = list(proto.column_order)
    placeholder = proto.placeholder if proto.HasField("placeholder") else "None"
    where = _where(node).replace("dataframe", "table", 1)
    found = []
    if table.num_rows == 0:
        found.append(Seen(f"{where} body", "empty"))
    for number, column in enumerate(table.column_names):
        is_index = column in index
        config = configs.get("_index" if is_index else column) or {}
        if not isinstance(config, dict):
            config = {}
        if config.get("hidden") or (is_index and hide_index) \
                or (order and not is_index and column not in order):
            continue
        header = config.get("label") or ("" if column.startswith("__index_level_") else column)
        if header:
            found.append(Seen(f"{where} header", header, value=True))
        arrow_type = table.schema.field(number).type
        shown_column = display.column(number).to_pylist() \
            if display is not None and number < display.num_columns else None
        place = f"{where} column {header or column!r}"
        options = (config.get("type_config") or {}).get("options") or []
        for option in options:
            label = option.get("label") if isinstance(option, dict) else option
            found.append(Seen(f"{place} option", str(label), value=True))
        for row, value in enumerate(table.column(number).to_pylist()):
            if shown_column is not None and shown_column[row] is not None:
                texts = [str(shown_column[row])]
            elif value is None:
                texts = [placeholder]
            else:
                texts = _cell_texts(value, arrow_type, config, lang)
            found.extend(Seen(f"{place} cell", text, value=True, arrow=str(arrow_type))
                         for text in texts if text)
    return found


def print_copy_texts(node) -> list[Seen]:
    """Headers and cells of an st.table (the print copy web.dataframe draws beside each grid):
    unlike the grid, the browser draws each of them as Markdown."""
    arrow = node.proto.arrow_data
    table = _arrow(arrow.data)
    if table is None:
        return []
    display = _arrow(arrow.styler.display_values) if arrow.HasField("styler") else None
    shown_table = display if display is not None else table
    where = f"table {_where(node)}"
    found = [Seen(f"{where} header", column, markdown=True, value=True)
             for column in table.column_names if not column.startswith("__index_level_")]
    for number, column in enumerate(table.column_names):
        if column.startswith("__index_level_") or number >= shown_table.num_columns:
            continue
        found.extend(Seen(f"{where} column {column!r} cell", str(text), markdown=True,
                          value=True)
                     for text in shown_table.column(number).to_pylist() if text)
    return found


# -- charts -------------------------------------------------------------------------------------

CHANNELS = ("x", "y", "x2", "y2", "color", "fill", "stroke", "size", "shape", "opacity",
            "theta", "radius", "row", "column", "facet", "text", "tooltip", "detail")
TITLED = ("x", "y", "color", "fill", "stroke", "size", "shape", "opacity", "theta", "row",
          "column", "facet", "tooltip")


def _layers(spec: dict) -> Iterator[dict]:
    yield spec
    for part in ("layer", "hconcat", "vconcat", "concat"):
        for child in spec.get(part) or []:
            yield from _layers(child)
    if isinstance(spec.get("spec"), dict):
        yield from _layers(spec["spec"])


def _title_texts(title) -> list[str]:
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, list):
        return [str(t) for t in title]
    return [str(title)] if title else []


def chart_texts(node) -> list[Seen]:
    """Titles and labels of one Vega-Lite chart: what Vega draws as text."""
    proto = node.proto
    spec = json.loads(proto.spec)
    data = {d.name: _arrow(d.data.data) for d in proto.datasets}
    if proto.HasField("data") and proto.data.data:
        data[""] = _arrow(proto.data.data)
    found: list[Seen] = []
    # Per channel: the explicit titles; a layer without one adds its field's name only when no
    # layer gives one (Vega-Lite merges the titles of the layers that share an axis).
    explicit: dict[str, list[str]] = {}
    implicit: dict[str, list[str]] = {}
    for layer in _layers(spec):
        found += [Seen("chart title", text) for text in _title_texts(layer.get("title"))]
        name = (layer.get("data") or {}).get("name", "")
        table = data.get(name) if name in data else data.get("")
        values = (layer.get("data") or {}).get("values")
        for channel, encodings in (layer.get("encoding") or {}).items():
            for enc in (encodings if isinstance(encodings, list) else [encodings]):
                if not isinstance(enc, dict):
                    continue
                guide = enc.get("axis") if channel in ("x", "y") else enc.get("legend")
                if "title" in enc or (isinstance(guide, dict) and "title" in guide):
                    title = enc.get("title", (guide or {}).get("title")) \
                        if "title" in enc else guide.get("title")
                    explicit.setdefault(channel, []).extend(_title_texts(title))
                elif enc.get("field") and channel in TITLED and guide is not None:
                    implicit.setdefault(channel, []).append(str(enc["field"]))
                domain = (enc.get("scale") or {}).get("domain")
                if enc.get("type") in ("nominal", "ordinal") and isinstance(domain, list):
                    found += [Seen(f"chart {channel} label", str(v), value=True)
                              for v in domain if v is not None]
                field = enc.get("field")
                if not field or enc.get("type") not in ("nominal", "ordinal") \
                        or channel not in CHANNELS:
                    continue
                column = None
                if table is not None and field in table.column_names:
                    column = table.column(field).to_pylist()
                elif isinstance(values, list):
                    column = [row.get(field) for row in values if isinstance(row, dict)]
                for value in column or []:
                    text = "None" if value is None else str(value)
                    found.append(Seen(f"chart {channel} label", text, value=True))
    for channel, fields in implicit.items():
        if channel not in explicit:
            found += [Seen(f"chart {channel} title", f) for f in fields]
    for channel, titles in explicit.items():
        found += [Seen(f"chart {channel} title", text) for text in titles]
    return found


# -- downloads ----------------------------------------------------------------------------------

class Downloads:
    """File names of the download buttons drawn, recorded where Streamlit registers the files."""

    def __init__(self) -> None:
        self.by_url: dict[str, tuple[str | None, object]] = {}

    def install(self, monkeypatch) -> None:
        from streamlit.runtime.media_file_manager import MediaFileManager

        record = self.by_url
        add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

        def _add(manager, path_or_data, mimetype, coordinates, file_name=None, *args, **kw):
            url = add(manager, path_or_data, mimetype, coordinates, file_name, *args, **kw)
            record[url] = (file_name, path_or_data)
            return url

        def _add_deferred(manager, data_callable, mimetype, coordinates, file_name=None, **kw):
            file_id = add_deferred(manager, data_callable, mimetype, coordinates, file_name, **kw)
            record[file_id] = (file_name, data_callable)
            return file_id

        monkeypatch.setattr(MediaFileManager, "add", _add)
        monkeypatch.setattr(MediaFileManager, "add_deferred", _add_deferred)

    def texts(self, node) -> list[Seen]:
        proto = node.proto
        name, data = self.by_url.get(proto.url or proto.deferred_file_id, (None, None))
        where = _where(node)
        if not name:
            return []
        found = [Seen(f"{where} file", name, value=True)]
        if name.endswith(".xlsx"):
            found += [Seen(f"{where} sheet", sheet, value=True) for sheet in _sheets(data)]
        return found


def _sheets(data) -> list[str]:
    """Sheet names of an XLSX, made the way a click makes it (a deferred file is built then)."""
    from openpyxl import load_workbook

    made = data() if callable(data) else data
    if isinstance(made, str) or made is None:
        return []
    content = made if isinstance(made, bytes) else made.read()
    return load_workbook(io.BytesIO(content), read_only=True).sheetnames


# -- everything ---------------------------------------------------------------------------------

def collect(at, lang: str, downloads: Downloads | None = None) -> list[Seen]:
    """Everything a person would see on the page as it stands."""
    found = element_texts(at)
    for node in at._tree:
        kind = getattr(node, "type", None)
        if kind == "dataframe":
            found += table_texts(node, lang)
        elif kind == "table":
            found += print_copy_texts(node)
        elif kind == "vega_lite_chart":
            found += chart_texts(node)
        elif kind == "download_button" and downloads is not None:
            found += downloads.texts(node)
    return found


# -- the checks ---------------------------------------------------------------------------------

@dataclass(frozen=True, order=True)
class Finding:
    check: str
    where: str
    text: str

    def line(self, case: Case) -> str:
        return " | ".join([case.page, case.role or "anonymous", case.lang, self.check,
                           self.where, self.text.replace("|", "\\|").replace("\n", " ")])


def _reader_text(seen: Seen) -> str:
    """What the reader sees of a text: Markdown escapes, icons, link targets and addresses
    gone (an address's dots and underscores are no number and no code)."""
    text = seen.text
    for value in HOSTILE.values():   # the test school's own data, not ours to judge
        text = text.replace(value, " ").replace(i18n.plain(value), " ")
    if seen.markdown:
        text = shown(text)
        text = re.sub(r":material/[a-z0-9_]+:", " ", text)
        text = re.sub(r"\]\([^)\s]*\)", "]", text)
    text = re.sub(r"\b(?:https?|ftp)://\S+", " ", text)
    text = re.sub(r"\bwww\.\S+", " ", text)
    text = re.sub(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", " ", text)          # e-mail addresses
    text = re.sub(r"\b[\w-]+\.(?:csv|xlsx|xls|txt|json|html|pdf|png|duckdb|toml)\b", " ", text)
    return text


MISSING = re.compile(r"(?<![\w<])(None|nan|NaN|NaT|null|<NA>|undefined)(?![\w>])")


def check_missing(seen: Seen, text: str, lang: str) -> Iterator[str]:
    if seen.value:
        if text.strip() in ("None", "nan", "NaN", "NaT", "null", "<NA>", "undefined"):
            yield text.strip()
        elif MISSING.search(text) and not _is_data(text):
            yield MISSING.search(text).group(1)
    else:
        yield from (m.group(1) for m in MISSING.finditer(text))


def _is_data(text: str) -> bool:
    """A hostile value from the test school's data (they contain no missing-value words)."""
    return any(value in text for value in HOSTILE.values())


# The codes the code check knows; the sweep adds those of the school it runs on (use_codes).
CODES: set[str] = set()


def use_codes(db_path: Path | str | None) -> None:
    CODES.clear()
    CODES.update(schema_codes(db_path))


KEY_SHAPE = re.compile(r"(?<![\w./\\-])[a-z][a-z0-9]*(?:\.[a-z0-9_]+)+(?![\w/-])")
SNAKE = re.compile(r"(?<![\w./\\@-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@-])")
ASSIGNMENT = re.compile(r"(?<![\w.])[a-z][a-z_]*=[\w,.-]+")
LIMESURVEY = re.compile(r"\b(?:G\d+Q\d+|SQ\d{3})\b")


@functools.cache
def catalogue_keys() -> frozenset[str]:
    return frozenset(i18n.catalogue("nl")) | frozenset(i18n.catalogue("en"))


def check_key(seen: Seen, text: str, lang: str) -> Iterator[str]:
    for match in KEY_SHAPE.finditer(text):
        token = match.group(0).rstrip(".")
        if token in catalogue_keys() or "_" in token:
            yield token


def schema_codes(db_path: Path | str | None = None) -> frozenset[str]:
    """Codes of the schema and its seed data: every lower-case word quoted in a migration
    (check constraints, seeded ids), the app's code lists, the audit actions the code writes,
    and, on a school's database, the names of its text columns and every value of a text
    column whose values are all codes (kinds, sources, statuses, tags, roles, audit actions
    and entities)."""
    return _codes_in_source() | (_codes_in_database(str(db_path)) if db_path else frozenset())


@functools.cache
def _codes_in_source() -> frozenset[str]:
    codes: set[str] = set()
    for path in sorted((PROJECT_ROOT / "queries" / "schema").glob("*.sql")):
        sql = re.sub(r"--[^\n]*", "", path.read_text(encoding="utf-8"))
        codes |= set(re.findall(r"'([a-z][a-z_]+)'", sql))
    from app import auth
    from app.prof import competences, rules
    from app.team import coaching, selfcheck

    for values in (auth.ROLES, rules.FORMS, rules.COLLECTIVES, rules.KEY_KINDS,
                   rules.SOURCE_KINDS, rules.STATES, competences.TARGET_KINDS,
                   coaching.STATUSES, coaching.DOMAINS, coaching.ORIGINS, coaching.DEGREES,
                   selfcheck.DECISIONS):
        codes |= {v for v in values if isinstance(v, str)}
    audit_call = re.compile(r'audit\(\s*"([a-z][a-z_]+)"(?:,\s*"([a-z][a-z_]+)")?')
    for path in (PROJECT_ROOT / "app").rglob("*.py"):
        for pair in audit_call.findall(path.read_text(encoding="utf-8")):
            codes |= {part for part in pair if part}
    return frozenset(codes)


@functools.cache
def _codes_in_database(path: str) -> frozenset[str]:
    import duckdb

    codes: set[str] = set()
    with duckdb.connect(path, read_only=True) as con:
        columns = con.execute(
            "select table_name, column_name, data_type from information_schema.columns"
            " where table_schema = 'main' and table_name <> 'schema_version'").fetchall()
        # A column's own name shown as a header ("amount") is a code as much as its values.
        codes |= {column for _, column, _ in columns if re.fullmatch(r"[a-z][a-z_]+", column)}
        for table, column, _ in [c for c in columns if c[2] == "VARCHAR"]:
            values = [row[0] for row in con.execute(
                f'select distinct "{column}" from "{table}" where "{column}" is not null'
                " limit 41").fetchall()]
            if 0 < len(values) <= 40 and all(re.fullmatch(r"[a-z][a-z_]+", v) for v in values):
                codes |= set(values)
    return frozenset(codes)


@functools.cache
def _words(lang: str) -> frozenset[str]:
    words: set[str] = set()
    for text in i18n.catalogue(lang).values():
        words |= {w.lower() for w in re.findall(r"[^\W\d_]+", re.sub(r"\{\w+\}", " ", text))}
    return frozenset(words)


@functools.cache
def _reads_as_a_word(lang: str, code: str) -> bool:
    """A code that reads as the word the catalogue itself writes for it: `team` is "team" in
    Dutch. A code with labels (`prof.collective.team`) counts when one label is the code
    itself; a code without, when the catalogue uses it as a word."""
    labels = {v.strip().lower() for k, v in i18n.catalogue(lang).items()
              if k.endswith(f".{code}")}
    return code in labels if labels else code in _words(lang)


# A week as stored ('2026-W49'), where people say 'week 49'.
ISO_WEEK = re.compile(r"\b\d{4}-W\d{2}\b")


def check_code(seen: Seen, text: str, lang: str) -> Iterator[str]:
    for match in SNAKE.finditer(text):
        if match.group(0) not in catalogue_keys():
            yield match.group(0)
    yield from (m.group(0) for m in ASSIGNMENT.finditer(text))
    yield from (m.group(0) for m in LIMESURVEY.finditer(text))
    yield from (m.group(0) for m in ISO_WEEK.finditer(text))
    if lang == "nl" and seen.value:
        value = text.strip()
        if value in CODES and "_" not in value and not _reads_as_a_word(lang, value):
            yield value


# Dutch writes 1,2 · 72,5 % · € 150,00 · 1.200; English 1.2 · 72.5% · €150.00 · 1,200.
POINT_DECIMAL = re.compile(r"(?<![\w.,])\d+\.(\d+)(?![\w]|[.,]\d)")
COMMA_DECIMAL = re.compile(r"(?<![\w.,])\d+,(\d+)(?![\w]|[.,]\d)")
ADDRESS = re.compile(r"\b\d+(?:\.\d+){2,}\b")   # 127.0.0.1, 1.2.3: no numbers


# Numbering, not numbers: the kijkwijzer's indicator "2.1" at the start of its text, or a list
# of them ("2.1, 3.1 en 10.4").
NUMBERING = re.compile(r"^\W*\d{1,2}\.\d{1,2}(?=[*_]*\s+\w)"
                       r"|\d{1,2}\.\d{1,2}(?:(?:,\s*|\s+(?:en|and)\s+)\d{1,2}\.\d{1,2})+")


def check_number(seen: Seen, text: str, lang: str) -> Iterator[str]:
    text = NUMBERING.sub(" ", ADDRESS.sub(" ", text))
    if lang == "nl":
        for match in POINT_DECIMAL.finditer(text):
            whole = match.group(0)
            if len(match.group(1)) == 3 and len(whole.split(".")[0]) <= 3:
                continue   # 1.200: a thousands separator
            yield whole
        for match in COMMA_DECIMAL.finditer(text):
            if len(match.group(1)) > 2:
                yield match.group(0)
    else:
        for match in COMMA_DECIMAL.finditer(text):
            if len(match.group(1)) != 3:
                yield match.group(0)
        for match in POINT_DECIMAL.finditer(text):
            if len(match.group(1)) > 3:
                yield match.group(0)


DATE_TEXT = re.compile(r"^\s*(?:\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?"
                       r"|\d{1,2}/\d{1,2}/\d{4}(?: \d{2}:\d{2})?)\s*$")


def check_date_text(seen: Seen, text: str, lang: str) -> Iterator[str]:
    """A date in a table column of text: it sorts as text (14/10 before 2/11)."""
    if seen.arrow in ("string", "large_string") and " cell" in seen.where \
            and DATE_TEXT.match(seen.text):
        yield "date as text"


@functools.cache
def plural_words(lang: str) -> frozenset[str]:
    """Nouns the catalogue writes after a number of more than one ('{count} leerlingen'),
    less the ones it also writes after one."""
    texts = i18n.catalogue(lang)
    after_many, after_one = set(), set()
    for key, text in texts.items():
        for word in re.findall(r"\{\w+\} ([^\W\d_]+)", text):
            (after_one if key.endswith(".one") else after_many).add(word.lower())
        after_one |= {w.lower() for w in re.findall(r"(?<![\d.,])1 ([^\W\d_]+)", text)}
    ending = ("en", "s") if lang == "nl" else ("s",)
    return frozenset(w for w in after_many - after_one if w.endswith(ending)
                     and not w.endswith(("ss", "is", "us", "as", "os", "ys")))


PLURAL_MARK = re.compile(r"[^\W\d_]\((?:e?n|s|es|len|ren|'s)\)")


def check_plural(seen: Seen, text: str, lang: str) -> Iterator[str]:
    for match in re.finditer(r"(?<![\d.,])1 ([^\W\d_]+)", text):
        if match.group(1).lower() in plural_words(lang):
            yield match.group(0)
    yield from (m.group(0) for m in PLURAL_MARK.finditer(text))


# Streamlit's own English, as the browser draws it (frontend of 1.67).
STREAMLIT_ENGLISH = ("Choose an option", "Choose options", "Choose or add", "Select all",
                     "Drag and drop", "per file", "Browse files", "Press Enter",
                     "Page not found", "No results", "No options", "Clear all")
STREAMLIT_ENGLISH_WORDS = re.compile(r"(?<!\w)(Upload|empty)(?!\w)")


# Every text Streamlit's installed frontend can draw in English: the template literals of its
# bundle that read as words ("Sort ascending", "Show data", "(index)"), not as names of code
# ("ArrowDown", "TEXTAREA"). Read from the installed package, so that an upgrade adding a text
# is caught by the browser scans without a list of ours to keep up.
FRONTEND_LITERAL = re.compile(
    r"`((?:[A-Z][a-z]+(?:/[a-z]+)?|\([a-z]+\))(?: [A-Za-z0-9()/'.,-]+){0,14})`")


@functools.cache
def streamlit_frontend_texts() -> frozenset[str]:
    import streamlit

    folder = Path(streamlit.__file__).parent / "static" / "static" / "js"
    found: set[str] = set()
    for path in folder.glob("*.js"):
        found.update(FRONTEND_LITERAL.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return frozenset(found)


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W\d_]+", str(text))]


@functools.cache
def _english_frontend_texts() -> frozenset[str]:
    """The frontend's texts that are English: its bundle also holds texts in other languages
    (react-aria's "Klik om het datumbereik te selecteren", a "Negeren" for a Dutch browser),
    and Dutch shares words with English ("Start", "Open", "Minimum"). A text is English when
    more of its words are English words (of our English catalogue, or of the Streamlit texts
    we know) than Dutch words of our Dutch catalogue."""
    from app import look

    dutch = {w for text in i18n.catalogue("nl").values() for w in _words(text)}
    english = {w for text in [*i18n.catalogue("en").values(), *look.STREAMLIT_TEXTS]
               for w in _words(text)}

    def is_english(text: str) -> bool:
        words = _words(text)
        return sum(w in english for w in words) > sum(w in dutch for w in words)

    return frozenset(t for t in streamlit_frontend_texts() if is_english(t))


def streamlit_english_in(seen: Iterable[str]) -> list[str]:
    """What a Dutch page shows (its texts and the names of its elements) that is Streamlit's
    own English: a whole text that is one of its texts, or one that holds a phrase of three
    words or more of it (its "Page not found" message is built from two)."""
    english = _english_frontend_texts()
    phrases = [e for e in english if e.count(" ") >= 2]
    found = []
    for text in seen:
        text = text.strip()
        if text in english or any(phrase in text for phrase in phrases):
            found.append(text)
    return sorted(set(found))


def check_streamlit_english(seen: Seen, text: str, lang: str) -> Iterator[str]:
    if lang != "nl":
        return
    for phrase in STREAMLIT_ENGLISH:
        if phrase in text:
            yield phrase
    if seen.value and text.strip() == "empty":
        yield "empty"
    elif not seen.value:
        yield from (m.group(1) for m in STREAMLIT_ENGLISH_WORDS.finditer(text))


def check_markdown(seen: Seen, text: str, lang: str) -> Iterator[str]:
    """A value from data reaching Markdown unescaped, or a value escaped twice."""
    if not seen.markdown:
        if "\\" in seen.text and any(i18n.plain(v) in seen.text for v in HOSTILE.values()):
            yield "escaped in a plain text"
        return
    for which, value in HOSTILE.items():
        if value in seen.text:
            yield f"{which} as Markdown"
    if DOUBLE_ESCAPE.search(seen.text):
        yield "escaped twice"


DOUBLE_ESCAPE = re.compile(r"\\\\\\[!-/:-@\[-`{-~]")

CHECKS: dict[str, Callable[[Seen, str, str], Iterator[str]]] = {
    "markdown": check_markdown,
    "missing": check_missing,
    "key": check_key,
    "code": check_code,
    "number": check_number,
    "date": check_date_text,
    "plural": check_plural,
    "streamlit": check_streamlit_english,
}


def findings(seen: Iterable[Seen], lang: str) -> set[Finding]:
    """What the checks find; in a table column, the first offending cell per check (one line
    for a column of a hundred `None`s)."""
    found, columns = set(), set()
    for item in seen:
        text = _reader_text(item)
        for name, check in CHECKS.items():
            for token in check(item, text, lang):
                if item.where.endswith(" cell"):
                    if (name, item.where) in columns:
                        continue
                    columns.add((name, item.where))
                found.add(Finding(name, item.where, token))
    return found


def text_findings(text: str, lang: str, where: str = "page text") -> set[Finding]:
    """The same checks over a page's plain text (the browser's inner text): no Markdown, no
    tables."""
    found = set()
    for line in text.splitlines():
        item = Seen(where, line)
        for name, check in CHECKS.items():
            if name in ("markdown", "date"):
                continue
            found |= {Finding(name, where, token) for token in check(item, _reader_text(item),
                                                                      lang)}
    return found


# -- the inventory of what the checks find today --------------------------------------------------

INVENTORY = PROJECT_ROOT / "tests" / "data" / "screen_findings.txt"


def read_inventory(path: Path = INVENTORY) -> dict[tuple[str, str, str], set[str]]:
    """(page, role, lang) -> its known finding lines."""
    known: dict[tuple[str, str, str], set[str]] = {}
    if not path.exists():
        return known
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        page, role, lang = (part.strip() for part in line.split(" | ")[:3])
        known.setdefault((page, role, lang), set()).add(line)
    return known


def case_key(case: Case) -> tuple[str, str, str]:
    return case.page, case.role or "anonymous", case.lang


def write_inventory(path: Path, header: str, lines: Iterable[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + "".join(f"{line}\n" for line in sorted(set(lines))),
                    encoding="utf-8")


def inventory_header(path: Path) -> str:
    if not path.exists():
        return ""
    return "".join(f"{line}\n" for line in path.read_text(encoding="utf-8").splitlines()
                   if line.startswith("#"))




def inventory_run(path: Path, mode: str) -> Iterator[tuple[dict, dict]]:
    """The body of an inventory fixture: yields (known, found); at the end, in `shrink` or
    `record` mode, writes what this run found back to `path`."""
    known = read_inventory(path)
    found: dict[tuple[str, str, str], set[str]] = {}
    yield known, found
    if mode not in ("shrink", "record") or not found:
        return
    lines = {line for key, kept in known.items() if key not in found for line in kept}
    for key, now in found.items():
        lines |= now if mode == "record" else (now & known.get(key, set()))
    write_inventory(path, inventory_header(path), lines)
