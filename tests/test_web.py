"""Streamlit's own English never reaches the interface: every select, multiselect and uploader
goes through the wrappers of app/web.py, which give them our words; the style of app/look.py
hides the texts Streamlit has no parameter for; downloads are named in the reader's language."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import openpyxl
import pytest

from app import export, look
from app.auth import COMMAND_LINE
from app.i18n import Translator, translate
from app.navigation import PAGES
from tests.conftest import PROJECT_ROOT, TODAY, app_test, first_role_for

# A widget whose own texts are English (placeholders, "Select all", the drop zone) drawn by
# anything but its wrapper in app/web.py: `st.selectbox(`, `st.sidebar.multiselect(`,
# `left.file_uploader(` ... but not `web.selectbox(`.
DIRECT = re.compile(r"(?<![\w.])(?!web\.)[A-Za-z_][\w.]*\.(selectbox|multiselect|file_uploader)\(")


def _sources():
    for folder in ("pages", "app"):
        for path in sorted((PROJECT_ROOT / folder).rglob("*.py")):
            if path != PROJECT_ROOT / "app" / "web.py":
                yield path


def test_no_page_draws_a_select_or_an_uploader_without_our_words():
    found = [f"{path.relative_to(PROJECT_ROOT)}:{n}: {line.strip()}"
             for path in _sources()
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if DIRECT.search(line)]
    assert not found, "use web.selectbox / web.multiselect / web.file_uploader:\n" + \
        "\n".join(found)


def test_the_scan_sees_a_direct_call():
    assert DIRECT.search('x = st.selectbox("a", [1], key="k")')
    assert DIRECT.search('left.multiselect("a", [1], key="k")')
    assert DIRECT.search('st.sidebar.file_uploader("a", key="k")')
    assert not DIRECT.search('x = web.selectbox("a", [1], key="k")')
    assert not DIRECT.search('st.column_config.SelectboxColumn(options=[1])')


OUR_PLACEHOLDERS = {lang: {translate(lang, key) for key in
                           ("widget.choose", "widget.choose_many", "widget.no_options")}
                    for lang in ("nl", "en")}
PAGES_WITH_SELECTS = [spec for spec in PAGES if spec.key != "login"]


@pytest.mark.parametrize("spec", PAGES_WITH_SELECTS, ids=lambda s: s.key)
def test_every_select_on_a_page_has_our_placeholder_and_no_select_all(demo_path, spec):
    """An empty placeholder in the widget's message is what makes the browser write "Choose an
    option" / "Choose options"; select_all other than 0 draws "Select all"."""
    at = app_test(spec.path, role=first_role_for(spec))
    assert not at.exception, [e.value for e in at.exception]
    for box in at.selectbox:
        assert box.proto.placeholder, f"{spec.key}: {box.key} has Streamlit's placeholder"
    for box in at.multiselect:
        assert box.proto.placeholder in OUR_PLACEHOLDERS["nl"], f"{spec.key}: {box.key}"
        assert box.proto.select_all == 0, f"{spec.key}: {box.key} offers 'Select all'"


def test_selects_speak_the_readers_language(demo_path):
    at = app_test("pages/admin_log.py", lang="en")
    placeholders = {box.proto.placeholder for box in at.selectbox}
    assert placeholders <= OUR_PLACEHOLDERS["en"] and placeholders


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_style_replaces_streamlits_uploader_texts_and_hides_the_enter_hints(lang):
    t = Translator(lang)
    css = look.css(t)
    assert t("widget.upload.drop") in css and t("widget.upload.button") in css
    assert f"{look.INPUT_HINTS} {{ display: none; }}" in css
    assert '[data-testid="stSidebar"]' in look.print_rules()
    limit = look.uploader_limit("admin_import.file.learners", t("widget.upload.limit",
                                                                megabytes="50", kinds="CSV"))
    assert ".st-key-admin_import-file-learners" in limit and "50 MB" in limit


