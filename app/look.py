"""The style Flexwijs adds to Streamlit's own, in one place: injected once per run by
``app/main.py`` (``st.html`` with only a ``<style>`` goes to Streamlit's event container and takes
no room, streamlit/streamlit#9388).

Four things, each where Streamlit 1.67 has no parameter for it:

- its own English texts in the file uploader ("Drag and drop file here", "Upload", "50MB per
  file • CSV, ...": hard-coded, streamlit/streamlit#13500) and a select box's "No results" are
  hidden and our catalogue's words shown in their place; the "Press Enter to apply / to submit
  form" hints of text and number inputs are hidden (no parameter outside a form, and in a form
  they cover a narrow field such as the amount of a request): Enter still submits;
- printing: no sidebar, no header or toolbar, the page at the full width of the paper, tables
  and charts no wider than the paper (see ``print_rules``);
- the container of the browser-session script (app/web.py) takes no room;
- the texts Streamlit draws only on interaction, in English whatever the page's language: the
  tips of a table's and a chart's toolbar, a table's search and column menu, the date picker,
  the app menu, "Page not found", the names screen readers read out (``aria-label``). No
  parameter or locale exists for them (streamlit/streamlit#1353, localising Streamlit's texts;
  #12699 and #7865, the date picker): ``interface_script`` rewrites them in the browser from
  ``STREAMLIT_TEXTS``, sets the page's ``lang`` (Streamlit's index.html says ``lang="en"``)
  and gives Streamlit's date picker the reader's locale, which it takes from
  ``navigator.language`` (LibConfigContext in index.js): Dutch months, weeks from Monday.

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


# Streamlit 1.67's own English texts, exactly as its frontend writes them, and the catalogue key
# of ours for each (app/locales/*/platform.toml, [streamlit]). A test checks that each still
# occurs in the installed frontend, and the browser scan fails on any other of its texts that a
# Dutch page shows.
STREAMLIT_TEXTS: dict[str, str] = {
    "App pages": "app_pages",
    "Sidebar": "sidebar",
    "Collapse sidebar": "collapse_sidebar",
    "Expand sidebar": "expand_sidebar",
    "Main menu": "main_menu",
    "Skip to main content": "skip_to_main",
    "Link to heading": "link_to_heading",
    "Open": "open",
    "Print": "print",
    "Record screen": "record_screen",
    "Record a screencast": "record_screencast",
    "Made with Streamlit v": "made_with",
    "Copy version to clipboard": "copy_version",
    "Copied": "copied",
    "Close": "close",
    "Dismiss": "dismiss",
    "Page not found": "page_not_found",
    "The page that you have requested does not seem to exist. Running the app's main page.":
        "page_not_found_body",
    "Connecting": "connecting",
    "Connection error": "connection_error",
    "Unable to connect to Streamlit server": "unable_to_connect",
    "Try again": "try_again",
    "Stop": "stop",
    "Fullscreen": "fullscreen",
    "Close fullscreen": "close_fullscreen",
    "Exit fullscreen": "exit_fullscreen",
    "Show/hide columns": "show_hide_columns",
    "Search": "search",
    "Type to search": "type_to_search",
    "Close Search": "close_search",
    "Next Result": "next_result",
    "Previous Result": "previous_result",
    "Clear selection": "clear_selection",
    "Select all": "select_all",
    "Download as CSV": "download_csv",
    "Add row": "add_row",
    "Delete row(s)": "delete_rows",
    "(index)": "index_column",
    "Dataframe column menu": "column_menu",
    "Sort ascending": "sort_ascending",
    "Sort descending": "sort_descending",
    "Format": "format",
    "Autosize": "autosize",
    "Pin column": "pin_column",
    "Unpin column": "unpin_column",
    "Hide column": "hide_column",
    "Copy column name": "copy_column_name",
    "Automatic": "automatic",
    "Localized": "localized",
    "Plain": "plain",
    "Compact": "compact",
    "Percent": "percent",
    "Scientific": "scientific",
    "Accounting": "accounting",
    "Calendar": "calendar",
    "Distance": "distance",
    "Statistics": "statistics",
    "Count": "count",
    "Distinct": "distinct",
    "Average": "average",
    "Median": "median",
    "Minimum": "minimum",
    "Maximum": "maximum",
    "Sum": "sum",
    "Standard deviation": "standard_deviation",
    "Range": "range",
    "Values": "values",
    "Empty": "empty",
    "Average length": "average_length",
    "Minimum length": "minimum_length",
    "Maximum length": "maximum_length",
    "No data": "no_data",
    "Show data": "show_data",
    "Show chart": "show_chart",
    "Download as PNG": "download_png",
    "Copy Vega-Lite spec": "copy_spec",
    "Choose date": "choose_date",
    "Choose date range": "choose_date_range",
    "Clear date": "clear_date",
    "Clear dates": "clear_dates",
    "Quick select a date range": "quick_select",
    "Use arrow keys to navigate dates. Enter to select. Escape to close.": "date_help",
    "Next month": "next_month",
    "Previous month": "previous_month",
    "Date range": "date_range",
    "Select...": "select",
    "Past Week": "past_week",
    "Past Month": "past_month",
    "Past 3 Months": "past_3_months",
    "Past 6 Months": "past_6_months",
    "Past Year": "past_year",
    "Past 2 Years": "past_2_years",
    "Vega visualization": "chart",
}

# The locale Streamlit's date picker is given for each language of ours: Belgian Dutch (Dutch
# month and day names, weeks from Monday), and British English for weeks from Monday too.
BROWSER_LOCALE = {"nl": "nl-BE", "en": "en-GB"}

# Where our own content is drawn: its text is never rewritten, even where a value reads like one
# of Streamlit's texts (a survey answer "Average", a column called "Search"). Markdown is ours
# except in a tooltip, where Streamlit draws its toolbar's tips as Markdown too (our own `help`
# tips are Dutch sentences, never one of its words).
OWN_CONTENT = ('[data-testid="stTable"], [data-testid="stVegaLiteChart"] svg, [role="gridcell"], '
               '[role="columnheader"], [data-testid="stCode"]')
MARKDOWN = '[data-testid="stMarkdownContainer"]'
TOOLTIP = '[data-testid="stTooltipContent"]'


def streamlit_texts(t: Translator) -> dict[str, str]:
    """Streamlit's English text -> ours, in the reader's language."""
    return {english: t(f"streamlit.{key}") for english, key in STREAMLIT_TEXTS.items()}


_INTERFACE_SCRIPT = """<script>
(() => {
  const state = window.flexwijsInterface = window.flexwijsInterface || {};
  state.texts = new Map(Object.entries(%(texts)s));
  state.locale = %(locale)s;
  document.documentElement.lang = %(lang)s;
  try { window.localStorage.setItem(%(store)s, state.locale); } catch (e) {}
  if (state.installed) {
    // Another language: what was rewritten in the last one goes back to Streamlit's own text
    // first (React leaves a text it did not change alone), then speaks the new one.
    if (state.lang !== %(lang)s) { state.restore(); }
    state.lang = %(lang)s;
    state.rewrite(document.body);
    return;
  }
  state.installed = true;
  state.lang = %(lang)s;
  const written = [];   // [node, attribute or null, Streamlit's text, ours]
  const remember = (entry) => {
    // Tips and menus come and go all day: what has left the page is forgotten.
    if (written.length > 5000) {
      const kept = written.filter(([ref]) => ref.deref()?.isConnected);
      written.splice(0, written.length, ...kept);
    }
    written.push(entry);
  };
  state.restore = () => {
    for (const [ref, name, original, rewritten] of written.splice(0)) {
      const node = ref.deref();
      if (node === undefined) { continue; }
      if (name === null) {
        if (node.nodeValue.includes(rewritten)) {
          node.nodeValue = node.nodeValue.replace(rewritten, original);
        }
      } else if (node.getAttribute(name) === rewritten) {
        node.setAttribute(name, original);
      }
    }
  };
  const ATTRIBUTES = ["aria-label", "title", "placeholder", "aria-description"];
  const OWN = %(own)s, MARKDOWN = %(markdown)s, TOOLTIP = %(tooltip)s;
  const ours = (node, text) => {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return element === null || element.closest(OWN) !== null
      || (text && element.closest(MARKDOWN) !== null && element.closest(TOOLTIP) === null);
  };
  // Ours for one of its texts, whole or at the head of a name it builds from it ("Choose date
  // range, november 2026"); null for anything else.
  const translated = (value) => {
    if (state.texts.has(value)) { return state.texts.get(value); }
    const comma = value.indexOf(", ");
    const head = comma > 0 ? value.slice(0, comma) : null;
    return head !== null && state.texts.has(head) ? state.texts.get(head) + value.slice(comma)
                                                  : null;
  };
  const textOf = (node) => {
    const value = node.nodeValue;
    const trimmed = value.trim();
    const rewritten = trimmed ? translated(trimmed) : null;
    if (rewritten === null || ours(node, true)) { return; }
    remember([new WeakRef(node), null, trimmed, rewritten]);
    node.nodeValue = value.replace(trimmed, rewritten);
  };
  const attributesOf = (element) => {
    for (const name of ATTRIBUTES) {
      const value = element.getAttribute(name);
      const rewritten = value === null ? null : translated(value);
      if (rewritten !== null && !ours(element, false)) {
        remember([new WeakRef(element), name, value, rewritten]);
        element.setAttribute(name, rewritten);
      }
    }
  };
  state.rewrite = (root) => {
    if (root.nodeType === Node.TEXT_NODE) { textOf(root); return; }
    if (root.nodeType !== Node.ELEMENT_NODE) { return; }
    attributesOf(root);
    root.querySelectorAll("[aria-label], [title], [placeholder], [aria-description]")
      .forEach(attributesOf);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) { textOf(walker.currentNode); }
  };
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "attributes") { attributesOf(change.target); }
      else if (change.type === "characterData") { textOf(change.target); }
      else { change.addedNodes.forEach(state.rewrite); }
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true,
                             attributes: true, attributeFilter: ATTRIBUTES});
  state.rewrite(document.body);
})();
</script>"""


# Kept in the browser by the script below, for the page that loads next: the locale of the
# language this browser last read Flexwijs in.
LOCALE_STORE = "flexwijs.locale"

# Streamlit's date picker takes its locale when it is first drawn: before its bundle runs, the
# page must already say the reader's locale. app/server.py puts this in the head of the page it
# serves (and the page's lang in place of Streamlit's lang="en").
_HEAD_SCRIPT = """<script>
(() => {
  let locale = %(default)s;
  try { locale = window.localStorage.getItem(%(store)s) || locale; } catch (e) {}
  for (const name of ["language", "languages"]) {
    Object.defineProperty(window.navigator, name, {
      configurable: true,
      get: () => {
        const now = (window.flexwijsInterface && window.flexwijsInterface.locale) || locale;
        return name === "language" ? now : [now];
      },
    });
  }
  document.documentElement.lang = locale.split("-")[0];
})();
</script>"""


def head_script(default_lang: str) -> str:
    return _HEAD_SCRIPT % {"default": json.dumps(BROWSER_LOCALE.get(default_lang, "en-GB")),
                           "store": json.dumps(LOCALE_STORE)}


def served_page(html: str, default_lang: str) -> str:
    """Streamlit's index.html as we serve it: the page's language and the head script."""
    # The page's first lang attribute is its root's (Streamlit writes lang="en" there).
    html = html.replace(' lang="en"', f' lang="{default_lang}"', 1)
    return html.replace("<head>", "<head>" + head_script(default_lang), 1)


def interface_script(t: Translator) -> str:
    """The script that speaks the reader's language where Streamlit draws its own English
    (see the module's docstring). Run once per page load; a later run with another language
    only hands it new texts."""
    texts = {english: ours for english, ours in streamlit_texts(t).items() if english != ours}
    return _INTERFACE_SCRIPT % {
        "texts": json.dumps(texts, ensure_ascii=False).replace("</", "<\\/"),
        "locale": json.dumps(BROWSER_LOCALE.get(t.lang, "en-GB")),
        "lang": json.dumps(t.lang),
        "store": json.dumps(LOCALE_STORE),
        "own": json.dumps(OWN_CONTENT),
        "markdown": json.dumps(MARKDOWN),
        "tooltip": json.dumps(TOOLTIP),
    }


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
