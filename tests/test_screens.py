"""What a person reads on every page, for every role that may open it, in Dutch and in English.

The sweep (tests/screens.py) opens each page on the hostile demo school (tests/hostile.py),
digs as a person would, and collects every text, table cell, chart label and file name drawn.
The checks fail on what no teacher or director should see: `None`, `nan`, `NaT` and the like;
a catalogue key; a code (`subject_knowledge`, `roles=teacher`, a schema code such as `year`
shown as a value in Dutch, a LimeSurvey question code); a number with the other language's
separators or too many decimals; a date in a table column of text; "1 leerlingen", "rol(len)";
Streamlit's own English in the Dutch interface; and a value from data drawn as Markdown
(tests/test_plain_text.py has the targeted Markdown tests; the sweep of every page is here, so
that no page is rendered twice).

What the checks find today is listed in tests/data/screen_findings.txt: a case fails on any
finding not listed, and on a listed one that no longer occurs, so the list only shrinks. Once a
fix lands, drop the lines it cleared with
    FLEXWIJS_SCREENS=shrink .venv/bin/python -m pytest tests/test_screens.py
(which only removes lines). `FLEXWIJS_SCREENS=record` writes what is found, new findings
included: for review, never to make a failing case pass. A Markdown finding is never listed:
it fails at once.
"""

from __future__ import annotations

import os

import pytest

from tests import screens

CASES = screens.cases()
MODE = os.environ.get("FLEXWIJS_SCREENS", "")


@pytest.fixture(scope="session")
def inventory():
    """The known findings; in shrink or record mode, what this run found, written at the end."""
    yield from screens.inventory_run(screens.INVENTORY, MODE)


# Where the school's data certainly shows, the hostile values must reach Markdown, made plain:
# otherwise the Markdown check passes because nothing was drawn.
REACHES = {
    ("council_learner", "class_council"): {"image", "html", "bold", "address", "link"},
    ("council_class", "class_council"): {"image", "link"},
    ("flex_board", "flex_team"): {"link", "colour"},
    ("surveys", "admin"): {"link", "math"},
    ("home", "admin"): {"image", "link", "colour"},
}


def reached(seen: list[screens.Seen]) -> set[str]:
    from app.i18n import plain
    from tests.hostile import HOSTILE

    texts = [item.text for item in seen if item.markdown]
    return {which for which, value in HOSTILE.items() if any(plain(value) in t for t in texts)}


def sweep(case: screens.Case, monkeypatch, codes_from
          ) -> tuple[set[screens.Finding], list[screens.Seen]]:
    screens.use_codes(codes_from)
    downloads = screens.Downloads()
    downloads.install(monkeypatch)
    at = screens.open_page(case)
    assert not at.exception, [e.value for e in at.exception]
    seen: list[screens.Seen] = []

    def visit(run) -> None:
        seen.extend(screens.collect(run, case.lang, downloads))

    if case.role is None:
        visit(at)
    else:
        screens.dig(at, visit, case.lang)
    return screens.findings(seen, case.lang), seen


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_person_reads_no_code_and_no_leak(hostile_path, hostile_file, case, monkeypatch,
                                            inventory):
    known, found_by_case = inventory
    found, seen = sweep(case, monkeypatch, hostile_file)
    leaks = sorted(f for f in found if f.check == "markdown")
    assert leaks == [], leaks
    if case.lang == "nl" and (case.page, case.role) in REACHES:
        assert REACHES[case.page, case.role] <= reached(seen), reached(seen)
    lines = {finding.line(case) for finding in found}
    listed = known.get(screens.case_key(case), set())
    found_by_case[screens.case_key(case)] = lines
    new, gone = sorted(lines - listed), sorted(listed - lines)
    if MODE == "record":
        return
    message = []
    if new:
        message.append("new on the screen (fix it; the inventory only shrinks):\n  "
                       + "\n  ".join(new))
    if gone and MODE != "shrink":
        message.append(f"no longer found: remove these lines from {screens.INVENTORY.name} "
                       "(or run with FLEXWIJS_SCREENS=shrink):\n  " + "\n  ".join(gone))
    assert not message, "\n".join(message)