def _frontend_source() -> str:
    import streamlit

    folder = Path(streamlit.__file__).parent / "static" / "static" / "js"
    return "".join(path.read_text(encoding="utf-8", errors="ignore")
                   for path in folder.glob("*.js"))


def test_every_streamlit_text_we_rewrite_is_one_its_frontend_draws():
    """An upgrade that rewords one of Streamlit's texts would leave ours unused and its new
    English on the page: each text of STREAMLIT_TEXTS must still be in the installed frontend
    (its "Page not found" message is built there from two sentences)."""
    source = _frontend_source()
    gone = [english for english in look.STREAMLIT_TEXTS
            if f"`{english}`" not in source
            and not all(f"`{part}" in source or f"{part}`" in source
                        for part in english.split(". ") if part)]
    assert not gone, gone


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_interface_script_speaks_the_readers_language(lang):
    t = Translator(lang)
    texts = look.streamlit_texts(t)
    assert set(texts) == set(look.STREAMLIT_TEXTS)
    # A rewritten text is never one to rewrite again (the observer would loop) and never
    # empty; in Dutch, none stays English.
    assert all(texts.values())
    rewritten = {english: ours for english, ours in texts.items() if ours != english}
    assert not set(rewritten.values()) & set(rewritten)
    if lang == "nl":
        # Words Dutch shares with English.
        assert {e for e, ours in texts.items() if ours == e} <= {"Open", "Minimum", "Maximum"}
    script = look.interface_script(t)
    assert f'document.documentElement.lang = "{lang}"' in script
    assert json.dumps(look.BROWSER_LOCALE[lang]) in script
    assert script.count("</script>") == 1


def test_a_text_in_the_style_cannot_close_it():
    css = look.uploader_limit("k", 'a"b</style><script>x</script>')
    assert "</style><script>" not in css and css.count("</style>") == 1


@pytest.mark.parametrize(("lang", "stem", "sheet"), [
    ("nl", "flexwijs-leerlingen", "Leerlingen"), ("en", "flexwijs-learners", "Learners")])
def test_downloads_are_named_in_the_readers_language(demo_db, lang, stem, sheet):
    t = Translator(lang)
    for fmt in ("csv", "xlsx"):
        made = export.export(demo_db, COMMAND_LINE, "learners", fmt, t)
        assert made.file_name == f"{stem}-{TODAY.isoformat()}.{fmt}"
    book = openpyxl.load_workbook(io.BytesIO(made.data))
    assert book.sheetnames == [sheet]


def test_every_download_of_a_page_is_named_from_the_catalogue():
    """A file's name is seen by the reader too (flexwijs-tijdlijn-..., flexwijs-timeline-...):
    it starts with a catalogue text, never with a word written in the page."""
    named = re.compile(r"file_name=(f?)\"([^\"]*)\"")
    found = []
    for path in sorted((PROJECT_ROOT / "pages").glob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in named.finditer(line):
                if not match.group(2).startswith("{t("):
                    found.append(f"{path.name}:{n}: {match.group(0)}")
    assert not found, "\n".join(found)


def test_a_long_table_prints_its_first_rows_and_counts_the_rest():
    """Every table has a print copy drawn on every run: cut at PRINT_ROWS, the last row says
    how many more the export holds (the board's comparison at 2,000 learners has 4,000)."""
    import pandas as pd

    from app import display, web

    frame = pd.DataFrame({"learner": [f"Leerling {n}" for n in range(web.PRINT_ROWS + 700)],
                          "share": [0.5] * (web.PRINT_ROWS + 700)})
    shown = display.table(frame, Translator("nl"), [
        display.person("learner", "progress.col.learner"),
        display.percent("share", "progress.col.gain")])
    copy = web._printable(shown.styler, shown.styler.data, {}).data
    assert len(copy) == web.PRINT_ROWS + 1
    assert copy.iloc[-1, 0] == "… en nog 700 rijen: de volledige lijst staat in de export."
    short = display.table(frame.head(3), Translator("nl"), [
        display.person("learner", "progress.col.learner")])
    assert len(web._printable(short.styler, short.styler.data, {}).data) == 3
