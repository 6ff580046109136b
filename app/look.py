"""The style Flexwijs adds to Streamlit's own, in one place: injected once per run by
``app/main.py`` (``st.html`` with only a ``<style>`` goes to Streamlit's event container and takes
no room, streamlit/streamlit#9388).

Three things, each where Streamlit 1.67 has no parameter for it:

- its own English texts in the file uploader ("Drag and drop file here", "Upload", "50MB per
  file • CSV, ...": hard-coded, streamlit/streamlit#13500) and a select box's "No results" are
  hidden and our catalogue's words shown in their place; the "Press Enter to apply / to submit
  form" hints of text and number inputs are hidden (no parameter outside a form, and in a form
  they cover a narrow field such as the amount of a request): Enter still submits;
- printing: no sidebar, no header or toolbar, the page at the full width of the paper, tables
  and charts no wider than the paper (see ``print_rules``);
- the container of the browser-session script (app/web.py) takes no room.

Pure text here (no Streamlit), so a test can read what each language gets.
"""

from __future__ import annotations

import json
import re

from app.i18n import Translator

# The data-testid attributes of Streamlit 1.67's frontend that the rules below rely on; a
# browser test (tests/browser/test_platform_flows.py) fails when an upgrade renames one.
UPLOADER = '[data-testid="stFileUploaderDropzone"]'
UPLOADER_TEXT = '[data-testid="stFileUploaderDropzoneInstructions"]'
INPUT_HINTS = '[data-testid="InputInstructions"]'
# react-aria's own attribute on a select box's list when typing matched no option.
EMPTY_LIST = '[role="listbox"][data-empty="true"]'


def _css_text(text: str) -> str:
    """A text as a CSS string literal: JSON's quotes and backslash escapes are CSS's too."""
    return json.dumps(text, ensure_ascii=False).replace("<", "\\3C ")


def uploader_rules(t: Translator) -> str:
    return f"""
/* st.file_uploader's own texts are English and fixed (streamlit/streamlit#13500): hide them
   and show ours. The limits themselves are checked again on the server (app/importing). */
{UPLOADER_TEXT} > div > span,
{UPLOADER_TEXT} > div > small {{ display: none; }}
{UPLOADER_TEXT} > div::before {{
  content: {_css_text(t("widget.upload.drop"))};
  display: block;
}}
{UPLOADER_TEXT} > div::after {{
  display: block;
  font-size: 0.8rem;
  opacity: 0.7;
}}
{UPLOADER} button {{ font-size: 0; }}
{UPLOADER} button span, {UPLOADER} button [data-testid="stIconMaterial"] {{ font-size: 1.25rem; }}
{UPLOADER} button::after {{
  content: {_css_text(t("widget.upload.button"))};
  font-size: 0.875rem;
  line-height: 1.6;
  margin-left: 0.4rem;
}}
/* While a file is dragged over it, the zone says "Drag and drop a file here" (no test id). */
{UPLOADER} > div:not([data-testid]) {{ font-size: 0; }}
{UPLOADER} > div:not([data-testid]) *::after {{
  content: {_css_text(t("widget.upload.drop"))};
  font-size: 1rem;
}}
{UPLOADER} button [data-testid="stMarkdownContainer"] {{ display: none; }}
/* "Press Enter to apply", "Press Enter to submit form": no parameter outside a form. */
{INPUT_HINTS} {{ display: none; }}
/* A select box whose typed text matches nothing says "No results", hard-coded in its
   renderEmptyState, with no parameter (streamlit/streamlit#10380: localising its texts). */
{EMPTY_LIST} [role="option"] > span {{ display: none; }}
{EMPTY_LIST}::after {{
  content: {_css_text(t("widget.no_match"))};
  display: block;
  padding: 0.5rem 1rem;
  opacity: 0.7;
}}
"""


def uploader_limit(key: str, text: str) -> str:
    """The limit line of one uploader (its own size and file kinds), by its widget key:
    Streamlit gives a keyed widget's container the class ``st-key-<key>``."""
    # The frontend's own rule for that class (index.js): other characters become "-".
    selector = ".st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())
    return (f"<style>{selector} {UPLOADER_TEXT} > div::after "
            f"{{ content: {_css_text(text)}; }}</style>")


def print_rules() -> str:
    return """
@media print {
  @page { size: A4; margin: 12mm; }
  /* The navigation, the header with its menu, the toolbar of each table and every button
     belong to the screen. */
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stElementToolbar"], [data-testid="stStatusWidget"],
  [data-testid="stBaseButton-secondary"], [data-testid="stBaseButton-primary"],
  [data-testid="stDownloadButton"], [data-testid="stSegmentedControl"] { display: none !important; }
  /* The page takes the paper's whole width. */
  [data-testid="stAppViewContainer"], [data-testid="stMain"], [data-testid="stMainBlockContainer"],
  .stMain, .block-container {
    margin: 0 !important; padding: 0 !important; max-width: 100% !important;
    width: 100% !important; left: 0 !important; overflow: visible !important;
  }
  /* A grid (st.dataframe) is a canvas drawn at the screen's width that scrolls inside
     itself: on paper it would be cut at the right and after its first rows. Every table of
     ours has a static copy beside it (web.dataframe): on paper the copy, whole, in the
     paper's width. */
  .stElementContainer:has([data-testid="stDataFrame"]) { display: none !important; }
  .stElementContainer:has([data-testid="stTable"]) { display: block !important; }
  [data-testid="stTable"] { max-width: 100% !important; overflow: visible !important; }
  /* Fixed layout: the columns share the paper's width whatever their content (a class
     overview with a column per subject laid out by content is wider than A4), and a cell
     wraps its text instead of pushing the table past the edge. */
  [data-testid="stTable"] table {
    width: 100% !important; table-layout: fixed !important; font-size: 8pt;
    border-collapse: collapse;
  }
  [data-testid="stTable"] th, [data-testid="stTable"] td {
    padding: 2px 4px !important;
  }
  /* A long word (a subject's name in a narrow column) breaks inside its cell instead of
     running into the next one. */
  [data-testid="stTable"] th, [data-testid="stTable"] td,
  [data-testid="stTable"] th *, [data-testid="stTable"] td * {
    white-space: normal !important; overflow-wrap: anywhere !important; word-break: break-word;
  }
  [data-testid="stTable"] tr { break-inside: avoid; }
  [data-testid="stVegaLiteChart"], [data-testid="stVegaLiteChart"] > div {
    max-width: 100% !important; break-inside: avoid;
  }
  [data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg {
    max-width: 100% !important; height: auto !important;
  }
}
"""


def css(t: Translator) -> str:
    """Every rule, for the reader's language."""
    return f"""<style>
{uploader_rules(t)}
/* The print copy of each table (web.dataframe) is for paper only. */
@media screen {{
  .stElementContainer:has([data-testid="stTable"]) {{ display: none; }}
}}
{print_rules()}
.st-key-flexwijs-browser {{ display: none; }}
</style>"""
